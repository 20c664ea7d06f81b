// What starts (or continues) a candidate's workflow. The resolved policy travels in the input, so a
// program's own policy file works without the worker knowing it, and a policy edited later never
// changes the rules of a workflow already running.
import type { TCandidateStart } from './candidate';
import type { TProgramPolicy } from '../policy/policy';
import type { TCandidateState } from './state';

export interface TLinks {
  /** Base URL of the dashboard/portal; email links point below it. */
  portalUrl: string;
}

export interface TLifecycleInput {
  start: TCandidateStart;
  policy: TProgramPolicy;
  links: TLinks;
  /** The record carried across continue-as-new. */
  carried?: TCandidateState;
  /** Receives handoff packets at READY TO RECOMMEND (CREDENTIALS_OFFICE_EMAIL); falls back to the PA. */
  credentialsOffice?: { name: string; email: string };
}

export interface TLifecycleOutcome {
  phase: TCandidateState['phase'];
  withdrawal: TCandidateState['withdrawal'];
}
