import { describe, it, expect } from 'vitest';
import { allRatersProficient, isProficient, panelPasses } from '../../domain/lifecycle/assessment';
import { ZCpselScores, type TCpselScores } from '../../domain/lifecycle/cpsel';
import { ctcStandard, rossier } from '../../domain/policy/policy';

const scores = (...s: [number, number, number, number, number, number]): TCpselScores =>
  ZCpselScores.parse({ cpsel1: s[0], cpsel2: s[1], cpsel3: s[2], cpsel4: s[3], cpsel5: s[4], cpsel6: s[5] });

describe('proficiency and panel', () => {
  it('R-ASM-1: a rater scores all six CPSEL standards, each 1–4', () => {
    expect(ZCpselScores.safeParse({ cpsel1: 3, cpsel2: 3, cpsel3: 3, cpsel4: 3, cpsel5: 3 }).success).toBe(false);
    expect(ZCpselScores.safeParse({ cpsel1: 3, cpsel2: 3, cpsel3: 3, cpsel4: 3, cpsel5: 3, cpsel6: 5 }).success).toBe(
      false,
    );
    expect(ZCpselScores.safeParse({ cpsel1: 3, cpsel2: 3, cpsel3: 3, cpsel4: 3, cpsel5: 3, cpsel6: 2.5 }).success).toBe(
      false,
    );
  });

  it('R-ASM-4: proficiency is every CPSEL ≥ 3 (rossier)', () => {
    expect(isProficient(scores(3, 3, 3, 3, 3, 3), rossier)).toBe(true);
    expect(isProficient(scores(4, 4, 4, 4, 4, 2), rossier)).toBe(false);
  });

  it('R-ASM-4: the policy alternative is an overall average ≥ 3 (ctc-standard)', () => {
    expect(isProficient(scores(4, 4, 4, 4, 4, 2), ctcStandard)).toBe(true);
    expect(isProficient(scores(3, 3, 3, 3, 3, 2), ctcStandard)).toBe(false);
  });

  it('R-CMP-1: completion needs proficiency from all three raters', () => {
    const good = scores(3, 3, 4, 3, 3, 3);
    expect(allRatersProficient({ candidate: good, coach: good, supervisor: good }, rossier)).toBe(true);
    expect(allRatersProficient({ candidate: good, coach: good }, rossier)).toBe(false);
    expect(allRatersProficient({ candidate: good, coach: good, supervisor: scores(3, 3, 3, 3, 3, 2) }, rossier)).toBe(
      false,
    );
  });

  it('R-PF-2: a panel of 2–3 reviewers, each scoring at least 3', () => {
    expect(panelPasses([3, 3], rossier)).toBe(true);
    expect(panelPasses([4, 3, 3], rossier)).toBe(true);
    expect(panelPasses([4, 2, 4], rossier)).toBe(false);
    expect(panelPasses([4], rossier)).toBe(false);
    expect(panelPasses([3, 3, 3, 3], rossier)).toBe(false);
  });
});
