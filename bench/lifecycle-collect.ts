// Reads back the histories of a bench/lifecycle-1000.ts run whose test server is still up (the
// driver finished but its process was stopped or stuck) and prints what that script reports per
// candidate: history events, runs, billable actions, how the workflows ended, emails scheduled.
//   npx tsx bench/lifecycle-collect.ts <server address> [count]
// Wall time and peak memory belong to the driver's process: take them from its log and /proc.
import { Client, Connection } from '@temporalio/client';
import { candidateKey, workflowIdFor } from '../domain/candidate';
import { candidateFor, cohortScript } from './support/cohort-script';
import { collectHistories, mean } from './support/lifecycle-run';
import { round } from './support/report';

async function main() {
  const [address, n] = process.argv.slice(2);
  if (!address) {
    console.error('usage: npx tsx bench/lifecycle-collect.ts <host:port> [count]');
    process.exit(2);
  }
  const count = Number(n ?? 1000);
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  const script = cohortScript();
  const ids = Array.from({ length: count }, (_, i) => {
    const s = candidateFor(script, i);
    return workflowIdFor(candidateKey(s.programId, s.candidateId));
  });
  const t = performance.now();
  const r = await collectHistories(client, ids);
  const per = (x: number) => round(x / count, 1);
  const total = r.perCandidate.reduce((a, b) => a + b, 0);
  const a = r.actions;
  console.log(
    JSON.stringify(
      {
        candidates: count,
        finished: r.finished,
        childWorkflows: r.childCount,
        historyEventsTotal: total,
        historyEventsPerCandidate: { mean: per(total), min: Math.min(...r.perCandidate), max: Math.max(...r.perCandidate) },
        runsPerCandidate: round(mean(r.runs), 2),
        billableActionsPerCandidate: per(a.total),
        ofWhich: { starts: per(a.workflowStarts), children: per(a.childStarts), updates: per(a.updates), signals: per(a.signals), activities: per(a.activities), timers: per(a.timers), searchAttributeUpserts: per(a.searchAttributeUpserts) },
        readingHistoriesS: round((performance.now() - t) / 1000, 1),
      },
      null,
      2,
    ),
  );
  await connection.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
