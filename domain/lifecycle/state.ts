// The candidate's record as the workflow holds it. Plain JSON so it survives continue-as-new
// unchanged; everything shown to people (status, dashboard) is derived from it, never stored twice.
import { z } from 'zod';
import { ZAssessmentWindow, ZCpselScores, ZCpselStandard, ZRater } from './cpsel';
import { ZLocalDate, addDays, compareDates } from '../calendar/dates';
import type { TProgramPolicy } from '../policy/policy';
import { ZCandidateStart } from './candidate';

export const ZPhase = z.enum([
  'applicant',
  'enrolled',
  'year1',
  'year2',
  'completionReview',
  'recommendation',
  'recommended',
  'cleared',
  'withdrawn',
]);
export type TPhase = z.infer<typeof ZPhase>;
export const TERMINAL_PHASES: readonly TPhase[] = ['cleared', 'withdrawn'];

export const ZFlags = z.strictObject({
  earlyWarning: z.boolean(),
  academicWatch: z.boolean(),
  atRisk: z.boolean(),
  deferred: z.boolean(),
});
export type TFlags = z.infer<typeof ZFlags>;
export type TFlag = keyof TFlags;

const ZIipYear = z.strictObject({
  submittedOn: ZLocalDate.optional(),
  /** The latest revision (R-IIP-4): approvals are due from here, not from the first submission. */
  revisedOn: ZLocalDate.optional(),
  standards: z.array(ZCpselStandard),
  /** Goal text is IIP content (R-IIP-5): shown only to candidate, coach, approving supervisor, staff. */
  goals: z.array(z.strictObject({ cpsel: ZCpselStandard, goal: z.string() })),
  coachApprovedOn: ZLocalDate.optional(),
  supervisorApprovedOn: ZLocalDate.optional(),
  revisions: z.int(),
});
export type TIipYear = z.infer<typeof ZIipYear>;

export const ZAssessmentRecord = z.strictObject({
  window: ZAssessmentWindow,
  rater: ZRater,
  scores: ZCpselScores,
  date: ZLocalDate,
});
export type TAssessmentRecord = z.infer<typeof ZAssessmentRecord>;

const ZYearHours = z.strictObject({
  coaching: z.number(),
  learning: z.strictObject({ cpselSession: z.number(), jobAligned: z.number(), plc: z.number(), district: z.number() }),
});
export type TYearHours = z.infer<typeof ZYearHours>;

export const ZTimelineEntry = z.strictObject({ date: ZLocalDate, kind: z.string(), detail: z.string().optional() });
export type TTimelineEntry = z.infer<typeof ZTimelineEntry>;

export const ZDeliveryProblem = z.strictObject({
  date: ZLocalDate,
  template: z.string(),
  recipientRole: z.string(),
  reason: z.string(),
});

export const ZUndeliverable = z.strictObject({
  role: z.enum(['candidate', 'coach', 'supervisor', 'pa', 'director']),
  bounce: z.enum(['bounce', 'complaint']),
  date: ZLocalDate,
  sesMessageId: z.string(),
});
export type TUndeliverable = z.infer<typeof ZUndeliverable>;

