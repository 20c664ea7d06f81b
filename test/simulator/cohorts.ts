// The shipped scenarios, grouped into the cohorts the scenario and differential tests run. The
// rossier cohort ends on the day its candidates are cleared, and the extension runs alone, because
// the time-skipping server does not move its clock again once a recommendation chain has completed
// while other candidates still run (the differential test runs them on that server).
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { combineScenarios, loadScenario, type TScenario } from '../../simulator/scenario';
import { addDays, compareDates } from '../../domain/calendar/dates';
import type { TProgramPolicy } from '../../domain/policy/policy';

export const SCENARIOS = resolve(__dirname, '../../scenarios');
export const scenarioFile = (name: string) => join(SCENARIOS, `${name}.json`);

/** Which shipped scenario runs in which cohort. */
export const COHORTS: Record<string, string[]> = {
  rossier: ['on-track', 'late-admission', 'cleared-on-watch', 'at-risk', 'deferral-weekend', 'withdrawal-refund'],
  extension: ['extension'],
  ilp: ['ilp-milestones'],
};

export const cohort = (name: string) => combineScenarios(COHORTS[name]!.map(scenarioFile));

/**
 * Generated candidates: Jamal's on-track script with a seeded random share of his events left out
 * (never admission or the coach pairing), so deadlines are missed in ways no file spells out —
 * early warnings, academic watches, pace notices, rejected events. Until May of year 2: no
 * recommendation chain completes, so the time-skipping server keeps its clock moving.
 */
export function generatedCohort(count: number, seed: number): { scenario: TScenario; policy: TProgramPolicy } {
  const { scenario, policy } = loadScenario(scenarioFile('jamal-on-track'));
  const template = scenario.candidates[0]!;
  const masks = fc.sample(
    fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
      minLength: scenario.events.length,
      maxLength: scenario.events.length,
    }),
    { seed, numRuns: count },
  );
  const kept = ['admitted', 'coachAssigned'];
  const until = '2028-05-15';
  const beforeEnd = (day: number) => compareDates(addDays(scenario.cohortStart, day), until) <= 0;
  const candidates = masks.map((_, i) => ({ ...template, id: `gen${i + 1}`, email: `gen${i + 1}@example.org` }));
  const events = masks.flatMap((mask, i) =>
    scenario.events
      .filter((e, j) => beforeEnd(e.day) && (kept.includes(e.type) || mask[j]! > 0.12 + 0.1 * i))
      .map((e) => ({ ...e, candidate: `gen${i + 1}` })),
  );
  return {
    policy,
    scenario: { ...scenario, description: `${count} generated candidates (seed ${seed})`, candidates, events, until },
  };
}
