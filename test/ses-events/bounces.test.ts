// R-NOT (delivery; domain.md has no rule for bounces): an address SES reports undeliverable is
// marked on the record, mail to it is held (not sent, not counted as notified) and the PA owes its
// correction; once corrected, the held mail is planned again and goes to the new address.
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../domain/calendar/dates';
import { rossier } from '../../domain/policy/policy';
import type { TCandidateEvent } from '../../domain/events';
import { ZCandidateEvent } from '../../domain/events';
import { planMoment, type TNotificationIntent } from '../../domain/lifecycle/planner';
import { initialState, upgradeState, ZCandidateState, type TCandidateState } from '../../domain/lifecycle/state';
import { applyEvent, rejectEvent, type TEventContext } from '../../domain/lifecycle/reducer';
import { computeLifecycleDates } from '../../domain/lifecycle/dates';
import { holdUndeliverable } from '../../domain/lifecycle/bounces';
import { deriveStatus } from '../../domain/lifecycle/status';
import { openTasks, taskSummary } from '../../domain/portal/tasks';
import { jamal } from '../support/fixtures';

const links = { portalUrl: 'https://casc.example.edu' };
const at = (date: string) => zonedInstant(date, '08:00', 'America/Los_Angeles');
const start = jamal({
  candidateId: 'jamal-b1',
  enrolledOn: '2026-06-20',
  coach: { name: 'Gloria Sharp', email: 'gloria.sharp@example.org' },
});
const year1: TCandidateState = {
  ...initialState(start),
  phase: 'year1',
  coachAssignedOn: '2026-06-25',
  orientationOn: '2026-08-10',
  moreReminders: true,
  hoursReminders: true,
};

function ctx(state: TCandidateState, today: string): TEventContext {
  const { keyDates } = computeLifecycleDates(state, rossier);
  return {
    today,
    year2Start: keyDates.programYears.year2.start,
    refundWindowEnds: keyDates.refundWindowEnds,
    policy: rossier,
    keyDates,
  };
}
/** As the workflow's update handler: validated, then applied (or the reason it is refused). */
function record(state: TCandidateState, raw: TCandidateEvent, today: string): TCandidateState | string {
  const event = ZCandidateEvent.parse(raw);
  return rejectEvent(state, event, ctx(state, today)) ?? applyEvent(state, event, ctx(state, today));
}
const ok = (s: TCandidateState | string): TCandidateState => {
  if (typeof s === 'string') throw new Error(s);
  return s;
};
const bounced: TCandidateEvent = {
  type: 'emailBounced',
  role: 'coach',
  bounce: 'bounce',
  sesMessageId: '0101-abc',
  by: { role: 'system', id: 'ses-events' },
};
const portfolio = (s: TCandidateState, date: string) =>
  planMoment(s, rossier, at(date), links).due.filter((n) => n.key.startsWith('portfolio.'));
const line = (n: TNotificationIntent) =>
  `${n.key} → ${n.to.email}${n.cc?.length ? ` cc ${n.cc.map((c) => c.email).join(',')}` : ''}`;