export const ZCandidateState = z.strictObject({
  start: ZCandidateStart,
  phase: ZPhase,
  flags: ZFlags,
  admittedOn: ZLocalDate.optional(),
  enrolledOn: ZLocalDate.optional(),
  coachAssignedOn: ZLocalDate.optional(),
  orientationOn: ZLocalDate.optional(),
  /** Months every deadline after the deferral start moved by (R-INT-2), and the one-year extension (R-EXT-1). */
  shifts: z.array(z.strictObject({ from: ZLocalDate, months: z.int(), kind: z.enum(['deferral', 'extension']) })),
  iip: z.strictObject({ year1: ZIipYear, year2: ZIipYear }),
  assessments: z.array(ZAssessmentRecord),
  hours: z.strictObject({ year1: ZYearHours, year2: ZYearHours }),
  /** Reminder/escalation keys already handed to the mail activity; the workflow never plans them twice. */
  notified: z.array(z.string()),
  deliveryProblems: z.array(ZDeliveryProblem),
  timeline: z.array(ZTimelineEntry),
  /**
   * R-ADM-5: `refund` is the decision ('lessDeposit' within the first week, else 'none'; always
   * 'none' after a drop for missing work). Records written before it carry only refundEligible.
   */
  withdrawal: z
    .strictObject({
      date: ZLocalDate,
      reason: z.string(),
      refundEligible: z.boolean(),
      refund: z.enum(['lessDeposit', 'none']).optional(),
      droppedForMissingWork: z.boolean().optional(),
    })
    .optional(),
  /** R-PF-1 (year-1 review) and R-PF-2 (panel presentations; a failed one may be re-presented). */
  portfolio: z.strictObject({
    year1Review: z.strictObject({ date: ZLocalDate, passed: z.boolean() }).optional(),
    presentations: z.array(
      z.strictObject({
        date: ZLocalDate,
        panelScores: z.array(z.int()),
        medicalExemption: z.boolean(),
        passed: z.boolean(),
      }),
    ),
  }),
  /** R-SES-1/R-SES-3: one entry per submitted session assignment. */
  assignments: z.array(
    z.strictObject({
      session: z.int(),
      date: ZLocalDate,
      late: z.boolean(),
      lateAccepted: z.boolean(),
      subpar: z.boolean(),
    }),
  ),
  /** R-HRS-3: slips counted per kind and year, so a candidate is told once per slip. */
  pace: z.strictObject({
    coaching: z.strictObject({ behind: z.boolean(), slips: z.int() }),
    learning: z.strictObject({ behind: z.boolean(), slips: z.int() }),
  }),
  /** R-AW-1: academic watches opened so far (each a child workflow), the one open now, and the sessions a closed watch already dealt with. */
  watch: z.strictObject({
    opened: z.int(),
    open: z.boolean(),
    reason: z.string().optional(),
    earlyWarnings: z.int(),
    covered: z.array(z.int()),
  }),
  /** R-APL-1: appeals, in writing, decided in up to four steps. */
  appeals: z.array(
    z.strictObject({
      filedOn: ZLocalDate,
      subject: z.enum(['extension', 'withdrawal', 'academicAction', 'other']),
      decisions: z.array(
        z.strictObject({ date: ZLocalDate, level: z.string(), decision: z.string(), by: z.string().optional() }),
      ),
      outcome: z.enum(['pending', 'granted', 'denied']),
    }),
  ),
  /** R-CMP-2 (HR letter: years of full-time administrative experience) and R-CMP-3 (PASC or COE on file). */
  verification: z.strictObject({
    experience: z.strictObject({ date: ZLocalDate, years: z.number() }).optional(),
    credential: z.strictObject({ date: ZLocalDate, document: z.enum(['pasc', 'coe']) }).optional(),
  }),
  /** The credentialRecommendation child (R-REC-1…5), as its progress signals report it. */
  recommendation: z
    .strictObject({
      startedOn: ZLocalDate,
      readyOn: ZLocalDate.optional(),
      packetId: z.string().optional(),
      recommendedOn: ZLocalDate.optional(),
      lapsedOn: ZLocalDate.optional(),
      clearedOn: ZLocalDate.optional(),
    })
    .optional(),
  /**
   * R-TIME-1 for a candidate enrolled after the cohort started: orientation, session assignments and
   * hours pace count from enrollment. Set once by the workflow (patch 'owed-from-enrollment'); runs
   * recorded before the rule keep false, so their commands do not change. Absent: not decided yet.
   */
  owedFromEnrollment: z.boolean().optional(),
  /**
   * R-CMP-4: an open academic watch or at-risk status holds completion review. Set by the workflow
   * (patch 'completion-waits-for-standing') the first time it matters; false for runs recorded
   * before the rule, which recommended such candidates. Absent: the rule applies.
   */
  standingHoldsCompletion: z.boolean().optional(),
  /**
   * R-TIME-2: dates a deferral or extension moves onto a weekend go to the next weekday. Set by the
   * workflow at the first shift (patch 'working-days'); false for runs recorded before. Absent: on.
   */
  workingDayShifts: z.boolean().optional(),
  /**
   * R-REM-1: the year-1 portfolio review, the year-2 panel, the IIP revision after the benchmark and
   * a missing site supervisor are reminded and escalated (lifecycle/more-obligations.ts). Set at the
   * run's first wake (patch 'more-reminders'); false for runs recorded before. Absent: off.
   */
  moreReminders: z.boolean().optional(),
  /**
   * R-DASH: the published next deadline counts only what stays owed, not session and workshop dates
   * (patch 'deadlines-owed'). Set at the first timer wake whose two readings differ; false for runs
   * recorded before. Absent: not asked yet (the calendar's dates count).
   */
  deadlinesOwed: z.boolean().optional(),
  /** R-REM-1 R-HRS-1 R-HRS-2: hours still short near the year's end are reminded and escalated (patch 'hours-reminders'). */
  hoursReminders: z.boolean().optional(),
  /**
   * R-REM-1: policy milestones (seed 004's ILP cells) are reminded and escalated, and exact-id
   * reminder overrides ('sessionAssignment:3', a milestone id) apply. Set at the run's first wake
   * (patch 'reminders-2026-12'); false for runs recorded before. Absent: off.
   */
  milestoneReminders: z.boolean().optional(),
  /**
   * R-HRS-1: a program-year month with no coaching logged is told to candidate and coach early in the
   * next month, two in a row to the PA. Set at the run's first wake (patch 'reminders-2026-12'); false
   * for runs recorded before. Absent: off.
   */
  coachingCadence: z.boolean().optional(),
  /**
   * R-TIME-2 R-TIME-1: computed deadlines (pre-assessment, IIP revision, policy milestones) fall on
   * working days, and a coach owes the pre-assessment rating from enrollment. Set at the run's first
   * wake (patch 'reminders-2026-12'); false for runs recorded before. Absent: off (dates as computed).
   */
  weekendDeadlines: z.boolean().optional(),
  /** R-REM-1: policy milestones handed in (milestoneSubmitted), in order. Absent on older records: none. */
  milestones: z.array(z.strictObject({ id: z.string(), date: ZLocalDate, note: z.string().optional() })).optional(),
  /**
   * R-NOT (delivery): people whose address SES reported undeliverable (a permanent bounce or a
   * complaint), by mail role, until the PA corrects it (contactCorrected) or a new person takes the
   * role. Mail to them is held meanwhile (lifecycle/bounces.ts). Absent on older records: none.
   */
  undeliverable: z.array(ZUndeliverable).optional(),
});
export type TCandidateState = z.infer<typeof ZCandidateState>;

