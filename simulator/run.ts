// Runs a scenario on the time-skipping test server: one real candidateLifecycle workflow per
// candidate, the real workflow bundle and record activities, and an email worker that renders and
// records instead of sending. The clock starts on the scenario's first day and is moved forward
// step by step, so every reminder, escalation and continue-as-new happens as it would over two
// real years.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createRecordActivities } from '../activities/records';
import { candidateKey, workflowIdFor } from '../domain/lifecycle/candidate';
import { localDateOf } from '../domain/calendar/dates';
import type { TProgramPolicy } from '../domain/policy/policy';
import type { TCandidateStatus } from '../domain/lifecycle/status';
import { statusQuery } from '../workflows/contract';
import { createCandidateService, ServiceError, type CandidateService } from '../functions/candidates';
import { fetchWorkflowFamily, historyLength, type TRunHistory } from './history';
import { reportedEmails } from './emails';
import { createRecordingMailbox, type TRecordedEmail } from './mailbox';
import { planScenario, type TPlan, type TStep } from './plan';
import {
  candidateReport,
  cohortReport,
  type TCandidateReport,
  type TRejectedEvent,
  type TSimulationReport,
} from './report';
import { loadScenario, type TScenario } from './scenario';
import { createTimeSkippingEnv, workflowBundle } from './time-skipping';
import { simulationWorkerDataConverter } from '../codec/data-converter';

/** One server per simulation, so a fixed queue name is safe (and keeps recorded histories stable). */
const TASK_QUEUE = 'casc-sim';
/** Email links point here; the simulator never serves them. */
const PORTAL_URL = 'http://127.0.0.1:8787';

export interface TSimulationOptions {
  /** The scenario file; with `loaded`, only the name the report gives it. */
  scenarioFile: string;
  /** An already loaded (e.g. combined, see combineScenarios) scenario and its policy. */
  loaded?: { scenario: TScenario; policy: TProgramPolicy };
  /** Another workflow bundle than the project's (e.g. a variant under test). */
  bundle?: WorkflowBundleWithSourceMap;
  /** Told each step as it is taken (the simulated date and what happens), e.g. to see where a run stalls. */
  onStep?: (line: string) => void;
}

export interface TSimulationResult {
  report: TSimulationReport;
  /** Every run of every candidate's workflow and its children, fetched at the end (replay corpus). */
  histories: TRunHistory[];
}

/** `simulate --scenario FILE`: the report only. */
export async function runSimulation({ scenarioFile }: { scenarioFile: string }): Promise<TSimulationReport> {
  return (await simulate({ scenarioFile })).report;
}

export async function simulate({
  scenarioFile,
  loaded,
  bundle,
  onStep,
}: TSimulationOptions): Promise<TSimulationResult> {
  const began = performance.now();
  // A bad file fails here, before any server starts.
  const { scenario, policy } = loaded ?? loadScenario(scenarioFile);
  const plan = planScenario(scenario, policy);
  const [started, bundled] = await Promise.allSettled([
    createTimeSkippingEnv(new Date(plan.startsAt).toISOString()),
    bundle ?? workflowBundle(),
  ]);
  if (started.status === 'rejected') throw started.reason;
  const env = started.value;
  // Handoff packets and archives are written by the real record activities, to a folder dropped
  // at the end: the simulator keeps the timeline, not the files.
  const recordsDir = mkdtempSync(join(tmpdir(), 'casc-sim-'));
  try {
    if (bundled.status === 'rejected') throw bundled.reason;
    const workflowCode = bundled.value;
    const mailbox = createRecordingMailbox();
    const main = await Worker.create({
      connection: env.nativeConnection,
      dataConverter: simulationWorkerDataConverter(),
      taskQueue: TASK_QUEUE,
      workflowBundle: workflowCode,
      activities: createRecordActivities({ dataDir: recordsDir }),
    });
    const mail = await Worker.create({
      connection: env.nativeConnection,
      dataConverter: simulationWorkerDataConverter(),
      taskQueue: `${TASK_QUEUE}-email`,
      activities: mailbox.activities,
    });
    const setupSeconds = seconds(performance.now() - began);
    // Queries and history must be read while the workers still run (a query replays on a worker).
    const outcome = await main.runUntil(
      mail.runUntil(
        walk(env, plan, scenario.program, policy, onStep).then((walked) =>
          collect(env.client, scenario, policy, walked, mailbox.sent),
        ),
      ),
    );
    const candidates = outcome.map((o) => o.report);
    const report: TSimulationReport = {
      engine: 'temporal',
      scenario: {
        file: scenarioFile,
        program: scenario.program,
        policy: policy.id,
        timeZone: policy.timeZone,
        cohortStart: scenario.cohortStart,
        from: plan.from,
        until: scenario.until,
      },
      candidates,
      report: cohortReport(
        outcome.map((o) => o.status),
        policy,
        scenario.program,
        scenario.cohortStart,
      ),
      totals: {
        candidates: candidates.length,
        emails: candidates.reduce((a, c) => a + c.emails.length, 0),
        historyEvents: candidates.reduce((a, c) => a + c.history!.withChildren, 0),
        workflowRuns: candidates.reduce(
          (a, c) => a + c.history!.runs.length + c.history!.children.reduce((n, ch) => n + ch.runs, 0),
          0,
        ),
        eventsSent: candidates.reduce((a, c) => a + c.events.sent, 0),
        eventsRejected: candidates.reduce((a, c) => a + c.events.rejected.length, 0),
        wallSeconds: seconds(performance.now() - began),
        setupSeconds,
      },
    };
    return { report, histories: outcome.flatMap((o) => o.runs) };
  } finally {
    await env.teardown();
    rmSync(recordsDir, { recursive: true, force: true });
  }
}

