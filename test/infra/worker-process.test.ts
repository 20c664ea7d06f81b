// Issue #17.7, with the real parts: the Temporal dev server, the workflow bundle built by
// scripts/build-workflow-bundle.ts (as the Dockerfile does), and bin/worker.ts as its own OS
// process with the settings the ECS task definition gives it. It loads the prebuilt bundle,
// answers the container health check, publishes SDK metrics as EMF lines on stdout (what the
// awslogs driver ships to CloudWatch), and drains and exits on SIGTERM.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEALTH_CHECK_COMMAND } from '../../bin/worker-ops';
import { clientDataConverter, payloadCodec } from '../../codec/data-converter';
import { eventually } from '../support/eventually';
import { freePort, startDevServerProcess, type DevServerProcess } from '../support/dev-server-process';
import { uniqueId } from '../support/fixtures';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process';

const root = resolve(__dirname, '../..');
let dir: string;
let server: DevServerProcess;
let worker: WorkerProcess;
let client: Client;
let taskQueue: string;
let healthPort: number;
let bundle: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'casc-worker-ops-'));
  bundle = join(dir, 'dist', 'workflow-bundle.js');
  server = await startDevServerProcess({ dbFilename: join(dir, 'temporal.db') });
  execFileSync(resolve(root, 'node_modules/.bin/tsx'), ['scripts/build-workflow-bundle.ts', bundle], {
    cwd: root,
    stdio: 'pipe',
  });
  const keys = join(dir, 'payload-keys.json');
  client = new Client({
    connection: await Connection.connect({ address: server.address }),
    namespace: 'default',
    dataConverter: clientDataConverter(payloadCodec({ kind: 'file', path: keys })),
  });
  taskQueue = uniqueId('ops');
  healthPort = await freePort();
  worker = await startWorkerProcess({
    TEMPORAL_ADDRESS: server.address,
    TEMPORAL_NAMESPACE: 'default',
    CASC_TASK_QUEUE: taskQueue,
    CASC_DATA_DIR: join(dir, 'data'),
    CASC_PAYLOAD_KEYS: `file:${keys}`,
    SES_ENDPOINT: 'http://127.0.0.1:9',
    CASC_LOG_LEVEL: 'ERROR',
    // As the Dockerfile and the task definition set them (ports free for this test).
    CASC_WORKFLOW_BUNDLE: bundle,
    CASC_HEALTH_PORT: String(healthPort),
    CASC_METRIC_NAMESPACE: 'CascInduction/test',
    CASC_PROMETHEUS_ADDRESS: `127.0.0.1:${await freePort()}`,
    CASC_METRICS_INTERVAL_SECONDS: '1',
  });
}, 240_000);

afterAll(async () => {
  await worker?.stop();
  await client?.connection.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

type TEmf = Record<string, unknown> & { _aws: { CloudWatchMetrics: { Namespace: string }[] } };
const emfLines = (): TEmf[] =>
  worker
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{"_aws"'))
    .map((l) => JSON.parse(l) as TEmf);

describe('issue #17.7: the worker process as ECS runs it', () => {
  it('loads the prebuilt bundle (no webpack at start) and the container health check passes', async () => {
    expect(statSync(bundle).size).toBeGreaterThan(1_000_000);
    expect(worker.output()).not.toMatch(/Workflow bundle created|webpack/);
    // The exact command the task definition runs, with the test's port.
    const [, node, flag, script] = HEALTH_CHECK_COMMAND;
    const run = () =>
      execFileSync(node === 'node' ? process.execPath : node, [flag, script.replace('8081', String(healthPort))], {
        stdio: 'pipe',
      });
    expect(run).not.toThrow();
    const res = await fetch(`http://127.0.0.1:${healthPort}/healthz`);
    expect([res.status, await res.text()]).toEqual([200, 'ok']);
  });

  it('publishes schedule-to-start and workflow-task failures per task queue as EMF into the stage namespace', async () => {
    // A workflow type the worker does not have: its workflow task is picked up (latency) and fails.
    await client.workflow.start('noSuchWorkflowType', { taskQueue, workflowId: uniqueId('ops-wf'), args: [] });
    const main = await eventually(
      async () => emfLines().find((d) => d.TaskQueue === taskQueue && (d.WorkflowTaskFailures as number) >= 1),
      30_000,
    );
    expect(main._aws.CloudWatchMetrics[0]!.Namespace).toBe('CascInduction/test');
    expect(typeof main.WorkflowTaskScheduleToStartP95).toBe('number');
    expect(main.WorkflowTaskScheduleToStartP95 as number).toBeGreaterThanOrEqual(0);
    // The email queue reports too (zeros), so its alarm and the scale-in alarm always have data.
    expect(emfLines().some((d) => d.TaskQueue === `${taskQueue}-email` && d.ActivityFailures === 0)).toBe(true);
    // Only task queue names in the lines: no workflow ids, types or payloads.
    expect(emfLines().every((d) => !JSON.stringify(d).includes('noSuchWorkflowType'))).toBe(true);
  });

  it('drains and exits on SIGTERM well inside the ECS stopTimeout', async () => {
    const started = Date.now();
    await worker.stop();
    const seconds = (Date.now() - started) / 1000;
    expect(seconds).toBeLessThan(60);
    expect(worker.output()).not.toMatch(/worker: failed|IllegalStateError/);
  });
});