const emptyIipYear = (): TIipYear => ({ standards: [], goals: [], revisions: 0 });
const emptyYearHours = (): TYearHours => ({
  coaching: 0,
  learning: { cpselSession: 0, jobAligned: 0, plc: 0, district: 0 },
});

export function initialState(start: z.infer<typeof ZCandidateStart>): TCandidateState {
  const enrolled = start.enrolledOn !== undefined;
  return {
    start,
    phase: enrolled ? 'enrolled' : 'applicant',
    flags: { earlyWarning: false, academicWatch: false, atRisk: false, deferred: false },
    admittedOn: start.enrolledOn,
    enrolledOn: start.enrolledOn,
    coachAssignedOn: undefined,
    orientationOn: undefined,
    shifts: [],
    iip: { year1: emptyIipYear(), year2: emptyIipYear() },
    assessments: [],
    hours: { year1: emptyYearHours(), year2: emptyYearHours() },
    notified: [],
    deliveryProblems: [],
    timeline: [{ date: start.assignmentStart, kind: 'assignmentStarted' }],
    withdrawal: undefined,
    portfolio: { presentations: [] },
    verification: {},
    assignments: [],
    pace: { coaching: { behind: false, slips: 0 }, learning: { behind: false, slips: 0 } },
    watch: { opened: 0, open: false, earlyWarnings: 0, covered: [] },
    appeals: [],
  };
}

/**
 * R-TIME-1: enrolled after the cohort's program start but lawfully (within R-ADM-1's days of the
 * assignment start), so part of year 1 happened before they could take part. A candidate admitted
 * after the R-ADM-1 deadline is not covered: the rule protects the lawful late hire.
 */
export function enrolledLate(state: TCandidateState, policy: TProgramPolicy): boolean {
  const e = state.enrolledOn;
  return (
    e !== undefined &&
    compareDates(e, state.start.cohortStart) > 0 &&
    compareDates(e, addDays(state.start.assignmentStart, policy.deadlines.admissionDays)) <= 0
  );
}

/** R-TIME-1: what is owed counts from enrollment (undefined when the rule does not apply). */
export function owedFrom(state: TCandidateState): string | undefined {
  return state.owedFromEnrollment === true &&
    state.enrolledOn !== undefined &&
    compareDates(state.enrolledOn, state.start.cohortStart) > 0
    ? state.enrolledOn
    : undefined;
}

/** R-CMP-4: the candidate's standing would hold completion review now (watch open or at risk). */
export function standingInQuestion(state: TCandidateState): boolean {
  return state.phase === 'completionReview' && (state.watch.open || state.flags.academicWatch || state.flags.atRisk);
}

/**
 * A record carried across continue-as-new by an older version of the workflow may lack fields
 * added since; fill them with their empty values so a two-year-old run keeps working.
 */
export function upgradeState(carried: TCandidateState): TCandidateState {
  const empty = initialState(carried.start);
  return { ...empty, ...carried };
}

/** R-NOT (delivery): the undeliverable marks of a record (none on records older than the field). */
export function undeliverableOf(state: TCandidateState): readonly TUndeliverable[] {
  return state.undeliverable ?? [];
}
