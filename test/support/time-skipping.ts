// The time-skipping environment and the workflow bundle live with the simulator (production code
// must not import from test/); tests use the same ones.
export { bundleWorkflows, createTimeSkippingEnv, workflowBundle } from '../../simulator/time-skipping';
