// Temporal's codec-server protocol over the project's payload codec, so the Temporal Web UI (and
// `temporal --codec-endpoint`) can show staff decoded payloads: POST /decode and POST /encode take
// and return `{ payloads: [{ metadata: { k: base64 }, data: base64 }] }` (Payload in proto JSON),
// the namespace in the X-Namespace header. The Web UI calls it from the browser, cross-origin:
// CORS admits only the UI's origins, with credentials, so the staff session cookie goes along when
// the UI's "Include cross-origin credentials" is on.
//
// Mount behind staff sign-in (functions/app.ts): pass the sign-in check as `guard`, e.g.
// `app.route('/codec', codecServerRoutes(codec, { guard: staffOnly }))`. It runs after the CORS
// handling, because a browser's preflight (OPTIONS) never carries cookies and must be answered
// without them; a guard in front of the whole sub-app would refuse the preflight and the UI with it.
import { Hono, type MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { z } from 'zod';

export interface TCodecServerOptions {
  /** Origins of the Temporal Web UI (default: the local dev server's UI on port 8233). */
  uiOrigins?: string[];
  /** Namespaces whose payloads this codec serves (default: ['default']). */
  namespaces?: string[];
  /** Payloads per request at most (default 1,000: a long history page is a few hundred). */
  maxPayloads?: number;
  /** Who may encode/decode (staff sign-in); runs on POST only, after CORS. */
  guard?: MiddlewareHandler;
}

const ZBase64 = z.base64({ error: 'expected base64' });
const ZPayloadJson = z.strictObject({
  metadata: z.record(z.string(), ZBase64).nullish(),
  data: ZBase64.nullish(),
  externalPayloads: z.array(z.unknown()).nullish(),
});

const toPayload = (p: z.infer<typeof ZPayloadJson>): Payload => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))]),
  ),
  data: new Uint8Array(Buffer.from(p.data ?? '', 'base64')),
});
const toJson = (p: Payload) => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

export function codecServerRoutes(codec: PayloadCodec, options: TCodecServerOptions = {}) {
  const origins = options.uiOrigins ?? ['http://127.0.0.1:8233', 'http://localhost:8233'];
  const namespaces = new Set(options.namespaces ?? ['default']);
  const ZBody = z.strictObject({ payloads: z.array(ZPayloadJson).max(options.maxPayloads ?? 1000) });
  const app = new Hono();

  app.use(
    '*',
    cors({
      origin: (origin) => (origins.includes(origin) ? origin : null),
      credentials: true,
      allowMethods: ['POST', 'OPTIONS'],
      allowHeaders: ['Content-Type', 'X-Namespace', 'Authorization'],
      maxAge: 600,
    }),
  );

  const guard: MiddlewareHandler = options.guard ?? (async (_c, next) => next());
  const route = (path: '/encode' | '/decode') =>
    app.post(path, guard, async (c) => {
      // Decoded payloads are education records: no browser or proxy cache keeps them.
      c.header('Cache-Control', 'no-store');
      const namespace = c.req.header('X-Namespace');
      if (!namespace) return c.json({ error: 'the X-Namespace header is required' }, 400);
      if (!namespaces.has(namespace))
        return c.json({ error: `namespace ${namespace} is not served by this codec` }, 403);
      const body = ZBody.safeParse(await c.req.json().catch(() => undefined));
      if (!body.success)
        return c.json({ error: `expected { payloads: [{ metadata, data }] }:\n${z.prettifyError(body.error)}` }, 400);
      try {
        const payloads = body.data.payloads.map(toPayload);
        const out = path === '/encode' ? await codec.encode(payloads) : await codec.decode(payloads);
        return c.json({ payloads: out.map(toJson) });
      } catch (err) {
        // The codec's message names a key id or says authentication failed; it never quotes a payload.
        return c.json({ error: `cannot ${path.slice(1)} the payloads: ${(err as Error).message}` }, 422);
      }
    });
  route('/encode');
  route('/decode');
  return app;
}