describe('R-NOT (delivery): a bounced address holds its mail until the PA corrects it', () => {
  it('R-NOT: emailBounced marks the coach undeliverable, on the timeline, without the address', () => {
    const s = ok(record(year1, bounced, '2027-06-10'));
    expect(s.undeliverable).toEqual([
      { role: 'coach', bounce: 'bounce', date: '2027-06-10', sesMessageId: '0101-abc' },
    ]);
    expect(s.timeline.at(-1)).toEqual({ date: '2027-06-10', kind: 'emailBounced', detail: 'coach (bounce)' });
    expect(JSON.stringify(s.timeline)).not.toContain('gloria.sharp');
    // Once marked, a second bounce of the same person is refused (the consumer acknowledges and moves on).
    expect(record(s, { ...bounced, sesMessageId: '0101-def' }, '2027-06-11')).toBe(
      "the coach's address is already marked undeliverable (since 2027-06-10)",
    );
    expect(record(year1, { ...bounced, role: 'director' }, '2027-06-10')).toBe('there is no director on the record');
  });

  it("R-NOT R-REM-1: the coach's reminder is held (not notified, planned again), the supervisor's goes; after the correction it goes to the new address", () => {
    let s = ok(record(year1, bounced, '2027-06-10'));
    const first = holdUndeliverable(s, portfolio(s, '2027-06-16'));
    expect(first.send.map(line)).toEqual(['portfolio.year1Review:r14:supervisor → dana.principal@example.org']);
    expect(first.held.map(line)).toEqual(['portfolio.year1Review:r14:coach → gloria.sharp@example.org']);
    // What the workflow records after sending: only what went out.
    s = { ...s, notified: [...s.notified, ...first.send.map((n) => n.key)] };
    expect(holdUndeliverable(s, portfolio(s, '2027-06-16')).held.map((n) => n.key)).toEqual([
      'portfolio.year1Review:r14:coach',
    ]);

    s = ok(record(s, { type: 'contactCorrected', role: 'coach', email: 'gloria.sharp@district.org' }, '2027-06-17'));
    expect(s.undeliverable).toEqual([]);
    expect(s.start.coach).toEqual({ name: 'Gloria Sharp', email: 'gloria.sharp@district.org' });
    expect(s.timeline.at(-1)).toEqual({ date: '2027-06-17', kind: 'contactCorrected', detail: 'coach' });
    const after = holdUndeliverable(s, portfolio(s, '2027-06-17'));
    expect(after.send.map(line)).toEqual(['portfolio.year1Review:r14:coach → gloria.sharp@district.org']);
    expect(after.held).toEqual([]);
  });

  it('R-NOT: a copy to an undeliverable address is dropped from a message that still goes to its addressee', () => {
    const s = ok(record(year1, { ...bounced, role: 'pa', bounce: 'complaint' }, '2027-06-10'));
    const pa = { role: 'pa' as const, name: 'Dr. Tran', email: 'PA.Tran@example.edu' };
    const coach = { role: 'coach' as const, name: 'Gloria Sharp', email: 'gloria.sharp@example.org' };
    const intents: TNotificationIntent[] = [
      {
        key: 'a:candidate',
        template: 'deadline.reminder.candidate',
        to: { role: 'candidate', name: 'Jamal Jackson', email: 'jamal.jackson@example.org' },
        cc: [pa, coach],
        data: {},
      },
      {
        key: 'b:candidate',
        template: 'deadline.reminder.candidate',
        to: { role: 'candidate', name: 'Jamal Jackson', email: 'jamal.jackson@example.org' },
        cc: [pa],
        data: {},
      },
      { key: 'c:pa', template: 'deadline.escalation.pa', to: pa, data: {} },
    ];
    const { send, held } = holdUndeliverable(s, intents);
    expect(send.map(line)).toEqual([
      'a:candidate → jamal.jackson@example.org cc gloria.sharp@example.org',
      'b:candidate → jamal.jackson@example.org',
    ]);
    expect(send[1]).not.toHaveProperty('cc');
    expect(held.map((n) => n.key)).toEqual(['c:pa']);
    // No marks: everything goes, untouched.
    expect(holdUndeliverable(year1, intents)).toEqual({ send: intents, held: [] });
  });

  it('R-NOT: the PA (and the director on the record) get a correction task linking to the form; status names the role', () => {
    const withDirector: TCandidateState = {
      ...year1,
      start: { ...year1.start, director: { name: 'Dr. Rivera', email: 'rivera@example.edu' } },
    };
    const s = ok(record(withDirector, { ...bounced, role: 'supervisor' }, '2027-06-10'));
    const { keyDates } = computeLifecycleDates(s, rossier);
    const tasks = openTasks(s, rossier, keyDates, '2027-06-10').filter((t) => t.rule === 'R-NOT');
    expect(tasks).toEqual([
      {
        id: 'contact.supervisor',
        rule: 'R-NOT',
        label: "Correct the site supervisor's email address (undeliverable)",
        due: '2027-06-10',
        overdue: false,
        role: 'pa',
        path: '/portal/rossier-jamal-b1/contacts/supervisor',
      },
      {
        id: 'contact.supervisor',
        rule: 'R-NOT',
        label: "Correct the site supervisor's email address (undeliverable)",
        due: '2027-06-10',
        overdue: false,
        role: 'director',
        path: '/portal/rossier-jamal-b1/contacts/supervisor',
      },
    ]);
    expect(taskSummary(s, rossier, at('2027-06-10')).tasks.filter((t) => t.rule === 'R-NOT')).toHaveLength(2);
    const status = deriveStatus(s, rossier, at('2027-06-10'));
    expect(status.undeliverable).toEqual([{ role: 'supervisor', bounce: 'bounce', date: '2027-06-10' }]);
    expect(status.people.director).toEqual({ name: 'Dr. Rivera', email: 'rivera@example.edu' });

    const fixed = ok(
      record(
        s,
        { type: 'contactCorrected', role: 'supervisor', email: 'dana@school.org', by: { role: 'pa', id: 'pa-1' } },
        '2027-06-11',
      ),
    );
    expect(openTasks(fixed, rossier, keyDates, '2027-06-11').filter((t) => t.rule === 'R-NOT')).toEqual([]);
    expect(deriveStatus(fixed, rossier, at('2027-06-11')).undeliverable).toEqual([]);
  });

  it("R-NOT: a new coach ends the old coach's mark; the same address again clears a mark but is refused without one", () => {
    const s = ok(record(year1, bounced, '2027-06-10'));
    const replaced = ok(
      record(s, { type: 'coachAssigned', coach: { name: 'Ana Ruiz', email: 'ana.ruiz@example.org' } }, '2027-06-11'),
    );
    expect(replaced.undeliverable).toEqual([]);
    const same = ok(
      record(s, { type: 'contactCorrected', role: 'coach', email: 'Gloria.Sharp@example.org' }, '2027-06-11'),
    );
    expect(same.undeliverable).toEqual([]);
    expect(
      record(year1, { type: 'contactCorrected', role: 'coach', email: 'gloria.sharp@example.org' }, '2027-06-11'),
    ).toBe("gloria.sharp@example.org is already the coach's address");
    expect(
      record(
        { ...year1, start: { ...year1.start, supervisor: undefined } },
        { type: 'contactCorrected', role: 'supervisor', email: 'x@school.org' },
        '2027-06-11',
      ),
    ).toBe('there is no supervisor on the record; assign one with supervisorAssigned');
    // The PA's own address: state.start.programAdministrator.
    const pa = ok(record(year1, { type: 'contactCorrected', role: 'pa', email: 'tran@example.edu' }, '2027-06-11'));
    expect(pa.start.programAdministrator).toEqual({ name: 'Dr. Tran', email: 'tran@example.edu' });
  });

  it('R-NOT: records from before the field (no `undeliverable`) load, upgrade and hold nothing; a record without marks keeps its shape', () => {
    const old = { ...year1 } as Record<string, unknown>;
    delete old.undeliverable;
    const parsed = ZCandidateState.parse(old);
    expect(upgradeState(parsed).undeliverable).toBeUndefined();
    expect(holdUndeliverable(parsed, portfolio(parsed, '2027-06-16')).held).toEqual([]);
    // A coach change on a record that never bounced adds no field (continue-as-new payloads unchanged).
    const changed = ok(
      record(
        year1,
        { type: 'coachAssigned', coach: { name: 'Ana Ruiz', email: 'ana.ruiz@example.org' } },
        '2027-06-11',
      ),
    );
    expect('undeliverable' in changed).toBe(false);
    expect(
      ZCandidateEvent.safeParse({ type: 'contactCorrected', role: 'coach', email: `${'a'.repeat(250)}@x.org` }).success,
    ).toBe(false);
    expect(ZCandidateEvent.safeParse({ type: 'contactCorrected', role: 'instructor', email: 'a@b.org' }).success).toBe(
      false,
    );
  });
});
