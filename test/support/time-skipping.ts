// A time-skipping Temporal environment on the pinned Java test server, optionally starting its
// clock at a given instant, plus a workflow bundle built once per test file.
import { resolve } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { toolPaths } from './tools';
import { ensureSearchAttributes } from '../../functions/temporal';

export async function createTimeSkippingEnv(initialTime?: string): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: {
      executable: { type: 'existing-path', path: toolPaths().testServer },
      extraArgs: initialTime ? ['--initial-time', initialTime] : [],
    },
  });
  await ensureSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({ workflowsPath: resolve(__dirname, '../../workflows/index.ts'), logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} } as never });
  return bundle;
}
