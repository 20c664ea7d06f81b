// Completion review (R-CMP-1…4): from the recorded events alone, is the candidate ready for the
// recommendation chain, and if not, exactly what is missing and who owes it. Pure and derived on
// every call, so an event that fills a gap shows up at once. The snapshot is also what travels to
// the credentialRecommendation child and into the handoff packet, so it carries evidence (dates,
// hours, scores summary) but never IIP goal text (R-IIP-5).
import { z } from 'zod';
import { isProficient } from './assessment';
import { CPSEL_STANDARDS, ZRater, type TRater } from './cpsel';
import { ZLocalDate, compareDates } from '../calendar/dates';
import { hoursShortfall } from './hours';
import type { TProgramPolicy } from '../policy/policy';
import type { TCandidateState } from './state';
import { ZRole } from '../roles';

/** R-CMP-2: Title 5 §80054 asks for two years of full-time administrative experience (not a program choice). */
export const REQUIRED_EXPERIENCE_YEARS = 2;

export const ZCompletionOwner = ZRole.extract(['candidate', 'coach', 'supervisor', 'pa']);
export type TCompletionOwner = z.infer<typeof ZCompletionOwner>;

export const ZCompletionItem = z.strictObject({
  /** Stable id (tests, reminders and the dashboard key on it). */
  id: z.string().regex(/^[a-zA-Z0-9.]+$/),
  rule: z.string().regex(/^R-[A-Z]+-\d+$/),
  label: z.string().min(1).max(200),
  met: z.boolean(),
  /** Who has to act next for this item to be met (or who did, when met). */
  owner: ZCompletionOwner,
  detail: z.string().max(300).optional(),
  /** When the item was met and by whom (roles, not names): the handoff packet lists these. */
  verifiedOn: ZLocalDate.optional(),
  verifiedBy: z.string().max(120).optional(),
});
export type TCompletionItem = z.infer<typeof ZCompletionItem>;

const ZYearHoursSummary = z.strictObject({ coaching: z.number(), learning: z.number() });
const ZRaterProficiency = z.strictObject({
  date: ZLocalDate,
  proficient: z.boolean(),
  lowest: z.number(),
  average: z.number(),
});

/** What the record shows, as the credentials office needs it: numbers and dates, no IIP content. */
export const ZCompletionEvidence = z.strictObject({
  hours: z.strictObject({ year1: ZYearHoursSummary, year2: ZYearHoursSummary, requiredPerYear: ZYearHoursSummary }),
  proficiency: z.strictObject({
    rule: z.enum(['everyStandard', 'average']),
    threshold: z.number(),
    byRater: z.partialRecord(ZRater, ZRaterProficiency),
  }),
  portfolio: z.strictObject({
    year1Review: z.strictObject({ date: ZLocalDate, passed: z.boolean() }).optional(),
    presentation: z
      .strictObject({
        date: ZLocalDate,
        panelScores: z.array(z.int()),
        medicalExemption: z.boolean(),
        passed: z.boolean(),
      })
      .optional(),
    attempts: z.int().min(0),
  }),
  experience: z.strictObject({ date: ZLocalDate, years: z.number() }).optional(),
  credential: z.strictObject({ date: ZLocalDate, document: z.enum(['pasc', 'coe']) }).optional(),
});
export type TCompletionEvidence = z.infer<typeof ZCompletionEvidence>;

export const ZCompletionReview = z.strictObject({
  ready: z.boolean(),
  items: z.array(ZCompletionItem),
  evidence: ZCompletionEvidence,
});
export type TCompletionReview = z.infer<typeof ZCompletionReview>;

const RATERS: readonly TRater[] = ZRater.options;
const round2 = (n: number) => Math.round(n * 100) / 100;
const learningTotal = (learning: Record<string, number>) => Object.values(learning).reduce((a, b) => a + b, 0);

function iipItems(state: TCandidateState): TCompletionItem[] {
  return ([1, 2] as const).flatMap((year) => {
    const iip = year === 1 ? state.iip.year1 : state.iip.year2;
    const submitted = iip.submittedOn !== undefined;
    const waiting = submitted ? undefined : `waiting for the candidate to submit the year-${year} IIP`;
    const approval = (by: 'coach' | 'supervisor', on: string | undefined): TCompletionItem => ({
      id: `iip.year${year}.${by}Approval`,
      rule: 'R-CMP-1',
      label: `Year ${year} IIP approved by the ${by}${iip.revisions > 0 ? ' (latest revision)' : ''}`,
      met: on !== undefined,
      owner: by,
      ...(on
        ? { verifiedOn: on, verifiedBy: by }
        : { detail: waiting ?? `the ${by} has not approved the current version (R-IIP-3)` }),
    });
    return [
      {
        id: `iip.year${year}.submitted`,
        rule: 'R-CMP-1',
        label: `Year ${year} IIP submitted (IIP checklist)`,
        met: submitted,
        owner: 'candidate',
        ...(iip.submittedOn ? { verifiedOn: iip.submittedOn, verifiedBy: 'candidate' } : { detail: 'not submitted' }),
      },
      approval('coach', iip.coachApprovedOn),
      approval('supervisor', iip.supervisorApprovedOn),
    ];
  });
}

