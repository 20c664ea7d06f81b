// The app behind the Lambda handler, driven with a real API Gateway HTTP API (payload 2.0) event
// carrying JWT authorizer claims. The candidate service is a fake; everything else is real.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/app';
import { memoryAuditSink } from '../../functions/audit';
import { apiGatewayAuthenticator } from '../../functions/auth/api-gateway';
import type { ApiGatewayRequestContextV2, LambdaEvent } from 'hono/aws-lambda';
import { lambdaHandlerFor } from '../../functions/lambda-handler';
import { createSecretReader } from '../../functions/lambda-secrets';
import { lambdaTemporalSettings, resolveTemporalApiKey } from '../../functions/lambda-temporal';
import { fakeCandidates, NOW, SECRET_GOAL, startFor } from './support/fake-candidates';

/** An HTTP API payload 2.0 event whose authorizer part a test may remove (hono types it as always there). */
interface APIGatewayProxyEventV2 {
  rawPath: string;
  rawQueryString: string;
  headers: Record<string, string>;
  body?: string;
  isBase64Encoded: boolean;
  requestContext: Omit<ApiGatewayRequestContextV2, 'authorizer'> & {
    authorizer?: { jwt?: { claims: Record<string, string | number | boolean | string[]>; scopes: string[] | null } };
  };
}
type THandler = ReturnType<typeof lambdaHandlerFor>;
const invoker = (h: THandler) => async (event: APIGatewayProxyEventV2) => {
  const res = await h(event as unknown as LambdaEvent);
  return res as typeof res & { headers?: Record<string, string> };
};

const fixture = (): APIGatewayProxyEventV2 =>
  JSON.parse(readFileSync(join(__dirname, 'fixtures/apigw-v2-jwt-event.json'), 'utf8'));

function lambda() {
  const candidates = fakeCandidates([startFor('rossier', 'c1'), startFor('rossier', 'c2')]);
  const audit = memoryAuditSink();
  const handler = invoker(
    lambdaHandlerFor(() => createApp({ candidates, authenticate: apiGatewayAuthenticator, audit, now: () => NOW })),
  );
  return { handler, candidates, audit };
}

function withRequest(
  method: string,
  path: string,
  body?: { text: string; base64?: boolean; type: string },
): APIGatewayProxyEventV2 {
  const e = fixture();
  e.rawPath = path;
  e.rawQueryString = '';
  e.requestContext.http = { ...e.requestContext.http, method, path };
  if (body) {
    e.headers['content-type'] = body.type;
    e.body = body.base64 ? Buffer.from(body.text).toString('base64') : body.text;
    e.isBase64Encoded = Boolean(body.base64);
  }
  return e;
}

