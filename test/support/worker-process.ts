// The project's worker (bin/worker.ts) as a separate OS process, exactly as it runs in production,
// so a test can SIGKILL it mid-work. tsx runs the script in a child node process, so the worker is
// started in its own process group and killed as a group: nothing of it survives the kill.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(__dirname, '../..');

export interface WorkerProcess {
  pid: number;
  /** SIGKILL to the whole process group: no shutdown hook, no flush, no goodbye to the server. */
  kill9(): Promise<void>;
  /** SIGTERM (graceful shutdown) and wait. */
  stop(): Promise<void>;
  output(): string;
}

export async function startWorkerProcess(env: Record<string, string>, readyTimeoutMs = 90_000): Promise<WorkerProcess> {
  const proc: ChildProcess = spawn(resolve(root, 'node_modules/.bin/tsx'), ['bin/worker.ts'], {
    cwd: root,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  proc.stdout?.on('data', (b: Buffer) => (log += b.toString()));
  proc.stderr?.on('data', (b: Buffer) => (log += b.toString()));
  const pid = proc.pid;
  if (pid === undefined) throw new Error('the worker process did not start');
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));

  // bin/worker.ts prints this once both workers are created (the workflow bundle is built).
  const deadline = Date.now() + readyTimeoutMs;
  while (!log.includes('worker: running')) {
    if (proc.exitCode !== null || proc.signalCode !== null)
      throw new Error(`the worker exited before it was ready:\n${log}`);
    if (Date.now() > deadline) {
      process.kill(-pid, 'SIGKILL');
      throw new Error(`the worker was not ready in ${readyTimeoutMs / 1000} s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  const signalGroup = async (signal: NodeJS.Signals) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    try {
      process.kill(-pid, signal);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
    }
    await exited;
  };
  return { pid, kill9: () => signalGroup('SIGKILL'), stop: () => signalGroup('SIGTERM'), output: () => log };
}
