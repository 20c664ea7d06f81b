// The weekly digest's pure parts: who sees which candidates, what a digest may say, when it goes
// out, and which single emails it replaces.
import { describe, expect, it } from 'vitest';
import { ZCandidateStart, type TCandidateStartInput } from '../../domain/lifecycle/candidate';
import { zonedInstant } from '../../domain/calendar/dates';
import {
  buildDigestGroups,
  digestEmails,
  digestFilter,
  isoWeek,
  minimizedName,
  nextDigestAt,
} from '../../domain/notifications/digest';
import { planMoment, type TNotificationIntent } from '../../domain/lifecycle/planner';
import { initialState, type TCandidateState } from '../../domain/lifecycle/state';
import { deriveStatus } from '../../domain/lifecycle/status';
import { renderTemplate } from '../../domain/notifications';
import { rossier, type TProgramPolicy } from '../../domain/policy/policy';
import { utc } from './fixtures';

const digestOn: TProgramPolicy = {
  ...rossier,
  notifications: { ...rossier.notifications, digest: { enabled: true, weekday: 1 } },
};
const GLORIA = { name: 'Gloria Sharp', email: 'gloria.sharp@example.org' };
const RON = { name: 'Ron Okafor', email: 'ron.okafor@example.org' };
const PA = { name: 'Dr. Tran', email: 'pa.tran@example.edu' };
const GOAL = 'Lead a data cycle on chronic absence with the attendance team';

function candidate(
  id: string,
  name: string,
  coach: typeof GLORIA | undefined,
  patch: Partial<TCandidateState> = {},
): TCandidateState {
  const input: TCandidateStartInput = {
    programId: 'rossier',
    candidateId: id,
    policyId: 'rossier',
    cohortStart: '2026-08-03',
    assignmentStart: '2026-06-15',
    enrolledOn: '2026-07-01',
    candidate: { name, email: `${id}@example.org` },
    supervisor: { name: 'Dana Principal', email: 'dana@example.org' },
    programAdministrator: PA,
    ...(coach ? { coach } : {}),
  };
  const state = initialState(ZCandidateStart.parse(input));
  return { ...state, ...(coach ? { coachAssignedOn: '2026-07-10' } : {}), ...patch };
}

const asOf = '2026-08-24'; // a Monday
const now = zonedInstant(asOf, '08:00', 'America/Los_Angeles');
const jamal = candidate('jamal', 'Jamal Jackson', GLORIA, {
  iip: {
    year1: { standards: ['cpsel1'], goals: [{ cpsel: 'cpsel1', goal: GOAL }], revisions: 0, submittedOn: '2026-08-20' },
    year2: { standards: [], goals: [], revisions: 0 },
  },
  flags: { earlyWarning: true, academicWatch: false, atRisk: false, deferred: false },
} as Partial<TCandidateState>);
const maria = candidate('maria', 'María José de la Cruz', RON);
const lee = candidate('lee', 'Lee', undefined);
const statuses = [jamal, maria, lee].map((s) => deriveStatus(s, rossier, now));

describe('weekly digest: grouping', () => {
  const groups = buildDigestGroups(statuses, asOf);
  const group = (role: string, email: string) => groups.find((g) => g.role === role && g.to.email === email);

  it('Digest: a coach sees only their own candidates; the PA sees every candidate', () => {
    expect(groups.map((g) => `${g.role}:${g.to.email}`)).toEqual([
      'coach:gloria.sharp@example.org',
      'coach:ron.okafor@example.org',
      'pa:pa.tran@example.edu',
    ]);
    expect(group('coach', GLORIA.email)?.candidates.map((c) => c.candidateName)).toEqual(['Jamal J.']);
    expect(group('coach', RON.email)?.candidates.map((c) => c.candidateName)).toEqual(['María C.']);
    // The flagged candidate first, then by name.
    expect(group('pa', PA.email)?.candidates.map((c) => c.candidateName)).toEqual(['Jamal J.', 'Lee', 'María C.']);
  });

  it('Digest: deadlines of the next 14 days (sorted, overdue marked), flags and pace; later ones wait', () => {
    const entry = group('coach', GLORIA.email)!.candidates[0]!;
    expect(entry.flags).toEqual({ earlyWarning: true, academicWatch: false, atRisk: false });
    expect(entry.upcoming.map((u) => u.due)).toEqual([...entry.upcoming.map((u) => u.due)].sort());
    expect(entry.upcoming.every((u) => u.due <= '2026-09-07')).toBe(true);
    expect(entry.upcoming.map((u) => u.label)).toEqual(
      expect.arrayContaining([expect.stringMatching(/IIP approved/), expect.stringMatching(/Orientation/)]),
    );
    const lateLee = buildDigestGroups(
      [deriveStatus(lee, rossier, zonedInstant('2026-08-12', '08:00', 'America/Los_Angeles'))],
      '2026-08-12',
    );
    expect(lateLee[0]?.candidates[0]?.upcoming).toContainEqual({
      label: expect.stringMatching(/Coach paired/),
      due: '2026-07-31',
      overdue: true,
    });
    const leeEntry = group('pa', PA.email)!.candidates.find((c) => c.candidateName === 'Lee')!;
    expect(leeEntry.hoursBehind).toEqual([]);
  });

  it('Digest: R-IIP-5 names are minimized and no IIP content, email address or full name reaches a digest', () => {
    expect(minimizedName('Jamal Jackson')).toBe('Jamal J.');
    expect(minimizedName('  ada  lovelace ')).toBe('ada L.');
    expect(minimizedName('Lee')).toBe('Lee');
    const emails = digestEmails(groups, {
      programId: 'rossier',
      programName: rossier.name,
      asOf,
      portalUrl: 'http://127.0.0.1:8787',
    });
    const text = JSON.stringify([
      groups.flatMap((g) => g.candidates),
      emails.map((e) => e.data),
      emails.map((e) => renderTemplate(e.template, e.data)),
    ]);
    for (const secret of [GOAL, 'Jackson', 'jamal@example.org', 'Dana', 'cpsel1']) expect(text).not.toContain(secret);
  });

  it("Digest: one email per reader, rendered by its role's template, keyed by program, ISO week, role and address", () => {
    const emails = digestEmails(groups, {
      programId: 'rossier',
      programName: rossier.name,
      asOf,
      portalUrl: 'http://127.0.0.1:8787',
    });
    expect(emails.map((e) => [e.template, e.to.email, e.idempotencyKey])).toEqual([
      ['weeklyDigest.notice.coach', GLORIA.email, 'digest-rossier:2026-W35:coach:gloria.sharp@example.org'],
      ['weeklyDigest.notice.coach', RON.email, 'digest-rossier:2026-W35:coach:ron.okafor@example.org'],
      ['weeklyDigest.notice.pa', PA.email, 'digest-rossier:2026-W35:pa:pa.tran@example.edu'],
    ]);
    const rendered = renderTemplate(emails[0]!.template, emails[0]!.data);
    expect(rendered.subject).toMatch(/week of/);
    expect(rendered.text).toMatch(/Jamal J\.: early warning/);
    expect(isoWeek('2026-12-31')).toBe('2026-W53');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
    expect(isoWeek('2027-01-04')).toBe('2027-W01');
  });
});

