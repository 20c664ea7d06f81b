// Issue #16.4: properties over generated candidates and event streams, on the in-memory engine (the
// same cores the workflows interpret; test/simulator/differential.test.ts keeps the two engines
// equal). Each generated candidate is Jamal's two-year script with a random share of his events left
// out, perhaps a deferral and perhaps a withdrawal — so deadlines are missed, watches open, pace
// slips and events are refused in combinations no scenario file spells out.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALARM_TEMPLATE, checkExpectation, ZScenarioExpectation } from '../../simulator/expect';
import { simulateInMemory } from '../../simulator/memory/run';
import type { TSimulationReport } from '../../simulator/report';
import { loadScenario, type TScenarioEvent } from '../../simulator/scenario';
import { scenarioFile } from './cohorts';

const jamal = loadScenario(scenarioFile('jamal-on-track'));
const KEEP = ['admitted', 'coachAssigned'];

const arbCandidate = fc.record({
  keep: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
    minLength: jamal.scenario.events.length,
    maxLength: jamal.scenario.events.length,
  }),
  share: fc.double({ min: 0.5, max: 1, noNaN: true }),
  deferral: fc.option(fc.record({ day: fc.integer({ min: 20, max: 500 }), months: fc.integer({ min: 1, max: 6 }) }), {
    nil: undefined,
  }),
  withdrawal: fc.option(fc.integer({ min: 1, max: 650 }), { nil: undefined }),
});

interface TGenerated {
  keep: number[];
  share: number;
  deferral: { day: number; months: number } | undefined;
  withdrawal: number | undefined;
}

async function run(c: TGenerated): Promise<TSimulationReport> {
  const events: TScenarioEvent[] = jamal.scenario.events.filter(
    (e, i) => KEEP.includes(e.type) || c.keep[i]! < c.share,
  );
  if (c.deferral)
    events.push({
      candidate: 'jamal',
      day: c.deferral.day,
      type: 'deferred',
      data: { months: c.deferral.months, reason: 'Family leave' },
    });
  if (c.withdrawal !== undefined)
    events.push({
      candidate: 'jamal',
      day: c.withdrawal,
      type: 'withdrawn',
      data: { reason: 'Took a position out of state.' },
    });
  events.sort((a, b) => a.day - b.day);
  const loaded = { policy: jamal.policy, scenario: { ...jamal.scenario, events } };
  return (await simulateInMemory({ scenarioFile: 'generated', loaded })).report;
}

const invariants = ZScenarioExpectation.parse({ shows: 'generated', rules: ['R-TIME-3'], candidates: { jamal: {} } });
const RUNS = { numRuns: 25, seed: 16 };

describe('properties of generated candidates (in-memory engine)', () => {
  it('R-TIME-3 R-TIME-2: no email in quiet hours, no open deadline and no date in a subject on a weekend', async () => {
    await fc.assert(
      fc.asyncProperty(arbCandidate, async (c) => {
        expect(checkExpectation(await run(c), invariants)).toEqual([]);
      }),
      RUNS,
    );
  }, 120_000);

  it('R-REM-1: no notification goes out twice, every missed deadline is escalated at most once per recipient, every template renders', async () => {
    await fc.assert(
      fc.asyncProperty(arbCandidate, async (c) => {
        const { emails } = (await run(c)).candidates[0]!;
        const sent = emails.map((e) => `${e.at} ${e.template} ${e.roles.join(',')} ${e.subject}`);
        expect(sent.filter((s, i) => sent.indexOf(s) !== i)).toEqual([]);
        const escalated = new Map<string, string[]>();
        for (const e of emails.filter((x) => /\.escalation\./.test(x.template))) {
          const what = `${e.template} ${e.roles.join(',')} ${e.subject}`;
          escalated.set(what, [...(escalated.get(what) ?? []), e.at]);
        }
        expect([...escalated].filter(([, at]) => at.length > 1)).toEqual([]);
        expect(
          emails.filter((e) => e.renderProblem !== undefined).map((e) => `${e.template}: ${e.renderProblem}`),
        ).toEqual([]);
      }),
      RUNS,
    );
  }, 120_000);

  it('R-REM-2: a candidate who does everything on time gets no warning or escalation, and is cleared', async () => {
    const report = await run({
      keep: jamal.scenario.events.map(() => 0),
      share: 1,
      deferral: undefined,
      withdrawal: undefined,
    });
    const [candidate] = report.candidates;
    expect(
      candidate!.emails.filter((e) => ALARM_TEMPLATE.test(e.template)).map((e) => `${e.at} ${e.template}`),
    ).toEqual([]);
    expect([candidate!.phase, candidate!.flags, candidate!.emails.length]).toEqual(['cleared', [], 67]);
  });
});
