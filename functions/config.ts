// API settings from the environment (docs/CONTRACTS.md): JWT issuer/audience, the local dev
// signing key, where local data (the dev key, the audit log) lives.
import { resolve } from 'node:path';
import { z } from 'zod';

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const ZApiEnv = z.object({
  AUTH_JWT_ISSUER: optional(z.string().min(1).max(200)),
  AUTH_JWT_AUDIENCE: optional(z.string().min(1).max(200)),
  AUTH_DEV_SECRET: optional(
    z.string().min(32, { error: 'AUTH_DEV_SECRET must be at least 32 characters (HS256 key)' }),
  ),
  CASC_DATA_DIR: optional(z.string().min(1)),
});

export interface TApiConfig {
  issuer: string;
  audience: string;
  devSecret: string | undefined;
  dataDir: string;
}

export function readApiConfig(env: Record<string, string | undefined> = process.env): TApiConfig {
  const parsed = ZApiEnv.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid API configuration:\n${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  return {
    issuer: e.AUTH_JWT_ISSUER ?? 'casc-local',
    audience: e.AUTH_JWT_AUDIENCE ?? 'casc-api',
    devSecret: e.AUTH_DEV_SECRET,
    dataDir: resolve(e.CASC_DATA_DIR ?? '.data'),
  };
}
