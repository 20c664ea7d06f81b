// The program policy's schema: every field a program decides, with its default (the USC Rossier
// handbook). Kept apart from policy.ts (parsing, the built-ins) so the built-in policy files can
// import its types without an import circle.
import { z } from 'zod';
import { ZTimeZone } from '../calendar/dates';
import { PROGRAM_NAME_MAX } from '../limits';
import { ZMonth, ZSlug, duplicates, msg, type TMonthDay } from './fields';
import {
  ZAssessmentRules,
  ZDeadlineOffsets,
  ZHoursRules,
  ZIipRules,
  ZMilestone,
  ZNotificationRules,
  ZPace,
  ZPortfolioRules,
  ZProgramYears,
  ZReminderRules,
  ZSessionCalendar,
  ZWorkshopCalendar,
  ZRiskRules,
} from './sections';

export { ZMilestone, ZMilestoneDue, type TMilestone, type TMilestoneDue, type TLearningCategory } from './sections';
export { ZMonthDay, type TMonthDay, type TWindowDays } from './fields';

/** Built-in dated obligations; reminder overrides are keyed by these or by a milestone id. */
export const ZObligationKind = z.enum([
  'admission', // R-ADM-1
  'enrollment', // R-ADM-2
  'coachMatch', // R-ONB-1
  'orientation', // R-ONB-2
  'iipStart', // R-IIP-1
  'iipDraft', // R-IIP-1 (drafting Sep–Dec)
  'iipApproval', // R-IIP-3
  'preAssessment', // R-ASM-2
  'endYear1Assessment',
  'startYear2Assessment',
  'endYear2Assessment',
  'sessionAssignment', // R-SES-1
  'cpselSession', // R-SES-1 invitation
  'workshop', // R-SES-2 invitation
  'portfolioReview', // R-PF-1
  'portfolioPresentation', // R-PF-2
  'iipRevision', // R-IIP-4 after the benchmark (R-ASM-5)
  'supervisorOnFile', // R-REM-1: a PA task
  'recommendation', // R-REC-6
  'ctcSteps', // R-REC-5
]);
export type TObligationKind = z.infer<typeof ZObligationKind>;

export const ZProgramPolicy = z
  .strictObject({
    id: ZSlug,
    name: z
      .string(msg('expected a name'))
      .min(1, msg('expected a name'))
      .max(PROGRAM_NAME_MAX, msg(`at most ${PROGRAM_NAME_MAX} characters`)),
    description: z.string().optional(),
    timeZone: ZTimeZone.default('America/Los_Angeles'),
    programYears: ZProgramYears.prefault({}),
    deadlines: ZDeadlineOffsets.prefault({}),
    iip: ZIipRules.prefault({}),
    hours: ZHoursRules.prefault({}),
    pace: ZPace.prefault({}),
    assessments: ZAssessmentRules.prefault({}),
    sessions: ZSessionCalendar.prefault({}),
    workshops: ZWorkshopCalendar.prefault({}),
    portfolio: ZPortfolioRules.prefault({}),
    recommendation: z.strictObject({ targetMonth: ZMonth.default(6) }).prefault({}), // R-REC-6: June of year 2
    reminders: ZReminderRules.prefault({}),
    notifications: ZNotificationRules.prefault({}),
    milestones: z.array(ZMilestone).default([]),
    risk: ZRiskRules.prefault({}),
  })
  .superRefine((p, ctx) => {
    const milestoneIds = p.milestones.map((m) => m.id);
    for (const id of duplicates(milestoneIds))
      ctx.addIssue({ code: 'custom', path: ['milestones'], message: `milestone id "${id}" is used twice` });
    p.milestones.forEach((m, i) => {
      if (ZObligationKind.safeParse(m.id).success) {
        ctx.addIssue({
          code: 'custom',
          path: ['milestones', i, 'id'],
          message: `"${m.id}" is a built-in obligation id`,
        });
      }
    });
    // Windows are read in program-year order (Aug…Jul by default), so May 1 – Jun 30 is fine and Jun – May is not.
    const order = (md: TMonthDay) => ((md.month - p.programYears.year2Start.month + 12) % 12) * 100 + md.day;
    for (const [name, w] of Object.entries(p.assessments.windows)) {
      if (order(w.due) < order(w.opens))
        ctx.addIssue({ code: 'custom', path: ['assessments', 'windows', name, 'due'], message: 'is before opens' });
    }
    for (const key of Object.keys(p.reminders.overrides)) {
      // A kind ('sessionAssignment'), one instance of it ('sessionAssignment:3'), or a milestone id.
      if (!ZObligationKind.safeParse(key.split(':')[0]).success && !milestoneIds.includes(key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['reminders', 'overrides', key],
          message: `unknown obligation; expected one of ${[...ZObligationKind.options, ...milestoneIds].join(', ')}`,
        });
      }
    }
  });
export type TProgramPolicy = z.infer<typeof ZProgramPolicy>;
/** What a policy file may contain: every field with a default may be left out. */
export type TProgramPolicyInput = z.input<typeof ZProgramPolicy>;
