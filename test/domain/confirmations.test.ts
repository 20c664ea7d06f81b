// R-INT-2 and R-PF-2: the messages an event owes the candidate at once, each once, never stale.
import { describe, expect, it } from 'vitest';
import { addMonths, zonedInstant } from '../../domain/calendar/dates';
import { getBuiltinPolicy } from '../../domain/policy/policy';
import { addressingProblem, renderTemplate } from '../../domain/notifications';
import { eventConfirmations, statusConfirmations } from '../../domain/lifecycle/confirmations';
import { computeLifecycleDates } from '../../domain/lifecycle/dates';
import { initialState, type TCandidateState } from '../../domain/lifecycle/state';
import { GLORIA, jamal } from '../support/fixtures';

const policy = getBuiltinPolicy('rossier');
const at = (date: string, time = '09:00') => zonedInstant(date, time, policy.timeZone);
const links = { portalUrl: 'http://localhost:8787' };
const base: TCandidateState = { ...initialState(jamal({ enrolledOn: '2026-06-15', coach: GLORIA })), phase: 'year1' };
const deferred: TCandidateState = { ...base, shifts: [{ from: '2026-09-10', months: 4, kind: 'deferral' }] };
const failed = (date: string, passed = false): TCandidateState => ({
  ...base,
  phase: 'year2',
  portfolio: {
    ...base.portfolio,
    presentations: [{ date, panelScores: passed ? [3, 3, 4] : [3, 2, 3], medicalExemption: false, passed }],
  },
});

