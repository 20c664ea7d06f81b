// The sections of a program policy (see policy.ts). Defaults are the USC Rossier handbook
// (seed 003) values; cross-field checks sit on the smallest object that owns both fields, so they
// still report when some other section of the same file is malformed.
import { z } from 'zod';
import { ZLocalTime, minutesOfDay } from '../calendar/dates';
import { ZRole } from '../roles';
import { MILESTONE_ID_MAX, TITLE_MAX } from '../limits';
import {
  ZFraction,
  ZHours,
  ZMonth,
  ZMonthDay,
  ZNth,
  ZProgramYear,
  ZSlug,
  ZWeekday,
  ZWindowDays,
  duplicates,
  msg,
  wholeDays,
  wholeMonths,
} from './fields';

export const ZProgramYears = z.strictObject({
  // Year 1 starts on the cohort start date; these close year 1 and open year 2.
  yearEnd: ZMonthDay.default({ month: 6, day: 30 }),
  year2Start: ZMonthDay.default({ month: 8, day: 1 }),
});

export const ZDeadlineOffsets = z.strictObject({
  admissionDays: wholeDays(120), // R-ADM-1, from assignmentStart
  enrollmentWithinDays: wholeDays(365), // R-ADM-2, from assignmentStart
  refundWindowDays: wholeDays(7), // R-ADM-5, from cohortStart
  coachMatchDays: wholeDays(30), // R-ONB-1, from enrollment
  orientationDays: wholeDays(30), // R-ONB-2, from cohortStart
  iipStartDays: wholeDays(60), // R-IIP-1, from enrollment (year 2: from year-2 start)
  preAssessmentDays: wholeDays(90), // R-ASM-2, from assignmentStart
  ctcStepsDays: wholeDays(90), // R-REC-5, from the recommendation
  ctcProcessingBusinessDays: wholeDays(10), // R-REC-5, the state's typical turnaround
  maxDeferralMonths: wholeMonths(6), // R-INT-2
  extensionMonths: wholeMonths(12), // R-EXT-1
});

export const ZIipRules = z.strictObject({
  draftDue: ZMonthDay.default({ month: 12, day: 31 }), // "Development of the IIP: September–December Year 1 & 2"
  standardsPerYear: z.int().min(1).max(3).default(3), // R-IIP-2: three per year, the other three in year 2
});

export const ZLearningCategories = z.strictObject({
  cpselSession: ZHours.optional(),
  jobAligned: ZHours.optional(),
  plc: ZHours.optional(),
  district: ZHours.optional(),
});
export type TLearningCategory = keyof z.infer<typeof ZLearningCategories>;

export const ZHoursRules = z
  .strictObject({
    coachingPerYear: ZHours.default(40), // R-HRS-1
    learningPerYear: ZHours.default(60), // R-HRS-2
    // Replaced as a whole when given, so a program may drop category minimums with {}.
    learningCategories: ZLearningCategories.default({ cpselSession: 12, jobAligned: 18, plc: 10, district: 20 }),
    coachMeetingEveryDays: wholeDays(31), // R-HRS-1 "monthly"; seed 001 would say 14
  })
  .superRefine((v, ctx) => {
    const sum = Object.values(v.learningCategories).reduce<number>((a, b) => a + (b ?? 0), 0);
    if (sum > v.learningPerYear) {
      ctx.addIssue({
        code: 'custom',
        path: ['learningCategories'],
        message: `category minimums add up to ${sum} h, more than learningPerYear (${v.learningPerYear} h)`,
      });
    }
  });

export const ZPace = z.strictObject({
  model: z.literal('linear').default('linear'), // R-HRS-3: expected hours grow linearly from the year start
  hoursDueBy: ZMonthDay.default({ month: 5, day: 31 }), // professional learning runs September–May
  behindBy: ZFraction.default(0.25), // warn below (1 − behindBy) of the expected hours
  graceDays: wholeDays(30), // no pace warning in a year's first weeks, when expectations are tiny
});

