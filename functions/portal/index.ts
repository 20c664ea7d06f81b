// The people's portal, mounted by functions/app.ts: sign-in from task links (and OIDC for staff,
// a dev page locally), then My tasks, task pages and forms. Browser routes are authenticated here
// by the session cookie, in Lambda too (the HTTP API's JWT authorizer guards only the JSON API).
import { Hono } from 'hono';
import type { AppEnv, Authenticator } from '../app-env';
import type { AuditSink } from '../audit';
import type { AppCandidateService } from '../candidates';
import { html } from '../dashboard/html';
import { devSignInRoutes } from './dev-sign-in';
import { portalPage } from './layout';
import type { SignInMailer } from './mailer';
import { oidcRoutes, type TOidcConfig } from './oidc';
import { portalPages } from './pages';
import { fixedWindowLimit } from './rate-limit';
import { principalOf, readSession, type TPortalKeys } from './session';
import { signInRoutes } from './sign-in';
import type { UsedLinkStore } from './used-links';
import type { HandoffStore } from '../../activities/handoff';
import { handoffRoutes } from './handoffs';
import { rosterUploadRoutes } from './roster-upload';

export interface PortalDeps {
  keys: TPortalKeys;
  usedLinks: UsedLinkStore;
  portalUrl: string;
  linkTtlDays: number;
  mailer?: SignInMailer;
  oidc?: TOidcConfig;
  /** Local stack only (CASC_DEV_SIGN_IN=1). */
  devSignIn?: boolean;
  /** Where the worker stores handoff packets (the credentials office's queue). */
  handoffs?: HandoffStore;
}

const BROWSER_ROUTE = /^\/(portal|dashboard|reports|auth|codec)(\/|$)/;

/**
 * A caller with the portal's session cookie is that session's person — on browser routes (whose
 * forms carry CSRF tokens) and on any read. Everything else falls back to the bearer token
 * authenticator, so the JSON API's writes never ride on a cookie.
 */
export function withPortalSessions(keys: TPortalKeys, fallback: Authenticator): Authenticator {
  return async (c) => {
    if (BROWSER_ROUTE.test(c.req.path) || c.req.method === 'GET' || c.req.method === 'HEAD') {
      const session = await readSession(c, keys);
      if (session) {
        c.set('session', session);
        return { principal: principalOf(session) };
      }
    }
    return fallback(c);
  };
}

export function portalRoutes(
  deps: PortalDeps & { candidates: AppCandidateService; audit: AuditSink; now: () => number },
) {
  const portal = new Hono<AppEnv>();
  portal.route(
    '/',
    signInRoutes({
      candidates: deps.candidates,
      keys: deps.keys,
      usedLinks: deps.usedLinks,
      ...(deps.mailer ? { mailer: deps.mailer } : {}),
      portalUrl: deps.portalUrl,
      linkTtlDays: deps.linkTtlDays,
      limits: { perClient: fixedWindowLimit(10, 15 * 60_000), perAddress: fixedWindowLimit(3, 60 * 60_000) },
      now: deps.now,
      oidc: deps.oidc !== undefined,
      devSignIn: deps.devSignIn === true,
    }),
  );
  // Everything below needs a session (the bearer-token API stays at /candidates).
  portal.use('*', async (c, next) => {
    const session = c.get('session') ?? (await readSession(c, deps.keys));
    if (!session)
      return portalPage(
        c,
        401,
        { title: 'Please sign in' },
        html`<p class="lede">Open the link in one of your emails from the program to sign in, or <a href="/portal/signin">ask for a new link</a>.</p>`,
      );
    c.set('session', session);
    c.set('principal', principalOf(session));
    await next();
  });
  const desk = deps.handoffs ? handoffRoutes({ handoffs: deps.handoffs, keys: deps.keys }) : undefined;
  if (desk) portal.route('/handoffs', desk.queue);
  portal.route('/roster', rosterUploadRoutes({ candidates: deps.candidates, keys: deps.keys, maxRows: 2000 }));
  portal.route('/', portalPages({ candidates: deps.candidates, keys: deps.keys, audit: deps.audit, now: deps.now }));

  const auth = new Hono<AppEnv>();
  if (deps.oidc) auth.route('/oidc', oidcRoutes({ keys: deps.keys, oidc: deps.oidc }));
  if (deps.devSignIn) auth.route('/dev', devSignInRoutes({ candidates: deps.candidates, keys: deps.keys }));
  return { portal, auth, packets: desk?.packet };
}
