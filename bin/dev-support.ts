// Small helpers for the local stack: configurable ports, the pinned Temporal CLI, readiness waits.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

const ZPort = z.coerce.number().int().min(1).max(65535);
const ZPorts = z.object({
  TEMPORAL_PORT: ZPort.default(7233),
  TEMPORAL_UI_PORT: ZPort.default(8233),
  SES_PORT: ZPort.default(8005),
  API_PORT: ZPort.default(8787),
});

export function devPorts(env: NodeJS.ProcessEnv = process.env) {
  const parsed = ZPorts.safeParse(env);
  if (!parsed.success)
    throw new Error(
      `bad port setting: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const p = parsed.data;
  return { temporal: p.TEMPORAL_PORT, temporalUi: p.TEMPORAL_UI_PORT, ses: p.SES_PORT, api: p.API_PORT };
}

export function temporalCliPath(): string {
  const script = resolve(__dirname, '../scripts/tool-versions.sh');
  const path = execFileSync('bash', ['-c', `source "${script}"; echo "$TEMPORAL_CLI_BIN"`], {
    encoding: 'utf8',
  }).trim();
  if (!existsSync(path)) throw new Error(`${path} is missing: run 'bash scripts/setup-tools.sh'`);
  return path;
}

export async function waitFor(what: string, probe: () => Promise<void>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      await probe();
      return;
    } catch (err) {
      last = err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(
    `${what} was not ready after ${timeoutMs / 1000} s: ${last instanceof Error ? last.message : String(last)}`,
  );
}
