// A deliberately incompatible build of the candidate workflow: it sleeps before doing anything
// else, so its first command is a timer where every recorded history has a search-attribute
// upsert. Replaying a recorded history against it must fail — proof that the replay test can.
import { sleep } from '@temporalio/workflow';
import type { TLifecycleInput, TLifecycleOutcome } from '../../../domain/lifecycle/input';
import { candidateLifecycle as current } from '../../../workflows/candidateLifecycle';

export async function candidateLifecycle(input: TLifecycleInput): Promise<TLifecycleOutcome> {
  await sleep('1 minute');
  return current(input);
}
