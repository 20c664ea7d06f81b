// Paths of the pinned Temporal binaries built by scripts/setup-tools.sh (one source of truth:
// scripts/tool-versions.sh). Nothing here downloads a server: a missing binary is an error that
// says which script builds it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

let cached: { temporalCli: string; testServer: string } | undefined;

export function toolPaths(): { temporalCli: string; testServer: string } {
  if (cached) return cached;
  const script = resolve(__dirname, '../scripts/tool-versions.sh');
  const out = execFileSync(
    'bash',
    ['-c', `source "${script}"; echo "$TEMPORAL_CLI_BIN"; echo "$TEMPORAL_TEST_SERVER_BIN"`],
    { encoding: 'utf8' },
  );
  const [temporalCli = '', testServer = ''] = out.trim().split('\n');
  for (const p of [temporalCli, testServer]) {
    if (!existsSync(p))
      throw new Error(`${p} is missing: run 'bash scripts/setup-tools.sh' (npm test does this for you)`);
  }
  cached = { temporalCli, testServer };
  return cached;
}
