// The real local pieces for integration tests: the Temporal dev server (pinned CLI, SQLite in a
// temp dir), aws-ses-v2-local, and the project's own worker wired exactly as bin/worker.ts does.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadedDataConverter } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { clientDataConverter, payloadCodec, workerDataConverter } from '../../codec/data-converter';
import { createWorkers, type WorkerHandles } from '../../bin/worker';
import type { TTaskLinkSettings } from '../../activities/email/task-links';
import { readEmailConfig } from '../../activities/email';
import { createCandidateService, type CandidateService } from '../../functions/candidates';
import { createPolicyResolver } from '../../functions/policies';
import { SEARCH_ATTRIBUTE_REGISTRATIONS } from '../../workflows/search-attributes';
import { createLocalDevServer } from './dev-server-start';
import { startSesLocal, type SesLocal } from './ses-local';
import { toolPaths } from './tools';
import { uniqueId } from './fixtures';
import { workflowBundle } from './time-skipping';

export interface DevStack {
  env: TestWorkflowEnvironment;
  ses: SesLocal;
  taskQueue: string;
  dataDir: string;
  candidates: CandidateService;
  workers: WorkerHandles;
  running: Promise<void>;
  stop(): Promise<void>;
}

/** With a data converter, env.client encrypts (the workers on it need the same codec). */
export async function startDevServer(
  dbFilename?: string,
  dataConverter?: LoadedDataConverter,
): Promise<TestWorkflowEnvironment> {
  return createLocalDevServer({
    ...(dataConverter ? { client: { dataConverter } } : {}),
    server: {
      executable: { type: 'existing-path', path: toolPaths().temporalCli },
      ...(dbFilename ? { dbFilename } : {}),
      extraArgs: SEARCH_ATTRIBUTE_REGISTRATIONS.flatMap((sa) => ['--search-attribute', sa]),
    },
  });
}

/** `taskLinks`: where email links point (a test's own portal server) and the key it verifies with. */
export async function startDevStack(options: { taskLinks?: TTaskLinkSettings } = {}): Promise<DevStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'casc-it-'));
  // Payloads encrypted with a key file in the data dir, created on first use, as bin/worker.ts does.
  const codec = payloadCodec({ kind: 'file', path: join(dataDir, 'payload-keys.json') });
  const env = await startDevServer(undefined, clientDataConverter(codec));
  const ses = await startSesLocal();
  const taskQueue = uniqueId('it');
  const workers = await createWorkers({
    connection: env.nativeConnection,
    namespace: 'default',
    taskQueue,
    email: readEmailConfig({ SES_ENDPOINT: ses.endpoint, SES_MAX_SEND_RATE: '50' }),
    dataDir,
    workflowBundle: await workflowBundle(),
    dataConverter: workerDataConverter(codec),
    ...(options.taskLinks ? { taskLinks: options.taskLinks } : {}),
  });
  const running = workers.run();
  const candidates = createCandidateService({
    client: env.client,
    taskQueue,
    portalUrl: 'http://127.0.0.1:8787',
    resolvePolicy: createPolicyResolver(),
  });
  return {
    env,
    ses,
    taskQueue,
    dataDir,
    candidates,
    workers,
    running,
    async stop() {
      workers.shutdown();
      await running;
      await ses.stop();
      await env.teardown();
    },
  };
}
