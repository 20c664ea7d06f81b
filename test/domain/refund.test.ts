// R-ADM-5: the refund decision of a withdrawal is recorded (for the report) and stated in the
// candidate's confirmation: less the deposit within the first week, none later or after a drop.
import { describe, expect, it } from 'vitest';
import { ZCandidateEvent } from '../../domain/events';
import { zonedInstant } from '../../domain/calendar/dates';
import { rossier } from '../../domain/policy/policy';
import { applyEvent, type TEventContext } from '../../domain/lifecycle/reducer';
import { computeLifecycleDates } from '../../domain/lifecycle/dates';
import { statusConfirmations } from '../../domain/lifecycle/confirmations';
import { initialState, type TCandidateState } from '../../domain/lifecycle/state';
import { renderTemplate } from '../../domain/notifications';
import { jamal } from '../support/fixtures';

const links = { portalUrl: 'https://casc.example.edu' };
const year1: TCandidateState = { ...initialState(jamal({ enrolledOn: '2026-06-20' })), phase: 'year1' };
const withdraw = (date: string, extra: object = {}) => {
  const { keyDates } = computeLifecycleDates(year1, rossier);
  const ctx: TEventContext = {
    today: date,
    year2Start: keyDates.programYears.year2.start,
    refundWindowEnds: keyDates.refundWindowEnds,
    policy: rossier,
    keyDates,
  };
  const s = applyEvent(
    year1,
    ZCandidateEvent.parse({ type: 'withdrawn', reason: 'Moved out of state', date, ...extra }),
    ctx,
  );
  const [confirmation] = statusConfirmations(
    s,
    rossier,
    zonedInstant(date, '10:00', 'America/Los_Angeles'),
    links,
  ).notices;
  return { withdrawal: s.withdrawal, text: renderTemplate(confirmation!.template, confirmation!.data as never).text };
};

describe('R-ADM-5: refunds', () => {
  it('R-ADM-5: within the first week (cohort start Aug 3, window to Aug 10) the decision is "lessDeposit" and the confirmation says so', () => {
    const { withdrawal, text } = withdraw('2026-08-10');
    expect(withdrawal).toEqual({
      date: '2026-08-10',
      reason: 'Moved out of state',
      refundEligible: true,
      refund: 'lessDeposit',
    });
    expect(text).toContain(
      'Because you withdrew within the first week of the program, the fees you paid will be refunded except the non-refundable deposit',
    );
  });

  it('R-ADM-5: the day after, "none", because the withdrawal came after the first week', () => {
    const { withdrawal, text } = withdraw('2026-08-11');
    expect(withdrawal).toMatchObject({ refundEligible: false, refund: 'none' });
    expect(text).toContain('Because the withdrawal came after the first week of the program, no refund is due.');
  });

  it('R-ADM-5 R-INT-1: a drop for missing work is "none" even inside the first week, with that reason — never "after the first week"', () => {
    const { withdrawal, text } = withdraw('2026-08-05', { droppedForMissingWork: true });
    expect(withdrawal).toEqual({
      date: '2026-08-05',
      reason: 'Moved out of state',
      refundEligible: false,
      refund: 'none',
      droppedForMissingWork: true,
    });
    expect(text).toContain('Because the withdrawal follows a drop for missing work, no refund is due.');
    expect(text).not.toContain('after the first week');
  });
});
