// Issue #18.2: the simulator on the in-memory engine — a 100-candidate cohort (goal ≤ 5 s) and
// 1,000 two-year lifecycles (goal ≤ 30 s on 2 cores), each candidate the full on-track script of
// scenarios/jamal-on-track.json (every hour entry, assignment and step to `cleared`). Prints wall
// time, emails and the commands a Temporal run would bill per candidate; appends to bench/RESULTS.md.
// Issue #18.6/7, in the same run: the billable commands per candidate with computed wake-ups (the real
// workflow) against a daily poll on the same core (simulator/memory/daily-poll.ts), for the full script
// and the lifecycle benchmarks' cohort script (bench/support/cohort-script.ts, hours folded).
//   npx tsx bench/simulate-memory.ts [cohort] [lifecycles]
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { simulateInMemory } from '../simulator/memory/run';
import type { TActionCounts } from '../simulator/memory/engine';
import { dailyPoll } from '../simulator/memory/daily-poll';
import { loadScenario } from '../simulator/scenario';
import { applySettings, compareRuns } from '../simulator/what-if';
import { clonedCohort } from './support/cloned-cohort';
import { cohortScenario } from './support/cohort-script';
import { billable, costByCause, costOf, HOUR_EVENTS, type TCostRun } from './support/memory-cost';
import { loadNow, report, round, type TRow } from './support/report';

const FILE = resolve(__dirname, '../scenarios/jamal-on-track.json');

async function run(count: number) {
  const loaded = clonedCohort(FILE, count);
  const began = performance.now();
  const result = await simulateInMemory({ scenarioFile: FILE, loaded, threads: availableParallelism() });
  const wallMs = performance.now() - began;
  const phases = new Map<string, number>();
  for (const c of result.report.candidates) phases.set(c.phase, (phases.get(c.phase) ?? 0) + 1);
  const actions = [...result.actions.values()];
  const perCandidate = (pick: (a: TActionCounts) => number) =>
    round(actions.reduce((n, a) => n + pick(a), 0) / actions.length, 1);
  return {
    count,
    wallMs,
    emails: result.report.totals.emails,
    phases,
    rss: Math.round(process.memoryUsage().rss / 2 ** 20),
    perCandidate,
  };
}

/** `simulate --set portfolio.presentationMonth=4` on the cloned cohort: both runs and the comparison. */
async function whatIfRun(count: number) {
  const loaded = clonedCohort(FILE, count);
  const began = performance.now();
  const changed = applySettings(loaded.policy, ['portfolio.presentationMonth=4']);
  const threads = availableParallelism();
  const before = await simulateInMemory({ scenarioFile: FILE, loaded, threads });
  const after = await simulateInMemory({
    scenarioFile: FILE,
    loaded: { scenario: loaded.scenario, policy: changed.policy },
    threads,
  });
  const comparison = compareRuns(changed.settings, before.report, after.report);
  return {
    wallMs: performance.now() - began,
    changed: comparison.candidates.filter((c) => c.emails.changes.length > 0).length,
    emails: comparison.totals.emails,
  };
}

/** One candidate through a script, computed wake-ups vs a daily poll on the same core. */
async function costRows(label: string, loaded: ReturnType<typeof loadScenario>): Promise<TRow[]> {
  const computed = await costOf(loaded.scenario, loaded.policy);
  const daily = await costOf(loaded.scenario, loaded.policy, dailyPoll(loaded.policy));
  const one = (r: TCostRun) => r.actions[0]!;
  const line = (name: string, f: (a: TActionCounts) => number): TRow => {
    const a = f(one(computed));
    const b = f(one(daily));
    return [name, `${a} vs ${b}${a > 0 && a !== b ? ` (poll ×${round(b / a, 1)})` : ''}`];
  };
  return [
    [`${label}: ${loaded.scenario.events.length} events`, 'computed wake-ups vs daily poll, per candidate'],
    line('  billable commands', billable),
    line('  of which the workflow itself (all but updates)', (a) => billable(a) - a.updates),
    line('  timers', (a) => a.timers),
    line('  activities', (a) => a.activities),
    line('  search-attribute upserts', (a) => a.upserts),
    line('  updates (one per event a person records)', (a) => a.updates),
    line(
      '  starts + continue-as-new / child starts / signals',
      (a) => a.workflowStarts + a.continueAsNew + a.childStarts + a.signals,
    ),
    [
      '  emails / rejected events / phase at the end',
      `${computed.emails} / ${computed.rejected} / ${computed.phases.join(', ')} vs ${daily.emails} / ${daily.rejected} / ${daily.phases.join(', ')}`,
    ],
  ];
}

