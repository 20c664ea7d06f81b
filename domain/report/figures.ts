// The per-figure pieces of the program report, each from candidate statuses (the `status` query's
// answer, live or derived from an archived record). Pure; program-report.ts assembles them.
import { CPSEL_STANDARDS, ZRater, type TCpselScores } from '../lifecycle/cpsel';
import { compareDates, daysBetween, type TLocalDate } from '../calendar/dates';
import type { TCandidateStatus } from '../lifecycle/status';
import type { TPhase } from '../lifecycle/state';
import type { TProgramPolicy } from '../policy/policy';
import { daySpans, distribution, mean, rate, round } from './stats';
import type { TProgramReport } from './schema';

const PHASE_ORDER: readonly TPhase[] = [
  'applicant',
  'enrolled',
  'year1',
  'year2',
  'completionReview',
  'recommendation',
  'recommended',
  'cleared',
];

/** The furthest phase a candidate reached; for a withdrawn one, read from the timeline's phase changes. */
export function furthestPhase(s: TCandidateStatus): TPhase {
  if (s.phase !== 'withdrawn') return s.phase;
  const seen = s.timeline
    .filter((t) => t.kind === 'phaseChanged' && t.detail !== 'withdrawn')
    .map((t) => PHASE_ORDER.indexOf(t.detail as TPhase));
  const start = s.milestones.enrolledOn ? PHASE_ORDER.indexOf('enrolled') : 0;
  return PHASE_ORDER[Math.max(start, ...seen)]!;
}

export const reached = (s: TCandidateStatus, phase: TPhase): boolean =>
  PHASE_ORDER.indexOf(furthestPhase(s)) >= PHASE_ORDER.indexOf(phase);

/** The first recommendation to the CTC (a lapse and a new recommendation keep the first date). */
export function recommendedOn(s: TCandidateStatus): TLocalDate | undefined {
  const first = s.timeline
    .filter((t) => t.kind === 'recommendedToCtc')
    .map((t) => t.date)
    .sort(compareDates)[0];
  return first ?? s.recommendation?.recommendedOn ?? undefined;
}

export const isCompleted = (s: TCandidateStatus): boolean =>
  recommendedOn(s) !== undefined || s.phase === 'recommended' || s.phase === 'cleared';

export function outcomesOf(group: readonly TCandidateStatus[]) {
  const completed = group.filter(isCompleted).length;
  const withdrawn = group.filter((s) => !isCompleted(s) && s.phase === 'withdrawn').length;
  return { completed, withdrawn, inProgress: group.length - completed - withdrawn };
}

export function completionFigures(all: readonly TCandidateStatus[], asOf: TLocalDate): TProgramReport['completion'] {
  let onTime = 0;
  let late = 0;
  let pastTarget = 0;
  for (const s of all) {
    const on = recommendedOn(s);
    const target = s.keyDates.recommendationTarget.due;
    const extended = s.shifts.some((x) => x.kind === 'extension');
    if (on !== undefined || isCompleted(s)) {
      if (on !== undefined && !extended && compareDates(on, target) <= 0) onTime++;
      else late++;
    } else if (s.phase !== 'withdrawn' && compareDates(target, asOf) < 0) pastTarget++;
  }
  return {
    completed: onTime + late,
    onTime,
    late,
    pastTarget,
    onTimeRate: rate(onTime, all.length - all.filter((s) => s.phase === 'withdrawn').length),
  };
}

export function hoursFigures(all: readonly TCandidateStatus[], policy: TProgramPolicy): TProgramReport['hours'] {
  const categories = Object.keys(
    policy.hours.learningCategories,
  ) as (keyof TProgramPolicy['hours']['learningCategories'])[];
  const year = (y: 'year1' | 'year2') => {
    const inYear = all.filter((s) => reached(s, y));
    const h = inYear.map((s) => s.hours[y]);
    return {
      coaching: distribution(
        h.map((x) => x.coaching.logged),
        policy.hours.coachingPerYear,
      ),
      learning: distribution(
        h.map((x) => x.learning.logged),
        policy.hours.learningPerYear,
      ),
      byCategory: Object.fromEntries(
        categories.map((c) => [
          c,
          distribution(
            h.map((x) => x.learning.byCategory[c]?.logged ?? 0),
            policy.hours.learningCategories[c] ?? 0,
          ),
        ]),
      ),
    };
  };
  return { year1: year('year1'), year2: year('year2') };
}

/** Pre-assessment and end-of-year-2 scores of one rater, the latest of each window. */
function prePost(s: TCandidateStatus, rater: string): { pre: TCpselScores; end: TCpselScores } | undefined {
  const last = (window: string) =>
    s.assessments
      .filter((a) => a.window === window && a.rater === rater)
      .sort((a, b) => compareDates(a.date, b.date))
      .at(-1)?.scores;
  const pre = last('pre');
  const end = last('endYear2');
  return pre && end ? { pre, end } : undefined;
}

export function cpselGrowthFigures(all: readonly TCandidateStatus[]): TProgramReport['cpselGrowth'] {
  const pairs = all.flatMap((s) =>
    ZRater.options.flatMap((rater) => {
      const p = prePost(s, rater);
      return p ? [{ rater, ...p }] : [];
    }),
  );
  const growth = (pre: number[], end: number[]) => ({
    pairs: pre.length,
    preMean: mean(pre),
    endMean: mean(end),
    meanGrowth: pre.length
      ? round(end.reduce((a, b) => a + b, 0) / end.length - pre.reduce((a, b) => a + b, 0) / pre.length)
      : null,
  });
  const avg = (scores: TCpselScores) => CPSEL_STANDARDS.reduce((a, st) => a + scores[st], 0) / CPSEL_STANDARDS.length;
  return {
    byStandard: CPSEL_STANDARDS.map((standard) => ({
      standard,
      ...growth(
        pairs.map((p) => p.pre[standard]),
        pairs.map((p) => p.end[standard]),
      ),
    })),
    byRater: ZRater.options.map((rater) => {
      const mine = pairs.filter((p) => p.rater === rater);
      return {
        rater,
        ...growth(
          mine.map((p) => avg(p.pre)),
          mine.map((p) => avg(p.end)),
        ),
      };
    }),
  };
}

export function panelFigures(all: readonly TCandidateStatus[]) {
  const presented = all.filter((s) => s.portfolio.presentations.length > 0);
  const first = (s: TCandidateStatus) =>
    [...s.portfolio.presentations].sort((a, b) => compareDates(a.date, b.date))[0]!;
  const firstAttemptPassed = presented.filter((s) => first(s).passed).length;
  const days = all.flatMap((s) => {
    const passed = s.portfolio.presentations
      .filter((p) => p.passed)
      .map((p) => p.date)
      .sort(compareDates)[0];
    const on = recommendedOn(s);
    return passed && on ? [daysBetween(passed, on)] : [];
  });
  return {
    portfolioPanel: {
      presented: presented.length,
      firstAttemptPassed,
      firstAttemptPassRate: rate(firstAttemptPassed, presented.length),
      eventuallyPassed: presented.filter((s) => s.portfolio.presentations.some((p) => p.passed)).length,
      medicalExemptions: presented.filter((s) => s.portfolio.presentations.some((p) => p.medicalExemption)).length,
    },
    panelToRecommendationDays: daySpans(days),
  };
}
