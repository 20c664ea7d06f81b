// Local development tokens: HS256 JWTs signed with a secret from AUTH_DEV_SECRET or generated once
// into <CASC_DATA_DIR>/dev-jwt-secret. `npm run cli -- token --role pa` mints one; the dev stack's
// banner prints a PA token. Never used in AWS, where the API Gateway JWT authorizer checks tokens.
import { getCookie } from 'hono/cookie';
import { loadOrCreateSecretFile } from '../../activities/email/task-links';
import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import type { AppContext, Authenticator } from '../app-env';
import { DASHBOARD_COOKIE } from './dashboard-cookie';
import { principalFromClaims, type TPrincipal } from './principal';

export interface TLocalJwtSettings {
  secret: string;
  issuer: string;
  audience: string;
}

/** The dev secret: AUTH_DEV_SECRET if set, else the one in the data dir (created on first use). */
export function loadOrCreateDevSecret(dataDir: string, fromEnv?: string): string {
  return fromEnv ?? loadOrCreateSecretFile(dataDir, 'dev-jwt-secret');
}

const keyOf = (secret: string) => new TextEncoder().encode(secret);

export type TTokenClaims = Omit<TPrincipal, 'sub'> & { sub: string };

export async function mintDevToken(
  settings: TLocalJwtSettings,
  claims: TTokenClaims,
  ttl: string = '12h',
): Promise<string> {
  const { sub, ...rest } = claims;
  return new SignJWT({ ...rest })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(keyOf(settings.secret));
}

/**
 * Where a request's token is: the Authorization header; for dashboard pages (GET) also the
 * `casc_token` cookie or `?token=` (the dashboard moves a query token into the cookie). API writes
 * take the header only, so a cookie can never be replayed cross-site against them.
 */
export function tokenOf(c: AppContext): string | undefined {
  const header = c.req.header('authorization');
  const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer) return bearer;
  if (c.req.method === 'GET' && c.req.path.startsWith('/dashboard'))
    return c.req.query('token') ?? getCookie(c, DASHBOARD_COOKIE);
  return undefined;
}

export function localJwtAuthenticator(settings: TLocalJwtSettings): Authenticator {
  const key = keyOf(settings.secret);
  return async (c) => {
    const token = tokenOf(c);
    if (!token) return { error: 'a bearer token is required (Authorization: Bearer <jwt>)' };
    try {
      const { payload } = await jwtVerify(token, key, {
        issuer: settings.issuer,
        audience: settings.audience,
        algorithms: ['HS256'],
        requiredClaims: ['exp', 'sub'],
      });
      return principalFromClaims(payload as Record<string, unknown>);
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) return { error: 'the token has expired' };
      if (err instanceof joseErrors.JOSEError) return { error: `the token was rejected (${err.code})` };
      throw err;
    }
  };
}
