// The used task links every API function instance shares (functions/portal/used-links.ts
// dynamoUsedLinks) against moto in server mode, through the real @aws-sdk/lib-dynamodb client: a
// link id is consumed by exactly one of any number of concurrent sign-ins, on any instance.
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTaskLinks } from '../../activities/email/task-links';
import { createApp } from '../../functions/app';
import { memoryAuditSink } from '../../functions/audit';
import { localJwtAuthenticator } from '../../functions/auth/local-jwt';
import { readUsedLinkStore } from '../../functions/portal/config';
import { dynamoUsedLinks, USED_LINKS_PARTITION_KEY, USED_LINKS_TTL_ATTRIBUTE } from '../../functions/portal/used-links';
import { startMoto, type Moto } from '../support/moto';
import { fakeCandidates, NOW, startFor } from '../api/support/fake-candidates';
import { JWT } from '../api/support/tokens';

const TABLE = 'casc-used-links-test';
// A link minted 2026-09-01 15:00 UTC with the default 14 days.
const EXPIRES_AT_SEC = Date.parse('2026-09-15T15:00:00Z') / 1000;
let moto: Moto;
let clientA: DynamoDBClient;
let clientB: DynamoDBClient;

beforeAll(async () => {
  moto = await startMoto();
  // Two clients, as two Lambda instances would have.
  clientA = new DynamoDBClient(moto.clientConfig);
  clientB = new DynamoDBClient(moto.clientConfig);
  await clientA.send(
    new CreateTableCommand({
      TableName: TABLE,
      AttributeDefinitions: [{ AttributeName: USED_LINKS_PARTITION_KEY, AttributeType: 'S' }],
      KeySchema: [{ AttributeName: USED_LINKS_PARTITION_KEY, KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
});

afterAll(async () => {
  clientA?.destroy();
  clientB?.destroy();
  await moto?.stop();
});

const rawItem = async (jti: string) =>
  (await clientA.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: jti } }, ConsistentRead: true }))).Item;

describe('used task links in DynamoDB (moto)', () => {
  it('two instances racing on 20 link ids: each id is consumed exactly once (20 of 40 consumes win, one per id)', async () => {
    const a = dynamoUsedLinks({ client: clientA, table: TABLE });
    const b = dynamoUsedLinks({ client: clientB, table: TABLE });
    const jtis = Array.from({ length: 20 }, (_, i) => `race-${String(i).padStart(2, '0')}`);
    const results = await Promise.all(
      jtis.flatMap((jti) => [a.consume(jti, EXPIRES_AT_SEC), b.consume(jti, EXPIRES_AT_SEC)]),
    );
    const winsPerJti = jtis.map((_, i) => Number(results[2 * i]) + Number(results[2 * i + 1]));
    expect(winsPerJti).toEqual(Array(20).fill(1));
    expect(results.filter(Boolean)).toHaveLength(20);
    // Both instances see every id as used.
    expect(await Promise.all(jtis.map((jti) => a.wasUsed(jti)))).toEqual(Array(20).fill(true));
    expect(await Promise.all(jtis.map((jti) => b.wasUsed(jti)))).toEqual(Array(20).fill(true));
  });

  it('a second consume of a used link is false on either instance; wasUsed is false before and true after', async () => {
    const a = dynamoUsedLinks({ client: clientA, table: TABLE });
    const b = dynamoUsedLinks({ client: clientB, table: TABLE });
    expect(await a.wasUsed('link-once')).toBe(false);
    expect(await b.wasUsed('link-once')).toBe(false);
    expect(await a.consume('link-once', EXPIRES_AT_SEC)).toBe(true);
    expect(await a.consume('link-once', EXPIRES_AT_SEC)).toBe(false);
    expect(await b.consume('link-once', EXPIRES_AT_SEC)).toBe(false);
    expect(await b.wasUsed('link-once')).toBe(true);
    expect(await a.wasUsed('link-never-used')).toBe(false);
  });

  it('the item expires (TTL attribute, epoch seconds) when the link does, and holds nothing but the link id', async () => {
    const a = dynamoUsedLinks({ client: clientA, table: TABLE });
    expect(await a.consume('link-ttl', EXPIRES_AT_SEC)).toBe(true);
    expect(await rawItem('link-ttl')).toEqual({
      [USED_LINKS_PARTITION_KEY]: { S: 'link-ttl' },
      [USED_LINKS_TTL_ATTRIBUTE]: { N: '1789484400' },
    });
    expect(EXPIRES_AT_SEC).toBe(1789484400);
  });

  it('an item that is not a used link (no expiry) makes wasUsed fail loudly instead of guessing', async () => {
    await clientA.send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: 'link-odd' } } }));
    await expect(dynamoUsedLinks({ client: clientA, table: TABLE }).wasUsed('link-odd')).rejects.toThrow(/expiresAt/);
  });

  it('CASC_USED_LINKS_TABLE selects this store (DYNAMODB_ENDPOINT: moto), even for a caller without a data dir', async () => {
    const store = readUsedLinkStore(
      { CASC_USED_LINKS_TABLE: TABLE, DYNAMODB_ENDPOINT: moto.endpoint, AWS_REGION: 'us-west-2' },
      '/nonexistent',
      { usedLinksFile: false },
    );
    expect(await store.wasUsed('race-00')).toBe(true);
    expect(await store.consume('link-from-env', EXPIRES_AT_SEC)).toBe(true);
    expect(await dynamoUsedLinks({ client: clientB, table: TABLE }).consume('link-from-env', EXPIRES_AT_SEC)).toBe(
      false,
    );
    expect(() => readUsedLinkStore({ CASC_USED_LINKS_TABLE: 'no spaces allowed' }, '/tmp')).toThrow(
      /CASC_USED_LINKS_TABLE must be a DynamoDB table name/,
    );
  });
});

