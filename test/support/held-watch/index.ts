// The project's workflows, with one difference for test/support/races.ts: an academic watch that has
// decided to end stays open until the test lets it go, as a watch does whose last workflow task a
// busy worker has not run yet. The candidate's workflow is the project's own, so its history is a
// real one (scripts/record-histories.ts keeps it in the replay corpus).
import { condition, defineSignal, setHandler } from '@temporalio/workflow';
import { academicWatch as projectWatch, type TWatchInput } from '../../../workflows/academicWatch';

export { candidateLifecycle, credentialRecommendation, weeklyDigest } from '../../../workflows';

/** Lets a held watch end. */
export const letWatchEnd = defineSignal('letWatchEnd');

export async function academicWatch(input: TWatchInput): ReturnType<typeof projectWatch> {
  let released = false;
  setHandler(letWatchEnd, () => void (released = true));
  const result = await projectWatch(input);
  await condition(() => released);
  return result;
}
