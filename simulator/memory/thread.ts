// One thread's share of a large cohort on the in-memory engine (simulator/memory/run.ts splits it).
import { parentPort, workerData } from 'node:worker_threads';
import type { TProgramPolicy } from '../../domain/policy/policy';
import type { TScenario } from '../scenario';
import { runPart } from './run';

const { scenario, policy } = workerData as { scenario: TScenario; policy: TProgramPolicy };
// Progress every 500 steps: a message per step would cost more than the step.
runPart(
  scenario,
  policy,
  (done, total) => (done % 500 === 0 || done === total) && parentPort!.postMessage({ progress: [done, total] }),
).then(
  (part) => parentPort!.postMessage({ part }),
  (err: unknown) => {
    throw err;
  },
);
