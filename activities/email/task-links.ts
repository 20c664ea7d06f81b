// Task links: every portal URL in a message becomes a signed, expiring link for the person it is
// addressed to, minted here at send time from the worker's configured portal URL (never a URL
// frozen into workflow input). The portal verifies the same token (functions/portal/sign-in.ts).
import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { candidateKeyOfPath, taskPathOf, ZTaskLinkClaims, type TTaskLinkClaims } from '../../domain/portal/task-link';
import type { TRecipient } from '../../domain/notifications/recipients';

export interface TTaskLinkSettings {
  /** Where people open the portal, e.g. https://induction.example.edu (CASC_PORTAL_URL). */
  portalUrl: string;
  /** HS256 key shared by the worker and the portal (CASC_LINK_SECRET, or a file in the data dir). */
  secret: string;
  /** How long a link works (CASC_LINK_TTL_DAYS, default 14). */
  ttlDays: number;
}

const ISSUER = 'casc-portal';
const AUDIENCE = 'casc-task-link';
const keyOf = (secret: string) => new TextEncoder().encode(secret);

/** CASC_LINK_SECRET if set, else `<dataDir>/portal-link-secret` (created on first use, 0600). */
export const loadLinkSecret = (dataDir: string, fromEnv?: string): string =>
  fromEnv ?? loadOrCreateSecretFile(dataDir, 'portal-link-secret');

/** A random 256-bit key kept in `<dataDir>/<name>`, created on first use (mode 0600). */
export function loadOrCreateSecretFile(dataDir: string, name: string): string {
  const path = join(dataDir, name);
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    try {
      // 'wx': if another process (the API, the worker, the CLI) created it a moment ago, use theirs.
      writeFileSync(path, randomBytes(32).toString('base64url') + '\n', { flag: 'wx', mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    return readFileSync(path, 'utf8').trim();
  }
}

export function readTaskLinkSettings(env: Record<string, string | undefined>, dataDir: string): TTaskLinkSettings {
  const ttl = Number(env.CASC_LINK_TTL_DAYS ?? 14);
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > 90)
    throw new Error('CASC_LINK_TTL_DAYS must be a whole number of days, 1–90');
  const portalUrl = (env.CASC_PORTAL_URL ?? 'http://127.0.0.1:8787').replace(/\/+$/, '');
  return { portalUrl, secret: loadLinkSecret(dataDir, env.CASC_LINK_SECRET), ttlDays: ttl };
}

/** An opaque, stable id of an address: the same person gets the same id, nobody can read it back. */
export function personIdOf(secret: string, email: string): string {
  return createHmac('sha256', secret).update(`person:${email.trim().toLowerCase()}`).digest('base64url').slice(0, 22);
}

export async function mintTaskToken(
  settings: Pick<TTaskLinkSettings, 'secret' | 'ttlDays'>,
  to: Pick<TRecipient, 'role' | 'email'>,
  path: string,
  nowMs = Date.now(),
): Promise<string> {
  const ck = candidateKeyOfPath(path);
  const iat = Math.floor(nowMs / 1000);
  return new SignJWT({ rol: to.role, pid: personIdOf(settings.secret, to.email), pth: path, ...(ck ? { ck } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setJti(randomBytes(12).toString('base64url'))
    .setIssuedAt(iat)
    .setExpirationTime(iat + settings.ttlDays * 86_400)
    .sign(keyOf(settings.secret));
}

export type TTaskTokenCheck =
  | { ok: true; claims: TTaskLinkClaims }
  /** Signed by us but past its time: the person may ask for a fresh one (claims say for what). */
  | { ok: false; reason: 'expired'; claims: TTaskLinkClaims }
  | { ok: false; reason: 'invalid' };

export async function verifyTaskToken(secret: string, token: string, nowMs = Date.now()): Promise<TTaskTokenCheck> {
  const key = keyOf(secret);
  const options = { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'], requiredClaims: ['exp', 'jti', 'iat'] };
  try {
    const { payload } = await jwtVerify(token, key, { ...options, currentDate: new Date(nowMs) });
    const claims = ZTaskLinkClaims.safeParse(payload);
    return claims.success ? { ok: true, claims: claims.data } : { ok: false, reason: 'invalid' };
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) {
      // The signature was checked before expiry was: these claims are ours.
      const claims = ZTaskLinkClaims.safeParse(err.payload);
      return claims.success ? { ok: false, reason: 'expired', claims: claims.data } : { ok: false, reason: 'invalid' };
    }
    if (err instanceof joseErrors.JOSEError) return { ok: false, reason: 'invalid' };
    throw err;
  }
}

/**
 * The message data with every portal URL replaced: by a task link for the addressee when the
 * message goes to one person, or by the plain portal URL (sign-in first) when others are copied —
 * a link that signs someone in must never sit in a mailbox it was not minted for.
 */
export async function withTaskLinks<T>(
  data: T,
  to: TRecipient,
  copied: boolean,
  settings: TTaskLinkSettings,
  nowMs = Date.now(),
): Promise<T> {
  const visit = async (value: unknown): Promise<unknown> => {
    if (typeof value === 'string') {
      const path = taskPathOf(value);
      if (!path) return value;
      return copied
        ? `${settings.portalUrl}${path}`
        : `${settings.portalUrl}/portal/t/${await mintTaskToken(settings, to, path, nowMs)}`;
    }
    if (Array.isArray(value)) return Promise.all(value.map(visit));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = await visit(v);
      return out;
    }
    return value;
  };
  return (await visit(data)) as T;
}
