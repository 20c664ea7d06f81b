// The worker: workflows on the main task queue, email activities on `<queue>-email`, paced to the
// SES account's send rate (maxTaskQueueActivitiesPerSecond is enforced by the server across every
// worker of the queue, so scaling out workers never exceeds SES's limit).
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DefaultLogger, NativeConnection, Runtime, Worker, type WorkerOptions } from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import {
  createEmailActivities,
  createFileLedger,
  createLocalStoreProbe,
  createSesClient,
  readEmailConfig,
  type TEmailConfig,
} from '../activities/email';
import type { Client } from '@temporalio/client';
import { S3Client } from '@aws-sdk/client-s3';
import { createDynamoLedger, createLedgerClient, readLedgerConfig } from '../activities/email/ledger-dynamo';
import { createDigestActivities } from '../activities/digest';
import { readTaskLinkSettings, type TTaskLinkSettings } from '../activities/email/task-links';
import { createRecordActivities } from '../activities/records';
import { BUILTIN_POLICY_IDS, getBuiltinPolicy } from '../domain/policy/policy';
import { startProgramDigest } from '../functions/digest';
import { connectClient, temporalSettings } from '../functions/temporal';
import { payloadCodec, workerDataConverter } from '../codec/data-converter';
import {
  METRICS_INTERVAL_SECONDS,
  PROMETHEUS_ADDRESS,
  SDK_HISTOGRAM_OVERRIDES,
  WORKER_DRAIN,
  startHealthServer,
  startMetricsPublisher,
} from './worker-ops';

export interface WorkerHandles {
  run(): Promise<void>;
  /** Starts draining both workers (idempotent: a worker already stopping is left alone). */
  shutdown(): void;
  /** True while both workers poll (the container health check). */
  healthy(): boolean;
}

/**
 * The prebuilt workflow bundle (scripts/build-workflow-bundle.ts; the image sets
 * CASC_WORKFLOW_BUNDLE). Unset: undefined, and the worker bundles at start (local dev). Set but
 * missing: an error, since an image without its bundle was built wrong.
 */
export function prebuiltWorkflowBundle(env: NodeJS.ProcessEnv = process.env): { codePath: string } | undefined {
  const codePath = env.CASC_WORKFLOW_BUNDLE;
  if (!codePath) return undefined;
  if (!existsSync(codePath))
    throw new Error(`CASC_WORKFLOW_BUNDLE=${codePath} does not exist (run scripts/build-workflow-bundle.ts)`);
  return { codePath: resolve(codePath) };
}

/** Drain on deploy: activities get the grace time to finish, then the worker exits before ECS SIGKILLs. */
const DRAIN: Pick<WorkerOptions, 'shutdownGraceTime' | 'shutdownForceTime'> = {
  shutdownGraceTime: `${WORKER_DRAIN.shutdownGraceSeconds}s`,
  shutdownForceTime: `${WORKER_DRAIN.shutdownForceSeconds}s`,
};

export interface WorkerSetup {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  email: TEmailConfig;
  /** Where the email ledger (and later handoffs/archives) live locally. */
  dataDir: string;
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** For the weekly digest activity (visibility listing + status queries). */
  client?: Client;
  /** Portal URL and link key for the task links in emails (default: CASC_PORTAL_URL, CASC_LINK_SECRET or the data dir's key). */
  taskLinks?: TTaskLinkSettings;
  /** Workflows kept in the worker's cache (default 500, CASC_MAX_CACHED_WORKFLOWS). */
  maxCachedWorkflows?: number;
  /** The payload codec (codec/): the same keys as every client, or payloads cannot be read. */
  dataConverter: DataConverter;
}

function sharedLedger(dataDir: string) {
  const config = readLedgerConfig();
  return config
    ? createDynamoLedger({ client: createLedgerClient(config), table: config.table, ttlDays: config.ttlDays })
    : createFileLedger(dataDir);
}

