// Re-records the replay corpus (test/replay/histories/): runs small purpose-built scenarios — one
// per workflow branch — and the shipped scenarios through the simulator, and writes each workflow
// run's history as gzipped History proto JSON. test/replay/replay.test.ts replays them against the
// current workflow code, so a change that would break running workflows fails a test, not production.
//
//   npx tsx scripts/record-histories.ts [--only NAME[,NAME…]]
//
// The folder is owned by this script and rewritten whole (`--only` rewrites just the named entries'
// files, to add a race or branch to a corpus recorded earlier); its RECORDED file names the day. The
// corpus it replaces is kept, not deleted: it moves to test/replay/archive/<its day>/, which
// replay.test.ts replays too, because workflows started by that day's code may still be running
// (a second recording on the same day replaces the first). test/replay/patches/, the histories from
// before each patch, is not touched. Re-record only after a change that is meant to alter histories
// (and is patched for running workflows; see README); re-recording to make a failing replay pass
// defeats the test.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { join, relative, resolve } from 'node:path';
import { temporal } from '@temporalio/proto';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { TRunHistory } from '../simulator/history';
import { simulate } from '../simulator/run';
import type { TSimulationReport } from '../simulator/report';
import { WATCH_WORKFLOW_TYPE } from '../workflows/contract';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createTimeSkippingEnv } from '../simulator/time-skipping';
import {
  refusedChildStarts,
  watchDueAgainAsItCloses,
  withdrawalDuringDeferralSend,
  type TRaceOutcome,
} from '../test/support/races';

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, 'test/replay/histories');
const ARCHIVE = join(ROOT, 'test/replay/archive');
/** The corpus folder's stamp: the day (UTC) its histories were recorded. */
const STAMP = join(OUT, 'RECORDED');
const isHistory = (f: string) => /\.json(\.gz)?$/.test(f);
/**
 * A history is ~400 bytes an event as JSON, ~25 gzipped (histories repeat themselves). Files are
 * gzipped JSON; the budget counts the committed (gzipped) bytes and keeps replay within seconds.
 */
const BUDGET_KB = 500;
const kb = (bytes: number) => Math.round(bytes / 1024);

