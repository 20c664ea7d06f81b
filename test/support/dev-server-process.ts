// The Temporal dev server (pinned CLI) as a child process we own, on a SQLite file and a fixed
// port, so a test can stop it (SIGTERM, as an operator would) and start it again on the same file.
// TestWorkflowEnvironment.createLocal cannot do that: it owns the process and picks a new port.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTE_REGISTRATIONS } from '../../workflows/search-attributes';
import { toolPaths } from './tools';

export interface DevServerProcess {
  /** host:port of the frontend; the same across restarts. */
  address: string;
  dbFilename: string;
  /** Stops the server (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same file and port and waits until it answers. */
  restart(): Promise<void>;
  /** Everything the server printed, for a failing test's message. */
  output(): string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startDevServerProcess({ dbFilename }: { dbFilename: string }): Promise<DevServerProcess> {
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--headless',
    '--db-filename',
    dbFilename,
    '--namespace',
    'default',
    '--log-level',
    'error',
    ...SEARCH_ATTRIBUTE_REGISTRATIONS.flatMap((sa) => ['--search-attribute', sa]),
  ];
  let child: ChildProcess | undefined;
  let log = '';

  const launch = async () => {
    const proc = spawn(toolPaths().temporalCli, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    proc.stdout?.on('data', (b: Buffer) => (log += b.toString()));
    proc.stderr?.on('data', (b: Buffer) => (log += b.toString()));
    child = proc;
    await waitUntilServing(address, proc, () => log);
  };

  const stop = async () => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  };

  await launch();
  return { address, dbFilename, stop, restart: launch, output: () => log };
}

async function waitUntilServing(
  address: string,
  proc: ChildProcess,
  log: () => string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`temporal dev server exited (${proc.exitCode}):\n${log()}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        await connection.workflowService.describeNamespace({ namespace: 'default' });
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      last = err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(
    `temporal dev server at ${address} did not answer in ${timeoutMs / 1000} s: ${(last as Error)?.message}\n${log()}`,
  );
}