export const ZAssessmentRules = z.strictObject({
  windows: z
    .strictObject({
      endYear1: ZWindowDays.default({ opens: { month: 5, day: 1 }, due: { month: 6, day: 30 } }),
      startYear2: ZWindowDays.default({ opens: { month: 8, day: 1 }, due: { month: 9, day: 30 } }),
      endYear2: ZWindowDays.default({ opens: { month: 5, day: 1 }, due: { month: 5, day: 31 } }),
    })
    .prefault({}),
  proficiency: z
    .strictObject({
      rule: z.enum(['everyStandard', 'average']).default('everyStandard'), // R-ASM-4
      threshold: z.number().min(1).max(4).default(3),
    })
    .prefault({}),
});

export const ZSessionCalendar = z
  .strictObject({
    months: z.array(ZMonth).default([9, 10, 11, 1, 2, 3, 4]), // R-SES-1; [] = the program runs no sessions
    titles: z.array(z.string().min(1).max(TITLE_MAX)).optional(), // one per month when given
    weekday: ZWeekday.default(1),
    nth: ZNth.default(2),
    start: ZLocalTime.default('17:30'),
    end: ZLocalTime.default('19:30'),
    assignmentDueDays: wholeDays(7), // assumption: the handbook says only "due after each session"
  })
  .superRefine((v, ctx) => {
    for (const m of duplicates(v.months))
      ctx.addIssue({ code: 'custom', path: ['months'], message: `month ${m} is listed twice` });
    if (v.titles && v.titles.length !== v.months.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['titles'],
        message: `expected ${v.months.length} titles, one per session month`,
      });
    }
    if (minutesOfDay(v.end) <= minutesOfDay(v.start))
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'must be after start' });
  });

export const ZWorkshopTopic = z.strictObject({
  id: ZSlug,
  title: z.string().min(1).max(TITLE_MAX),
  year1Month: ZMonth,
  year2Month: ZMonth,
});

export const HANDBOOK_WORKSHOPS = [
  { id: 'personnel', title: 'Understanding Personnel: Retention and Growth', year1Month: 12, year2Month: 9 },
  {
    id: 'visionBudget',
    title: 'Developing & Implementing a Shared Vision; Aligning Budgets to Strategic Goals',
    year1Month: 1,
    year2Month: 10,
  },
  {
    id: 'communityEngagement',
    title: 'Community Engagement: Building a Safe and Productive School Environment',
    year1Month: 2,
    year2Month: 11,
  },
  {
    id: 'instruction',
    title: 'Classroom Instruction & Curriculum: Evaluations and Observations',
    year1Month: 3,
    year2Month: 1,
  },
  { id: 'dataGaps', title: 'Data and Addressing Learning and Program Gaps', year1Month: 4, year2Month: 2 },
  {
    id: 'politicalCapital',
    title: 'Building Political Capital with Staff and Community',
    year1Month: 5,
    year2Month: 3,
  },
];

export const ZWorkshopCalendar = z
  .strictObject({
    topics: z.array(ZWorkshopTopic).default(HANDBOOK_WORKSHOPS), // R-SES-2
    // Assumption: the handbook gives only the month; parts A/B (C/D in year 2) on the 2nd and 3rd Wednesday.
    weekday: ZWeekday.default(3),
    partNth: z.array(ZNth).min(1).max(4).default([2, 3]),
    start: ZLocalTime.default('17:30'),
    partMinutes: z.int().min(1).max(600).default(90),
  })
  .superRefine((v, ctx) => {
    for (const id of duplicates(v.topics.map((t) => t.id)))
      ctx.addIssue({ code: 'custom', path: ['topics'], message: `topic id "${id}" is used twice` });
    for (const n of duplicates(v.partNth))
      ctx.addIssue({ code: 'custom', path: ['partNth'], message: `occurrence ${n} is listed twice` });
  });

const ZPanelRules = z
  .strictObject({
    min: z.int().min(1).default(2),
    max: z.int().min(1).default(3),
    threshold: z.number().min(1).max(4).default(3), // each reviewer's score
  })
  .superRefine((v, ctx) => {
    if (v.min > v.max)
      ctx.addIssue({ code: 'custom', path: ['min'], message: `panel min (${v.min}) is more than max (${v.max})` });
  });

export const ZPortfolioRules = z.strictObject({
  year1ReviewMonth: ZMonth.default(6), // R-PF-1 end-of-year-1 review
  presentationMonth: ZMonth.default(5), // R-PF-2 year 2 (May)
  panel: ZPanelRules.prefault({}),
});

