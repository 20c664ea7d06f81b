// The portal's browser session: one HttpOnly, SameSite=Lax cookie holding a short signed JWT (who,
// which role, which scope), Secure whenever the portal is not plain-http localhost. Every form on a
// session carries a CSRF token derived from the session id, so a cross-site page cannot post one.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import type { AppContext } from '../app-env';
import { ZApiRole, ZCandidateKey, type TPrincipal } from '../auth/principal';
import { ZProgramId } from '../../domain/lifecycle/candidate';

export const SESSION_COOKIE = 'casc_session';
const ISSUER = 'casc-portal';
const AUDIENCE = 'casc-session';

export interface TPortalKeys {
  /** HS256 key for sessions (and, by the worker, task links): CASC_LINK_SECRET or the data dir's key. */
  secret: string;
  /** How long a session lasts (seconds; default 12 h). */
  sessionSeconds?: number;
}

export const ZPortalSession = z.object({
  sid: z.string().min(16).max(64),
  sub: z.string().min(1).max(200),
  role: ZApiRole,
  /** How the person is greeted ("Dana Lee"); never used for decisions. */
  name: z.string().max(120),
  programId: ZProgramId.optional(),
  candidateKeys: z.array(ZCandidateKey).max(500).optional(),
  districtId: z
    .string()
    .regex(/^[a-z0-9_-]{1,40}$/)
    .optional(),
  via: z.enum(['taskLink', 'oidc', 'dev']),
});
export type TPortalSession = z.infer<typeof ZPortalSession>;

const keyOf = (secret: string) => new TextEncoder().encode(secret);

/** Secure cookies everywhere but http on loopback (the local stack). */
export function secureCookies(c: AppContext): boolean {
  const url = new URL(c.req.url);
  return !(url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname));
}

export async function issueSession(
  c: AppContext,
  keys: TPortalKeys,
  session: Omit<TPortalSession, 'sid'>,
): Promise<TPortalSession> {
  const full: TPortalSession = { ...session, sid: randomBytes(16).toString('base64url') };
  const seconds = keys.sessionSeconds ?? 12 * 3600;
  const jwt = await new SignJWT({ ...full })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${seconds}s`)
    .sign(keyOf(keys.secret));
  setCookie(c, SESSION_COOKIE, jwt, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: secureCookies(c),
    path: '/',
    maxAge: seconds,
  });
  return full;
}

export async function readSession(c: AppContext, keys: TPortalKeys): Promise<TPortalSession | undefined> {
  const jwt = getCookie(c, SESSION_COOKIE);
  if (!jwt) return undefined;
  try {
    const { payload } = await jwtVerify(jwt, keyOf(keys.secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
      requiredClaims: ['exp'],
    });
    const parsed = ZPortalSession.safeParse(payload);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function clearSession(c: AppContext): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secureCookies(c) });
}

export function principalOf(s: TPortalSession): TPrincipal {
  return {
    sub: s.sub,
    role: s.role,
    ...(s.programId ? { programId: s.programId } : {}),
    ...(s.candidateKeys ? { candidateKeys: s.candidateKeys } : {}),
    ...(s.districtId ? { districtId: s.districtId } : {}),
  };
}

/** A CSRF token bound to one value (a session id, or a pending sign-in's link id). */
export function csrfTokenFor(keys: TPortalKeys, boundTo: string): string {
  return createHmac('sha256', keys.secret).update(`csrf:${boundTo}`).digest('base64url');
}

export function csrfValid(keys: TPortalKeys, boundTo: string, presented: unknown): boolean {
  if (typeof presented !== 'string') return false;
  const expected = Buffer.from(csrfTokenFor(keys, boundTo));
  const got = Buffer.from(presented);
  return got.length === expected.length && timingSafeEqual(got, expected);
}
