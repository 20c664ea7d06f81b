// Who is calling: the claims of a bearer JWT (a local HS256 dev token, or in AWS the claims the API
// Gateway JWT authorizer already validated), parsed with zod into a principal.
import { z } from 'zod';
import { ZProgramId, parseCandidateKey } from '../../domain/lifecycle/candidate';
import { ACCOUNT_ROLES, STAFF_GROUP_ROLES, ZRole } from '../../domain/roles';

/** The roles of domain.md "People" that use the API and dashboard. */
export const ZApiRole = ZRole.extract(ACCOUNT_ROLES, {
  error:
    'expected a role: candidate, coach, supervisor, instructor, pa, director, credentialsOffice or districtCoordinator',
});
export type TApiRole = z.infer<typeof ZApiRole>;
export const API_ROLES: readonly TApiRole[] = ZApiRole.options;

export const ZCandidateKey = z
  .string({ error: 'expected a candidate key <programId>-<candidateId>' })
  .max(105)
  .refine((k) => parseCandidateKey(k) !== undefined, { error: 'expected a candidate key <programId>-<candidateId>' });

/**
 * API Gateway's JWT authorizer hands array claims over as one string, e.g. `[a b]`; a JSON array
 * string or a comma list (custom claims of some identity providers) is accepted too.
 */
const claimList = z.preprocess(
  (v) => {
    if (typeof v !== 'string') return v;
    const s = v.trim();
    if (s.startsWith('[') && s.endsWith(']')) {
      try {
        return JSON.parse(s) as unknown;
      } catch {
        return s
          .slice(1, -1)
          .split(/[\s,]+/)
          .filter(Boolean);
      }
    }
    return s.split(/[\s,]+/).filter(Boolean);
  },
  z.array(ZCandidateKey).max(500, { error: 'at most 500 candidate keys in one token' }),
);

export const ZPrincipalClaims = z.object({
  sub: z.string({ error: 'the token has no subject (sub)' }).min(1).max(200),
  role: ZApiRole,
  programId: ZProgramId.optional(),
  candidateKeys: claimList.optional(),
  districtId: z
    .string()
    .regex(/^[a-z0-9_-]{1,40}$/)
    .optional(),
});
export type TPrincipal = z.infer<typeof ZPrincipalClaims>;

/** `["pa","x"]`, API Gateway's `[pa x]` or a comma list, as a list of strings. */
function stringList(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  if (typeof v !== 'string') return [];
  const s = v.trim();
  if (s.startsWith('[') && s.endsWith(']')) {
    try {
      const parsed = JSON.parse(s) as unknown;
      if (Array.isArray(parsed)) return parsed.filter((x): x is string => typeof x === 'string');
    } catch {
      // API Gateway's own rendering: `[a b]`
    }
    return s
      .slice(1, -1)
      .split(/[\s,]+/)
      .filter(Boolean);
  }
  return s.split(/[\s,]+/).filter(Boolean);
}

/**
 * Where claims come from decides which of them are trusted:
 * - 'local': our own HS256 tokens (auth/local-jwt.ts), which only we sign — `role`, `programId`,
 *   `candidateKeys`, `districtId` as written.
 * - 'identityProvider': a token the API Gateway JWT authorizer validated (Cognito). The role comes
 *   ONLY from `cognito:groups` (the first staff group; set by administrators), the scope only from
 *   the admin-only `custom:programId` / `custom:districtId`. A `role` or `custom:role` claim, which a
 *   user may be able to write, decides nothing; such tokens carry no candidate list.
 */
export type TClaimSource = 'local' | 'identityProvider';

export function principalFromClaims(
  claims: Record<string, unknown>,
  source: TClaimSource = 'local',
): { principal: TPrincipal } | { error: string } {
  const fromProvider = source === 'identityProvider';
  const role = fromProvider
    ? stringList(claims['cognito:groups']).find((g) => (STAFF_GROUP_ROLES as readonly string[]).includes(g))
    : claims.role;
  if (fromProvider && role === undefined)
    return { error: 'token claims rejected: role: the account is in no staff group (cognito:groups)' };
  const parsed = ZPrincipalClaims.safeParse({
    sub: claims.sub,
    role,
    programId: fromProvider ? claims['custom:programId'] || undefined : claims.programId,
    candidateKeys: fromProvider ? undefined : claims.candidateKeys,
    districtId: fromProvider ? claims['custom:districtId'] || undefined : claims.districtId,
  });
  if (!parsed.success) {
    return {
      error: `token claims rejected: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'claims'}: ${i.message}`).join('; ')}`,
    };
  }
  return { principal: parsed.data };
}
