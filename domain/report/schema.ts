// The program report (issue 19) as a zod schema: the contract for the JSON export, the API, the
// portal pages and `simulate --json`. It holds counts, rates and distributions only — never names,
// emails or IIP content (R-IIP-5), so a district coordinator may see all of it.
import { z } from 'zod';
import { ZCpselStandard, ZRater } from '../lifecycle/cpsel';
import { ZLocalDate } from '../calendar/dates';
import { ZPhase } from '../lifecycle/state';

/** A share in 0–1 (4 decimals), or null when nobody is in the denominator. */
export const ZRate = z.number().min(0).max(1).nullable();

/** Hours of one kind in one program year across the candidates who reached that year (a year under way counts what is logged so far). */
export const ZHoursDistribution = z.strictObject({
  required: z.number(),
  count: z.int(),
  /** null when count is 0. Quartiles interpolate linearly between ranks (spreadsheet QUARTILE.INC). */
  min: z.number().nullable(),
  q1: z.number().nullable(),
  median: z.number().nullable(),
  q3: z.number().nullable(),
  max: z.number().nullable(),
  mean: z.number().nullable(),
  belowRequirement: z.int(),
});
export type THoursDistribution = z.infer<typeof ZHoursDistribution>;

const ZYearHours = z.strictObject({
  coaching: ZHoursDistribution,
  learning: ZHoursDistribution,
  byCategory: z.record(z.string(), ZHoursDistribution),
});

const ZDays = z.strictObject({
  count: z.int(),
  min: z.int().nullable(),
  median: z.number().nullable(),
  max: z.int().nullable(),
  mean: z.number().nullable(),
});

const ZGrowth = z.strictObject({
  pairs: z.int(),
  preMean: z.number().nullable(),
  endMean: z.number().nullable(),
  meanGrowth: z.number().nullable(),
});

const ZCounted = z.strictObject({ label: z.string(), count: z.int() });

/** What became of the candidates a flag or watch touched (each counted once, first match wins in this order). */
export const ZOutcomes = z.strictObject({ completed: z.int(), withdrawn: z.int(), inProgress: z.int() });

export const ZProgramReport = z.strictObject({
  schema: z.literal('casc.programReport/v1'),
  programId: z.string(),
  cohortYear: z.int(),
  /** null: the whole program; otherwise only that partner district's candidates. */
  districtId: z.string().nullable(),
  asOf: ZLocalDate,
  policyId: z.string(),
  candidates: z.strictObject({
    total: z.int(),
    byPhase: z.record(ZPhase, z.int()),
    /** Workflows that ended (cleared or withdrawn): still counted, read from their final state or archive. */
    closed: z.int(),
  }),
  /**
   * Completed = recommended to the CTC (R-REC-4). On time: by the recommendation target (R-REC-6,
   * moved by deferrals, R-INT-2) without a one-year extension (R-EXT-1); late otherwise.
   */
  completion: z.strictObject({
    completed: z.int(),
    onTime: z.int(),
    late: z.int(),
    /** Not completed, not withdrawn, and the target has passed. */
    pastTarget: z.int(),
    /** On time ÷ candidates not withdrawn. */
    onTimeRate: ZRate,
  }),
  extensions: z.strictObject({ candidates: z.int() }),
  deferrals: z.strictObject({ candidates: z.int(), deferrals: z.int(), months: z.int() }),
  withdrawals: z.strictObject({
    total: z.int(),
    refundEligible: z.int(),
    noRefund: z.int(),
    byReason: z.array(ZCounted),
    rate: ZRate,
  }),
  earlyWarning: z.strictObject({ candidates: z.int(), rate: ZRate, escalatedToWatch: z.int(), outcomes: ZOutcomes }),
  academicWatch: z.strictObject({
    candidates: z.int(),
    rate: ZRate,
    watchesOpened: z.int(),
    open: z.int(),
    /** Watches that closed with the candidate still in the program (R-AW-1 remediation worked). */
    closed: z.int(),
    atRisk: z.int(),
    outcomes: ZOutcomes,
  }),
  hours: z.strictObject({ year1: ZYearHours, year2: ZYearHours }),
  /** Mean rubric score at the pre-assessment and at the end of year 2, per (candidate, rater) with both (R-ASM-2). */
  cpselGrowth: z.strictObject({
    byStandard: z.array(ZGrowth.extend({ standard: ZCpselStandard })),
    byRater: z.array(ZGrowth.extend({ rater: ZRater })),
  }),
  /** R-PF-2: the first presentation to the panel passed. */
  portfolioPanel: z.strictObject({
    presented: z.int(),
    firstAttemptPassed: z.int(),
    firstAttemptPassRate: ZRate,
    eventuallyPassed: z.int(),
    medicalExemptions: z.int(),
  }),
  /** Days from the passing panel presentation to the recommendation to the CTC. */
  panelToRecommendationDays: ZDays,
  /** R-REC-5: the candidate's 90 days for the state's steps ran out. */
  ctcLapses: z.strictObject({ recommended: z.int(), candidatesLapsed: z.int(), lapses: z.int() }),
  emailDelivery: z.strictObject({
    problems: z.int(),
    candidatesAffected: z.int(),
    byReason: z.array(ZCounted),
    byTemplate: z.array(ZCounted),
  }),
});
export type TProgramReport = z.infer<typeof ZProgramReport>;

export const ZReportScope = z.strictObject({
  programId: z.string(),
  cohortYear: z.int(),
  districtId: z.string().optional(),
});
export type TReportScope = z.infer<typeof ZReportScope>;