/** The latest end-of-program (endYear2) assessment of each rater: the Progress to Proficiency Protocol. */
function latestEndOfProgram(state: TCandidateState, rater: TRater) {
  return state.assessments
    .filter((a) => a.window === 'endYear2' && a.rater === rater)
    .sort((a, b) => compareDates(a.date, b.date))
    .pop();
}

function proficiencyItems(state: TCandidateState, policy: TProgramPolicy): TCompletionItem[] {
  const { rule, threshold } = policy.assessments.proficiency;
  const measure = rule === 'everyStandard' ? `every CPSEL ≥ ${threshold}` : `CPSEL average ≥ ${threshold}`;
  return RATERS.map((rater) => {
    const latest = latestEndOfProgram(state, rater);
    const base = {
      id: `proficiency.${rater}`,
      rule: 'R-CMP-1',
      label: `End-of-program proficiency by the ${rater} (${measure})`,
      owner: rater,
    } as const;
    if (!latest) return { ...base, met: false, detail: 'no end-of-year-2 assessment recorded' };
    if (isProficient(latest.scores, policy)) return { ...base, met: true, verifiedOn: latest.date, verifiedBy: rater };
    const below = CPSEL_STANDARDS.filter((s) => latest.scores[s] < threshold);
    const detail =
      rule === 'everyStandard'
        ? `below ${threshold} on ${below.join(', ')} (${latest.date})`
        : `average below ${threshold} (${latest.date})`;
    return { ...base, met: false, detail };
  });
}

function portfolioItems(state: TCandidateState): TCompletionItem[] {
  const review = state.portfolio.year1Review;
  const presentations = state.portfolio.presentations;
  const passed = presentations.find((p) => p.passed);
  const last = presentations[presentations.length - 1];
  const presentationDetail = passed
    ? passed.medicalExemption
      ? 'documented medical exemption (R-PF-2)'
      : `panel scores ${passed.panelScores.join(', ')}`
    : last
      ? `panel scores ${last.panelScores.join(', ')} on ${last.date}: every reviewer must score ≥ 3; re-present`
      : 'not presented yet';
  return [
    {
      id: 'portfolio.year1Review',
      rule: 'R-PF-1',
      label: 'Year-1 portfolio review by coach and supervisor passed',
      met: review?.passed === true,
      owner: 'coach',
      ...(review?.passed
        ? { verifiedOn: review.date, verifiedBy: 'coach and supervisor' }
        : { detail: review ? `the review on ${review.date} did not pass` : 'not reviewed yet' }),
    },
    {
      id: 'portfolio.presentation',
      rule: 'R-PF-2',
      label: 'Portfolio presentation to the panel: each reviewer ≥ 3 (or medical exemption)',
      met: passed !== undefined,
      owner: 'candidate',
      detail: presentationDetail,
      ...(passed
        ? {
            verifiedOn: passed.date,
            verifiedBy: passed.medicalExemption ? 'program administrator (exemption)' : 'portfolio panel',
          }
        : {}),
    },
  ];
}

function hoursItems(state: TCandidateState, policy: TProgramPolicy): TCompletionItem[] {
  return ([1, 2] as const).flatMap((year) => {
    const h = year === 1 ? state.hours.year1 : state.hours.year2;
    const short = hoursShortfall(h, policy);
    const categoriesShort = Object.entries(short.categories).filter(([, n]) => (n ?? 0) > 0);
    const learningMet = short.learning === 0 && categoriesShort.length === 0;
    const learningDetail = [
      ...(short.learning > 0 ? [`${round2(short.learning)} h short of ${policy.hours.learningPerYear} h`] : []),
      ...categoriesShort.map(([c, n]) => `${c} ${round2(n ?? 0)} h short`),
    ].join('; ');
    return [
      {
        id: `hours.coaching.year${year}`,
        rule: 'R-HRS-1',
        label: `Year ${year} coaching hours (≥ ${policy.hours.coachingPerYear} h)`,
        met: short.coaching === 0,
        owner: 'candidate',
        detail:
          short.coaching === 0
            ? `${round2(h.coaching)} h logged`
            : `${round2(h.coaching)} h logged, ${round2(short.coaching)} h short`,
      },
      {
        id: `hours.learning.year${year}`,
        rule: 'R-HRS-2',
        label: `Year ${year} professional learning hours (≥ ${policy.hours.learningPerYear} h)`,
        met: learningMet,
        owner: 'candidate',
        detail: learningMet ? `${round2(learningTotal(h.learning))} h logged` : learningDetail,
      },
    ] satisfies TCompletionItem[];
  });
}

