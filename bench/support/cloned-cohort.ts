// A cohort of N copies of one scenario's candidates (each with its own id and address, the same
// events on the same days): the simulator benchmarks' workload.
import type { TProgramPolicy } from '../../domain/policy/policy';
import { loadScenario, type TScenario } from '../../simulator/scenario';

export function clonedCohort(file: string, count: number): { scenario: TScenario; policy: TProgramPolicy } {
  const { scenario, policy } = loadScenario(file);
  const pad = (i: number) => String(i).padStart(String(count).length, '0');
  const copies = Array.from({ length: count }, (_, i) => i);
  return {
    policy,
    scenario: {
      ...scenario,
      description: `${count} copies of ${file}`,
      candidates: copies.flatMap((i) =>
        scenario.candidates.map((c) => ({ ...c, id: `${c.id}${pad(i)}`, email: c.email.replace('@', `+${pad(i)}@`) })),
      ),
      events: copies.flatMap((i) => scenario.events.map((e) => ({ ...e, candidate: `${e.candidate}${pad(i)}` }))),
    },
  };
}
