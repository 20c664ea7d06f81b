// The boundaries between early warning (R-EW-1) and academic watch (R-AW-1), and R-SES-3.
import { describe, expect, it } from 'vitest';
import { computeKeyDates } from '../../domain/calendar/deadlines';
import { endOfDayInstant } from '../../domain/calendar/dates';
import { getBuiltinPolicy } from '../../domain/policy/policy';
import { initialState, type TCandidateState } from '../../domain/lifecycle/state';
import { academicWatchHolds, assignmentStanding, earlyWarningHolds } from '../../domain/risk/risk';
import { jamal } from '../support/fixtures';

const policy = getBuiltinPolicy('rossier');
const start = jamal({ enrolledOn: '2026-06-15' });
const keyDates = computeKeyDates(
  { assignmentStart: start.assignmentStart, enrolledOn: '2026-06-15', cohortStart: start.cohortStart },
  policy,
);
const afterSession = (n: number) =>
  endOfDayInstant(keyDates.sessions.find((s) => s.number === n)!.assignmentDue, 'America/Los_Angeles') + 1;
const dueOf = (n: number) => keyDates.sessions.find((s) => s.number === n)!.assignmentDue;
const submit = (
  s: TCandidateState,
  n: number,
  opts: { lateBy?: number; accepted?: boolean; subpar?: boolean } = {},
): TCandidateState => {
  const late = (opts.lateBy ?? 0) > 0;
  return {
    ...s,
    assignments: [
      ...s.assignments,
      { session: n, date: dueOf(n), late, lateAccepted: late && opts.accepted === true, subpar: opts.subpar === true },
    ],
  };
};
const base: TCandidateState = { ...initialState(start), phase: 'year1' };
const judge = (s: TCandidateState, now: number) => {
  const st = assignmentStanding(s, keyDates, now);
  return { ew: earlyWarningHolds(st, policy), aw: academicWatchHolds(st, policy), missing: st.missing };
};

describe('early warning vs academic watch', () => {
  it('R-EW-1 R-AW-1: one missing assignment is neither an early warning nor academic watch', () => {
    const s = submit(submit(base, 1), 3);
    expect(judge(s, afterSession(3))).toEqual({ ew: false, aw: false, missing: [2] });
  });

  it('R-EW-1 R-AW-1: two missing assignments raise both the early warning and academic watch', () => {
    const s = submit(base, 1);
    expect(judge(s, afterSession(3))).toEqual({ ew: true, aw: true, missing: [2, 3] });
  });

  it('R-AW-1: habitually late (three late submissions, all accepted) is academic watch without an early warning', () => {
    let s = base;
    for (const n of [1, 2, 3]) s = submit(s, n, { lateBy: 2, accepted: true });
    expect(judge(s, afterSession(3))).toEqual({ ew: false, aw: true, missing: [] });
  });

  it('R-EW-1: subpar work alone is an early warning, not academic watch', () => {
    const s = submit(submit(base, 1, { subpar: true }), 2);
    expect(judge(s, afterSession(2))).toEqual({ ew: true, aw: false, missing: [] });
  });

  it('R-SES-3: a late submission counts only when the instructor accepts it', () => {
    const notAccepted = submit(submit(base, 1, { lateBy: 1, accepted: false }), 2);
    expect(judge(notAccepted, afterSession(2)).missing).toEqual([1]);
    const accepted = submit(submit(base, 1, { lateBy: 1, accepted: true }), 2);
    expect(judge(accepted, afterSession(2)).missing).toEqual([]);
  });

  it('R-EW-1: an assignment is missing only once its due day has ended in Pacific time', () => {
    const s = submit(base, 1);
    expect(judge(s, afterSession(2) - 2).missing).toEqual([]);
    expect(judge(s, afterSession(2)).missing).toEqual([2]);
  });
});