interface TWalked {
  firstRunIds: Map<string, string>;
  sent: Map<string, number>;
  rejected: Map<string, TRejectedEvent[]>;
}

async function walk(
  env: TestWorkflowEnvironment,
  plan: TPlan,
  program: string,
  policy: TProgramPolicy,
  onStep?: (line: string) => void,
): Promise<TWalked> {
  const walked: TWalked = { firstRunIds: new Map(), sent: new Map(), rejected: new Map() };
  // The API's own service starts candidates and routes events (to the lifecycle, or to its open
  // academic watch or recommendation chain), so the simulator exercises the same path.
  const service = createCandidateService({
    client: env.client,
    taskQueue: TASK_QUEUE,
    portalUrl: PORTAL_URL,
    resolvePolicy: () => policy,
  });
  const open = new Set<string>();
  const candidates = plan.steps.filter((st) => st.kind === 'start').length;
  // Once every candidate's workflow has finished, the clock is not moved again: with nothing left
  // running, the test server can stall for minutes on a skip. For the same reason an event that
  // ends a workflow is followed by a short real-time wait until it has finished, so its last
  // activities do not run during a skip.
  const everyoneFinished = async () => {
    for (const id of [...open]) {
      if (await isRunning(env.client, workflowIdFor(candidateKey(program, id)))) return false;
      open.delete(id);
    }
    return walked.firstRunIds.size === candidates;
  };
  const advanceTo = async (at: number) => {
    if (!(await everyoneFinished())) await sleepUntil(env, at, policy.timeZone);
  };
  for (const step of plan.steps) {
    onStep?.(
      `${localDateOf(step.at, policy.timeZone)} ${step.candidate.id} ${step.kind === 'start' ? 'start' : `${step.event.type} (events[${step.index}])`}`,
    );
    await advanceTo(step.at);
    const key = candidateKey(program, step.candidate.id);
    if (step.kind === 'start') {
      const { runId } = await service.start(step.start);
      walked.firstRunIds.set(step.candidate.id, runId);
      open.add(step.candidate.id);
      continue;
    }
    const id = step.candidate.id;
    walked.sent.set(id, (walked.sent.get(id) ?? 0) + 1);
    const reason = await recordEvent(env.client, service, key, step);
    if (!reason && ENDING_EVENTS.includes(step.event.type))
      await finishedWithin(env.client, workflowIdFor(key), ENDING_WAIT_MS);
    if (reason)
      walked.rejected.set(id, [
        ...(walked.rejected.get(id) ?? []),
        { index: step.index, day: step.day, date: step.date, type: step.event.type, reason },
      ]);
  }
  await advanceTo(plan.endsAt);
  return walked;
}

/** Why the event was refused, or undefined when it was accepted. Anything else is a crash. */
async function recordEvent(
  client: Client,
  service: CandidateService,
  key: string,
  step: Extract<TStep, { kind: 'event' }>,
): Promise<string | undefined> {
  try {
    await within(
      service.recordEvent(key, step.event),
      `${key}: ${step.event.type} (events[${step.index}], ${step.date}) got no answer`,
    );
    return undefined;
  } catch (err) {
    if (err instanceof SimulationStalled) throw err;
    // A finished workflow (withdrawn, cleared) takes no more events; the server's words for that
    // vary ("not found", "already completed"), so say it plainly.
    const status = await client.workflow
      .getHandle(workflowIdFor(key))
      .describe()
      .then(
        (d) => d.status.name,
        () => undefined,
      );
    if (status && status !== 'RUNNING') return `the workflow has finished (${status}); no further events are accepted`;
    if (err instanceof ServiceError) return err.message;
    throw err;
  }
}

