// Staff sign-in with OpenID Connect (authorization code + PKCE), against the Cognito user pool in
// AWS or any OIDC provider locally. The role comes ONLY from the `cognito:groups` claim and the
// scope only from the admin-only `custom:programId` / `custom:districtId` attributes: a claim the
// user can write (e.g. `custom:role`) never decides anything. The pending sign-in (PKCE verifier,
// state, nonce, where to go next) lives in an encrypted, 10-minute cookie scoped to /auth/oidc, so
// nothing is stored server-side and a callback this browser did not start is refused (login CSRF).
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { EncryptJWT, jwtDecrypt } from 'jose';
import * as client from 'openid-client';
import { z } from 'zod';
import type { AppContext, AppEnv } from '../app-env';
import { ZApiRole, type TApiRole } from '../auth/principal';
import { ZProgramId } from '../../domain/lifecycle/candidate';
import { html, page, type Html } from '../dashboard/html';
import { issueSession, secureCookies, type TPortalKeys } from './session';

/** Where the lead mounts these routes; the pending-sign-in cookie is scoped to it. */
export const OIDC_BASE = '/auth/oidc';
export const OIDC_PENDING_COOKIE = 'casc_oidc_pending';
const PENDING_SECONDS = 600;
const DEFAULT_NEXT = '/portal';

/** Cognito group names that are staff roles, in the order they win when a user is in several. */
export const STAFF_GROUPS = ['pa', 'director', 'credentialsOffice', 'districtCoordinator'] as const;

const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];
const isLoopbackHttp = (u: URL) => u.protocol === 'http:' && LOOPBACK.includes(u.hostname);
/** https everywhere; plain http only on loopback (a local test or dev provider). */
const ZEndpointUrl = z.url({ error: 'expected an absolute URL' }).refine(
  (s) => {
    const u = new URL(s);
    return u.protocol === 'https:' || isLoopbackHttp(u);
  },
  { error: 'must be https (plain http only on 127.0.0.1/localhost)' },
);

export const ZOidcConfig = z.object({
  issuer: ZEndpointUrl,
  clientId: z.string().min(1).max(200),
  clientSecret: z.string().min(1).max(500).optional(),
  redirectUri: ZEndpointUrl,
  scope: z.string().min(1).max(500).optional(),
});
export type TOidcConfig = z.infer<typeof ZOidcConfig>;

const blankIsUnset = (v: unknown) => (v === '' ? undefined : v);
const ZOidcEnv = z.object({
  OIDC_ISSUER: z.preprocess(blankIsUnset, z.string().optional()),
  OIDC_CLIENT_ID: z.preprocess(blankIsUnset, z.string().optional()),
  OIDC_CLIENT_SECRET: z.preprocess(blankIsUnset, z.string().optional()),
  OIDC_REDIRECT_URI: z.preprocess(blankIsUnset, z.string().optional()),
  OIDC_SCOPE: z.preprocess(blankIsUnset, z.string().optional()),
});

const ENV_NAMES: Record<string, string> = {
  issuer: 'OIDC_ISSUER',
  clientId: 'OIDC_CLIENT_ID',
  clientSecret: 'OIDC_CLIENT_SECRET',
  redirectUri: 'OIDC_REDIRECT_URI',
  scope: 'OIDC_SCOPE',
};

