// Issue #17.3 in AWS: functions/ses-events/lambda.ts bundled with esbuild as the stack's
// NodejsFunction bundles it, loaded in a fresh Node process and invoked with an SQS batch (the
// event source's shape). Temporal is unreachable (127.0.0.1:1) and its API key comes from Secrets
// Manager (moto): what needs nothing recorded is done, what needs Temporal or cannot be read is
// reported as a batch item failure, so SQS redelivers it and, after five receives, dead-letters it.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMoto, type Moto } from '../support/moto';
import { sesBounce } from './ses-event-samples';

const ROOT = resolve(__dirname, '../..');
let moto: Moto;
let dir: string;
let bundle: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'casc-ses-lambda-'));
  bundle = join(dir, 'index.js');
  [moto] = await Promise.all([
    startMoto(),
    // As infra/lib/constructs/ses-events.ts: bundle, CJS, minify, source map.
    build({
      entryPoints: [join(ROOT, 'functions/ses-events/lambda.ts')],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      minify: true,
      sourcemap: true,
      outfile: bundle,
      logLevel: 'silent',
    }),
  ]);
}, 120_000);
afterAll(async () => {
  await moto?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function invoke(env: Record<string, string>, event: object): Promise<{ result: unknown; log: string }> {
  const eventFile = join(dir, 'event.json');
  writeFileSync(eventFile, JSON.stringify(event));
  const script = `
    const { handler } = require(${JSON.stringify(bundle)});
    handler(JSON.parse(require('node:fs').readFileSync(${JSON.stringify(eventFile)}, 'utf8')), { awsRequestId: 'test' })
      .then((r) => process.stderr.write('RESULT' + JSON.stringify(r)), (err) => { console.error(err); process.exit(1); });`;
  const { stdout, stderr } = await promisify(execFile)(process.execPath, ['-e', script], {
    env: { PATH: process.env.PATH ?? '', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
    timeout: 60_000,
  });
  return { result: JSON.parse(stderr.slice(stderr.indexOf('RESULT') + 6)) as unknown, log: stdout };
}

const record = (messageId: string, body: string) => ({
  messageId,
  receiptHandle: `rh-${messageId}`,
  body,
  attributes: { ApproximateReceiveCount: '1' },
  messageAttributes: {},
  eventSource: 'aws:sqs',
  awsRegion: 'us-west-2',
});

describe('the bundled SES-events handler', () => {
  it('R-NOT: boots without Temporal; a transient bounce is done, a permanent one (needs Temporal) and an unreadable body are batch item failures; no address in the log', async () => {
    const sm = new SecretsManagerClient(moto.clientConfig);
    const { ARN } = await sm.send(
      new CreateSecretCommand({ Name: 'casc/test/ses-events-temporal', SecretString: 'tmprl-api-key' }),
    );
    sm.destroy();
    const { result, log } = await invoke(
      {
        AWS_REGION: 'us-west-2',
        AWS_ACCESS_KEY_ID: 'testing',
        AWS_SECRET_ACCESS_KEY: 'testing',
        AWS_ENDPOINT_URL_SECRETS_MANAGER: moto.endpoint,
        TEMPORAL_ADDRESS: '127.0.0.1:1',
        TEMPORAL_NAMESPACE: 'casc-test.a1b2c',
        TEMPORAL_API_KEY_SECRET_ARN: ARN!,
        TEMPORAL_TLS: 'false',
        CASC_PAYLOAD_KEYS: 'kms:arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      },
      {
        Records: [
          record(
            'm-transient',
            JSON.stringify(sesBounce({ key: 'rossier-c001', to: ['coach@example.org'], type: 'Transient' })),
          ),
          record('m-permanent', JSON.stringify(sesBounce({ key: 'rossier-c001', to: ['coach@example.org'] }))),
          record('m-garbage', '{"Type":"Notification","Message":"not json"}'),
        ],
      },
    );
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-permanent' }, { itemIdentifier: 'm-garbage' }] });
    expect(log).toContain('"message":"ses-events: bounce not permanent; nothing recorded"');
    expect(log).not.toContain('@');
  }, 90_000);
});
