// Runs a scenario on one in-memory engine with engine options (a daily poll, a trace) and returns
// what every candidate's workflows would bill — the cost side of bench/simulate-memory.ts. The same
// plan and routing as simulator/memory/run.ts, without the report.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRecordActivities } from '../../activities/records';
import type { TProgramPolicy } from '../../domain/policy/policy';
import { createRecordingMailbox } from '../../simulator/mailbox';
import {
  createMemoryEngine,
  type TActionCounts,
  type TMemoryCandidate,
  type TMemoryEngineOptions,
} from '../../simulator/memory/engine';
import { planScenario } from '../../simulator/plan';
import type { TScenario } from '../../simulator/scenario';

export interface TCostRun {
  actions: TActionCounts[];
  emails: number;
  rejected: number;
  phases: string[];
}

export interface TCostOptions extends TMemoryEngineOptions {
  /** Looks at every candidate at these instants (a test's view of the dashboard between wakes). */
  probe?: { at: number[]; look: (candidate: TMemoryCandidate, at: number) => void };
}

export async function costOf(
  scenario: TScenario,
  policy: TProgramPolicy,
  { probe, ...options }: TCostOptions = {},
): Promise<TCostRun> {
  const plan = planScenario(scenario, policy);
  const dir = mkdtempSync(join(tmpdir(), 'casc-bench-cost-'));
  try {
    const mailbox = createRecordingMailbox();
    const engine = createMemoryEngine({ policy, mailbox, records: createRecordActivities({ dataDir: dir }), options });
    let rejected = 0;
    for (const step of plan.steps)
      engine.at(step.at, async () => {
        if (step.kind === 'start')
          await engine.start({ start: step.start, policy, links: { portalUrl: 'http://127.0.0.1:8787' } }, step.at);
        else if (await engine.recordEvent(step.candidate.id, step.event, step.at)) rejected++;
      });
    for (const at of probe?.at ?? [])
      engine.at(at, async () => {
        for (const c of engine.candidates.values()) probe!.look(c, at);
      });
    await engine.runUntil(plan.endsAt);
    return {
      actions: [...engine.candidates.values()].map((c) => c.actions),
      emails: mailbox.sent.length,
      rejected,
      phases: scenario.candidates.map((c) => engine.status(c.id).phase),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const billable = (a: TActionCounts) =>
  a.workflowStarts + a.continueAsNew + a.childStarts + a.updates + a.signals + a.activities + a.timers + a.upserts;

/** What set a turn going: a person's hour entry, another recorded event, a timer, or the start. */
export type TCostCause = 'hourEntries' | 'otherEvents' | 'wakeUps' | 'start';
/** The events that log hours (R-HRS-1, R-HRS-2). */
export const HOUR_EVENTS: readonly string[] = ['coachingLogged', 'learningLogged'];

/**
 * The same run's billable commands by what caused them: each update with the commands of the turn it
 * sets going (and of the turns those set going at the same instant, a child's signal to its parent),
 * each timer's turn likewise, and the start with its first turn. The four add up to `billable`.
 */
export async function costByCause(scenario: TScenario, policy: TProgramPolicy): Promise<Record<TCostCause, number>[]> {
  const causes = new Map<string, { now: TCostCause; counts: Record<TCostCause, number> }>();
  const run = await costOf(scenario, policy, {
    trace: (candidate, e) => {
      const c = causes.get(candidate.candidateId) ?? {
        now: 'start' as TCostCause,
        counts: { hourEntries: 0, otherEvents: 0, wakeUps: 0, start: 0 },
      };
      causes.set(candidate.candidateId, c);
      if (e.kind === 'updates') c.now = HOUR_EVENTS.includes(String(e.detail)) ? 'hourEntries' : 'otherEvents';
      if (e.kind === 'timerFired') c.now = 'wakeUps';
      else c.counts[c.now]++;
    },
  });
  // The first run's start is counted, not traced: it is the start's own command.
  return scenario.candidates.map((candidate, i) => {
    const counts = causes.get(candidate.id)!.counts;
    return { ...counts, start: counts.start + run.actions[i]!.workflowStarts };
  });
}
