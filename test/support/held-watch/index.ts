// The project's workflows, with one difference for test/support/races.ts: an academic watch that has
// decided to end stays open until the test lets it go, as a watch does whose last workflow task a
// busy worker has not run yet. The candidate's workflow is the project's own, so its history is a
// real one (scripts/record-histories.ts keeps it in the replay corpus).
import { condition, setHandler } from '@temporalio/workflow';
import { academicWatch as projectWatch, type TWatchInput } from '../../../workflows/academicWatch';
import { letWatchEnd } from './messages';

export { candidateLifecycle, credentialRecommendation, weeklyDigest } from '../../../workflows';

export async function academicWatch(input: TWatchInput): ReturnType<typeof projectWatch> {
  let released = false;
  setHandler(letWatchEnd, () => void (released = true));
  const result = await projectWatch(input);
  await condition(() => released);
  return result;
}
