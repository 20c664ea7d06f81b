// Everything a program decides, as one validated document. Defaults are the USC Rossier handbook
// (seed 003), so a policy file names only what differs; where the sources disagree the alternative
// ships as a second built-in. Parsing reports every problem at once, each with its path, because a
// policy author fixing one error per run would never finish.
import { z } from 'zod';
import { ZTimeZone } from './dates';
import { PROGRAM_NAME_MAX } from './limits';
import { ZMonth, ZSlug, duplicates, msg, type TMonthDay } from './policy-fields';
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
  ZWorkshopCalendar, ZRiskRules } from './policy-sections';
import { rossierPolicyInput } from './policies/rossier';
import { ctcStandardPolicyInput } from './policies/ctc-standard';

export { ZMilestone, ZMilestoneDue, type TMilestone, type TMilestoneDue, type TLearningCategory } from './policy-sections';
export { ZMonthDay, type TMonthDay, type TWindowDays } from './policy-fields';

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
    name: z.string(msg('expected a name')).min(1, msg('expected a name')).max(PROGRAM_NAME_MAX, msg(`at most ${PROGRAM_NAME_MAX} characters`)),
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
    for (const id of duplicates(milestoneIds)) ctx.addIssue({ code: 'custom', path: ['milestones'], message: `milestone id "${id}" is used twice` });
    p.milestones.forEach((m, i) => {
      if (ZObligationKind.safeParse(m.id).success) {
        ctx.addIssue({ code: 'custom', path: ['milestones', i, 'id'], message: `"${m.id}" is a built-in obligation id` });
      }
    });
    // Windows are read in program-year order (Aug…Jul by default), so May 1 – Jun 30 is fine and Jun – May is not.
    const order = (md: TMonthDay) => ((md.month - p.programYears.year2Start.month + 12) % 12) * 100 + md.day;
    for (const [name, w] of Object.entries(p.assessments.windows)) {
      if (order(w.due) < order(w.opens)) ctx.addIssue({ code: 'custom', path: ['assessments', 'windows', name, 'due'], message: 'is before opens' });
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

export class PolicyError extends Error {
  override readonly name = 'PolicyError';
  constructor(readonly problems: readonly string[]) {
    super(`invalid program policy (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}

function describeIssue(issue: z.core.$ZodIssue): string[] {
  const at = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => `${formatPath([...issue.path, key])}: unknown field`);
  }
  let text = issue.message;
  if ((issue.code === 'too_small' || issue.code === 'too_big') && /^Too (small|big)/.test(text)) {
    const small = issue.code === 'too_small';
    const bound = String(small ? issue.minimum : issue.maximum);
    const cmp = small ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<';
    if (issue.origin === 'number' || issue.origin === 'int') text = `expected a number ${cmp} ${bound}`;
    else if (issue.origin === 'array') text = `expected ${small ? 'at least' : 'at most'} ${bound} items`;
    else if (issue.origin === 'string') text = small && bound === '1' ? 'must not be empty' : `expected ${small ? 'at least' : 'at most'} ${bound} characters`;
  }
  text = text.replace(/^Invalid (input|option): /, '');
  return [`${at || '(policy)'}: ${text}`];
}

/** Validates a policy document (an object, or JSON text). Throws PolicyError naming every problem. */
export function parsePolicy(json: unknown): TProgramPolicy {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (e) {
      throw new PolicyError([`(policy): not valid JSON: ${(e as Error).message}`]);
    }
  }
  const result = ZProgramPolicy.safeParse(value);
  if (!result.success) throw new PolicyError(result.error.issues.flatMap(describeIssue));
  return result.data;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** The handbook program (seed 003). */
export const rossier: TProgramPolicy = deepFreeze(parsePolicy(rossierPolicyInput));
/** State standard minimums (seed 000). */
export const ctcStandard: TProgramPolicy = deepFreeze(parsePolicy(ctcStandardPolicyInput));

const BUILTIN_POLICIES: Readonly<Record<string, TProgramPolicy>> = { [rossier.id]: rossier, [ctcStandard.id]: ctcStandard };
export const BUILTIN_POLICY_IDS: readonly string[] = Object.keys(BUILTIN_POLICIES);

/** A built-in policy by id (frozen: copy before changing). */
export function getBuiltinPolicy(id: string): TProgramPolicy {
  const policy = Object.hasOwn(BUILTIN_POLICIES, id) ? BUILTIN_POLICIES[id] : undefined;
  if (!policy) throw new PolicyError([`id: unknown program policy "${id}"; known policies: ${BUILTIN_POLICY_IDS.join(', ')}`]);
  return policy;
}
