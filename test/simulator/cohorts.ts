// The shipped scenarios, grouped into the cohorts the scenario and differential tests run: one per
// program. Candidates cleared early and others still running share a cohort (the time-skipping
// server's launcher, scripts/java/CascTestServer.java, mends the lock that used to stop its clock
// once a recommendation chain ended after its lifecycle).
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { combineScenarios, loadScenario, type TScenario } from '../../simulator/scenario';
import { addDays, compareDates } from '../../domain/calendar/dates';
import type { TProgramPolicy } from '../../domain/policy/policy';

export const SCENARIOS = resolve(__dirname, '../../scenarios');
export const scenarioFile = (name: string) => join(SCENARIOS, `${name}.json`);

/** Which shipped scenario runs in which cohort. */
export const COHORTS: Record<string, string[]> = {
  rossier: [
    'on-track',
    'late-admission',
    'cleared-on-watch',
    'at-risk',
    'deferral-weekend',
    'withdrawal-refund',
    'extension',
  ],
  ilp: ['ilp-milestones'],
};

export const cohort = (name: string) => combineScenarios(COHORTS[name]!.map(scenarioFile));

/**
 * Generated candidates: Jamal's on-track script with a seeded random share of his events left out
 * (never admission or the coach pairing), so deadlines are missed in ways no file spells out —
 * early warnings, academic watches, pace notices, rejected events. Until May of year 2: no
 * recommendation chain completes (see staggeredCohort for that).
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

/**
 * Jamal's on-track script for `count` candidates whose last recommendation steps (PA verification,
 * recommendation to the CTC, CTC steps completed) come a week later for each: one candidate's
 * chain and lifecycle complete every week while the others still run, to the last clearance.
 */
export function staggeredCohort(count: number): { scenario: TScenario; policy: TProgramPolicy } {
  const { scenario, policy } = loadScenario(scenarioFile('jamal-on-track'));
  const template = scenario.candidates[0]!;
  const lastSteps = ['paVerified', 'recommendedToCtc', 'ctcStepsCompleted'];
  const later = (i: number) => 7 * i;
  const candidates = Array.from({ length: count }, (_, i) => ({
    ...template,
    id: `stag${i + 1}`,
    email: `stag${i + 1}@example.org`,
  }));
  const events = candidates.flatMap((c, i) =>
    scenario.events.map((e) => ({
      ...e,
      candidate: c.id,
      day: lastSteps.includes(e.type) ? e.day + later(i) : e.day,
    })),
  );
  const until = addDays(scenario.until, later(count - 1));
  return {
    policy,
    scenario: { ...scenario, description: `${count} candidates cleared a week apart`, candidates, events, until },
  };
}
