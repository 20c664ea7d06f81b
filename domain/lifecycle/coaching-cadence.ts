// R-HRS-1: "the coach meets the candidate monthly; coaching logs record it". A calendar month of the
// program years in which no coaching is logged is told to the candidate and the coach on the next
// month's first working day, at the policy's send time (outside quiet hours, R-TIME-3); a second
// month in a row also goes to the PA, once per run of missed months (R-REM-2). A month counts only
// when the candidate was enrolled, with a coach, from its first day, no deferral touches it
// (R-INT-2, R-TIME-1), and it ended before completion review opened (R-REC-6: the last program
// month, May by default, is still told in June; June is not). Planned only for runs that took patch 'reminders-2026-12'
// (state.coachingCadence), so running workflows keep their commands.
import {
  addDays,
  addMonths,
  compareDates,
  dateParts,
  daysBetween,
  daysInMonth,
  makeDate,
  type TLocalDate,
} from '../calendar/dates';
import type { TKeyDates } from '../calendar/deadlines';
import { nextWorkday } from '../calendar/dates';
import type { TProgramPolicy } from '../policy/policy';
import { candidateKey } from './candidate';
import type { TRecipientRole } from '../notifications/recipients';
import type { TTemplateId } from '../notifications/catalogue';
import { formatMonth } from '../notifications/templates/milestones';
import type { TLinks } from './input';
import type { TObligation, TPlannedMessage } from './obligation';
import { firstName, recipient } from './people';
import type { TCandidateState } from './state';

/** The first day of the month `d` is in. */
export const monthOf = (d: TLocalDate): TLocalDate => {
  const { year, month } = dateParts(d);
  return makeDate(year, month, 1);
};
const lastDayOf = (first: TLocalDate): TLocalDate => {
  const { year, month } = dateParts(first);
  return makeDate(year, month, daysInMonth(year, month));
};
const previousMonth = (first: TLocalDate): TLocalDate => monthOf(addDays(first, -1));

/** Whether R-HRS-1's cadence applies to the month starting `first` (see the file comment). */
export function cadenceApplies(state: TCandidateState, keyDates: TKeyDates, first: TLocalDate): boolean {
  const last = lastDayOf(first);
  const { year1, year2 } = keyDates.programYears;
  if (
    compareDates(first, year1.start) < 0 ||
    compareDates(last, year2.end) > 0 ||
    compareDates(last, keyDates.recommendationTarget.opens) >= 0
  )
    return false;
  if (state.enrolledOn === undefined || compareDates(state.enrolledOn, first) > 0) return false;
  if (!state.start.coach || (state.coachAssignedOn !== undefined && compareDates(state.coachAssignedOn, first) > 0))
    return false;
  return !state.shifts.some(
    (s) =>
      s.kind === 'deferral' && compareDates(s.from, last) <= 0 && compareDates(addMonths(s.from, s.months), first) > 0,
  );
}

/** Whether coaching dated in the month starting `first` is logged. */
export function coachedIn(state: TCandidateState, first: TLocalDate): boolean {
  return coachedMonths(state.timeline).has(first.slice(0, 7));
}

// The months ('YYYY-MM') with coaching logged, per timeline array. Each decision asks about up to six
// months and the timeline grows to hundreds of entries over two years; records share the array until
// an entry is added, so it is read once per new entry, not once per question.
const monthsOf = new WeakMap<TCandidateState['timeline'], ReadonlySet<string>>();
function coachedMonths(timeline: TCandidateState['timeline']): ReadonlySet<string> {
  let months = monthsOf.get(timeline);
  if (!months) {
    const found = new Set<string>();
    for (const t of timeline) if (t.kind === 'coachingLogged') found.add(t.date.slice(0, 7));
    monthsOf.set(timeline, (months = found));
  }
  return months;
}

/** A month the cadence applies to with no coaching logged. */
export function missedCoachingMonth(state: TCandidateState, keyDates: TKeyDates, first: TLocalDate): boolean {
  return cadenceApplies(state, keyDates, first) && !coachedIn(state, first);
}

/** The day a missed month is told: the first working day of the next month (R-TIME-2). */
export function cadenceNoticeDay(first: TLocalDate): TLocalDate {
  return nextWorkday(addDays(lastDayOf(first), 1));
}

/**
 * The cadence's obligations today: last month (told now, when missed) and this month (so the
 * workflow wakes on the next month's first working day when nothing is logged by then).
 */
export function coachingCadenceObligations(
  state: TCandidateState,
  policy: TProgramPolicy,
  keyDates: TKeyDates,
  links: TLinks,
  today: TLocalDate,
): TObligation[] {
  if (state.coachingCadence !== true || !['year1', 'year2', 'completionReview'].includes(state.phase)) return [];
  const key = candidateKey(state.start.programId, state.start.candidateId);
  const logUrl = `${links.portalUrl}/portal/${key}/hours`;
  const candidateUrl = `${links.portalUrl}/dashboard/candidates/${key}`;
  const candidateName = state.start.candidate.name;
  const coachFirstName = state.start.coach ? firstName(state.start.coach.name) : 'your coach';
  const msg = (role: TRecipientRole, template: TTemplateId, data: Record<string, unknown>): TPlannedMessage[] => {
    const to = recipient(state, role);
    return to ? [{ template, to, data: { firstName: firstName(to.name), programName: policy.name, ...data } }] : [];
  };
  const missed = (first: TLocalDate) => missedCoachingMonth(state, keyDates, first);
  const current = monthOf(today);
  const out: TObligation[] = [];
  for (const first of [previousMonth(current), current]) {
    if (!missed(first)) continue;
    const due = lastDayOf(first);
    const before = previousMonth(first);
    // Exactly the second missed month in a row: a longer run was escalated at its second month.
    const secondInARow = missed(before) && !missed(previousMonth(before));
    out.push({
      id: `coaching.${first.slice(0, 7)}`,
      kind: 'coachingCadence',
      rule: 'R-HRS-1',
      label: `Coaching meeting in ${formatMonth(first)} (monthly)`,
      due,
      owner: 'coach',
      plan: { daysBefore: [], escalateAfterDays: daysBetween(due, cadenceNoticeDay(first)) },
      reminders: () => [],
      escalation: () => [
        ...msg('candidate', 'coachingCadence.notice.candidate', { month: first, coachFirstName, logUrl }),
        ...msg('coach', 'coachingCadence.notice.coach', {
          month: first,
          candidateFirstName: firstName(candidateName),
          logUrl,
        }),
        ...(secondInARow
          ? msg('pa', 'coachingCadence.escalation.pa', {
              candidateName,
              firstMonth: before,
              lastMonth: first,
              candidateUrl,
            })
          : []),
      ],
    });
  }
  return out;
}