/** The full script's billable commands by what set each turn going, and what would be left without the hours. */
async function causeRows(loaded: ReturnType<typeof loadScenario>): Promise<TRow[]> {
  const [c] = await costByCause(loaded.scenario, loaded.policy);
  const hourUpdates = loaded.scenario.events.filter((e) => HOUR_EVENTS.includes(e.type)).length;
  const total = c!.hourEntries + c!.otherEvents + c!.wakeUps + c!.start;
  return [
    [
      'full script, billable commands by what set the turn going',
      `hour entries ${c!.hourEntries} (${hourUpdates} updates + ${c!.hourEntries - hourUpdates} commands) · other recorded events ${c!.otherEvents} · wake-ups ${c!.wakeUps} · start ${c!.start} = ${total}`,
    ],
    [
      "  without the hour entries' share (hours kept out of the workflow at no cost)",
      `${total - c!.hourEntries} (goal ≤ 200)`,
    ],
  ];
}

async function main() {
  const load = loadNow();
  const cost = [
    ...(await costRows('full script (scenarios/jamal-on-track.json)', loadScenario(FILE))),
    ...(await causeRows(loadScenario(FILE))),
    ...(await costRows('cohort script (hours folded)', cohortScenario())),
  ];
  const cohort = await run(Number(process.argv[2] ?? 100));
  const lifecycles = await run(Number(process.argv[3] ?? 1000));
  const whatIf = await whatIfRun(cohort.count);
  const rows: TRow[] = [
    [`${cohort.count}-candidate cohort, wall time (s)`, `${round(cohort.wallMs / 1000, 2)} (goal ≤ 5)`],
    [`${lifecycles.count} two-year lifecycles, wall time (s)`, `${round(lifecycles.wallMs / 1000, 2)} (goal ≤ 30)`],
    ['  per lifecycle (ms)', round(lifecycles.wallMs / lifecycles.count, 2)],
    ['  phases at the end', [...lifecycles.phases].map(([p, n]) => `${p} ${n}`).join(', ')],
    [
      '  emails (rendered by the real templates)',
      `${lifecycles.emails} (${round(lifecycles.emails / lifecycles.count, 1)} per candidate)`,
    ],
    ['  peak RSS after the run (MiB)', lifecycles.rss],
    [
      `what-if on the ${cohort.count}-candidate cohort (--set portfolio.presentationMonth=4), wall time (s)`,
      `${round(whatIf.wallMs / 1000, 2)} for both runs and the comparison; ${whatIf.changed} candidates' emails change, ${whatIf.emails.from} → ${whatIf.emails.to}`,
    ],
    [
      'billable commands per on-track candidate (estimate, see notes)',
      `${lifecycles.perCandidate(billable)} (goal ≤ 200)`,
    ],
    [
      '  of which timers / activities / upserts / updates',
      `${lifecycles.perCandidate((a) => a.timers)} / ${lifecycles.perCandidate((a) => a.activities)} / ${lifecycles.perCandidate((a) => a.upserts)} / ${lifecycles.perCandidate((a) => a.updates)}`,
    ],
    [
      '  workflow starts + continue-as-new / child starts / signals',
      `${lifecycles.perCandidate((a) => a.workflowStarts + a.continueAsNew)} / ${lifecycles.perCandidate((a) => a.childStarts)} / ${lifecycles.perCandidate((a) => a.signals)}`,
    ],
    ...cost,
  ];
  report('Simulator on the in-memory engine (issue #18)', rows, [
    `One process (candidates split across ${availableParallelism()} threads from 50 up), no Temporal server: the decision cores (domain/lifecycle/core.ts, domain/risk/watch-core.ts, domain/recommendation/core.ts) on a virtual clock, the real email activity (renders every template) and record activities, run in the SDK's activity Context (simulator/memory/activity-context.ts).`,
    'Billable commands are counted from the commands the cores issue (one per timer, activity, upsert, accepted or rejected update, signal, start); a Temporal run also bills retries and queries — the history-based count is in the lifecycle benchmark above.',
    'Daily poll: the same core and engine, but the lifecycle ignores the moment its core computed and wakes every day at the send time (simulator/memory/daily-poll.ts); events are still decided on when recorded. It replaces the hand-written naive workflow run on Temporal (bench/naive/, removed), which left out the children and the confirmations.',
    "The goal of ≤ 200 cannot be met by the full script: its 134 updates (one per event a person records) and the emails at distinct moments (one activity each, one timer to wake for each) alone pass it; the workflow's own share is the second line of each block. By cause (bench/support/memory-cost.ts costByCause: each update or timer with the commands of the turn it sets going), even hour entries kept out of the workflow at no cost at all would leave the line above the goal.",
    `Load average 1/5/15 min at the start: ${load}.`,
  ]);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
