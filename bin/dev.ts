// The whole local system in one command: Temporal dev server (SQLite under .data/, Web UI), the
// local SES endpoint with its inbox viewer, the worker and the API. Ctrl-C stops everything
// cleanly; a second start reuses the SQLite file, so running workflows carry on.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { createLedgerClient, ensureLedgerTable, readLedgerConfig } from '../activities/email/ledger-dynamo';
import { loadOrCreateDevSecret, mintDevToken } from '../functions/auth/local-jwt';
import { readApiConfig } from '../functions/config';
import { connectClient, ensureSearchAttributes, temporalSettings } from '../functions/temporal';
import { SEARCH_ATTRIBUTE_REGISTRATIONS } from '../workflows/contract';
import { devPorts, temporalCliPath, waitFor } from './dev-support';

const root = resolve(__dirname, '..');
const DEV_ROLES = [
  'pa',
  'credentialsOffice',
  'districtCoordinator',
  'instructor',
  'coach',
  'supervisor',
  'candidate',
] as const;
const children: { name: string; proc: ChildProcess }[] = [];
let stopping = false;

function start(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const proc = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter(Boolean)
      .map((l) => `[${name}] ${l}`)
      .join('\n') + '\n';
  proc.stdout?.on('data', (c: Buffer) => process.stdout.write(prefix(c)));
  proc.stderr?.on('data', (c: Buffer) => process.stderr.write(prefix(c)));
  proc.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[dev] ${name} exited (${signal ?? code}); stopping the stack`);
      void stop(1);
    }
  });
  children.push({ name, proc });
  return proc;
}

async function stop(code = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log('\n[dev] stopping…');
  // Reverse order: API and worker drain before Temporal goes away.
  for (const { name, proc } of [...children].reverse()) {
    if (proc.exitCode !== null || proc.signalCode !== null) continue;
    proc.kill('SIGTERM');
    const exited = await Promise.race([
      new Promise((r) => proc.once('exit', () => r(true))),
      new Promise((r) => setTimeout(() => r(false), 10_000)),
    ]);
    if (!exited) {
      console.error(`[dev] ${name} did not stop in 10 s; killing`);
      proc.kill('SIGKILL');
    }
  }
  console.log('[dev] stopped');
  process.exit(code);
}

async function main() {
  const ports = devPorts();
  const dataDir = resolve(root, process.env.CASC_DATA_DIR ?? '.data');
  mkdirSync(dataDir, { recursive: true });
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  const temporalAddress = `127.0.0.1:${ports.temporal}`;
  const saArgs = SEARCH_ATTRIBUTE_REGISTRATIONS.flatMap((sa) => ['--search-attribute', sa]);
  start('temporal', temporalCliPath(), [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(ports.temporal),
    '--ui-port',
    String(ports.temporalUi),
    // The Web UI decodes payloads through the API's codec server, for signed-in staff (README).
    '--ui-codec-endpoint',
    `http://127.0.0.1:${ports.api}/codec`,
    '--db-filename',
    resolve(dataDir, 'temporal.db'),
    '--namespace',
    'default',
    '--log-level',
    'warn',
    ...saArgs,
  ]);
  start('ses', process.execPath, [
    resolve(root, 'node_modules/aws-ses-v2-local/dist/cli.js'),
    '--host',
    '127.0.0.1',
    '--port',
    String(ports.ses),
  ]);

  // moto (scripts/setup-moto.sh) plays DynamoDB: the workers' shared email ledger, as in AWS.
  // In memory: a restart forgets the ledger (workflows keep their own record of what was sent).
  const motoPort = z.coerce
    .number()
    .int()
    .min(1)
    .max(65535)
    .parse(process.env.MOTO_PORT ?? 8006);
  const motoVenv = execFileSync('bash', ['-c', 'source scripts/tool-versions.sh; echo "$MOTO_VENV"'], {
    cwd: root,
    encoding: 'utf8',
  }).trim();
  // moto_server's entry point without its access log line per request (test/support/moto.ts).
  const quiet =
    "import logging, sys; logging.getLogger('werkzeug').setLevel(logging.WARNING); from moto.server import main; sys.exit(main())";
  start('moto', resolve(motoVenv, 'bin/python'), ['-c', quiet, '-H', '127.0.0.1', '-p', String(motoPort)]);
  const ledger = { CASC_LEDGER_TABLE: 'casc-email-ledger', DYNAMODB_ENDPOINT: `http://127.0.0.1:${motoPort}` };

  const env = {
    ...ledger,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_NAMESPACE: 'default',
    SES_ENDPOINT: `http://127.0.0.1:${ports.ses}`,
    CASC_DATA_DIR: dataDir,
    API_PORT: String(ports.api),
    CASC_PORTAL_URL: `http://127.0.0.1:${ports.api}`,
    // The local stack offers /auth/dev (sign in as any role without an email); never set in AWS.
    CASC_DEV_SIGN_IN: '1',
    // The SDK's Node 20 end-of-support notice is noise in a local stack.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  // This process sets up the local AWS twins with the SDK too.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
  await waitFor('Temporal', async () => {
    const client = await connectClient(temporalSettings({ ...process.env, ...env }));
    await ensureSearchAttributes(client.connection, 'default');
    await client.connection.close();
  });
  await waitFor('local SES', async () => {
    const res = await fetch(`http://127.0.0.1:${ports.ses}/health-check`);
    if (!res.ok) throw new Error(`status ${res.status}`);
  });
  await waitFor('moto (DynamoDB)', async () => {
    const config = readLedgerConfig(ledger)!;
    const dynamo = createLedgerClient(config);
    await ensureLedgerTable(dynamo, config.table);
    dynamo.destroy();
  });
  const tsx = resolve(root, 'node_modules/.bin/tsx');
  start('worker', tsx, ['bin/worker.ts'], env);
  start('api', tsx, ['bin/api.ts'], { ...env, TEMPORAL_UI_PORT: String(ports.temporalUi) });
  // SES bounce and complaint events: moto's SNS topic → SQS queue (+ DLQ) → the consumer records them (issue #17.3).
  start('ses-events', tsx, ['bin/ses-events.ts'], { ...env, SES_EVENTS_ENDPOINT: `http://127.0.0.1:${motoPort}` });
  await waitFor('API', async () => {
    const res = await fetch(`http://127.0.0.1:${ports.api}/health`);
    if (!res.ok) throw new Error(`status ${res.status}`);
  });

  // The rossier program administrator's dev token (no program would mean no program: issue 17),
  // signed with the key the API just loaded or created.
  const apiConfig = readApiConfig({ ...process.env, CASC_DATA_DIR: dataDir });
  const paToken = await mintDevToken(
    {
      secret: loadOrCreateDevSecret(apiConfig.dataDir, apiConfig.devSecret),
      issuer: apiConfig.issuer,
      audience: apiConfig.audience,
    },
    { sub: 'pa-dev', role: 'pa', programId: 'rossier' },
    '24h',
  );
  console.log(`
[dev] CASC induction is running:
  API + dashboard     http://127.0.0.1:${ports.api}   (OpenAPI: /openapi.json)
  Portal              http://127.0.0.1:${ports.api}/portal   (people sign in from the links in their emails)
  Dev sign-in, a link per role (local only):
${DEV_ROLES.map((r) => `    ${r.padEnd(20)}http://127.0.0.1:${ports.api}/auth/dev?role=${r}&program=rossier${r === 'candidate' || r === 'coach' || r === 'supervisor' ? '&email=<the address on the candidate record>' : ''}`).join('\n')}
  Dashboard as PA     http://127.0.0.1:${ports.api}/dashboard?token=${paToken}
  PA token (24 h)     ${paToken}   (for the JSON API)
                      other roles: npm run cli -- token --role coach --candidate <key>
  Temporal Web UI     http://127.0.0.1:${ports.temporalUi}
  Temporal frontend   ${temporalAddress}   (SQLite: ${resolve(dataDir, 'temporal.db')})
  Email inbox viewer  http://127.0.0.1:${ports.ses}   (JSON: /store)
  moto (DynamoDB)     http://127.0.0.1:${motoPort}   (email ledger table casc-email-ledger; SES events topic and queue casc-ses-events; dashboard: /moto-api/)
  Simulate a bounce   SES_EVENTS_ENDPOINT=http://127.0.0.1:${motoPort} npx tsx bin/ses-events.ts simulate-bounce <candidate key> <address on the record>
Ctrl-C stops everything; the next start resumes running workflows.
`);
}

main().catch((err: unknown) => {
  console.error('[dev] failed to start:', err instanceof Error ? err.message : err);
  void stop(1);
});
