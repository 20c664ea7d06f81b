// `simulate --engine memory` (the default): a scenario on the in-memory engine. Same plan, same
// routing of events, same mailbox and report as the Temporal engine (simulator/run.ts); only the
// clock is virtual and the cores are called in this process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRecordActivities } from '../../activities/records';
import type { TProgramPolicy } from '../../domain/policy';
import { createRecordingMailbox } from '../mailbox';
import { planScenario } from '../plan';
import { candidateReport, cohortReport, type TRejectedEvent, type TSimulationReport } from '../report';
import { loadScenario, type TScenario } from '../scenario';
import { reportedEmails } from '../emails';
import { createMemoryEngine, type TActionCounts } from './engine';

/** Email links point here; the simulator never serves them (as on the Temporal engine). */
const PORTAL_URL = 'http://127.0.0.1:8787';

export interface TMemoryOptions {
  scenarioFile: string;
  loaded?: { scenario: TScenario; policy: TProgramPolicy };
  /** Called after each scenario step (a progress bar). */
  onProgress?: (done: number, total: number) => void;
}

export interface TMemoryResult {
  report: TSimulationReport;
  /** Per candidate: the commands Temporal would have charged for. */
  actions: Map<string, TActionCounts>;
}

export async function simulateInMemory({ scenarioFile, loaded, onProgress }: TMemoryOptions): Promise<TMemoryResult> {
  const began = performance.now();
  const { scenario, policy } = loaded ?? loadScenario(scenarioFile);
  const plan = planScenario(scenario, policy);
  const recordsDir = mkdtempSync(join(tmpdir(), 'casc-sim-memory-'));
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
          if (reason) rejected.set(id, [...(rejected.get(id) ?? []), { index: step.index, day: step.day, date: step.date, type: step.event.type, reason }]);
        }
        onProgress?.(++done, plan.steps.length);
      });
    }
    const setupSeconds = seconds(performance.now() - began);
    await engine.runUntil(plan.endsAt);
    const statuses = scenario.candidates.map((c) => engine.status(c.id));
    const candidates = scenario.candidates.map((c, i) => {
      const run = engine.candidates.get(c.id)!;
      const typeOf = new Map<string, string>([[run.workflowId, 'candidateLifecycle'], ...[...run.children.entries()].map(([type, child]) => [child.workflowId, type] as [string, string])]);
      return candidateReport({
        id: c.id,
        name: c.name,
        workflowId: run.workflowId,
        status: statuses[i]!,
        policy,
        emails: reportedEmails(mailbox.sent, typeOf, policy),
        eventsSent: sent.get(c.id) ?? 0,
        rejected: rejected.get(c.id) ?? [],
        history: null,
      });
    });
    const report: TSimulationReport = {
      scenario: { file: scenarioFile, program: scenario.program, policy: policy.id, timeZone: policy.timeZone, cohortStart: scenario.cohortStart, from: plan.from, until: scenario.until },
      engine: 'memory',
      candidates,
      report: cohortReport(statuses, policy, scenario.program, scenario.cohortStart),
      totals: {
        candidates: candidates.length,
        emails: candidates.reduce((a, c) => a + c.emails.length, 0),
        historyEvents: null,
        workflowRuns: [...engine.candidates.values()].reduce((a, c) => a + c.lifecycle.runs + c.children.size, 0),
        eventsSent: candidates.reduce((a, c) => a + c.events.sent, 0),
        eventsRejected: candidates.reduce((a, c) => a + c.events.rejected.length, 0),
        wallSeconds: seconds(performance.now() - began),
        setupSeconds,
      },
    };
    return { report, actions: new Map([...engine.candidates.values()].map((c) => [c.candidateId, c.actions])) };
  } finally {
    rmSync(recordsDir, { recursive: true, force: true });
  }
}

const seconds = (ms: number) => Math.round(ms) / 1000;
