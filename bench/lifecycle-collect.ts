// Reads back the histories of a bench/lifecycle-1000.ts run whose test server is still up (the
// driver finished but its process was stopped or stuck) and prints what that script reports per
// candidate (the same rows): history events, runs, billable actions, how the workflows ended.
//   npx tsx bench/lifecycle-collect.ts <server address> [count]
// Wall time and peak memory belong to the driver's process: take them from its log and /proc.
import { Client, Connection } from '@temporalio/client';
import { candidateKey, workflowIdFor } from '../domain/lifecycle/candidate';
import { candidateFor, cohortScript } from './support/cohort-script';
import { collectedRows, collectHistories } from './support/lifecycle-run';
import { round, table } from './support/report';

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
  const collected = await collectHistories(client, ids);
  console.log(
    table([...collectedRows(collected), ['reading the histories (s)', round((performance.now() - t) / 1000, 1)]]),
  );
  await connection.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
