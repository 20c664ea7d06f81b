// Runs moto in server mode (the pinned venv from scripts/setup-moto.sh) as a child process on a
// free 127.0.0.1 port, for tests that drive the real AWS SDK clients (DynamoDB, Secrets Manager,
// KMS, SNS, SQS) against it. One server answers every service at the same endpoint.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { freePort } from './dev-server-process';

export interface Moto {
  /** e.g. http://127.0.0.1:41234 — pass as `endpoint` to any SDK client. */
  endpoint: string;
  /** Dummy credentials and region moto accepts; the SDK refuses to sign without some. */
  clientConfig: { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string } };
  stop(): Promise<void>;
}

/** The moto_server launcher pinned in scripts/tool-versions.sh; throws with the fix if missing. */
export function motoServerBin(): string {
  const script = resolve(__dirname, '../../scripts/tool-versions.sh');
  const out = execFileSync('bash', ['-c', `source "${script}"; echo "$MOTO_SERVER_BIN"; echo "$MOTO_VENV"`], {
    encoding: 'utf8',
  });
  const [bin = '', venv = ''] = out.trim().split('\n');
  if (!existsSync(bin) || !existsSync(resolve(venv, '.installed'))) {
    throw new Error(`${bin} is missing: run 'bash scripts/setup-moto.sh' (npm test does this for you)`);
  }
  return bin;
}

/**
 * moto_server's own entry point with the per-request access log (werkzeug, one line per SDK call)
 * turned down to warnings: the local stack's console stays readable. Arguments as moto_server's.
 */
export const MOTO_QUIET =
  "import logging, sys; logging.getLogger('werkzeug').setLevel(logging.WARNING); from moto.server import main; sys.exit(main())";

export async function startMoto(readyTimeoutMs = 30_000): Promise<Moto> {
  const bin = motoServerBin();
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    join(dirname(bin), 'python'),
    ['-c', MOTO_QUIET, '-H', '127.0.0.1', '-p', String(port)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (b: Buffer) => (output = (output + b.toString()).slice(-4000)));
  child.stderr?.on('data', (b: Buffer) => (output = (output + b.toString()).slice(-4000)));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));

  // Ready when moto's own dashboard API answers (it exists in every moto server).
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto_server exited early (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${endpoint}/moto-api/data.json`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`moto_server did not answer on ${endpoint} in ${readyTimeoutMs / 1000} s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    endpoint,
    clientConfig: {
      endpoint,
      region: 'us-west-2',
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
