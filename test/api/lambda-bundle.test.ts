// Issue #17.4, the Lambda boots: functions/lambda.ts bundled with esbuild the way the stack's
// NodejsFunction bundles it (CJS, minified, node target), loaded in a fresh Node process as the
// Lambda runtime would, and invoked with a real API Gateway v2 event. Its Temporal API key comes
// from Secrets Manager — moto in server mode, through the real SDK client — and Temporal itself is
// unreachable (127.0.0.1:1), so a 200 on /health proves the cold start needs no Temporal.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMoto, type Moto } from '../support/moto';

const ROOT = resolve(__dirname, '../..');
let moto: Moto;
let dir: string;
let bundle: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'casc-lambda-'));
  bundle = join(dir, 'index.js');
  const [started] = await Promise.all([
    startMoto(),
    // As infra/lib/constructs/program-api.ts: bundle, CJS, minify, source map.
    build({
      entryPoints: [join(ROOT, 'functions/lambda.ts')],
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
  moto = started;
}, 120_000);

afterAll(async () => {
  await moto?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface TResult {
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
}

/** Loads the bundle in a new Node process with only the function's environment and invokes it. */
async function invoke(env: Record<string, string>, events: object[]): Promise<TResult[]> {
  const eventsFile = join(dir, `events-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(eventsFile, JSON.stringify(events));
  const script = `
    const { handler } = require(${JSON.stringify(bundle)});
    const events = JSON.parse(require('node:fs').readFileSync(${JSON.stringify(eventsFile)}, 'utf8'));
    (async () => {
      const out = [];
      for (const e of events) out.push(await handler(e, { awsRequestId: 'test', functionName: 'casc-api' }));
      process.stdout.write(JSON.stringify(out));
    })().catch((err) => { console.error(err); process.exit(1); });`;
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], {
    env: { PATH: process.env.PATH ?? '', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
    timeout: 60_000,
  });
  return JSON.parse(stdout) as TResult[];
}

function event(method: string, path: string): object {
  const e = JSON.parse(readFileSync(join(__dirname, 'fixtures/apigw-v2-jwt-event.json'), 'utf8')) as Record<
    string,
    unknown
  > & { requestContext: Record<string, unknown> };
  // /health has no authorizer in front of it (HttpNoneAuthorizer): no claims, no Authorization.
  delete e.requestContext.authorizer;
  delete (e.headers as Record<string, string>).authorization;
  return {
    ...e,
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: '',
    requestContext: {
      ...e.requestContext,
      routeKey: `${method} ${path}`,
      http: { ...(e.requestContext.http as object), method, path },
    },
  };
}

function lambdaEnv(secretArn: string): Record<string, string> {
  return {
    AWS_REGION: 'us-west-2',
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    // The SDK's own per-service endpoint setting: Secrets Manager is moto here.
    AWS_ENDPOINT_URL_SECRETS_MANAGER: moto.endpoint,
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    TEMPORAL_ADDRESS: '127.0.0.1:1',
    TEMPORAL_NAMESPACE: 'casc-test.a1b2c',
    TEMPORAL_API_KEY_SECRET_ARN: secretArn,
    CASC_PAYLOAD_KEYS: 'kms:arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  };
}

describe('the bundled Lambda handler (esbuild, as the stack builds it)', () => {
  it('#17.4: answers 200 on GET /health with its Temporal key read from Secrets Manager (moto), Temporal unreachable', async () => {
    const sm = new SecretsManagerClient(moto.clientConfig);
    const { ARN } = await sm.send(
      new CreateSecretCommand({ Name: 'casc-test/temporal-api-key', SecretString: 'tmprl-key-for-tests\n' }),
    );
    sm.destroy();
    const [health, openapi] = await invoke(lambdaEnv(ARN!), [event('GET', '/health'), event('GET', '/openapi.json')]);
    expect([health!.statusCode, JSON.parse(health!.body!)]).toEqual([200, { ok: true }]);
    expect(health!.headers?.['content-type']).toMatch(/^application\/json/);
    expect([openapi!.statusCode, (JSON.parse(openapi!.body!) as { openapi: string }).openapi]).toEqual([200, '3.1.0']);
  }, 90_000);

  it('#17.4 / #15.1: with the link key from Secrets Manager the portal serves too: /portal without a session asks the person to sign in', async () => {
    const sm = new SecretsManagerClient(moto.clientConfig);
    const temporal = await sm.send(
      new CreateSecretCommand({ Name: 'casc-test/temporal-api-key-2', SecretString: 'tmprl-key-for-tests' }),
    );
    const link = await sm.send(
      new CreateSecretCommand({
        Name: 'casc-test/link-key',
        SecretString: 'a-64-character-link-key-for-tests-0123456789-abcdefghijklmnopqrst',
      }),
    );
    sm.destroy();
    const env = {
      ...lambdaEnv(temporal.ARN!),
      CASC_LINK_SECRET_ARN: link.ARN!,
      CASC_PORTAL_URL: 'https://induction.example.org',
      SES_FROM: 'induction@example.org',
    };
    const [health, portal] = await invoke(env, [event('GET', '/health'), event('GET', '/portal')]);
    expect(health!.statusCode).toBe(200);
    // The portal's own sign-in page (401), not the app's 404 for a route that is not there.
    expect([portal!.statusCode, portal!.headers?.['content-type']]).toEqual([
      401,
      expect.stringMatching(/^text\/html/),
    ]);
    expect(portal!.body).toMatch(/sign in/i);
  }, 90_000);

  it('#17.4: a secret that cannot be read answers 503 with a plain reason, not a crash', async () => {
    const missing = 'arn:aws:secretsmanager:us-west-2:123456789012:secret:casc-test/not-there-AbCdEf';
    const [res] = await invoke(lambdaEnv(missing), [event('GET', '/health')]);
    expect([res!.statusCode, JSON.parse(res!.body!)]).toEqual([
      503,
      { error: 'the service is starting or misconfigured; try again shortly' },
    ]);
  }, 90_000);
});