describe('Lambda handler with API Gateway v2 events', () => {
  it('#17.5: serves GET /candidates/:key to the PA its Cognito groups name (API Gateway renders the array as "[a b]")', async () => {
    const { handler, audit } = lambda();
    const res = await handler(fixture());
    expect(res.statusCode).toBe(200);
    expect(res.headers?.['content-type']).toMatch(/^application\/json/);
    expect(res.isBase64Encoded).toBe(false);
    const body = JSON.parse(res.body) as { key: string; iipRedacted: boolean };
    expect(body).toMatchObject({ key: 'rossier-c1', iipRedacted: false });
    expect(res.body).toContain(SECRET_GOAL);
    expect(audit.entries).toEqual([
      expect.objectContaining({ role: 'pa', sub: '7f3a9c2e-pa-tran', candidateKey: 'rossier-c1', via: 'api' }),
    ]);
  });

  it('#17.5: still re-checks scope in the app: custom:programId limits the PA to that program', async () => {
    const { handler } = lambda();
    expect((await handler(withRequest('GET', '/candidates/csun-c9'))).statusCode).toBe(404);
    const noProgram = withRequest('GET', '/candidates/rossier-c1');
    delete noProgram.requestContext.authorizer!.jwt!.claims['custom:programId'];
    expect((await handler(noProgram)).statusCode).toBe(404);
  });

  it('takes base64 POST bodies and stamps the event with the caller', async () => {
    const { handler, candidates } = lambda();
    const res = await handler(
      withRequest('POST', '/candidates/rossier-c1/events', {
        text: JSON.stringify({ type: 'coachingLogged', hours: 2 }),
        base64: true,
        type: 'application/json',
      }),
    );
    expect(res.statusCode).toBe(200);
    expect(candidates.events).toEqual([
      { key: 'rossier-c1', event: { type: 'coachingLogged', hours: 2, by: { role: 'pa', id: '7f3a9c2e-pa-tran' } } },
    ]);
    const bad = await handler(
      withRequest('POST', '/candidates/rossier-c1/events', {
        text: '{"type":"coachingLogged","hours":-1}',
        type: 'application/json',
      }),
    );
    expect([bad.statusCode, JSON.parse(bad.body).issues[0].path]).toEqual([400, 'hours']);
  });

  it('#17.5: 401 without claims, and a role claim the user could write (role, custom:role) decides nothing', async () => {
    const { handler } = lambda();
    const none = fixture();
    delete none.requestContext.authorizer;
    expect((await handler(none)).statusCode).toBe(401);
    for (const claims of [
      { role: 'pa' },
      { 'custom:role': 'pa' },
      { 'cognito:groups': '[coach candidate]' },
      { 'cognito:groups': '[]' },
    ]) {
      const e = fixture();
      const jwt = e.requestContext.authorizer!.jwt!;
      delete jwt.claims['cognito:groups'];
      Object.assign(jwt.claims, claims);
      const res = await handler(e);
      expect([claims, res.statusCode, JSON.parse(res.body).error]).toEqual([
        claims,
        401,
        'token claims rejected: role: the account is in no staff group (cognito:groups)',
      ]);
    }
    const badScope = fixture();
    badScope.requestContext.authorizer!.jwt!.claims['custom:programId'] = 'Not A Program!';
    expect([(await handler(badScope)).statusCode]).toEqual([401]);
  });

  it('renders dashboard pages as HTML and passes cookies through', async () => {
    const { handler } = lambda();
    const res = await handler(withRequest('GET', '/dashboard/candidates/rossier-c1'));
    expect(res.statusCode).toBe(200);
    expect(res.headers?.['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('<h1>Candidate c1</h1>');
    const signOut = await handler(withRequest('GET', '/dashboard/logout'));
    expect(signOut.cookies).toEqual([expect.stringMatching(/^casc_token=; Max-Age=0; Path=\/dashboard/)]);
  });
});

describe('functions/lambda.ts', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('the exported handler answers /health and /openapi.json without reaching Temporal (lazy client, made once)', async () => {
    Object.assign(process.env, {
      TEMPORAL_ADDRESS: '127.0.0.1:1',
      TEMPORAL_NAMESPACE: 'casc-test',
      TEMPORAL_API_KEY: 'test-key',
    });
    const handler = invoker((await import('../../functions/lambda')).handler);
    expect((await handler(withRequest('GET', '/health'))).statusCode).toBe(200);
    expect(JSON.parse((await handler(withRequest('GET', '/openapi.json'))).body!).openapi).toBe('3.1.0');
  });

  it('reads Temporal settings from the environment infra sets, with clear errors', () => {
    expect(
      lambdaTemporalSettings({
        TEMPORAL_ADDRESS: 'casc.a1b2c.tmprl.cloud:7233',
        TEMPORAL_NAMESPACE: 'casc.a1b2c',
        TEMPORAL_TLS: 'true',
      }),
    ).toEqual({
      address: 'casc.a1b2c.tmprl.cloud:7233',
      namespace: 'casc.a1b2c',
      tls: true,
      taskQueue: 'casc-induction',
    });
    expect(
      lambdaTemporalSettings({
        TEMPORAL_ADDRESS: 'a:7233',
        TEMPORAL_NAMESPACE: 'n',
        CASC_PORTAL_URL: 'https://induction.example.org/',
      }).portalUrl,
    ).toBe('https://induction.example.org');
    expect(() => lambdaTemporalSettings({ TEMPORAL_NAMESPACE: 'x' })).toThrow(/TEMPORAL_ADDRESS is required/);
  });

  it('gets the API key from TEMPORAL_API_KEY, else from the secret (read once, a failure is not cached)', async () => {
    const base = { TEMPORAL_ADDRESS: 'a:7233', TEMPORAL_NAMESPACE: 'n' };
    const arn = 'arn:aws:secretsmanager:us-west-2:111122223333:secret:casc-temporal-AbCdEf';
    const asked: string[] = [];
    let fail = true;
    const client = {
      send: async (command: { input: { SecretId?: string } }) => {
        asked.push(command.input.SecretId ?? '');
        if (fail)
          throw Object.assign(new Error("Secrets Manager can't find the specified secret."), {
            name: 'ResourceNotFoundException',
          });
        return { SecretString: 'k2\n' };
      },
    } as unknown as Parameters<typeof createSecretReader>[0];
    const read = createSecretReader(client);
    expect(
      await resolveTemporalApiKey({ ...base, TEMPORAL_API_KEY: 'k1', TEMPORAL_API_KEY_SECRET_ARN: arn }, read),
    ).toBe('k1');
    expect(await resolveTemporalApiKey(base, read)).toBeUndefined();
    expect(asked).toEqual([]);
    await expect(resolveTemporalApiKey({ ...base, TEMPORAL_API_KEY_SECRET_ARN: arn }, read)).rejects.toThrow(
      "reading the Temporal API key secret (TEMPORAL_API_KEY_SECRET_ARN) failed: ResourceNotFoundException: Secrets Manager can't find the specified secret.",
    );
    fail = false;
    expect(await resolveTemporalApiKey({ ...base, TEMPORAL_API_KEY_SECRET_ARN: arn }, read)).toBe('k2');
    expect(await resolveTemporalApiKey({ ...base, TEMPORAL_API_KEY_SECRET_ARN: arn }, read)).toBe('k2');
    expect(asked).toEqual([arn, arn]);
  });
});
