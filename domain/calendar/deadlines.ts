// Every dated obligation of a candidate's program, computed once from three dates and the policy.
// Deadlines are local dates, met until the end of that day in the program's time zone
// (endOfDayInstant); sessions and workshops carry exact instants. The result is plain JSON, so a
// workflow can keep it in state across continue-as-new and shift it on deferral (deferral.ts).
import { z } from 'zod';
import { ZLocalDate, addBusinessDays, addDays, compareDates, maxDate, type TLocalDate } from './dates';
import { ZProgramYear } from '../policy/fields';
import { ZRole } from '../roles';
import { ZSession, ZWorkshopPart, sessionCalendar, workshopCalendar } from './sessions';
import {
  ZProgramYearSpans,
  dateInProgramYear,
  firstOfMonthIn,
  lastOfMonthIn,
  programYearSpans,
  spanOf,
  type TProgramYearSpans,
  type TYearSpan,
} from './program-year';
import type { TMilestone, TProgramPolicy } from '../policy/policy';
import { nextWorkday, previousWorkday } from './dates';

export interface TKeyDatesOptions {
  /**
   * R-TIME-2 (patch 'reminders-2026-12', lifecycle state.weekendDeadlines): computed deadlines fall
   * on working days. Absent or false: the dates as computed, for runs recorded before the rule.
   */
  weekendDeadlines?: boolean;
}

/**
 * R-TIME-2: a program-set date on a weekend moves to the Monday after — unless that leaves `lastDay`
 * (a limit such as the end of its program year), when it moves to the Friday before instead.
 */
export function workdayWithin(d: TLocalDate, lastDay: TLocalDate): TLocalDate {
  const next = nextWorkday(d);
  return compareDates(next, lastDay) <= 0 ? next : previousWorkday(d);
}

export const ZKeyDatesInput = z.strictObject({
  /** First day of the first administrative assignment (R-ADM-1, R-ADM-2, R-ASM-2 count from here). */
  assignmentStart: ZLocalDate,
  enrolledOn: ZLocalDate,
  /** Program (cohort) start: year 1 begins here (R-ONB-2, R-ADM-5). */
  cohortStart: ZLocalDate,
});
export type TKeyDatesInput = z.infer<typeof ZKeyDatesInput>;

export const ZDateWindow = z.strictObject({ opens: ZLocalDate, due: ZLocalDate });
export type TDateWindow = z.infer<typeof ZDateWindow>;

export const ZIipDates = z.strictObject({
  /** R-IIP-1: IIP development has begun by this date. */
  startBy: ZLocalDate,
  /** The drafting period (Sep–Dec) closes: the year's IIP is submitted by this date. */
  draftDue: ZLocalDate,
});

export const ZMilestoneDate = z.strictObject({
  id: z.string(),
  label: z.string(),
  owner: ZRole,
  programYear: ZProgramYear,
  due: ZLocalDate,
  count: z.strictObject({ min: z.int(), max: z.int() }).optional(),
});
export type TMilestoneDate = z.infer<typeof ZMilestoneDate>;

export const ZKeyDateShift = z.strictObject({
  /** Every date on or after this one moved. */
  from: ZLocalDate,
  months: z.int(),
  kind: z.enum(['deferral', 'extension']),
});
export type TKeyDateShift = z.infer<typeof ZKeyDateShift>;

export const ZKeyDates = z.strictObject({
  input: ZKeyDatesInput,
  policyId: z.string(),
  timeZone: z.string(),
  programYears: ZProgramYearSpans,
  admissionDue: ZLocalDate, // R-ADM-1
  enrollmentDue: ZLocalDate, // R-ADM-2
  refundWindowEnds: ZLocalDate, // R-ADM-5: last day a withdrawal is refunded (less the deposit)
  coachMatchDue: ZLocalDate, // R-ONB-1
  orientationDue: ZLocalDate, // R-ONB-2
  iip: z.strictObject({ year1: ZIipDates, year2: ZIipDates }), // R-IIP-1
  assessments: z.strictObject({
    pre: ZDateWindow,
    endYear1: ZDateWindow,
    startYear2: ZDateWindow,
    endYear2: ZDateWindow,
  }), // R-ASM-2
  sessions: z.array(ZSession), // R-SES-1
  workshops: z.array(ZWorkshopPart), // R-SES-2
  portfolioReview: ZDateWindow, // R-PF-1, year 1
  portfolioPresentation: ZDateWindow, // R-PF-2, year 2
  recommendationTarget: ZDateWindow, // R-REC-6, year 2
  milestones: z.array(ZMilestoneDate),
  shifts: z.array(ZKeyDateShift),
});
export type TKeyDates = z.infer<typeof ZKeyDates>;

function monthWindow(span: TYearSpan, month: number): TDateWindow {
  return { opens: firstOfMonthIn(span, month), due: lastOfMonthIn(span, month) };
}

function milestoneDate(
  m: TMilestone,
  input: TKeyDatesInput,
  spans: TProgramYearSpans,
  weekendDeadlines: boolean,
): TMilestoneDate {
  const count = m.count ? { count: m.count } : {};
  // R-TIME-2: on a working day of its own program year (a year-end milestone on a Saturday: the Friday before).
  const workday = (due: TLocalDate, programYear: 1 | 2) =>
    weekendDeadlines ? workdayWithin(due, spanOf(spans, programYear).end) : due;
  if ('programYear' in m.due) {
    const due = dateInProgramYear(spanOf(spans, m.due.programYear), { month: m.due.month, day: m.due.day });
    return {
      id: m.id,
      label: m.label,
      owner: m.owner,
      programYear: m.due.programYear,
      due: workday(due, m.due.programYear),
      ...count,
    };
  }
  const anchor = {
    enrollment: input.enrolledOn,
    cohortStart: input.cohortStart,
    assignmentStart: input.assignmentStart,
  }[m.due.daysAfter];
  const due = addDays(anchor, m.due.days);
  const programYear = compareDates(due, spans.year2.start) < 0 ? 1 : 2;
  return { id: m.id, label: m.label, owner: m.owner, programYear, due: workday(due, programYear), ...count };
}

