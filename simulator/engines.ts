// The two engines `simulate` can run a scenario on (issue #18): `memory` (default) runs the
// workflows' decision cores on a virtual clock in this process; `temporal` runs the real workflows
// on the time-skipping Temporal test server. Each is loaded only when chosen.
import { availableParallelism } from 'node:os';
import type { TProgramPolicy } from '../domain/policy/policy';
import type { TSimulationReport } from './report';
import type { TScenario } from './scenario';

export const ENGINES = ['memory', 'temporal'] as const;
export type TEngine = (typeof ENGINES)[number];
export const DEFAULT_ENGINE: TEngine = 'memory';

export function parseEngine(raw: string | undefined): TEngine | undefined {
  const engine = raw ?? DEFAULT_ENGINE;
  return (ENGINES as readonly string[]).includes(engine) ? (engine as TEngine) : undefined;
}

export interface TRunOptions {
  /** Told after each scenario step (the in-memory engine's progress bar). */
  onProgress?: (done: number, total: number) => void;
  /** The scenario already loaded, e.g. with a policy a what-if changed; the file then only names it. */
  loaded?: { scenario: TScenario; policy: TProgramPolicy };
}

export async function runScenario(
  scenarioFile: string,
  engine: TEngine,
  { onProgress, loaded }: TRunOptions = {},
): Promise<TSimulationReport> {
  if (engine === 'memory') {
    const { simulateInMemory } = await import('./memory/run');
    return (
      await simulateInMemory({
        scenarioFile,
        threads: availableParallelism(),
        ...(onProgress ? { onProgress } : {}),
        ...(loaded ? { loaded } : {}),
      })
    ).report;
  }
  return (await (await import('./run')).simulate({ scenarioFile, ...(loaded ? { loaded } : {}) })).report;
}
