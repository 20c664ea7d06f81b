// The HTTP API and the dashboard: one Hono app served by @hono/node-server locally (bin/api.ts) and
// by the Lambda handler in AWS (functions/lambda.ts). Who may do what is decided in auth/policy.ts;
// bad input is a 400 naming each bad field and changes nothing.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/** Largest request body outside roster uploads (an event or form is a few KB). */
export const MAX_BODY_BYTES = 256 * 1024;
export const MAX_ROSTER_BYTES = 5 * 1024 * 1024;
import type { AppContext, AppEnv, Authenticator } from './app-env';
import type { AuditSink } from './audit';
import { requireCaller } from './auth/middleware';
import { ServiceError, type AppCandidateService } from './candidates';
import { dashboardPage, dashboardRoutes, signInPage } from './dashboard/routes';
import { html } from './dashboard/html';
import { buildOpenApiDocument } from './openapi';
import { candidateRoutes } from './routes/candidates';
import { mediaTypeOf } from './routes/body';
import { rosterRoutes } from './routes/roster';
import { portalRoutes, withPortalSessions, type PortalDeps } from './portal';
import { issueSession } from './portal/session';
import type { PayloadCodec } from '@temporalio/common';
import { codecServerRoutes } from './codec-server';
import { reportRoutes, type ReportRouteDeps } from './reports/routes';
import type { TApiRole } from './auth/principal';

/** Who may decode payloads through the codec server (R-IIP-5: program staff only). */
const CODEC_ROLES: readonly TApiRole[] = ['pa', 'director'];

export interface AppDeps {
  candidates: AppCandidateService;
  /** Local: HS256 dev tokens (auth/local-jwt.ts); AWS: the API Gateway authorizer's claims (auth/api-gateway.ts). */
  authenticate: Authenticator;
  /** Where IIP reads are recorded (R-IIP-5). */
  audit: AuditSink;
  now?: () => number;
  /** Rows per roster import request (default 2000). */
  maxRosterRows?: number;
  /** The people's portal (sign-in, My tasks, forms); without it only the API and dashboard serve. */
  portal?: PortalDeps;
  /** Program reports at /reports (issue 19): where archives are, how policies resolve. */
  reports?: Omit<ReportRouteDeps, 'candidates'>;
  /** Serves Temporal's codec-server protocol at /codec for signed-in staff (the Web UI decodes payloads). */
  codec?: { codec: PayloadCodec; uiOrigins?: string[] };
}

export function createApp({
  candidates,
  authenticate: bearer,
  audit,
  now = Date.now,
  maxRosterRows = 2000,
  portal,
  codec,
  reports,
}: AppDeps) {
  const app = new Hono<AppEnv>();
  const authenticate = portal ? withPortalSessions(portal.keys, bearer) : bearer;

  // No request is read past its limit (413): a 200 MB body must not grow the process. Rosters are
  // the one large upload; everything else is a form or a JSON event.
  const small = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => c.json({ error: `the request body is larger than ${MAX_BODY_BYTES / 1024} KB` }, 413),
  });
  const roster = bodyLimit({
    maxSize: MAX_ROSTER_BYTES,
    onError: (c) => c.json({ error: `the roster is larger than ${MAX_ROSTER_BYTES / 2 ** 20} MB; split it` }, 413),
  });
  app.use('*', (c, next) =>
    c.req.path === '/roster' || c.req.path === '/portal/roster' ? roster(c, next) : small(c, next),
  );

  app.get('/health', (c) => c.json({ ok: true }));
  let openApi: Record<string, unknown> | undefined;
  app.get('/openapi.json', (c) => c.json((openApi ??= buildOpenApiDocument())));

  const caller = requireCaller(authenticate, signInPage);
  for (const path of [
    '/candidates',
    '/candidates/*',
    '/roster',
    '/dashboard',
    '/dashboard/*',
    '/reports',
    '/reports/*',
  ])
    app.use(path, caller);
  // A write that does not say it is JSON is refused, never parsed on a guess: a text/plain or form
  // body is what a cross-site page can send without a preflight (issue #9.3's fuzz found it parsed).
  const jsonOnly = async (c: AppContext, next: () => Promise<void>) => {
    if (c.req.method !== 'POST' || mediaTypeOf(c) === 'application/json') return next();
    return c.json({ error: `send the body as application/json (got ${mediaTypeOf(c) || 'no content type'})` }, 415);
  };
  for (const path of ['/candidates', '/candidates/*']) app.use(path, jsonOnly);

  if (portal) {
    // A dev token opened as `/dashboard…?token=` becomes a portal session; the URL loses it.
    app.use('/dashboard/*', async (c, next) => {
      if (c.req.query('token') === undefined || c.get('session')) return next();
      const p = c.get('principal');
      await issueSession(c, portal.keys, {
        sub: p.sub,
        role: p.role,
        name: p.sub,
        via: 'dev',
        ...(p.programId ? { programId: p.programId } : {}),
        ...(p.candidateKeys ? { candidateKeys: p.candidateKeys } : {}),
      });
      const url = new URL(c.req.url);
      url.searchParams.delete('token');
      return c.redirect(url.pathname + url.search, 303);
    });
    const { portal: portalApp, auth, packets } = portalRoutes({ ...portal, candidates, audit, now });
    if (packets) app.route('/dashboard/handoffs', packets);
    app.route('/portal', portalApp);
    app.route('/auth', auth);
    app.get('/', (c) => c.redirect('/portal', 303));
  }
  if (codec) {
    // Only program staff may see decoded education records in the Web UI; the guard runs after
    // CORS (the browser's preflight carries no cookie).
    const staffOnly = async (c: AppContext, next: () => Promise<void>) => {
      const who = await authenticate(c);
      if ('error' in who) return c.json({ error: who.error }, 401);
      if (!CODEC_ROLES.includes(who.principal.role))
        return c.json({ error: `role ${who.principal.role} may not decode payloads` }, 403);
      await next();
    };
    app.route(
      '/codec',
      codecServerRoutes(codec.codec, { guard: staffOnly, ...(codec.uiOrigins ? { uiOrigins: codec.uiOrigins } : {}) }),
    );
  }
  if (reports)
    app.route('/reports', reportRoutes({ ...reports, candidates: candidates as ReportRouteDeps['candidates'] }));
  app.route('/candidates', candidateRoutes({ candidates, audit, now }));
  app.route('/roster', rosterRoutes({ candidates, maxRows: maxRosterRows }));
  app.route('/dashboard', dashboardRoutes({ candidates, audit, now }));

  app.notFound((c) => c.json({ error: `no route ${c.req.method} ${c.req.path}` }, 404));

  app.onError((err, c) => {
    const dashboard = c.req.path.startsWith('/dashboard');
    if (err instanceof ServiceError) {
      const status = err.kind === 'notFound' ? 404 : err.kind === 'conflict' ? 409 : 400;
      if (dashboard)
        return dashboardPage(
          c as AppContext,
          status,
          { title: status === 404 ? 'Not found' : 'Error' },
          html`<p role="alert">${err.message}</p>`,
        );
      return c.json({ error: err.message, ...(err.issues ? { issues: err.issues } : {}) }, status);
    }
    // No request details in logs: bodies carry education records.
    console.error(
      `unhandled ${c.req.method} ${c.req.routePath}: ${err instanceof Error ? err.name + ': ' + err.message : 'error'}`,
    );
    return c.json({ error: 'internal error' }, 500);
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
