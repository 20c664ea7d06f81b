// R-INT-2 and R-PF-2: the messages an event owes the candidate at once, each once, never stale.
import { describe, expect, it } from 'vitest';
import { addMonths, zonedInstant } from '../../domain/dates';
import { getBuiltinPolicy } from '../../domain/policy';
import { renderTemplate } from '../../domain/notifications';
import { eventConfirmations } from '../../domain/lifecycle/confirmations';
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
  portfolio: { ...base.portfolio, presentations: [{ date, panelScores: passed ? [3, 3, 4] : [3, 2, 3], medicalExemption: false, passed }] },
});

describe('event confirmations', () => {
  it('R-INT-2: a deferral is confirmed to the candidate (coach copied) with the day the program resumes and the moved deadlines', () => {
    const { notices } = eventConfirmations(deferred, policy, at('2026-09-10'), links);
    expect(notices.map((n) => [n.key, n.template, n.to.role, n.cc?.map((c) => c.role)])).toEqual([['deferral.0:candidate', 'deferral.confirmation.candidate', 'candidate', ['coach']]]);
    const data = notices[0]!.data as { resumesOn: string; shiftedDeadlines?: { item: string; dueDate: string }[] };
    expect(data.resumesOn).toBe(addMonths('2026-09-10', 4));
    // The candidate's next deadlines, after the deferral moved them: none before it ends.
    expect(data.shiftedDeadlines?.length).toBeGreaterThan(0);
    expect(data.shiftedDeadlines!.every((d) => d.dueDate >= '2027-01-10')).toBe(true);
    expect([...data.shiftedDeadlines!.map((d) => d.dueDate)]).toEqual([...data.shiftedDeadlines!.map((d) => d.dueDate)].sort());
    const email = renderTemplate('deferral.confirmation.candidate', notices[0]!.data as never);
    expect(email.subject).toBe('Your 4-month deferral is confirmed');
    expect(email.text).toContain('January 10, 2027');
  });

  it('R-INT-2: sent once (the key is remembered), and not for a deferral older than two weeks', () => {
    expect(eventConfirmations({ ...deferred, notified: ['deferral.0:candidate'] }, policy, at('2026-09-10'), links).notices).toEqual([]);
    expect(eventConfirmations(deferred, policy, at('2026-09-24'), links).notices).toHaveLength(1);
    expect(eventConfirmations(deferred, policy, at('2026-09-25'), links).notices).toEqual([]);
  });

  it('R-PF-2: a presentation that did not pass tells the candidate the next steps, coach and PA copied; a passed one sends nothing', () => {
    const { notices } = eventConfirmations(failed('2028-05-10'), policy, at('2028-05-10'), links);
    expect(notices.map((n) => [n.template, n.cc?.map((c) => c.role)])).toEqual([['portfolioPanel.notice.candidate', ['coach', 'pa']]]);
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
});
