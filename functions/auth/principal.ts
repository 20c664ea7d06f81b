// Who is calling: the claims of a bearer JWT (a local HS256 dev token, or in AWS the claims the API
// Gateway JWT authorizer already validated), parsed with zod into a principal.
import { z } from 'zod';
import { ZProgramId, parseCandidateKey } from '../../domain/candidate';

/** The roles of domain.md "People" that use the API and dashboard. */
export const ZApiRole = z.enum(['candidate', 'coach', 'supervisor', 'instructor', 'pa', 'director', 'credentialsOffice', 'districtCoordinator'], {
  error: 'expected a role: candidate, coach, supervisor, instructor, pa, director, credentialsOffice or districtCoordinator',
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
const claimList = z.preprocess((v) => {
  if (typeof v !== 'string') return v;
  const s = v.trim();
  if (s.startsWith('[') && s.endsWith(']')) {
    try {
      return JSON.parse(s) as unknown;
    } catch {
      return s.slice(1, -1).split(/[\s,]+/).filter(Boolean);
    }
  }
  return s.split(/[\s,]+/).filter(Boolean);
}, z.array(ZCandidateKey).max(500, { error: 'at most 500 candidate keys in one token' }));

export const ZPrincipalClaims = z.object({
  sub: z.string({ error: 'the token has no subject (sub)' }).min(1).max(200),
  role: ZApiRole,
  programId: ZProgramId.optional(),
  candidateKeys: claimList.optional(),
  districtId: z.string().regex(/^[a-z0-9_-]{1,40}$/).optional(),
});
export type TPrincipal = z.infer<typeof ZPrincipalClaims>;

/** Claims as an identity provider may name them (`custom:role` in Cognito) folded onto ours. */
export function principalFromClaims(claims: Record<string, unknown>): { principal: TPrincipal } | { error: string } {
  const pick = (name: string) => claims[name] ?? claims[`custom:${name}`];
  const parsed = ZPrincipalClaims.safeParse({
    sub: pick('sub'),
    role: pick('role'),
    programId: pick('programId'),
    candidateKeys: pick('candidateKeys'),
    districtId: pick('districtId'),
  });
  if (!parsed.success) {
    return { error: `token claims rejected: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'claims'}: ${i.message}`).join('; ')}` };
  }
  return { principal: parsed.data };
}