describe('event confirmations', () => {
  it('R-INT-2: a deferral is confirmed to the candidate (coach copied) with the day the program resumes and the moved deadlines', () => {
    const { notices } = eventConfirmations(deferred, policy, at('2026-09-10'), links);
    expect(notices.map((n) => [n.key, n.template, n.to.role, n.cc?.map((c) => c.role)])).toEqual([
      ['deferral.0:candidate', 'deferral.confirmation.candidate', 'candidate', ['coach']],
    ]);
    const data = notices[0]!.data as { resumesOn: string; shiftedDeadlines?: { item: string; dueDate: string }[] };
    expect(data.resumesOn).toBe(addMonths('2026-09-10', 4));
    // The candidate's next deadlines, after the deferral moved them: none before it ends.
    expect(data.shiftedDeadlines).toEqual([
      { item: 'CPSEL pre assessment by candidate, coach, supervisor', dueDate: '2027-01-13' },
      { item: 'CASC 00: Coaching and Induction', dueDate: '2027-01-14' },
      { item: 'Assignment for CASC 00: Coaching and Induction', dueDate: '2027-01-21' },
      { item: 'Year 1 IIP begun (60 days)', dueDate: '2027-02-02' },
      { item: 'CASC 01: Developing a Shared Vision', dueDate: '2027-02-12' },
    ]);
    const email = renderTemplate('deferral.confirmation.candidate', notices[0]!.data as never);
    expect(email.subject).toBe('Your 4-month deferral is confirmed');
    expect(email.text).toContain('January 10, 2027');
  });

  it('R-INT-2: sent once (the key is remembered), and not for a deferral older than two weeks', () => {
    expect(
      eventConfirmations({ ...deferred, notified: ['deferral.0:candidate'] }, policy, at('2026-09-10'), links).notices,
    ).toEqual([]);
    expect(eventConfirmations(deferred, policy, at('2026-09-24'), links).notices).toHaveLength(1);
    expect(eventConfirmations(deferred, policy, at('2026-09-25'), links).notices).toEqual([]);
  });

  it('R-PF-2: a presentation that did not pass tells the candidate the next steps, coach and PA copied; a passed one sends nothing', () => {
    const { notices } = eventConfirmations(failed('2028-05-10'), policy, at('2028-05-10'), links);
    expect(notices.map((n) => [n.template, n.cc?.map((c) => c.role)])).toEqual([
      ['portfolioPanel.notice.candidate', ['coach', 'pa']],
    ]);
    const email = renderTemplate('portfolioPanel.notice.candidate', notices[0]!.data as never);
    expect(email.text).toContain('May 10, 2028');
    expect(email.text).not.toContain('3, 2, 3'); // scores stay in the portal
    expect(eventConfirmations(failed('2028-05-10', true), policy, at('2028-05-10'), links).notices).toEqual([]);
  });

  it('R-INT-2: recorded during quiet hours, the confirmation waits for 07:00', () => {
    const r = eventConfirmations(deferred, policy, at('2026-09-10', '21:30'), links);
    expect(r.notices).toEqual([]);
    expect(r.wakeAt).toBe(at('2026-09-11', '07:00'));
  });

  it('R-EXT-1: a granted one-year extension is confirmed with the new completion date (the moved recommendation month), coach and PA copied, once', () => {
    const extended: TCandidateState = {
      ...base,
      phase: 'year2',
      shifts: [{ from: '2028-04-20', months: 12, kind: 'extension' }],
    };
    const { notices } = statusConfirmations(extended, policy, at('2028-04-20'), links);
    expect(notices.map((n) => [n.key, n.template, n.to.role, n.cc?.map((c) => c.role)])).toEqual([
      ['extension.0:candidate', 'extension.confirmation.candidate', 'candidate', ['coach', 'pa']],
    ]);
    const due = computeLifecycleDates(extended, policy).keyDates.recommendationTarget.due;
    expect(due > computeLifecycleDates(base, policy).keyDates.recommendationTarget.due).toBe(true);
    expect(notices[0]!.data).toMatchObject({ approvedOn: '2028-04-20', newCompletionDate: due });
    expect(renderTemplate('extension.confirmation.candidate', notices[0]!.data as never).text).toContain(
      'April 20, 2028',
    );
    expect(
      statusConfirmations({ ...extended, notified: ['extension.0:candidate'] }, policy, at('2028-04-20'), links)
        .notices,
    ).toEqual([]);
    // A deferral is not an extension: eventConfirmations confirms it, statusConfirmations does not.
    expect(statusConfirmations(deferred, policy, at('2026-09-10'), links).notices).toEqual([]);
  });

  it('R-ADM-5: a withdrawal is confirmed with its refund statement: within the first week fees less the deposit, later none', () => {
    const withdrawn = (date: string, refundEligible: boolean): TCandidateState => ({
      ...base,
      phase: 'withdrawn',
      withdrawal: { date, reason: 'family move', refundEligible },
    });
    const early = statusConfirmations(withdrawn('2026-08-10', true), policy, at('2026-08-10'), links).notices;
    expect(early.map((n) => [n.key, n.template, n.cc?.map((c) => c.role)])).toEqual([
      ['withdrawal:candidate', 'withdrawal.confirmation.candidate', ['coach', 'pa']],
    ]);
    const earlyText = renderTemplate('withdrawal.confirmation.candidate', early[0]!.data as never).text;
    expect(earlyText).toContain('August 10, 2026');
    expect(earlyText).toContain('refunded except the non-refundable deposit');
    const late = statusConfirmations(withdrawn('2026-08-11', false), policy, at('2026-08-11'), links).notices;
    expect(renderTemplate('withdrawal.confirmation.candidate', late[0]!.data as never).text).toContain(
      'no refund is due',
    );
    // A back-dated withdrawal older than two weeks gets no stale message.
    expect(statusConfirmations(withdrawn('2026-08-10', true), policy, at('2026-08-25'), links).notices).toEqual([]);
  });

  it('every confirmation is addressed as its template allows (the SES activity refuses a stray copy)', () => {
    const all = [
      ...eventConfirmations(deferred, policy, at('2026-09-10'), links).notices,
      ...eventConfirmations(failed('2028-05-10'), policy, at('2028-05-10'), links).notices,
      ...statusConfirmations(
        { ...base, phase: 'year2', shifts: [{ from: '2028-04-20', months: 12, kind: 'extension' }] },
        policy,
        at('2028-04-20'),
        links,
      ).notices,
      ...statusConfirmations(
        { ...base, phase: 'withdrawn', withdrawal: { date: '2026-08-10', reason: 'move', refundEligible: true } },
        policy,
        at('2026-08-10'),
        links,
      ).notices,
    ];
    expect(all.map((n) => n.template).sort()).toEqual([
      'deferral.confirmation.candidate',
      'extension.confirmation.candidate',
      'portfolioPanel.notice.candidate',
      'withdrawal.confirmation.candidate',
    ]);
    expect(all.every((n) => n.cc && n.cc.length > 0)).toBe(true);
    expect(all.map((n) => addressingProblem(n)).filter(Boolean)).toEqual([]);
  });
});
