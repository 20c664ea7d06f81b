// Real HS256 tokens (jose) and a real app for HTTP-level tests; only the candidate service is fake.
import { createApp } from '../../../functions/app';
import { memoryAuditSink } from '../../../functions/audit';
import {
  localJwtAuthenticator,
  mintDevToken,
  type TLocalJwtSettings,
  type TTokenClaims,
} from '../../../functions/auth/local-jwt';
import type { AppCandidateService } from '../../../functions/candidates';
import { NOW } from './fake-candidates';

export const JWT: TLocalJwtSettings = {
  secret: 'test-secret-0123456789-abcdefghijklmnop',
  issuer: 'casc-local',
  audience: 'casc-api',
};

export const tokenFor = (claims: TTokenClaims, ttl = '1h', settings: TLocalJwtSettings = JWT) =>
  mintDevToken(settings, claims, ttl);

export function appWith(candidates: AppCandidateService, settings: TLocalJwtSettings = JWT) {
  const audit = memoryAuditSink();
  const app = createApp({ candidates, authenticate: localJwtAuthenticator(settings), audit, now: () => NOW });
  return { app, audit };
}

export const bearer = (token: string, extra: Record<string, string> = {}) => ({
  authorization: `Bearer ${token}`,
  ...extra,
});
