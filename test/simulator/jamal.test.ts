// The shipped on-track scenario (seed 001, Jamal) end to end: two program years of the real
// workflow on the time-skipping server in seconds. One simulation, several facts checked, so the
// file costs one server start and one bundle.
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ZSimulationReport, type TCandidateReport, type TSimulationReport } from '../../simulator/report';
import { runSimulation } from '../../simulator/run';
import { checkExpectation, loadExpectation } from '../../simulator/expect';
import { KNOWN_OPEN } from './known-open';

let report: TSimulationReport;
let jamal: TCandidateReport;
beforeAll(async () => {
  report = await runSimulation({ scenarioFile: resolve(__dirname, '../../scenarios/jamal-on-track.json') });
  jamal = report.candidates[0]!;
}, 180_000);

describe('simulator: scenarios/jamal-on-track.json', () => {
  it('reports in the documented shape, with totals that add up', () => {
    expect(() => ZSimulationReport.parse(report)).not.toThrow();
    expect(report.scenario).toMatchObject({
      program: 'rossier',
      policy: 'rossier',
      from: '2026-06-15',
      until: '2028-06-30',
    });
    expect(report.candidates.map((c) => c.id)).toEqual(['jamal']);
    const childRuns = jamal.history!.children.reduce((a, c) => a + c.runs, 0);
    expect(report.totals).toMatchObject({
      candidates: 1,
      emails: jamal.emails.length,
      historyEvents: jamal.history!.withChildren,
      workflowRuns: jamal.history!.runs.length + childRuns,
    });
    expect(report.totals.wallSeconds).toBeGreaterThan(0);
  });

  it('reaches the end of year 2 on track: admitted, paired, oriented, both IIPs approved, hours met, every assessment proficient', () => {
    // Later phases once the recommendation chain accepts the scenario's June events.
    expect(['completionReview', 'recommendation', 'recommended', 'cleared']).toContain(jamal.phase);
    expect(jamal.flags).toEqual([]);
    expect(jamal.milestones).toMatchObject({
      admittedOn: '2026-07-06',
      coachAssignedOn: '2026-07-09',
      orientationOn: '2026-08-07',
    });
    expect(jamal.iip.year1.supervisorApprovedOn).not.toBeNull();
    expect(jamal.iip.year2).toMatchObject({
      submittedOn: '2027-09-08',
      coachApprovedOn: '2027-09-10',
      supervisorApprovedOn: '2027-09-15',
    });
    expect(jamal.hours.year1.met && jamal.hours.year2.met).toBe(true);
    expect(jamal.hours.year1.coaching.logged).toBeGreaterThanOrEqual(40);
    expect(jamal.assessments.map((a) => [a.window, a.complete, a.proficient])).toEqual([
      ['pre', true, true],
      ['endYear1', true, true],
      ['startYear2', true, true],
      ['endYear2', true, true],
    ]);
  });

  it('lists every email with template, recipient roles and local date — the pre-assessment and IIP reminders among them', () => {
    const sent = (template: string) => jamal.emails.filter((e) => e.template === template).map((e) => e.date);
    // The principal's pre-assessment was outstanding 14 days before it closed (R-TIME-2: Fri Sep 11, not Sun Sep 13).
    expect(sent('assessmentWindow.reminder.supervisor')).toContain('2026-08-28');
    // IIP begun by Oct 2 (R-IIP-1): the 14-day reminder to candidate and coach.
    expect(sent('iipStart.reminder.candidate')).toContain('2026-09-18');
    expect(sent('iipStart.reminder.coach')).toContain('2026-09-18');
    expect(sent('iipApproval.reminder.supervisor')).toContain('2026-09-28');
    expect(jamal.emails.every((e) => e.roles.length > 0 && e.subject.length > 0 && !e.renderProblem)).toBe(true);
    // Nothing about admission or the coach match: both were on time.
    expect(jamal.emails.filter((e) => /^(admission|coachMatch)\./.test(e.template))).toEqual([]);
  });

  it("R-REM-2: shows what scenarios/jamal-on-track.expect.json states (no warning; the recommendation child's emails with their send times)", () => {
    const x = loadExpectation(resolve(__dirname, '../../scenarios/jamal-on-track.expect.json'));
    expect(checkExpectation(report, x)).toEqual(KNOWN_OPEN['jamal-on-track']);
  });

  it('records the history length across continue-as-new runs (total and per run)', () => {
    const history = jamal.history!;
    expect(history.runs.length).toBeGreaterThanOrEqual(2); // a new run at the year-2 boundary
    expect(history.runs[0]!.continuedAsNew).toBe(true);
    expect(history.runs.at(-1)!.continuedAsNew).toBe(false);
    expect(history.events).toBe(history.runs.reduce((a, r) => a + r.events, 0));
    expect(history.withChildren).toBe(history.events + history.children.reduce((a, c) => a + c.events, 0));
    expect(history.runs.every((r) => r.events > 0)).toBe(true);
  });

  it('keeps a dated timeline in date order, with any refused event on it and in events.rejected', () => {
    const dates = jamal.timeline.map((t) => t.date);
    expect(dates).toEqual([...dates].sort());
    expect(jamal.timeline[0]).toMatchObject({ date: '2026-06-15', kind: 'assignmentStarted' });
    expect(
      jamal.timeline.some((t) => t.kind === 'phaseChanged' && t.detail === 'year2' && t.date === '2027-08-01'),
    ).toBe(true);
    expect(jamal.events.sent).toBe(jamal.events.accepted + jamal.events.rejected.length);
    expect(jamal.timeline.filter((t) => t.kind === 'rejected')).toHaveLength(jamal.events.rejected.length);
  });
});
