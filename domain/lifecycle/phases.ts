// Phase changes that happen by the calendar rather than by an event: the program year begins, year
// 2 begins, completion review opens in the recommendation-target month (R-REC-6).
import { compareDates, localDateOf, startOfDayInstant, type TLocalDate } from '../calendar/dates';
import type { TProgramPolicy } from '../policy/policy';
import { computeLifecycleDates } from './dates';
import type { TCandidateState, TPhase } from './state';

function calendarTransitions(
  state: TCandidateState,
  policy: TProgramPolicy,
): { phase: TPhase; from: TPhase[]; on: TLocalDate }[] {
  const { keyDates } = computeLifecycleDates(state, policy);
  return [
    { from: ['enrolled'], phase: 'year1', on: keyDates.programYears.year1.start },
    { from: ['enrolled', 'year1'], phase: 'year2', on: keyDates.programYears.year2.start },
    { from: ['year2'], phase: 'completionReview', on: keyDates.recommendationTarget.opens },
  ];
}

/** The state with every calendar phase change up to now applied (each recorded on the timeline). */
export function advanceByTime(state: TCandidateState, policy: TProgramPolicy, nowMs: number): TCandidateState {
  const today = localDateOf(nowMs, policy.timeZone);
  let next = state;
  for (const t of calendarTransitions(state, policy)) {
    if (t.from.includes(next.phase) && compareDates(today, t.on) >= 0) {
      next = {
        ...next,
        phase: t.phase,
        timeline: [...next.timeline, { date: t.on, kind: 'phaseChanged', detail: t.phase }],
      };
    }
  }
  return next;
}

/** When the next calendar phase change is due (epoch ms), if any. */
export function nextPhaseChangeAt(state: TCandidateState, policy: TProgramPolicy, nowMs: number): number | undefined {
  const t = calendarTransitions(state, policy).find((x) => x.from.includes(state.phase));
  if (!t) return undefined;
  const at = startOfDayInstant(t.on, policy.timeZone);
  return at > nowMs ? at : undefined;
}