async function collect(
  client: Client,
  scenario: TScenario,
  policy: TProgramPolicy,
  walked: TWalked,
  sent: readonly TRecordedEmail[],
) {
  const out: { report: TCandidateReport; runs: TRunHistory[]; status: TCandidateStatus }[] = [];
  for (const c of scenario.candidates) {
    const workflowId = workflowIdOf(scenario.program, c.id);
    const firstRunId = walked.firstRunIds.get(c.id);
    if (!firstRunId) throw new Error(`candidate ${c.id} was never started`);
    const status = await within(
      client.workflow.getHandle(workflowId).query(statusQuery),
      `${workflowId}: the status query got no answer`,
    );
    const runs = await fetchWorkflowFamily(client, workflowId, firstRunId);
    // Every email of the family: the lifecycle's own and its children's (academic watch, credential
    // recommendation), which run under their own workflow ids.
    const typeOf = new Map(runs.map((r) => [r.workflowId, r.workflowType]));
    const emails = reportedEmails(sent, typeOf, policy);
    const report = candidateReport({
      id: c.id,
      name: c.name,
      workflowId,
      status,
      policy,
      emails,
      eventsSent: walked.sent.get(c.id) ?? 0,
      rejected: walked.rejected.get(c.id) ?? [],
      history: historyLength(runs, workflowId),
    });
    out.push({ report, runs, status });
  }
  return out;
}

function workflowIdOf(program: string, candidateId: string): string {
  return workflowIdFor(candidateKey(program, candidateId));
}

/** Real seconds a workflow gets to answer; on the test server an answer takes milliseconds. */
const ANSWER_WITHIN_MS = 60_000;

class SimulationStalled extends Error {
  override readonly name = 'SimulationStalled';
}

/**
 * A workflow whose task keeps failing (a bug, a non-determinism) never answers an update or query,
 * and the client would wait for ever: fail the run with the reason instead.
 */
async function within<T>(
  answer: Promise<T>,
  what: string,
  ms = ANSWER_WITHIN_MS,
  hint = ': is its workflow task failing? (see the [temporal WARN] lines)',
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SimulationStalled(`${what} within ${ms / 1000} s${hint}`)), ms);
  });
  answer.catch(() => undefined); // if it loses the race, its late failure is nobody's business
  try {
    return await Promise.race([answer, stalled]);
  } finally {
    clearTimeout(timer);
  }
}

/** Real seconds a skip of the server's clock gets; a skip over a month of a cohort's timers takes a few. */
const SKIP_WITHIN_MS = 120_000;

async function sleepUntil(env: TestWorkflowEnvironment, at: number, timeZone: string): Promise<void> {
  const now = await env.currentTimeMs();
  if (at <= now) return;
  // A time-skipping lock left held stops the clock for good, and env.sleep would wait for ever: fail
  // with the dates instead. The stock server leaked one whenever a child workflow closed after its
  // parent run had (a recommendation chain ending after its lifecycle completed, a watch ending after
  // a continue-as-new); the pinned launcher (scripts/java/CascTestServer.java) releases it.
  await within(
    env.sleep(at - now),
    `the time-skipping server did not move its clock from ${localDateOf(now, timeZone)} to ${localDateOf(at, timeZone)}`,
    SKIP_WITHIN_MS,
    ': a time-skipping lock is held (an activity or workflow task that never finishes, or a server leak the launcher' +
      " does not mend); is the test server the pinned launcher? run 'bash scripts/setup-tools.sh', or use the memory engine",
  );
}

/** Events after which a candidate's workflow completes (withdrawal; the last recommendation step). */
const ENDING_EVENTS: readonly string[] = ['withdrawn', 'ctcStepsCompleted'];
const ENDING_WAIT_MS = 5_000;

async function isRunning(client: Client, workflowId: string): Promise<boolean> {
  return client.workflow
    .getHandle(workflowId)
    .describe()
    .then(
      (d) => d.status.name === 'RUNNING',
      () => false,
    );
}

async function finishedWithin(client: Client, workflowId: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while ((await isRunning(client, workflowId)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
}

function seconds(ms: number): number {
  return Math.round(ms / 100) / 10;
}
