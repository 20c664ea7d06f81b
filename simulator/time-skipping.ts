// A time-skipping Temporal environment on the pinned Java test server, optionally starting its
// clock at a given instant (the project's launcher accepts --initial-time), plus the workflow
// bundle built once per process. The simulator and the workflow tests share these.
import { resolve } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { toolPaths } from './tools';
import { ensureSearchAttributes } from '../functions/temporal';
import { clientDataConverter, FAILURE_CONVERTER_PATH, simulationCodec } from '../codec/data-converter';

/** The SDK gives the server 5 s to listen; a JVM on a busy 2-core machine sometimes needs more. */
const START_ATTEMPTS = 5;

export async function createTimeSkippingEnv(initialTime?: string): Promise<TestWorkflowEnvironment> {
  for (let attempt = 1; ; attempt++) {
    try {
      const env = await TestWorkflowEnvironment.createTimeSkipping({
        server: {
          executable: { type: 'existing-path', path: toolPaths().testServer },
          extraArgs: initialTime ? ['--initial-time', initialTime] : [],
        },
        // Payloads encrypted as in production; workers on this env take workerDataConverter(simulationCodec()).
        client: { dataConverter: clientDataConverter(simulationCodec()) },
      });
      await ensureSearchAttributes(env.connection, env.namespace ?? 'default');
      return env;
    } catch (err) {
      if (attempt >= START_ATTEMPTS || !/did not start within/.test((err as Error).message)) throw err;
    }
  }
}

const silent = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/** Bundles a workflows entry file (webpack, a few seconds); the project's own entry by default. */
export function bundleWorkflows(
  workflowsPath = resolve(__dirname, '../workflows/index.ts'),
): Promise<WorkflowBundleWithSourceMap> {
  // Workflow failures carry encrypted messages, as bin/worker.ts's bundle does.
  return bundleWorkflowCode({ workflowsPath, failureConverterPath: FAILURE_CONVERTER_PATH, logger: silent as never });
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** The project's workflow bundle, built once per process. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflows();
  return bundle;
}