function verificationItems(state: TCandidateState): TCompletionItem[] {
  const { experience, credential } = state.verification;
  const enough = experience !== undefined && experience.years >= REQUIRED_EXPERIENCE_YEARS;
  return [
    {
      id: 'experience',
      rule: 'R-CMP-2',
      label: `HR letter verifying ${REQUIRED_EXPERIENCE_YEARS} years of full-time administrative experience`,
      met: enough,
      owner: 'candidate',
      ...(enough
        ? { verifiedOn: experience.date, verifiedBy: 'program administrator', detail: `${experience.years} years` }
        : { detail: experience ? `only ${experience.years} years verified` : 'no HR letter verified' }),
    },
    {
      id: 'credential',
      rule: 'R-CMP-3',
      label: 'Preliminary credential (PASC) or certificate of eligibility on file',
      met: credential !== undefined,
      owner: 'candidate',
      ...(credential
        ? {
            verifiedOn: credential.date,
            verifiedBy: 'program administrator',
            detail: credential.document === 'pasc' ? 'PASC' : 'certificate of eligibility',
          }
        : { detail: 'not on file' }),
    },
  ];
}

function evidence(state: TCandidateState, policy: TProgramPolicy): TCompletionEvidence {
  const byRater: TCompletionEvidence['proficiency']['byRater'] = {};
  for (const rater of RATERS) {
    const latest = latestEndOfProgram(state, rater);
    if (!latest) continue;
    const scores = CPSEL_STANDARDS.map((s) => latest.scores[s]);
    byRater[rater] = {
      date: latest.date,
      proficient: isProficient(latest.scores, policy),
      lowest: Math.min(...scores),
      average: round2(scores.reduce((a, b) => a + b, 0) / scores.length),
    };
  }
  const presentations = state.portfolio.presentations;
  const presentation = presentations.find((p) => p.passed) ?? presentations[presentations.length - 1];
  const year = (h: TCandidateState['hours']['year1']) => ({
    coaching: round2(h.coaching),
    learning: round2(learningTotal(h.learning)),
  });
  return {
    hours: {
      year1: year(state.hours.year1),
      year2: year(state.hours.year2),
      requiredPerYear: { coaching: policy.hours.coachingPerYear, learning: policy.hours.learningPerYear },
    },
    proficiency: { ...policy.assessments.proficiency, byRater },
    portfolio: {
      ...(state.portfolio.year1Review ? { year1Review: { ...state.portfolio.year1Review } } : {}),
      ...(presentation
        ? {
            presentation: {
              date: presentation.date,
              panelScores: [...presentation.panelScores],
              medicalExemption: presentation.medicalExemption,
              passed: presentation.passed,
            },
          }
        : {}),
      attempts: presentations.length,
    },
    ...(state.verification.experience ? { experience: { ...state.verification.experience } } : {}),
    ...(state.verification.credential ? { credential: { ...state.verification.credential } } : {}),
  };
}

/** R-CMP-4: the program's own standing — no open academic watch, not at risk. The PA owns closing it. */
function standingItems(state: TCandidateState): TCompletionItem[] {
  const onWatch = state.watch.open || state.flags.academicWatch;
  const atRisk = state.flags.atRisk;
  const closed = state.timeline.filter((e) => e.kind === 'academicWatchClosed').pop();
  const base = {
    id: 'standing',
    rule: 'R-CMP-4',
    label: 'No open academic watch; program status not at risk',
    owner: 'pa',
  } as const;
  if (atRisk)
    return [
      {
        ...base,
        met: false,
        detail: 'program status is at risk (R-AW-2): the PA decides the outcome and closes the academic watch',
      },
    ];
  if (onWatch)
    return [
      {
        ...base,
        met: false,
        detail: 'academic watch is open (R-AW-1): the PA closes it once the remediation plan is met',
      },
    ];
  return [
    {
      ...base,
      met: true,
      ...(closed
        ? { verifiedOn: closed.date, verifiedBy: 'program administrator', detail: 'academic watch closed' }
        : { detail: 'never on academic watch' }),
    },
  ];
}

/** R-CMP-1…4 over the record: ready only when every item is met. */
export function completionReview(state: TCandidateState, policy: TProgramPolicy): TCompletionReview {
  const items = [
    ...iipItems(state),
    ...proficiencyItems(state, policy),
    ...portfolioItems(state),
    ...hoursItems(state, policy),
    ...verificationItems(state),
    ...(state.standingHoldsCompletion === false ? [] : standingItems(state)),
  ];
  return { ready: items.every((i) => i.met), items, evidence: evidence(state, policy) };
}

/** The unmet items, grouped by who owes them (the status query's "what is missing and who owes it"). */
export function missingByOwner(review: TCompletionReview): Partial<Record<TCompletionOwner, TCompletionItem[]>> {
  const out: Partial<Record<TCompletionOwner, TCompletionItem[]>> = {};
  for (const item of review.items) if (!item.met) (out[item.owner] ??= []).push(item);
  return out;
}
