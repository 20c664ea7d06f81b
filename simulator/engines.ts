// The two engines `simulate` can run a scenario on (issue #18): `memory` (default) runs the
// workflows' decision cores on a virtual clock in this process; `temporal` runs the real workflows
// on the time-skipping Temporal test server. Each is loaded only when chosen.
import { availableParallelism } from 'node:os';
import type { TSimulationReport } from './report';

export const ENGINES = ['memory', 'temporal'] as const;
export type TEngine = (typeof ENGINES)[number];
export const DEFAULT_ENGINE: TEngine = 'memory';

export function parseEngine(raw: string | undefined): TEngine | undefined {
  const engine = raw ?? DEFAULT_ENGINE;
  return (ENGINES as readonly string[]).includes(engine) ? (engine as TEngine) : undefined;
}

export async function runScenario(
  scenarioFile: string,
  engine: TEngine,
  onProgress?: (done: number, total: number) => void,
): Promise<TSimulationReport> {
  if (engine === 'memory') {
    const { simulateInMemory } = await import('./memory/run');
    return (
      await simulateInMemory({ scenarioFile, threads: availableParallelism(), ...(onProgress ? { onProgress } : {}) })
    ).report;
  }
  return (await import('./run')).runSimulation({ scenarioFile });
}
