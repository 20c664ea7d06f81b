// The program report's figures, exactly, on a generated cohort whose outcomes are known
// (test/report/cohort.ts lists what each of the ten candidates did).
import { describe, expect, it } from 'vitest';
import { programReport, ZProgramReport } from '../../domain/report/program-report';
import { distribution, quantile } from '../../domain/report/stats';
import { cohortStatuses, POLICY, SECRET_GOAL } from './cohort';

const SCOPE = { programId: 'rossier', cohortYear: 2026 };
const report = () => programReport(cohortStatuses(), POLICY, SCOPE, '2028-12-01');

describe('program report (issue 19)', () => {
  it('issue 19: counts every candidate of the program and cohort once, closed ones included, by phase', () => {
    const statuses = cohortStatuses();
    const r = programReport([...statuses, statuses[0]!], POLICY, SCOPE, '2028-12-01');
    expect(ZProgramReport.parse(r)).toEqual(r);
    expect(r.candidates).toEqual({
      total: 10,
      byPhase: {
        applicant: 0,
        enrolled: 0,
        year1: 0,
        year2: 3,
        completionReview: 0,
        recommendation: 0,
        recommended: 1,
        cleared: 4,
        withdrawn: 2,
      },
      closed: 6,
    });
  });

  it('R-REC-6/R-EXT-1: completion on time (by the June target, no extension) and late; a deferral moves the target (R-INT-2)', () => {
    const r = report();
    expect(r.completion).toEqual({ completed: 5, onTime: 4, late: 1, pastTarget: 2, onTimeRate: 0.5 });
    expect(r.extensions).toEqual({ candidates: 1 });
    expect(r.deferrals).toEqual({ candidates: 1, deferrals: 1, months: 3 });
  });

  it('R-ADM-5: withdrawals by reason and refund', () => {
    expect(report().withdrawals).toEqual({
      total: 2,
      refundEligible: 1,
      noRefund: 1,
      byReason: [
        { label: 'Moved out of state', count: 1 },
        { label: 'Personal', count: 1 },
      ],
      rate: 0.2,
    });
  });

  it('R-EW-1/R-AW-1: early-warning and academic-watch rates with their outcomes', () => {
    const r = report();
    expect(r.earlyWarning).toEqual({
      candidates: 3,
      rate: 0.3,
      escalatedToWatch: 3,
      outcomes: { completed: 0, withdrawn: 1, inProgress: 2 },
    });
    expect(r.academicWatch).toEqual({
      candidates: 3,
      rate: 0.3,
      watchesOpened: 4,
      open: 1,
      closed: 1,
      atRisk: 1,
      outcomes: { completed: 0, withdrawn: 1, inProgress: 2 },
    });
  });

  it('R-HRS-1/R-HRS-2: hours by year and category as a distribution against the requirement', () => {
    const { year1, year2 } = report().hours;
    expect(year1.coaching).toEqual({
      required: 40,
      count: 9,
      min: 10,
      q1: 30,
      median: 40,
      q3: 42,
      max: 50,
      mean: 35,
      belowRequirement: 4,
    });
    expect(year1.learning).toEqual({
      required: 60,
      count: 9,
      min: 0,
      q1: 30,
      median: 60,
      q3: 60,
      max: 60,
      mean: 44,
      belowRequirement: 3,
    });
    expect(year1.byCategory.cpselSession).toEqual({
      required: 12,
      count: 9,
      min: 0,
      q1: 12,
      median: 12,
      q3: 12,
      max: 12,
      mean: 10,
      belowRequirement: 2,
    });
    expect(year1.byCategory.plc).toEqual({
      required: 10,
      count: 9,
      min: 0,
      q1: 0,
      median: 10,
      q3: 10,
      max: 10,
      mean: 6.67,
      belowRequirement: 3,
    });
    // Year 2 counts only the eight who reached it (the two withdrawn in year 1 or before do not).
    expect(year2.coaching).toEqual({
      required: 40,
      count: 8,
      min: 5,
      q1: 23.75,
      median: 40,
      q3: 40,
      max: 40,
      mean: 31.25,
      belowRequirement: 3,
    });
    expect(year2.learning).toEqual({
      required: 60,
      count: 8,
      min: 0,
      q1: 0,
      median: 60,
      q3: 60,
      max: 60,
      mean: 37.5,
      belowRequirement: 3,
    });
  });

  it('R-ASM-2: CPSEL growth from the pre-assessment to the end of year 2, by standard and by rater', () => {
    const { byStandard, byRater } = report().cpselGrowth;
    expect(byStandard).toHaveLength(6);
    expect(byStandard[0]).toEqual({ standard: 'cpsel1', pairs: 3, preMean: 1.67, endMean: 3.33, meanGrowth: 1.67 });
    expect(byRater).toEqual([
      { rater: 'candidate', pairs: 2, preMean: 1.5, endMean: 3, meanGrowth: 1.5 },
      { rater: 'coach', pairs: 1, preMean: 2, endMean: 4, meanGrowth: 2 },
      { rater: 'supervisor', pairs: 0, preMean: null, endMean: null, meanGrowth: null },
    ]);
  });

  it('R-PF-2/R-REC-5: panel first-attempt pass rate, days from panel to recommendation, CTC 90-day lapses', () => {
    const r = report();
    expect(r.portfolioPanel).toEqual({
      presented: 5,
      firstAttemptPassed: 4,
      firstAttemptPassRate: 0.8,
      eventuallyPassed: 5,
      medicalExemptions: 1,
    });
    expect(r.panelToRecommendationDays).toEqual({ count: 5, min: 12, median: 26, max: 66, mean: 31.2 });
    expect(r.ctcLapses).toEqual({ recommended: 5, candidatesLapsed: 1, lapses: 1 });
  });

  it('issue 19: email delivery problems by reason and template', () => {
    expect(report().emailDelivery).toEqual({
      problems: 3,
      candidatesAffected: 2,
      byReason: [
        { label: 'bounced', count: 2 },
        { label: 'complaint', count: 1 },
      ],
      byTemplate: [
        { label: 'welcome', count: 2 },
        { label: 'iipReminder', count: 1 },
      ],
    });
  });

  it('R-IIP-5: per district, and the report never carries IIP content', () => {
    const r = programReport(cohortStatuses(), POLICY, { ...SCOPE, districtId: 'lausd' }, '2028-12-01');
    expect(r.districtId).toBe('lausd');
    expect(r.candidates.total).toBe(5);
    expect(r.completion).toEqual({ completed: 4, onTime: 4, late: 0, pastTarget: 0, onTimeRate: 0.8 });
    const text = JSON.stringify(report());
    expect(text).not.toContain(SECRET_GOAL);
    expect(text).not.toContain('example.org');
  });

  it('issue 19: an empty scope reports zeros and null rates, not NaN', () => {
    const r = programReport(cohortStatuses(), POLICY, { programId: 'rossier', cohortYear: 2030 }, '2028-12-01');
    expect(r.candidates.total).toBe(0);
    expect(r.completion.onTimeRate).toBeNull();
    expect(r.hours.year1.coaching).toEqual({
      required: 40,
      count: 0,
      min: null,
      q1: null,
      median: null,
      q3: null,
      max: null,
      mean: null,
      belowRequirement: 0,
    });
  });

  it('issue 19: quartiles interpolate between ranks like QUARTILE.INC', () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(distribution([3, 1, 2], 2)).toEqual({
      required: 2,
      count: 3,
      min: 1,
      q1: 1.5,
      median: 2,
      q3: 2.5,
      max: 3,
      mean: 2,
      belowRequirement: 1,
    });
  });
});
