// Re-records the replay corpus (test/replay/histories/): runs small purpose-built scenarios — one
// per workflow branch — and the shipped scenarios through the simulator, and writes each workflow
// run's history as History proto JSON. test/replay/replay.test.ts replays them against the current
// workflow code, so a change that would break running workflows fails a test instead of production.
//
//   npx tsx scripts/record-histories.ts
//
// Idempotent: the folder is owned by this script and rewritten whole. Re-record only after a change
// that is meant to alter histories (and is patched for running workflows; see README); re-recording
// to make a failing replay pass defeats the test.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { temporal } from '@temporalio/proto';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { TRunHistory } from '../simulator/history';
import { simulate } from '../simulator/run';
import type { TSimulationReport } from '../simulator/report';

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, 'test/replay/histories');
/** A history is ~400 bytes an event; the corpus stays small enough to commit and to replay in seconds. */
const BUDGET_KB = 500;
const kb = (bytes: number) => Math.round(bytes / 1024);

interface TCorpusEntry {
  name: string;
  scenario: string;
  /**
   * 'last': only each candidate's final run — a two-year history is ~650 KB; its last run is one
   * that begins from a carried record. 'none': run it (the shipped scenario must still simulate and
   * reach its branch) but keep nothing, because the purpose-built entries cover the same ground.
   */
  runs: 'all' | 'last' | 'none';
  /** Whose runs: the candidate's workflow, the children it started, or both (the default). */
  workflows?: 'candidate' | 'children' | 'both';
  /** The branch this entry exists for; recording fails if the simulation no longer reaches it. */
  expect: (r: TSimulationReport) => string | undefined;
}

const only = (r: TSimulationReport) => r.candidates[0]!;
const CORPUS: TCorpusEntry[] = [
  {
    name: 'on-track',
    scenario: 'test/replay/scenarios/on-track.json',
    runs: 'all',
    expect: (r) => (only(r).iip.year1.supervisorApprovedOn ? undefined : 'the year-1 IIP was not approved'),
  },
  {
    name: 'late-admission',
    scenario: 'test/replay/scenarios/late-admission.json',
    runs: 'all',
    expect: (r) => (only(r).emails.some((e) => e.template === 'admission.escalation.pa') ? undefined : 'no admission escalation was sent'),
  },
  {
    name: 'withdrawal',
    scenario: 'test/replay/scenarios/withdrawal.json',
    runs: 'all',
    expect: (r) => (only(r).phase === 'withdrawn' ? undefined : `phase is ${only(r).phase}, not withdrawn`),
  },
  {
    name: 'year-boundary',
    scenario: 'test/replay/scenarios/year-boundary.json',
    runs: 'all',
    expect: (r) => (only(r).history.runs[0]?.continuedAsNew && only(r).phase === 'year2' ? undefined : 'the workflow did not continue as new into year 2'),
  },
  { name: 'jamal-on-track', scenario: 'scenarios/jamal-on-track.json', runs: 'last', expect: (r) => (only(r).history.runs.length >= 2 ? undefined : 'expected continue-as-new') },
  {
    // The academic watch and its intervention (R-AW-1, R-INT-1); the lifecycle's own runs are
    // covered above.
    name: 'carlos-late',
    scenario: 'scenarios/carlos-late.json',
    runs: 'all',
    workflows: 'children',
    expect: (r) => (only(r).history.children.some((c) => c.workflowType === 'academicWatch') ? undefined : 'no academic watch was opened'),
  },
  {
    name: 'cohort-mixed',
    scenario: 'scenarios/cohort-mixed.json',
    runs: 'none',
    expect: (r) => (r.candidates.find((c) => c.id === 'chen')?.phase === 'withdrawn' ? undefined : 'chen did not withdraw'),
  },
];

function write(name: string, run: TRunHistory): { file: string; events: number; bytes: number } {
  const file = join(OUT, name);
  // protobufjs' own JSON form, which History.fromObject reads back. historyToJSON from
  // @temporalio/common throws in this install ("type must be a Type": two protobufjs copies).
  const json = `${JSON.stringify(temporal.api.history.v1.History.fromObject(run.history).toJSON())}\n`;
  writeFileSync(file, json);
  return { file: relative(ROOT, file), events: run.history.events?.length ?? 0, bytes: Buffer.byteLength(json) };
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } } });
  mkdirSync(OUT, { recursive: true });
  for (const f of readdirSync(OUT)) if (f.endsWith('.json')) rmSync(join(OUT, f));

  const written: { file: string; events: number; bytes: number }[] = [];
  const problems: string[] = [];
  for (const entry of CORPUS) {
    const { report, histories } = await simulate({ scenarioFile: join(ROOT, entry.scenario) });
    const problem = entry.expect(report);
    if (problem) problems.push(`${entry.name}: ${problem}`);
    for (const c of report.candidates) {
      // The candidate's workflow, then each child it started (academic watch, recommendation).
      const which = entry.workflows ?? 'both';
      const ids = [...(which === 'children' ? [] : [c.workflowId]), ...(which === 'candidate' ? [] : c.history.children.map((ch) => ch.workflowId))];
      for (const workflowId of ids) {
        const runs = histories.filter((h) => h.workflowId === workflowId);
        const numbered = runs.map((h, i) => ({ h, n: i + 1 }));
        const kept = entry.runs === 'all' ? numbered : entry.runs === 'last' ? numbered.slice(-1) : [];
        for (const { h, n } of kept) written.push(write(`${entry.name}.${c.id}${workflowId === c.workflowId ? '' : `.${h.workflowType}`}.run${n}.json`, h));
      }
    }
    console.log(`${entry.name}: ${report.totals.historyEvents} events in ${report.totals.workflowRuns} runs (${report.totals.wallSeconds} s)`);
  }

  const total = written.reduce((a, w) => a + w.bytes, 0);
  for (const w of written) console.log(`  ${w.file}  ${w.events} events  ${kb(w.bytes)} KB`);
  console.log(`${written.length} histories, ${kb(total)} KB`);
  if (kb(total) > BUDGET_KB) problems.push(`the corpus is ${kb(total)} KB, over the ${BUDGET_KB} KB budget: shorten a scenario or keep fewer runs`);
  if (problems.length) {
    console.error(`record-histories: ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  console.error(`record-histories: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