function datedMilestones(
  input: TKeyDatesInput,
  spans: TProgramYearSpans,
  policy: TProgramPolicy,
  weekendDeadlines = false,
): TMilestoneDate[] {
  return policy.milestones
    .map((m) => milestoneDate(m, input, spans, weekendDeadlines))
    .sort((a, b) => compareDates(a.due, b.due));
}

/** The policy's own milestones (e.g. seed 004's ILP cells), dated for this candidate, in date order. */
export function policyMilestoneDates(
  input: TKeyDatesInput,
  policy: TProgramPolicy,
  options: TKeyDatesOptions = {},
): TMilestoneDate[] {
  return datedMilestones(input, programYearSpans(input.cohortStart, policy), policy, options.weekendDeadlines === true);
}

export function computeKeyDates(
  input: TKeyDatesInput,
  policy: TProgramPolicy,
  options: TKeyDatesOptions = {},
): TKeyDates {
  const weekendDeadlines = options.weekendDeadlines === true;
  const d = policy.deadlines;
  const spans = programYearSpans(input.cohortStart, policy);
  const { year1, year2 } = spans;
  const windows = policy.assessments.windows;
  const inYear = (
    span: TYearSpan,
    w: { opens: { month: number; day: number }; due: { month: number; day: number } },
  ) => ({
    opens: dateInProgramYear(span, w.opens),
    due: dateInProgramYear(span, w.due),
  });
  // Assumption: a candidate who enrolls months before the cohort starts (admissions run Jan–Jun)
  // begins the IIP with the program, not in the spring; the handbook drafts it Sep–Dec.
  const year1IipStart = addDays(maxDate(input.enrolledOn, input.cohortStart), d.iipStartDays);
  const year2IipStart = addDays(year2.start, d.iipStartDays);
  return {
    input: { ...input },
    policyId: policy.id,
    timeZone: policy.timeZone,
    programYears: spans,
    admissionDue: addDays(input.assignmentStart, d.admissionDays),
    enrollmentDue: addDays(input.assignmentStart, d.enrollmentWithinDays),
    refundWindowEnds: addDays(input.cohortStart, d.refundWindowDays),
    coachMatchDue: addDays(input.enrolledOn, d.coachMatchDays),
    orientationDue: addDays(input.cohortStart, d.orientationDays),
    iip: {
      year1: {
        startBy: year1IipStart,
        draftDue: maxDate(dateInProgramYear(year1, policy.iip.draftDue), year1IipStart),
      },
      year2: {
        startBy: year2IipStart,
        draftDue: maxDate(dateInProgramYear(year2, policy.iip.draftDue), year2IipStart),
      },
    },
    assessments: {
      pre: { opens: input.assignmentStart, due: preAssessmentDue(input.assignmentStart, policy, options) },
      endYear1: inYear(year1, windows.endYear1),
      startYear2: inYear(year2, windows.startYear2),
      endYear2: inYear(year2, windows.endYear2),
    },
    sessions: sessionCalendar(spans, policy),
    workshops: workshopCalendar(spans, policy),
    portfolioReview: monthWindow(year1, policy.portfolio.year1ReviewMonth),
    portfolioPresentation: monthWindow(year2, policy.portfolio.presentationMonth),
    recommendationTarget: monthWindow(year2, policy.recommendation.targetMonth),
    milestones: datedMilestones(input, spans, policy, weekendDeadlines),
    shifts: [],
  };
}

/**
 * R-ASM-2: the pre-assessment is due within the first days of the position (R-TIME-2, with the
 * option: on a weekend, the Friday before — the Monday after would be past the limit).
 */
export function preAssessmentDue(from: TLocalDate, policy: TProgramPolicy, options: TKeyDatesOptions = {}): TLocalDate {
  const due = addDays(from, policy.deadlines.preAssessmentDays);
  return options.weekendDeadlines === true ? previousWorkday(due) : due;
}

/**
 * R-REC-5: the candidate finishes the state's steps and payment by this date (R-TIME-2, with the
 * option: on a weekend, the Friday before — the state's 90 days are never told as later than they are).
 */
export function ctcStepsDeadline(
  recommendedOn: TLocalDate,
  policy: TProgramPolicy,
  options: TKeyDatesOptions = {},
): TLocalDate {
  const due = addDays(recommendedOn, policy.deadlines.ctcStepsDays);
  return options.weekendDeadlines === true ? previousWorkday(due) : due;
}

/** R-REC-5: when the state typically finishes processing (business days; holidays not modelled). */
export function ctcProcessingExpectedBy(stepsCompletedOn: TLocalDate, policy: TProgramPolicy): TLocalDate {
  return addBusinessDays(stepsCompletedOn, policy.deadlines.ctcProcessingBusinessDays);
}

export type TWithdrawalRefund = 'refundLessDeposit' | 'none';

/** R-ADM-5: refund (less the non-refundable deposit) only inside the window, and never after a drop for missing work. */
export function withdrawalRefund(
  withdrawnOn: TLocalDate,
  keyDates: TKeyDates,
  droppedForMissingWork = false,
): TWithdrawalRefund {
  if (droppedForMissingWork) return 'none';
  return compareDates(withdrawnOn, keyDates.refundWindowEnds) <= 0 ? 'refundLessDeposit' : 'none';
}
