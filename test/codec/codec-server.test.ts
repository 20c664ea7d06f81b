// The codec server (Temporal's remote codec protocol) through Hono's app.request: round trip,
// CORS for the Web UI with credentials, X-Namespace, bad bodies and payloads it cannot open.
import { defaultPayloadConverter } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { AesGcmCodec } from '../../codec/aes-gcm-codec';
import { memoryKeyProvider } from '../../codec/keys';
import { codecServerRoutes } from '../../functions/codec-server';

const UI = 'http://127.0.0.1:8233';
const codec = new AesGcmCodec(memoryKeyProvider());
const app = codecServerRoutes(codec);
const b64 = (s: string) => Buffer.from(s).toString('base64');
const post = (path: string, body: unknown, headers: Record<string, string> = { 'X-Namespace': 'default' }) =>
  app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: UI, ...headers },
    body: JSON.stringify(body),
  });
const goal = { goal: 'Launch a bilingual family literacy night at Sequoia Elementary' };
const plainJson = { metadata: { encoding: b64('json/plain') }, data: b64(JSON.stringify(goal)) };

describe('codec server (Temporal remote codec protocol)', () => {
  it('FERPA (issue 17.1): /encode seals what /decode opens again; the encoded form holds no plaintext and is not cacheable', async () => {
    const enc = await post('/encode', { payloads: [plainJson] });
    expect(enc.status).toBe(200);
    expect(enc.headers.get('cache-control')).toBe('no-store');
    const encoded = (await enc.json()) as { payloads: { metadata: Record<string, string>; data: string }[] };
    expect(Buffer.from(encoded.payloads[0]!.metadata.encoding!, 'base64').toString()).toBe('binary/encrypted');
    expect(Buffer.from(encoded.payloads[0]!.data, 'base64').toString('latin1')).not.toContain('Sequoia');

    const dec = await post('/decode', encoded);
    expect(dec.status).toBe(200);
    const decoded = (await dec.json()) as { payloads: (typeof plainJson)[] };
    expect(decoded).toEqual({ payloads: [plainJson] });
  });

  it('FERPA (issue 17.1): decodes what the workers encrypted (the codec, not the HTTP shape, decides)', async () => {
    const [sealed] = await codec.encode([defaultPayloadConverter.toPayload(goal)]);
    const res = await post('/decode', {
      payloads: [
        {
          metadata: Object.fromEntries(
            Object.entries(sealed!.metadata!).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
          ),
          data: Buffer.from(sealed!.data!).toString('base64'),
        },
      ],
    });
    const body = (await res.json()) as { payloads: { metadata: Record<string, string>; data: string }[] };
    expect(JSON.parse(Buffer.from(body.payloads[0]!.data, 'base64').toString())).toEqual(goal);
  });

  it('CORS: the Web UI origin gets a preflight answer allowing credentials, X-Namespace and POST; another origin gets none', async () => {
    const pre = await app.request('/decode', {
      method: 'OPTIONS',
      headers: {
        origin: UI,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-namespace',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(UI);
    expect(pre.headers.get('access-control-allow-credentials')).toBe('true');
    expect(pre.headers.get('access-control-allow-headers')).toBe('Content-Type,X-Namespace,Authorization');
    expect(pre.headers.get('access-control-allow-methods')).toBe('POST,OPTIONS');

    const evil = await post('/decode', { payloads: [] }, { 'X-Namespace': 'default', origin: 'https://evil.example' });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const ok = await post('/decode', { payloads: [] });
    expect(ok.headers.get('access-control-allow-origin')).toBe(UI);
    expect(ok.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('X-Namespace: missing is a 400, a namespace the codec does not serve a 403', async () => {
    const missing = await post('/decode', { payloads: [] }, {});
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: 'the X-Namespace header is required' });
    const other = await post('/decode', { payloads: [] }, { 'X-Namespace': 'payroll' });
    expect(other.status).toBe(403);
    expect(await other.json()).toEqual({ error: 'namespace payroll is not served by this codec' });
  });

  it('a body that is not { payloads: [...] } is a 400; a tampered payload a 422 that quotes nothing of it', async () => {
    expect((await post('/decode', { nope: 1 })).status).toBe(400);
    expect((await post('/decode', { payloads: [{ data: 'not base64!' }] })).status).toBe(400);
    const [sealed] = await codec.encode([defaultPayloadConverter.toPayload(goal)]);
    const data = Buffer.from(sealed!.data!);
    data[30]! ^= 0xff;
    const res = await post('/decode', {
      payloads: [
        {
          metadata: Object.fromEntries(
            Object.entries(sealed!.metadata!).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
          ),
          data: data.toString('base64'),
        },
      ],
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      error:
        'cannot decode the payloads: encrypted payload failed authentication (tampered, truncated, or sealed with another key)',
    });
  });
});

describe('codec server behind a guard (staff sign-in)', () => {
  const guarded = codecServerRoutes(codec, {
    guard: async (c, next) =>
      c.req.header('cookie')?.includes('casc_session=staff') ? next() : c.json({ error: 'sign in as staff' }, 401),
  });
  const req = (cookie?: string) =>
    guarded.request('/decode', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: UI,
        'X-Namespace': 'default',
        ...(cookie ? { cookie } : {}),
      },
      body: JSON.stringify({ payloads: [plainJson] }),
    });

  it('FERPA (issue 17.1): without the staff cookie a decode is a 401 (still with CORS headers, so the UI can show why); with it a 200', async () => {
    const refused = await req();
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe(UI);
    expect((await req('casc_session=staff')).status).toBe(200);
  });

  it('CORS: the preflight, which never carries cookies, is answered without passing the guard', async () => {
    const pre = await guarded.request('/decode', {
      method: 'OPTIONS',
      headers: { origin: UI, 'access-control-request-method': 'POST' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-credentials')).toBe('true');
  });
});
