// Issue #18 (speed): CPU time of N two-year lifecycles on ONE thread of the in-memory engine, so a
// change can be judged on a shared machine (wall time there depends on the neighbours; CPU time less).
// Prints wall and CPU (user+system) milliseconds; with `node --cpu-prof` it also yields a profile.
// CPU time counts every thread of the process (the GC's helpers too), so it can exceed wall time.
//   npx tsx bench/profile-memory.ts [lifecycles=100] [repeats=1]
// As the simulation threads run it (an esbuild bundle: no tsx, no keepNames wrapper), with a profile:
//   npx esbuild bench/profile-memory.ts --bundle --platform=node --format=cjs --packages=external \
//     --outfile=node_modules/.cache/profile-memory.cjs && node --cpu-prof node_modules/.cache/profile-memory.cjs 100
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runPart } from '../simulator/memory/run';
import { clonedCohort } from './support/cloned-cohort';

// From the working directory (the repository root), so the bundled copy finds it too.
const FILE = resolve('scenarios/jamal-on-track.json');

async function main() {
  const count = Number(process.argv[2] ?? 100);
  const repeats = Number(process.argv[3] ?? 1);
  const { scenario, policy } = clonedCohort(FILE, count);
  for (let r = 0; r < repeats; r++) {
    const cpu = process.cpuUsage();
    const began = performance.now();
    const part = await runPart(scenario, policy);
    const wallMs = performance.now() - began;
    const used = process.cpuUsage(cpu);
    const emails = part.candidates.reduce((a, c) => a + c.emails.length, 0);
    const cpuMs = (used.user + used.system) / 1000;
    console.log(
      `${count} lifecycles on one thread: wall ${Math.round(wallMs)} ms, CPU ${Math.round(cpuMs)} ms ` +
        `(${(cpuMs / count).toFixed(1)} ms per lifecycle), ${emails} emails`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
