// The six California Professional Standards for Educational Leaders and the Descriptions of
// Practice rubric every assessment and panel score uses (R-ASM-1, R-PF-2).
import { z } from 'zod';

export const ZCpselStandard = z.enum(['cpsel1', 'cpsel2', 'cpsel3', 'cpsel4', 'cpsel5', 'cpsel6']);
export type TCpselStandard = z.infer<typeof ZCpselStandard>;
export const CPSEL_STANDARDS: readonly TCpselStandard[] = ZCpselStandard.options;

/** 1 directed toward · 2 approaches · 3 meets · 4 exemplifies the standard. */
export const ZRubricScore = z
  .int({ error: 'expected a rubric score 1–4' })
  .min(1, { error: 'expected a rubric score 1–4' })
  .max(4, { error: 'expected a rubric score 1–4' });
export type TRubricScore = z.infer<typeof ZRubricScore>;

/** One rater's scores: every standard must be scored (R-ASM-1). */
export const ZCpselScores = z.strictObject({
  cpsel1: ZRubricScore,
  cpsel2: ZRubricScore,
  cpsel3: ZRubricScore,
  cpsel4: ZRubricScore,
  cpsel5: ZRubricScore,
  cpsel6: ZRubricScore,
});
export type TCpselScores = z.infer<typeof ZCpselScores>;

export const ZRater = z.enum(['candidate', 'coach', 'supervisor']);
export type TRater = z.infer<typeof ZRater>;

export const ZAssessmentWindow = z.enum(['pre', 'endYear1', 'startYear2', 'endYear2']);
export type TAssessmentWindow = z.infer<typeof ZAssessmentWindow>;
