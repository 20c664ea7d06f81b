// Completion rules over CPSEL rubric scores: proficiency (R-ASM-4, judged for each of the three
// raters, R-ASM-1 / R-CMP-1) and the year-2 portfolio panel (R-PF-2).
import { CPSEL_STANDARDS, type TCpselScores, type TRater } from './cpsel';
import type { TProgramPolicy } from '../policy/policy';

/** R-ASM-4: every standard ≥ threshold, or (policy alternative) the average of all six ≥ threshold. */
export function isProficient(scoresByStandard: TCpselScores, policy: TProgramPolicy): boolean {
  const { rule, threshold } = policy.assessments.proficiency;
  const scores = CPSEL_STANDARDS.map((s) => scoresByStandard[s]);
  if (rule === 'everyStandard') return scores.every((score) => score >= threshold);
  return scores.reduce((a, b) => a + b, 0) / scores.length >= threshold;
}

/** R-CMP-1: proficiency by all three raters — a missing rater means not yet proficient. */
export function allRatersProficient(byRater: Partial<Record<TRater, TCpselScores>>, policy: TProgramPolicy): boolean {
  return (['candidate', 'coach', 'supervisor'] as const).every((rater) => {
    const scores = byRater[rater];
    return scores !== undefined && isProficient(scores, policy);
  });
}

/** R-PF-2: a panel of policy min–max reviewers, each scoring at least the threshold. */
export function panelPasses(panelScores: readonly number[], policy: TProgramPolicy): boolean {
  const { min, max, threshold } = policy.portfolio.panel;
  return panelScores.length >= min && panelScores.length <= max && panelScores.every((s) => s >= threshold);
}