/** OIDC settings from the environment; undefined (staff sign-in off) when OIDC_ISSUER is unset. */
export function readOidcConfig(env: Record<string, string | undefined> = process.env): TOidcConfig | undefined {
  const e = ZOidcEnv.parse(env);
  if (e.OIDC_ISSUER === undefined) return undefined;
  const parsed = ZOidcConfig.safeParse({
    issuer: e.OIDC_ISSUER,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    redirectUri: e.OIDC_REDIRECT_URI,
    scope: e.OIDC_SCOPE,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${ENV_NAMES[String(i.path[0])] ?? 'OIDC'}: ${i.message}`);
    throw new Error(`Invalid OIDC configuration (OIDC_ISSUER is set):\n${problems.join('\n')}`);
  }
  return parsed.data;
}

/**
 * A same-site path to land on after sign-in, or the default: only portal, dashboard and report
 * pages, never `//host` or `/\host` (which browsers treat as another site), never control characters.
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length > 500) return DEFAULT_NEXT;
  if (!/^\/(portal|dashboard|reports)(?:[/?#]|$)/.test(next)) return DEFAULT_NEXT;
  if (next.includes('//') || next.includes('\\') || !/^[\x21-\x7e]+$/.test(next)) return DEFAULT_NEXT;
  return next;
}

const ZPending = z.object({
  verifier: z.string().min(43).max(128),
  state: z.string().min(16),
  nonce: z.string().min(16),
  next: z.string(),
});
type TPending = z.infer<typeof ZPending>;

/** The claims we read from a validated ID token; everything else in it is ignored. */
const ZStaffClaims = z.object({
  sub: z.string().min(1).max(200),
  'cognito:groups': z.array(z.string().max(128)).max(100).optional(),
  'custom:programId': z.string().optional(),
  'custom:districtId': z.string().optional(),
  name: z.string().optional(),
  given_name: z.string().optional(),
  family_name: z.string().optional(),
  email: z.string().optional(),
});
type TStaffClaims = z.infer<typeof ZStaffClaims>;

type TStaffScope =
  | { ok: true; role: TApiRole; name: string; programId?: string; districtId?: string }
  | { ok: false; why: 'noRole' | 'badScope' };

/** Pure: who this validated ID token makes the user, from admin-controlled claims only. */
export function staffFromClaims(claims: TStaffClaims): TStaffScope {
  const groups = claims['cognito:groups'] ?? [];
  // A staff group that the role list does not (yet) know is skipped, not trusted.
  const role = groups
    .filter((g) => (STAFF_GROUPS as readonly string[]).includes(g))
    .map((g) => ZApiRole.safeParse(g))
    .find((r) => r.success)?.data;
  if (role === undefined) return { ok: false, why: 'noRole' };
  const programId = ZProgramId.optional().safeParse(claims['custom:programId'] || undefined);
  const districtId = z
    .string()
    .regex(/^[a-z0-9_-]{1,40}$/)
    .optional()
    .safeParse(claims['custom:districtId'] || undefined);
  if (!programId.success || !districtId.success) return { ok: false, why: 'badScope' };
  const fullName = [claims.given_name, claims.family_name].filter(Boolean).join(' ');
  const name = (claims.name || fullName || claims.email || 'staff member').slice(0, 120);
  return {
    ok: true,
    role,
    name,
    ...(programId.data ? { programId: programId.data } : {}),
    ...(districtId.data ? { districtId: districtId.data } : {}),
  };
}

export interface TOidcDeps {
  keys: TPortalKeys;
  oidc: TOidcConfig;
}

export function oidcRoutes({ keys, oidc }: TOidcDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const pendingKey = createHash('sha256').update(`oidc-pending:${keys.secret}`).digest();
  const scope = oidc.scope ?? 'openid email profile';

  // Discovered once, lazily (a cold Lambda pays it on the first sign-in, not on every request);
  // a failed discovery is forgotten so the next attempt retries.
  let discovered: Promise<client.Configuration> | undefined;
  const configuration = () => {
    discovered ??= client
      .discovery(
        new URL(oidc.issuer),
        oidc.clientId,
        oidc.clientSecret,
        oidc.clientSecret ? client.ClientSecretBasic(oidc.clientSecret) : client.None(),
        isLoopbackHttp(new URL(oidc.issuer)) ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((err: unknown) => {
        discovered = undefined;
        throw err;
      });
    return discovered;
  };

  const pendingCookie = { path: OIDC_BASE, httpOnly: true, sameSite: 'Lax', maxAge: PENDING_SECONDS } as const;
  const writePending = async (c: AppContext, p: TPending) => {
    const jwe = await new EncryptJWT({ ...p })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setIssuedAt()
      .setExpirationTime(`${PENDING_SECONDS}s`)
      .encrypt(pendingKey);
    setCookie(c, OIDC_PENDING_COOKIE, jwe, { ...pendingCookie, secure: secureCookies(c) });
  };
  const readPending = async (c: AppContext): Promise<TPending | undefined> => {
    const jwe = getCookie(c, OIDC_PENDING_COOKIE);
    if (!jwe) return undefined;
    try {
      const { payload } = await jwtDecrypt(jwe, pendingKey, { requiredClaims: ['exp'] });
      const parsed = ZPending.safeParse(payload);
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined; // expired, tampered with, or made with another key
    }
  };

  const problem = (
    c: AppContext,
    status: 400 | 403 | 502,
    title: string,
    words: Html | string,
    next = DEFAULT_NEXT,
  ) => {
    c.header('Cache-Control', 'no-store');
    const again = `${OIDC_BASE}/start?${new URLSearchParams({ next }).toString()}`;
    return c.html(page({ title }, html`<p>${words}</p><p><a href="${again}">Try again</a></p>`), status);
  };

  app.get('/start', async (c) => {
    const next = safeNext(c.req.query('next'));
    let config: client.Configuration;
    try {
      config = await configuration();
    } catch {
      const words = 'The sign-in service is not answering right now. Please try again in a minute.';
      return problem(c, 502, 'Sign-in is not available', words, next);
    }
    const pending: TPending = {
      verifier: client.randomPKCECodeVerifier(),
      state: client.randomState(),
      nonce: client.randomNonce(),
      next,
    };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: oidc.redirectUri,
      scope,
      code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    await writePending(c, pending);
    c.header('Cache-Control', 'no-store');
    return c.redirect(url.href, 302);
  });

  app.get('/callback', async (c) => {
    const pending = await readPending(c);
    // A callback consumes the pending sign-in whatever its outcome: each one is single-use.
    deleteCookie(c, OIDC_PENDING_COOKIE, { path: OIDC_BASE, secure: secureCookies(c) });
    const next = pending?.next ?? DEFAULT_NEXT;
    const error = c.req.query('error');
    if (error !== undefined) {
      // Only our own words: error_description is text anyone can put in a link to this page.
      const words =
        error === 'access_denied'
          ? 'The sign-in was cancelled or refused.'
          : 'The sign-in service could not sign you in.';
      return problem(c, 400, 'You are not signed in', words, next);
    }
    if (!pending) {
      const words = 'This sign-in took longer than 10 minutes, or was started in another browser. Please start again.';
      return problem(c, 400, 'You are not signed in', words);
    }
    if (c.req.query('state') !== pending.state) {
      const words = 'This sign-in answer does not belong to the sign-in this browser started, so it was refused.';
      return problem(c, 400, 'You are not signed in', words, next);
    }
    let claims: z.infer<typeof ZStaffClaims>;
    try {
      const config = await configuration();
      // The provider redirected to our configured redirect URI; behind API Gateway the request
      // URL may name another host, so rebuild it from the setting plus the answer's parameters.
      const currentUrl = new URL(oidc.redirectUri);
      currentUrl.search = new URL(c.req.url).search;
      const tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = ZStaffClaims.parse(tokens.claims());
    } catch {
      return problem(c, 400, 'You are not signed in', 'The sign-in could not be completed. Please start again.', next);
    }
    const staff = staffFromClaims(claims);
    if (!staff.ok) {
      const words =
        staff.why === 'noRole'
          ? 'Your account has no program role; ask the program office.'
          : 'Your account’s program or district setting is not valid; ask the program office.';
      return problem(c, 403, 'No access yet', words, next);
    }
    await issueSession(c, keys, {
      sub: claims.sub,
      role: staff.role,
      name: staff.name,
      ...(staff.programId ? { programId: staff.programId } : {}),
      ...(staff.districtId ? { districtId: staff.districtId } : {}),
      via: 'oidc',
    });
    c.header('Cache-Control', 'no-store');
    return c.redirect(next, 303);
  });

  return app;
}