describe('the portal on two Lambda instances sharing the table (moto)', () => {
  const SECRET = 'portal-test-secret-0123456789abcdef';
  const BASE = 'https://induction.example.org';
  const DANA = { role: 'candidate' as const, name: 'Dana Lee', email: 'dana.lee@example.org' };
  const instance = (client: DynamoDBClient) =>
    createApp({
      candidates: fakeCandidates([startFor('rossier', 'dana', { candidate: { name: DANA.name, email: DANA.email } })]),
      authenticate: localJwtAuthenticator(JWT),
      audit: memoryAuditSink(),
      now: () => NOW,
      portal: {
        keys: { secret: SECRET },
        usedLinks: dynamoUsedLinks({ client, table: TABLE }),
        portalUrl: BASE,
        linkTtlDays: 14,
      },
    });
  /** One browser: the app's cookies sent back on its next request. */
  const browser = (app: ReturnType<typeof instance>) => {
    const jar = new Map<string, string>();
    return async (path: string, form?: Record<string, string>) => {
      const headers: Record<string, string> = jar.size
        ? { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') }
        : {};
      if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
      const res = await app.request(`${BASE}${path}`, {
        method: form ? 'POST' : 'GET',
        headers,
        ...(form ? { body: new URLSearchParams(form).toString() } : {}),
      });
      for (const c of res.headers.getSetCookie()) {
        const [name, value] = c.split(';')[0]!.split('=');
        if (/max-age=0/i.test(c) || value === '') jar.delete(name!);
        else jar.set(name!, value!);
      }
      return { res, jar };
    };
  };

  it('one task link, Continue pressed on two instances at once: one person is signed in, the other sees "already used"', async () => {
    const data = await withTaskLinks(
      { url: `${BASE}/portal/rossier-dana/hours` },
      DANA,
      false,
      { portalUrl: BASE, secret: SECRET, ttlDays: 14 },
      NOW,
    );
    const link = new URL(data.url).pathname;
    const [onA, onB] = [browser(instance(clientA)), browser(instance(clientB))];
    const pages = await Promise.all(
      [onA, onB].map(async (b) => {
        await b(link);
        return (await (await b('/portal/signin')).res.text()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
      }),
    );
    const done = await Promise.all([
      onA('/portal/signin', { _csrf: pages[0]! }),
      onB('/portal/signin', { _csrf: pages[1]! }),
    ]);
    expect(done.map((d) => d.res.status).sort()).toEqual([303, 410]);
    expect(done.map((d) => d.jar.has('casc_session')).sort()).toEqual([false, true]);
    const refused = done.find((d) => d.res.status === 410)!;
    expect(await refused.res.text()).toContain('This link was already used');
    // A third instance, opening the link afterwards, refuses it at once.
    const late = await browser(instance(clientA))(link);
    expect(late.res.status).toBe(410);
  });
});
