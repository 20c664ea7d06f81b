// The worker: workflows on the main task queue, email activities on `<queue>-email`, paced to the
// SES account's send rate (maxTaskQueueActivitiesPerSecond is enforced by the server across every
// worker of the queue, so scaling out workers never exceeds SES's limit).
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createEmailActivities, createFileLedger, createSesClient, readEmailConfig } from '../activities';
import { temporalSettings } from '../functions/temporal';

export interface WorkerHandles {
  run(): Promise<void>;
  shutdown(): void;
}

export async function createWorkers(opts: { workflowBundle?: WorkerOptions['workflowBundle'] } = {}): Promise<WorkerHandles> {
  const settings = temporalSettings();
  const email = readEmailConfig();
  const dataDir = resolve(process.env.CASC_DATA_DIR ?? '.data');
  mkdirSync(dataDir, { recursive: true });
  const connection = await NativeConnection.connect(settings.connectionOptions);
  const workflows = await Worker.create({
    connection,
    namespace: settings.namespace,
    taskQueue: settings.taskQueue,
    ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath: resolve(__dirname, '../workflows/index.ts') }),
  });
  const mail = await Worker.create({
    connection,
    namespace: settings.namespace,
    taskQueue: `${settings.taskQueue}-email`,
    activities: createEmailActivities({
      ses: createSesClient(email),
      from: email.from,
      ...(email.configurationSet ? { configurationSet: email.configurationSet } : {}),
      ledger: createFileLedger(dataDir),
    }),
    maxTaskQueueActivitiesPerSecond: email.maxSendRate,
  });
  return {
    async run() {
      try {
        await Promise.all([workflows.run(), mail.run()]);
      } finally {
        await connection.close();
      }
    },
    shutdown() {
      workflows.shutdown();
      mail.shutdown();
    },
  };
}

if (require.main === module) {
  createWorkers()
    .then(async (w) => {
      console.log('worker: running (Ctrl-C to stop)');
      await w.run();
    })
    .catch((err: unknown) => {
      console.error('worker: failed:', err instanceof Error ? err.message : err);
      process.exit(1);
    });
}