export async function createWorkers(setup: WorkerSetup): Promise<WorkerHandles> {
  const { connection, namespace, taskQueue, email, dataDir } = setup;
  mkdirSync(dataDir, { recursive: true });
  const workflows = await Worker.create({
    connection,
    namespace,
    taskQueue,
    dataConverter: setup.dataConverter,
    ...DRAIN,
    ...(setup.workflowBundle
      ? { workflowBundle: setup.workflowBundle }
      : { workflowsPath: resolve(__dirname, '../workflows/index.ts') }),
    // Each cached workflow costs ~2.7 MiB here (bench/RESULTS.md); the SDK's heap-derived default
    // (~2,300) runs the workflow thread out of memory. Candidates sleep for weeks, so a small
    // cache costs only a replay on their rare wake-ups.
    maxCachedWorkflows: setup.maxCachedWorkflows ?? Number(process.env.CASC_MAX_CACHED_WORKFLOWS ?? 500),
    // Handoff packets and archives on the main queue; on S3 when CASC_BUCKET is set (AWS).
    activities: {
      ...createRecordActivities(
        process.env.CASC_BUCKET ? { s3: new S3Client({}), bucket: process.env.CASC_BUCKET } : { dataDir },
      ),
      ...(setup.client ? createDigestActivities({ client: setup.client }) : {}),
    },
  });
  const mail = await Worker.create({
    connection,
    namespace,
    taskQueue: `${taskQueue}-email`,
    dataConverter: setup.dataConverter,
    activities: createEmailActivities({
      ses: createSesClient(email),
      from: email.from,
      ...(email.configurationSet ? { configurationSet: email.configurationSet } : {}),
      maxSendRate: email.maxSendRate,
      taskLinks: setup.taskLinks ?? readTaskLinkSettings(process.env, dataDir),
      // Shared by every worker (DynamoDB; moto locally) when CASC_LEDGER_TABLE is set.
      ledger: sharedLedger(dataDir),
      // The local SES mock can say whether it took a message a crashed attempt sent (delivery-probe.ts).
      ...(email.endpoint ? { deliveryProbe: createLocalStoreProbe(email.endpoint) } : {}),
    }),
    maxTaskQueueActivitiesPerSecond: email.maxSendRate,
    ...DRAIN,
  });
  const both = [workflows, mail];
  return {
    run: () => Promise.all(both.map((w) => w.run())).then(() => undefined),
    shutdown() {
      // The SDK's Runtime also reacts to SIGTERM; Worker.shutdown() throws unless RUNNING.
      for (const w of both) if (w.getState() === 'RUNNING') w.shutdown();
    },
    healthy: () => both.every((w) => w.getState() === 'RUNNING'),
  };
}

async function main() {
  const settings = temporalSettings();
  const connection = await NativeConnection.connect(settings.connectionOptions);
  const client = await connectClient(settings);
  const workers = await createWorkers({
    client,
    connection,
    namespace: settings.namespace,
    taskQueue: settings.taskQueue,
    email: readEmailConfig(),
    dataDir: resolve(process.env.CASC_DATA_DIR ?? '.data'),
    dataConverter: workerDataConverter(payloadCodec(settings.payloadKeys)),
    workflowBundle: prebuiltWorkflowBundle(),
  });
  // In AWS: GET /healthz for the container health check, and SDK metrics to CloudWatch (EMF).
  if (process.env.CASC_HEALTH_PORT)
    await startHealthServer(Number(process.env.CASC_HEALTH_PORT), () => workers.healthy());
  const metrics = metricNamespace()
    ? startMetricsPublisher({
        namespace: metricNamespace()!,
        taskQueues: [settings.taskQueue, `${settings.taskQueue}-email`],
        prometheusAddress: process.env.CASC_PROMETHEUS_ADDRESS ?? PROMETHEUS_ADDRESS,
        intervalMs: Number(process.env.CASC_METRICS_INTERVAL_SECONDS ?? METRICS_INTERVAL_SECONDS) * 1000,
      })
    : undefined;
  const stop = () => workers.shutdown();
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // One weekly digest per program whose policy turns it on (idempotent; off for the built-ins).
  for (const id of BUILTIN_POLICY_IDS) {
    await startProgramDigest(client, id, getBuiltinPolicy(id), {
      taskQueue: settings.taskQueue,
      portalUrl: settings.portalUrl,
    });
  }
  console.log('worker: running (Ctrl-C to stop)');
  await workers.run();
  await metrics?.flush();
  metrics?.stop();
  await client.connection.close();
  await connection.close();
}

/** CloudWatch namespace for the SDK metrics (set by the stack); unset locally: no exporter, no EMF. */
function metricNamespace(): string | undefined {
  return process.env.CASC_METRIC_NAMESPACE || undefined;
}

if (require.main === module) {
  Runtime.install({
    // Warnings and errors only: workflow payloads carry education records, so nothing chatty.
    logger: new DefaultLogger((process.env.CASC_LOG_LEVEL as 'WARN' | undefined) ?? 'WARN'),
    ...(metricNamespace()
      ? {
          telemetryOptions: {
            metrics: {
              prometheus: {
                bindAddress: process.env.CASC_PROMETHEUS_ADDRESS ?? PROMETHEUS_ADDRESS,
                histogramBucketOverrides: SDK_HISTOGRAM_OVERRIDES,
              },
            },
          },
        }
      : {}),
  });
  main().catch((err: unknown) => {
    console.error('worker: failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
