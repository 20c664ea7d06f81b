// `simulate --json` carries the program report of the simulated cohort (issue 19), computed by the
// same function as the portal: the mixed cohort of scenarios/cohort-mixed.json (Chen withdraws in
// the refund week; the others are in year 1 with few hours by late December).
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ZSimulationReport } from '../../simulator/report';
import { runSimulation } from '../../simulator/run';

describe('simulate: the cohort report (issue 19)', () => {
  it('R-ADM-5: the withdrawn candidate is counted with its refund and reason; hours as a distribution', async () => {
    const sim = ZSimulationReport.parse(
      await runSimulation({ scenarioFile: resolve(__dirname, '../../scenarios/cohort-mixed.json') }),
    );
    const r = sim.report;
    expect([r.programId, r.cohortYear, r.districtId]).toEqual(['rossier', 2026, null]);
    expect(r.candidates).toEqual({
      total: 4,
      byPhase: {
        applicant: 0,
        enrolled: 0,
        year1: 3,
        year2: 0,
        completionReview: 0,
        recommendation: 0,
        recommended: 0,
        cleared: 0,
        withdrawn: 1,
      },
      closed: 1,
    });
    expect(r.withdrawals).toEqual({
      total: 1,
      refundEligible: 1,
      noRefund: 0,
      byReason: [{ label: 'Took a teaching position out of state.', count: 1 }],
      rate: 0.25,
    });
    expect(r.hours.year1.coaching).toEqual({
      required: 40,
      count: 4,
      min: 0,
      q1: 0,
      median: 4.5,
      q3: 11.25,
      max: 18,
      mean: 6.75,
      belowRequirement: 4,
    });
    expect(r.completion).toEqual({ completed: 0, onTime: 0, late: 0, pastTarget: 0, onTimeRate: 0 });
  }, 300_000);
});
