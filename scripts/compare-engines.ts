// `npx tsx scripts/compare-engines.ts FILE…`: runs each scenario on both engines and prints where
// their reports differ (the differential test's check, for any scenario at hand). Exit 1 on a difference.
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { engineDifferences } from '../simulator/compare';
import { runScenario } from '../simulator/engines';

async function main(files: string[]) {
  if (files.length === 0) throw new Error('usage: npx tsx scripts/compare-engines.ts SCENARIO.json…');
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  let differing = 0;
  for (const file of files) {
    const memory = await runScenario(file, 'memory');
    const temporal = await runScenario(file, 'temporal');
    const diffs = engineDifferences(memory, temporal);
    differing += diffs.length ? 1 : 0;
    console.log(
      `${file}: ${diffs.length ? 'DIFFERENT' : 'same'} (memory ${memory.totals.wallSeconds} s, temporal ${temporal.totals.wallSeconds} s, ${memory.totals.emails} emails)`,
    );
    for (const d of diffs) console.log(`  ${d}`);
  }
  await new Promise<void>((done) => process.stdout.write('', () => done()));
  process.exit(differing ? 1 : 0);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(`compare-engines: ${(err as Error).message}`);
  process.exit(1);
});
