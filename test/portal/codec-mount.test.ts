// Issue #17.1: the codec server behind the app's staff sign-in, so the Temporal Web UI shows decoded
// payloads to a signed-in PA only. Real codec (key file), real app, real session cookies.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultPayloadConverter } from '@temporalio/common';
import { withTaskLinks } from '../../activities/email/task-links';
import { payloadCodec } from '../../codec/data-converter';
import { createApp } from '../../functions/app';
import { memoryAuditSink } from '../../functions/audit';
import { localJwtAuthenticator } from '../../functions/auth/local-jwt';
import { memoryUsedLinks } from '../../functions/portal/used-links';
import { fakeCandidates, NOW, startFor } from '../api/support/fake-candidates';
import { JWT } from '../api/support/tokens';

const SECRET = 'codec-mount-secret-0123456789abcdefgh';
const BASE = 'http://127.0.0.1:8787';
const PA = { role: 'pa' as const, name: 'Dr. Tran', email: 'pa.tran@example.edu' };
const CANDIDATE = { role: 'candidate' as const, name: 'Candidate ana', email: 'ana@example.org' };

async function setup() {
  const codec = payloadCodec({
    kind: 'file',
    path: join(mkdtempSync(join(tmpdir(), 'casc-codec-')), 'payload-keys.json'),
  });
  const app = createApp({
    candidates: fakeCandidates([startFor('rossier', 'ana')]),
    authenticate: localJwtAuthenticator(JWT),
    audit: memoryAuditSink(),
    now: () => NOW,
    portal: { keys: { secret: SECRET }, usedLinks: memoryUsedLinks(), portalUrl: BASE, linkTtlDays: 14 },
    codec: { codec },
  });
  const [encrypted] = await codec.encode([defaultPayloadConverter.toPayload({ name: 'Ana Díaz' })]);
  const body = JSON.stringify({
    payloads: [
      {
        metadata: Object.fromEntries(
          Object.entries(encrypted!.metadata!).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
        ),
        data: Buffer.from(encrypted!.data!).toString('base64'),
      },
    ],
  });
  const sessionFor = async (who: typeof PA | typeof CANDIDATE) => {
    const jar = new Map<string, string>();
    const keep = (res: Response) => {
      for (const c of res.headers.getSetCookie()) {
        const [n, v] = c.split(';')[0]!.split('=');
        if (v) jar.set(n!, v);
      }
      return res;
    };
    const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const { u } = await withTaskLinks(
      { u: 'https://x.example/portal/rossier-ana' },
      who,
      false,
      { portalUrl: BASE, secret: SECRET, ttlDays: 14 },
      NOW,
    );
    keep(await app.request(u));
    const page = await keep(await app.request(`${BASE}/portal/signin`, { headers: { cookie: cookie() } })).text();
    keep(
      await app.request(`${BASE}/portal/signin`, {
        method: 'POST',
        headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' },
        body: `_csrf=${encodeURIComponent(/name="_csrf" value="([^"]+)"/.exec(page)![1]!)}`,
      }),
    );
    return cookie();
  };
  const decode = (cookie?: string) =>
    app.request(`${BASE}/codec/decode`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-namespace': 'default',
        origin: 'http://127.0.0.1:8233',
        ...(cookie ? { cookie } : {}),
      },
      body,
    });
  return { decode, sessionFor };
}

describe('codec server behind staff sign-in (R-IIP-5)', () => {
  it('decodes for a signed-in PA, refuses a candidate (403) and nobody signed in (401)', async () => {
    const { decode, sessionFor } = await setup();
    expect((await decode()).status).toBe(401);
    expect((await decode(await sessionFor(CANDIDATE))).status).toBe(403);
    const ok = await decode(await sessionFor(PA));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8233');
    const { payloads } = (await ok.json()) as { payloads: { data: string }[] };
    expect(JSON.parse(Buffer.from(payloads[0]!.data, 'base64').toString())).toEqual({ name: 'Ana Díaz' });
  });
});