interface TCorpusEntry {
  name: string;
  scenario: string;
  /**
   * 'last': only each candidate's final run (one that begins from a carried record). 'none': run it (the shipped scenario must still simulate and
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
    expect: (r) =>
      only(r).emails.some((e) => e.template === 'admission.escalation.pa')
        ? undefined
        : 'no admission escalation was sent',
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
    expect: (r) =>
      only(r).history!.runs[0]?.continuedAsNew && only(r).phase === 'year2'
        ? undefined
        : 'the workflow did not continue as new into year 2',
  },
  {
    name: 'jamal-on-track',
    scenario: 'scenarios/jamal-on-track.json',
    runs: 'all',
    expect: (r) => (only(r).history!.runs.length >= 2 ? undefined : 'expected continue-as-new'),
  },
  {
    // The academic watch and its intervention (R-AW-1, R-INT-1); the lifecycle's own runs are
    // covered above.
    name: 'carlos-late',
    scenario: 'scenarios/carlos-late.json',
    runs: 'all',
    workflows: 'children',
    expect: (r) =>
      only(r).history!.children.some((c) => c.workflowType === WATCH_WORKFLOW_TYPE)
        ? undefined
        : 'no academic watch was opened',
  },
  {
    // R-INT-2: deadlines move with the deferral; risk notices pause while it lasts.
    name: 'deferral',
    scenario: 'test/replay/scenarios/deferral.json',
    runs: 'all',
    expect: (r) =>
      only(r).timeline.some((e) => e.kind === 'deferred') && only(r).events.rejected.length === 0
        ? undefined
        : 'the deferral was not recorded, or an event was rejected',
  },
  {
    // R-PF-2: a failed panel presentation, re-presented and passed, then the recommendation chain.
    name: 'failed-panel',
    scenario: 'test/replay/scenarios/failed-panel.json',
    runs: 'all',
    workflows: 'candidate',
    expect: (r) => {
      const presented = only(r).timeline.filter((e) => e.kind === 'portfolioPresented');
      return presented.length === 2 && only(r).phase === 'cleared'
        ? undefined
        : `no failed presentation on the timeline, or the candidate did not finish (phase ${only(r).phase})`;
    },
  },
  {
    // R-REC-5: the CTC window lapses, the credentials office renews, the candidate completes.
    name: 'lapse',
    scenario: 'test/replay/scenarios/lapse.json',
    runs: 'all',
    workflows: 'children',
    expect: (r) =>
      only(r).timeline.some((e) => e.kind === 'ctcWindowLapsed') && only(r).phase === 'cleared'
        ? undefined
        : `the CTC window did not lapse, or the chain did not clear (phase ${only(r).phase})`,
  },
  {
    // R-TIME-1: hired after the cohort start, admitted lawfully 98 days later.
    name: 'late-hire',
    scenario: 'test/replay/scenarios/late-hire.json',
    runs: 'all',
    workflows: 'candidate',
    expect: (r) =>
      only(r).phase === 'year1' && only(r).events.rejected.length === 0
        ? undefined
        : `phase ${only(r).phase}, or an event was rejected`,
  },
  {
    // R-CMP-4: an academic watch still open at completion review (run 2 asks the patch as it enters
    // completion review; run 3 is the completion review itself).
    name: 'watch-at-completion',
    scenario: 'test/replay/scenarios/watch-at-completion.json',
    runs: 'all',
    workflows: 'candidate',
    expect: (r) =>
      only(r).timeline.some((e) => e.kind === 'academicWatchOpened') &&
      ['completionReview', 'cleared'].includes(only(r).phase)
        ? undefined
        : `no academic watch opened, or phase ${only(r).phase}`,
  },
  {
    name: 'cohort-mixed',
    scenario: 'scenarios/cohort-mixed.json',
    runs: 'none',
    expect: (r) =>
      r.candidates.find((c) => c.id === 'chen')?.phase === 'withdrawn' ? undefined : 'chen did not withdraw',
  },
];

/**
 * Races no scenario reaches on purpose (test/support/races.ts), driven on their own time-skipping
 * server so each happens every time; their histories carry the new path of the patch made for them.
 */
const RACES: {
  name: string;
  initialTime: string;
  run: (env: TestWorkflowEnvironment) => Promise<TRaceOutcome>;
  expect: (o: TRaceOutcome) => string | undefined;
}[] = [
  {
    // Patch wake-on-message-during-turn: a withdrawal recorded while the deferral's confirmation is sent.
    name: 'race-withdrawal-during-send',
    initialTime: '2026-06-15T15:00:00Z',
    run: withdrawalDuringDeferralSend,
    expect: (o) =>
      o.status === 'COMPLETED' && o.sent.some((e) => e.template === 'withdrawal.confirmation.candidate')
        ? undefined
        : `the withdrawal was not decided at once (status ${o.status})`,
  },
  {
    // Patch watch-restart-waits: the next academic watch is due as the PA closes the last one.
    name: 'race-watch-due-as-it-closes',
    initialTime: '2026-06-15T15:00:00Z',
    run: watchDueAgainAsItCloses,
    expect: (o) =>
      refusedChildStarts(o.history) > 0 && o.sent.filter((e) => e.template === 'academicWatch.notice.pa').length === 2
        ? undefined
        : `no start refused, or the next watch sent no notice (${refusedChildStarts(o.history)} refused)`,
  },
];

function write(name: string, history: TRunHistory['history']): { file: string; events: number; bytes: number } {
  const file = join(OUT, `${name}.gz`);
  // protobufjs' own JSON form, which History.fromObject reads back. historyToJSON from
  // @temporalio/common throws in this install ("type must be a Type": two protobufjs copies).
  const json = `${JSON.stringify(temporal.api.history.v1.History.fromObject(history).toJSON())}\n`;
  const gz = gzipSync(json, { level: 9 });
  writeFileSync(file, gz);
  return { file: relative(ROOT, file), events: history.events?.length ?? 0, bytes: gz.byteLength };
}

const USAGE = `usage: npx tsx scripts/record-histories.ts [--only NAME[,NAME…]]

  --only NAMES  record only these entries (comma-separated) and leave every other history as it
                is: no archive, the RECORDED stamp unchanged (a new race or branch added to a
                corpus recorded earlier). Names: ${[...CORPUS, ...RACES].map((e) => e.name).join(', ')}`;

/** The entries to record: all of them, or those --only names (undefined: a usage error, said on stderr). */
function selection(argv: string[]): { only?: Set<string> } | undefined {
  let values: { only?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { only: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    console.error(`record-histories: ${(err as Error).message}\n\n${USAGE}`);
    return undefined;
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (values.only === undefined) return {};
  const only = new Set(values.only.split(',').map((n) => n.trim()));
  const known = new Set([...CORPUS, ...RACES].map((e) => e.name));
  const unknown = [...only].filter((n) => !known.has(n));
  if (only.size === 0 || unknown.length > 0) {
    console.error(`record-histories: no corpus entry named ${unknown.join(', ') || '""'}\n\n${USAGE}`);
    return undefined;
  }
  return { only };
}

async function main(): Promise<void> {
  const selected = selection(process.argv.slice(2));
  if (!selected) {
    process.exitCode = 2;
    return;
  }
  const { only } = selected;
  const wanted = (name: string) => only === undefined || only.has(name);
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } },
  });
  mkdirSync(OUT, { recursive: true });
  if (only) {
    // Only the named entries' files are replaced (a run fewer than before must not leave its old file).
    for (const f of readdirSync(OUT)) if (isHistory(f) && only.has(f.split('.')[0]!)) rmSync(join(OUT, f));
  } else {
    const today = new Date().toISOString().slice(0, 10);
    const archived = archivePrevious(today);
    if (archived) console.log(`kept the corpus of ${archived.day}: ${archived.files} histories in ${archived.dir}`);
    for (const f of readdirSync(OUT)) if (isHistory(f)) rmSync(join(OUT, f));
    writeFileSync(STAMP, `${today}\n`);
  }

  const written: { file: string; events: number; bytes: number }[] = [];
  const problems: string[] = [];
  for (const entry of CORPUS.filter((e) => wanted(e.name))) {
    const { report, histories } = await simulate({ scenarioFile: join(ROOT, entry.scenario) });
    const problem = entry.expect(report);
    if (problem) problems.push(`${entry.name}: ${problem}`);
    for (const c of report.candidates) {
      // The candidate's workflow, then each child it started (academic watch, recommendation).
      const which = entry.workflows ?? 'both';
      const ids = [
        ...(which === 'children' ? [] : [c.workflowId]),
        ...(which === 'candidate' ? [] : c.history!.children.map((ch) => ch.workflowId)),
      ];
      for (const workflowId of ids) {
        const runs = histories.filter((h) => h.workflowId === workflowId);
        const numbered = runs.map((h, i) => ({ h, n: i + 1 }));
        const kept = entry.runs === 'all' ? numbered : entry.runs === 'last' ? numbered.slice(-1) : [];
        for (const { h, n } of kept)
          written.push(
            write(
              `${entry.name}.${c.id}${workflowId === c.workflowId ? '' : `.${h.workflowType}`}.run${n}.json`,
              h.history,
            ),
          );
      }
    }
    console.log(
      `${entry.name}: ${report.totals.historyEvents} events in ${report.totals.workflowRuns} runs (${report.totals.wallSeconds} s)`,
    );
  }

  for (const race of RACES.filter((r) => wanted(r.name))) {
    const env = await createTimeSkippingEnv(race.initialTime);
    try {
      const outcome = await race.run(env);
      const problem = race.expect(outcome);
      if (problem) problems.push(`${race.name}: ${problem}`);
      written.push(write(`${race.name}.jamal.run1.json`, outcome.history));
      console.log(`${race.name}: ${outcome.history.events?.length ?? 0} events in 1 run`);
    } finally {
      await env.teardown();
    }
  }

  for (const w of written) console.log(`  ${w.file}  ${w.events} events  ${kb(w.bytes)} KB`);
  // The budget is the folder's, whatever this run wrote.
  const files = readdirSync(OUT).filter(isHistory);
  const total = files.reduce((a, f) => a + statSync(join(OUT, f)).size, 0);
  console.log(`${written.length} histories written; the corpus holds ${files.length}, ${kb(total)} KB`);
  if (kb(total) > BUDGET_KB)
    problems.push(
      `the corpus is ${kb(total)} KB, over the ${BUDGET_KB} KB budget: shorten a scenario or keep fewer runs`,
    );
  if (problems.length) {
    console.error(`record-histories: ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exitCode = 1;
  }
}

/**
 * Moves the corpus being replaced to archive/<its day>/ (its RECORDED stamp). Nothing moves when the
 * folder is empty or was recorded today. A corpus without a stamp is refused rather than lost.
 */
function archivePrevious(today: string): { day: string; files: number; dir: string } | undefined {
  const previous = readdirSync(OUT).filter(isHistory);
  if (previous.length === 0) return undefined;
  if (!existsSync(STAMP))
    throw new Error(
      `${relative(ROOT, OUT)} holds ${previous.length} histories but no RECORDED stamp: move them to ${relative(ROOT, ARCHIVE)}/<the day they were recorded>/ first`,
    );
  const day = readFileSync(STAMP, 'utf8').trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`${relative(ROOT, STAMP)} says "${day}", not a YYYY-MM-DD day`);
  if (day === today) return undefined;
  const dir = join(ARCHIVE, day);
  if (existsSync(dir))
    throw new Error(`${relative(ROOT, dir)} exists already: the corpus of ${day} was archived before`);
  mkdirSync(dir, { recursive: true });
  for (const f of previous) renameSync(join(OUT, f), join(dir, f));
  return { day, files: previous.length, dir: relative(ROOT, dir) };
}

main().catch((err: unknown) => {
  console.error(`record-histories: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
