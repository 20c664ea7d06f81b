// Issue #18 (speed): the in-memory simulator split across threads must report exactly what one
// thread reports (the threads run a bundle of the same sources). Prints both wall times; exits 1 on
// any difference.
//   npx tsx bench/check-threads.ts [candidates=60] [threads=2]
import { isDeepStrictEqual } from 'node:util';
import { resolve } from 'node:path';
import { simulateInMemory } from '../simulator/memory/run';
import { clonedCohort } from './support/cloned-cohort';

const FILE = resolve(__dirname, '../scenarios/jamal-on-track.json');

async function main() {
  const count = Number(process.argv[2] ?? 60);
  const threads = Number(process.argv[3] ?? 2);
  const loaded = clonedCohort(FILE, count);
  const one = await simulateInMemory({ scenarioFile: FILE, loaded, threads: 1 });
  const many = await simulateInMemory({ scenarioFile: FILE, loaded, threads });
  const plain = (r: typeof one) => ({
    ...r.report,
    totals: { ...r.report.totals, wallSeconds: 0, setupSeconds: 0 },
    actions: [...r.actions].sort(([a], [b]) => a.localeCompare(b)), // the map is in thread order
  });
  console.log(`1 thread ${one.report.totals.wallSeconds} s, ${threads} threads ${many.report.totals.wallSeconds} s`);
  if (!isDeepStrictEqual(plain(one), plain(many))) {
    console.error('the threaded report differs from the one-thread report');
    process.exit(1);
  }
  console.log(`same report (${one.report.totals.emails} emails, ${one.report.candidates.length} candidates)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