export const ZReminderPlan = z.strictObject({
  daysBefore: z.array(z.int().min(0, { error: 'expected whole days ≥ 0' })).optional(),
  escalateAfterDays: z
    .int(msg('expected a whole number of days ≥ 1'))
    .min(1, msg('expected a whole number of days ≥ 1'))
    .optional(),
});

export const ZReminderRules = z.strictObject({
  daysBefore: z.array(z.int().min(0, { error: 'expected whole days ≥ 0' })).default([14, 3]),
  // A deadline is missed only once its day ends, so escalation goes out on a later day (PA copied).
  escalateAfterDays: z
    .int(msg('expected a whole number of days ≥ 1'))
    .min(1, msg('expected a whole number of days ≥ 1'))
    .default(1),
  overrides: z.record(z.string(), ZReminderPlan).default({}),
});

export const ZNotificationRules = z
  .strictObject({
    sendAt: ZLocalTime.default('08:00'),
    // R-REM-1, R-TIME-2: reminders and escalations of deadlines go out on working days — one that
    // falls on a Saturday or Sunday goes the Friday before (a reminder) or the Monday after (an
    // escalation, once the deadline has passed). `false`: on the day they fall. Workflows started
    // before 2026-12-04 carry a policy without this field and keep sending on the day they fall
    // (domain/notifications/reminders.ts reads an absent value as false, so their histories replay).
    remindOnWorkdays: z.boolean().default(true),
    digest: z.strictObject({ enabled: z.boolean().default(false), weekday: ZWeekday.default(1) }).prefault({}),
    quietHours: z
      .strictObject({ start: ZLocalTime.default('20:00'), end: ZLocalTime.default('07:00') })
      .nullable()
      .prefault({}),
  })
  .superRefine((v, ctx) => {
    if (!v.quietHours) return;
    const [s, e, t] = [minutesOfDay(v.quietHours.start), minutesOfDay(v.quietHours.end), minutesOfDay(v.sendAt)];
    if (s === e) ctx.addIssue({ code: 'custom', path: ['quietHours'], message: 'start and end are the same time' });
    const quiet = s < e ? t >= s && t < e : t >= s || t < e;
    if (quiet) ctx.addIssue({ code: 'custom', path: ['sendAt'], message: 'falls inside quietHours' });
  });

export const ZMilestoneDue = z.union(
  [
    z.strictObject({ programYear: ZProgramYear, month: ZMonth, day: z.int().min(1).max(31) }),
    z.strictObject({ daysAfter: z.enum(['enrollment', 'cohortStart', 'assignmentStart']), days: z.int().min(0) }),
  ],
  { error: 'expected { programYear, month, day } or { daysAfter: enrollment|cohortStart|assignmentStart, days }' },
);
export type TMilestoneDue = z.infer<typeof ZMilestoneDue>;

/** A program-defined dated obligation beyond the built-in ones (e.g. seed 004's ILP cells). */
export const ZMilestone = z.strictObject({
  id: ZSlug.max(MILESTONE_ID_MAX, { error: `at most ${MILESTONE_ID_MAX} characters` }),
  label: z.string().min(1).max(TITLE_MAX),
  owner: ZRole,
  due: ZMilestoneDue,
  // "3–4 action-research entries per inquiry": satisfied by that many submissions.
  count: z
    .strictObject({ min: z.int().min(1), max: z.int().min(1) })
    .superRefine((v, ctx) => {
      if (v.min > v.max)
        ctx.addIssue({ code: 'custom', path: ['min'], message: `min (${v.min}) is more than max (${v.max})` });
    })
    .optional(),
});
export type TMilestone = z.infer<typeof ZMilestone>;

/** R-EW-1 / R-AW-1 thresholds, and how long a revised (academic watch) deadline may slip before at-risk. */
export const ZRiskRules = z.strictObject({
  earlyWarningMissing: z.int().min(1).default(2), // R-EW-1 "two or more"
  academicWatchMissing: z.int().min(1).default(2), // R-AW-1 "more than one"
  habituallyLate: z.int().min(2).default(3), // R-AW-1 "habitually late": this many late submissions
  revisedDeadlineGraceDays: z.int().min(0).default(0), // R-AW-2
});
