// `simulate --engine memory` (the default): a scenario on the in-memory engine. Same plan, same
// routing of events, same mailbox and report as the Temporal engine (simulator/run.ts); only the
// clock is virtual and the cores are called in this process.
import { accessSync, constants, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { createRecordActivities } from '../../activities/records';
import type { TProgramPolicy } from '../../domain/policy/policy';
import { createRecordingMailbox } from '../mailbox';
import { planScenario } from '../plan';
import {
  candidateReport,
  cohortReport,
  type TCandidateReport,
  type TRejectedEvent,
  type TSimulationReport,
} from '../report';
import type { TCandidateStatus } from '../../domain/lifecycle/status';
import { loadScenario, simulationStart, type TScenario } from '../scenario';
import { reportedEmails } from '../emails';
import { createMemoryEngine, type TActionCounts } from './engine';

/** Email links point here; the simulator never serves them (as on the Temporal engine). */
const PORTAL_URL = 'http://127.0.0.1:8787';

export interface TMemoryOptions {
  scenarioFile: string;
  loaded?: { scenario: TScenario; policy: TProgramPolicy };
  /** Called after each scenario step (a progress bar). */
  onProgress?: (done: number, total: number) => void;
  /** Threads to split a large cohort across (default 1; `simulate` uses one per core from 50 candidates). */
  threads?: number;
}

export interface TMemoryResult {
  report: TSimulationReport;
  /** Per candidate: the commands Temporal would have charged for. */
  actions: Map<string, TActionCounts>;
}

export async function simulateInMemory({
  scenarioFile,
  loaded,
  onProgress,
  threads = 1,
}: TMemoryOptions): Promise<TMemoryResult> {
  const began = performance.now();
  const { scenario, policy } = loaded ?? loadScenario(scenarioFile);
  // Candidates never affect one another, so a large cohort is split across threads (one per core).
  const parts =
    threads > 1 && scenario.candidates.length >= PARALLEL_FROM ? splitCohort(scenario, threads) : [scenario];
  const ran =
    parts.length === 1 ? [await runPart(scenario, policy, onProgress)] : await runInThreads(parts, policy, onProgress);
  const setupSeconds = seconds(Math.min(...ran.map((r) => r.setupMs)));
  const byId = new Map(
    ran.flatMap((r) => r.candidates.map((c, i) => [c.id, { report: c, status: r.statuses[i]! }] as const)),
  );
  const ordered = scenario.candidates.map((c) => byId.get(c.id)!);
  const candidates = ordered.map((o) => o.report);
  const report: TSimulationReport = {
    scenario: {
      file: scenarioFile,
      program: scenario.program,
      policy: policy.id,
      timeZone: policy.timeZone,
      cohortStart: scenario.cohortStart,
      // The plan's first day, without planning the whole cohort again on this thread.
      from: simulationStart(scenario),
      until: scenario.until,
    },
    engine: 'memory',
    candidates,
    report: cohortReport(
      ordered.map((o) => o.status),
      policy,
      scenario.program,
      scenario.cohortStart,
    ),
    totals: {
      candidates: candidates.length,
      emails: candidates.reduce((a, c) => a + c.emails.length, 0),
      historyEvents: null,
      workflowRuns: ran.reduce((a, r) => a + r.workflowRuns, 0),
      eventsSent: candidates.reduce((a, c) => a + c.events.sent, 0),
      eventsRejected: candidates.reduce((a, c) => a + c.events.rejected.length, 0),
      wallSeconds: seconds(performance.now() - began),
      setupSeconds,
    },
  };
  return { report, actions: new Map(ran.flatMap((r) => r.actions)) };
}

/** What one thread's share of a cohort produced (plain data: it crosses a thread boundary). */
export interface TPart {
  candidates: TCandidateReport[];
  statuses: TCandidateStatus[];
  actions: [string, TActionCounts][];
  workflowRuns: number;
  setupMs: number;
}

/** Runs (part of) a cohort on one engine in this thread. */
export async function runPart(
  scenario: TScenario,
  policy: TProgramPolicy,
  onProgress?: (done: number, total: number) => void,
): Promise<TPart> {
  const began = performance.now();
  const plan = planScenario(scenario, policy);
  const recordsDir = mkdtempSync(join(scratchRoot(), 'casc-sim-memory-'));
  try {
    const mailbox = createRecordingMailbox();
    const engine = createMemoryEngine({ policy, mailbox, records: createRecordActivities({ dataDir: recordsDir }) });
    const sent = new Map<string, number>();
    const rejected = new Map<string, TRejectedEvent[]>();
    let done = 0;
    for (const step of plan.steps) {
      engine.at(step.at, async () => {
        if (step.kind === 'start') {
          await engine.start({ start: step.start, policy, links: { portalUrl: PORTAL_URL } }, step.at);
        } else {
          const id = step.candidate.id;
          sent.set(id, (sent.get(id) ?? 0) + 1);
          const reason = await engine.recordEvent(id, step.event, step.at);
          if (reason)
            rejected.set(id, [
              ...(rejected.get(id) ?? []),
              { index: step.index, day: step.day, date: step.date, type: step.event.type, reason },
            ]);
        }
        onProgress?.(++done, plan.steps.length);
      });
    }
    const setupMs = performance.now() - began;
    await engine.runUntil(plan.endsAt);
    const statuses = scenario.candidates.map((c) => engine.status(c.id));
    // Each family's emails, in mailbox order: filtering the whole mailbox per candidate grew as the
    // square of the cohort.
    const sentBy = new Map<string, number[]>();
    mailbox.sent.forEach((e, i) => {
      const list = sentBy.get(e.workflowId);
      if (list) list.push(i);
      else sentBy.set(e.workflowId, [i]);
    });
    const familyEmails = (typeOf: ReadonlyMap<string, string>) =>
      [...typeOf.keys()]
        .flatMap((id) => sentBy.get(id) ?? [])
        .sort((a, b) => a - b)
        .map((i) => mailbox.sent[i]!);
    const candidates = scenario.candidates.map((c, i) => {
      const run = engine.candidates.get(c.id)!;
      const typeOf = new Map<string, string>([
        [run.workflowId, 'candidateLifecycle'],
        ...[...run.children.entries()].map(([type, child]) => [child.workflowId, type] as [string, string]),
      ]);
      return candidateReport({
        id: c.id,
        name: c.name,
        workflowId: run.workflowId,
        status: statuses[i]!,
        policy,
        emails: reportedEmails(familyEmails(typeOf), typeOf, policy),
        eventsSent: sent.get(c.id) ?? 0,
        rejected: rejected.get(c.id) ?? [],
        history: null,
      });
    });
    const runs = [...engine.candidates.values()];
    return {
      candidates,
      statuses,
      actions: runs.map((c) => [c.candidateId, c.actions]),
      workflowRuns: runs.reduce((a, c) => a + c.lifecycle.runs + c.children.size, 0),
      setupMs,
    };
  } finally {
    rmSync(recordsDir, { recursive: true, force: true });
  }
}

/**
 * Where the record activities write (a few kB per candidate, removed at the end): memory-backed
 * /dev/shm where there is one. On a disk the threads waited on the file writes of every archive and
 * hand-off packet (about a tenth of a thread's time, idle).
 */
function scratchRoot(): string {
  try {
    if (statSync(SHM).isDirectory()) {
      accessSync(SHM, constants.W_OK);
      return SHM;
    }
  } catch {
    // no /dev/shm here (macOS, Windows): the system temporary directory
  }
  return tmpdir();
}

const SHM = '/dev/shm';

/** Candidate i goes to part i mod n, with exactly its own events. */
function splitCohort(scenario: TScenario, n: number): TScenario[] {
  const partOf = new Map(scenario.candidates.map((c, i) => [c.id, i % n]));
  return Array.from({ length: n }, (_, k) => ({
    ...scenario,
    candidates: scenario.candidates.filter((c) => partOf.get(c.id) === k),
    events: scenario.events.filter((e) => partOf.get(e.candidate) === k),
  }));
}

async function runInThreads(
  parts: TScenario[],
  policy: TProgramPolicy,
  onProgress?: (done: number, total: number) => void,
): Promise<TPart[]> {
  const progress = parts.map(() => ({ done: 0, total: 0 }));
  const source = await threadSource();
  return Promise.all(
    parts.map(
      (scenario, k) =>
        new Promise<TPart>((resolvePart, reject) => {
          const worker = new Worker(source, { eval: true, workerData: { scenario, policy } });
          worker.on('message', (m: { progress: [number, number] } | { part: TPart }) => {
            if ('progress' in m) {
              progress[k] = { done: m.progress[0], total: m.progress[1] };
              onProgress?.(
                progress.reduce((a, p) => a + p.done, 0),
                progress.reduce((a, p) => a + p.total, 0),
              );
            } else resolvePart(m.part);
          });
          worker.on('error', reject);
          worker.on(
            'exit',
            (code) => code !== 0 && reject(new Error(`simulation thread ${k} exited with code ${code}`)),
          );
        }),
    ),
  );
}

const THREAD_FILE = join(__dirname, 'thread.ts');

let bundled: Promise<string> | undefined;

/**
 * The code a simulation thread runs: thread.ts and everything it imports, bundled once per process
 * by esbuild (a dependency of tsx), with the packages left as requires of their resolved files. The
 * threads used to load the sources through tsx: each then compiled every file again, and tsx's
 * keepNames wrapper ran on every function call (a fifth of a thread's CPU time, with the loading).
 * Without esbuild the threads fall back to tsx.
 */
function threadSource(): Promise<string> {
  bundled ??= bundleThread().catch(() => `require('tsx/cjs'); require(${JSON.stringify(THREAD_FILE)});`);
  return bundled;
}

async function bundleThread(): Promise<string> {
  const { build } = await import('esbuild');
  const out = await build({
    entryPoints: [THREAD_FILE],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    target: `node${process.versions.node.split('.')[0]}`,
    logLevel: 'silent',
    plugins: [
      {
        name: 'packages-by-path',
        setup(b) {
          // Eval'd code resolves requires from the working directory: give it absolute paths.
          b.onResolve({ filter: /^[^./]/ }, (args) => ({
            path: require.resolve(args.path, { paths: [args.resolveDir] }),
            external: true,
          }));
        },
      },
    ],
  });
  return out.outputFiles[0]!.text;
}

/** Below this many candidates a thread costs more to start than it saves. */
export const PARALLEL_FROM = 50;

const seconds = (ms: number) => Math.round(ms) / 1000;