describe('weekly digest: when', () => {
  it('Digest: goes out on digest.weekday at sendAt program time, DST-correct, strictly after now', () => {
    expect(nextDigestAt(utc('2026-10-27T19:00:00Z'), digestOn)).toBe(utc('2026-11-02T16:00:00Z')); // Mon 08:00 PST
    expect(nextDigestAt(utc('2026-10-20T19:00:00Z'), digestOn)).toBe(utc('2026-10-26T15:00:00Z')); // Mon 08:00 PDT
    expect(nextDigestAt(utc('2026-11-02T16:00:00Z'), digestOn)).toBe(utc('2026-11-09T16:00:00Z')); // the moment itself: next week
    expect(nextDigestAt(utc('2026-11-02T15:59:00Z'), digestOn)).toBe(utc('2026-11-02T16:00:00Z'));
    expect(nextDigestAt(utc('2026-03-03T19:00:00Z'), digestOn)).toBe(utc('2026-03-09T15:00:00Z')); // after spring forward
    const friday = {
      ...digestOn,
      notifications: { ...digestOn.notifications, sendAt: '16:30', digest: { enabled: true, weekday: 5 } },
    };
    expect(nextDigestAt(utc('2026-10-20T19:00:00Z'), friday)).toBe(utc('2026-10-23T23:30:00Z'));
  });
});

describe('weekly digest: suppression of single emails', () => {
  const intent = (
    template: TNotificationIntent['template'],
    role: TNotificationIntent['to']['role'],
  ): TNotificationIntent => ({
    key: `${template}`,
    template,
    to: { role, name: 'X Y', email: 'x@example.org' },
    data: {},
  });
  const mixed = [
    intent('iipStart.reminder.candidate', 'candidate'),
    intent('iipStart.reminder.coach', 'coach'),
    intent('coachMatch.reminder.pa', 'pa'),
    intent('iipApproval.reminder.supervisor', 'supervisor'),
    intent('iipStart.escalation.pa', 'pa'),
    intent('coachMatch.escalation.director', 'director'),
    intent('earlyWarning.notice.candidate', 'candidate'),
    intent('hoursPace.notice.coach', 'coach'),
    intent('academicWatch.notice.pa', 'pa'),
  ];

  it('Digest: with the digest on, coach and PA reminders are dropped; candidate and supervisor reminders, escalations and notices stay', () => {
    expect(digestFilter(mixed, digestOn).map((n) => n.template)).toEqual([
      'iipStart.reminder.candidate',
      'iipApproval.reminder.supervisor',
      'iipStart.escalation.pa',
      'coachMatch.escalation.director',
      'earlyWarning.notice.candidate',
      'hoursPace.notice.coach',
      'academicWatch.notice.pa',
    ]);
    expect(digestFilter(mixed, rossier)).toEqual(mixed);
  });

  it("Digest: the planner sends the coach's IIP reminder singly when the digest is off, and leaves it to the digest when it is on", () => {
    const state = candidate('amir', 'Amir Haddad', GLORIA);
    const at = zonedInstant('2026-09-18', '08:00', 'America/Los_Angeles');
    const links = { portalUrl: 'http://127.0.0.1:8787' };
    const off = planMoment(state, rossier, at, links).due.map((n) => n.template);
    expect(off).toEqual(expect.arrayContaining(['iipStart.reminder.candidate', 'iipStart.reminder.coach']));
    const on = planMoment(state, digestOn, at, links).due.map((n) => n.template);
    expect(on).toContain('iipStart.reminder.candidate');
    expect(on).not.toContain('iipStart.reminder.coach');
  });
});
