// Who a task link's holder is, and which candidates they may see: worked out from the candidates'
// own records (the workflows' status), never from a second directory that could drift. A link
// names a role and an opaque person id; the person must still hold that role for the candidate
// (a coach who was replaced cannot use last month's link).
import { parseCandidateKey } from '../../domain/lifecycle/candidate';
import type { TRecipientRole } from '../../domain/notifications/recipients';
import type { TCandidateStatus } from '../../domain/lifecycle/status';
import { personIdOf } from '../../activities/email/task-links';
import { programOfPath } from '../../domain/portal/task-link';
import { ZApiRole, type TApiRole } from '../auth/principal';
import type { AppCandidateService } from '../candidates';

const STAFF_NAMES: Partial<Record<TApiRole, string>> = {
  credentialsOffice: 'Credentials office',
  instructor: 'Session instructor',
  director: 'Director',
};

type TPersonOnFile = { name: string; email: string } | null | undefined;

export function personInRole(status: Pick<TCandidateStatus, 'people'>, role: TRecipientRole): TPersonOnFile {
  const p = status.people;
  return role === 'candidate'
    ? p.candidate
    : role === 'coach'
      ? p.coach
      : role === 'supervisor'
        ? p.supervisor
        : role === 'pa'
          ? p.programAdministrator
          : undefined;
}

export interface TResolvedPerson {
  role: TApiRole;
  name: string;
  programId?: string;
  candidateKeys?: string[];
}

export type TResolution = { ok: true; person: TResolvedPerson } | { ok: false; reason: string };

/** Candidates of a program (open ones first, at most `limit`), with their status; for scope scans. */
export async function programStatuses(
  candidates: AppCandidateService,
  programId: string,
  limit = 500,
): Promise<TCandidateStatus[]> {
  const keys = await programKeys(candidates, programId, limit);
  return mapLimit(keys, 8, (k) => candidates.status(k).catch(() => undefined)).then((s) =>
    s.filter((x): x is TCandidateStatus => x !== undefined),
  );
}

/** The keys of a program's candidates (visibility), at most `limit`. */
export async function programKeys(
  candidates: AppCandidateService,
  programId: string,
  limit: number,
): Promise<string[]> {
  const keys: string[] = [];
  let pageToken: string | undefined;
  do {
    const page = await candidates.list(
      { program: programId, pageSize: 100, ...(pageToken ? { pageToken } : {}) },
      { kind: 'program', programId },
    );
    keys.push(...page.candidates.map((c) => c.key));
    pageToken = page.nextPageToken ?? undefined;
  } while (pageToken && keys.length < limit);
  return keys.slice(0, limit);
}

export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * The person a link was minted for, checked against the candidate's record today, with the scope
 * their session gets: a candidate sees themself; a coach, supervisor or district coordinator every
 * candidate of the program whose record names them; program staff the program.
 */
export async function resolveLinkHolder(
  candidates: AppCandidateService,
  secret: string,
  link: { rol: TRecipientRole; pid: string; ck?: string; pth?: string },
  /** false: only who it is (the Continue page); true: also every candidate they may see (sign-in). */
  withScope = true,
): Promise<TResolution> {
  const role = ZApiRole.safeParse(link.rol);
  if (!role.success)
    return {
      ok: false,
      reason: `the portal has no pages for the ${link.rol} role yet; please contact the program office`,
    };
  const matches = (p: TPersonOnFile) => !!p && personIdOf(secret, p.email) === link.pid;
  const gone: TResolution = {
    ok: false,
    reason:
      'this link was sent to someone who no longer has this task for the candidate. Ask the program office if that is a mistake.',
  };

  let status: TCandidateStatus | undefined;
  if (link.ck === undefined) {
    // A program-wide link (the weekly digest): the person is whoever holds the role on one of the
    // program's records; staff the record does not name are taken at the link's word.
    const program = link.pth ? programOfPath(link.pth) : undefined;
    if (!program) return { ok: false, reason: 'this link does not name a candidate or a program' };
    if (!(['candidate', 'coach', 'supervisor', 'pa'] as string[]).includes(role.data))
      return { ok: true, person: { role: role.data, name: STAFF_NAMES[role.data] ?? role.data, programId: program } };
    status = (await programStatuses(candidates, program)).find((s) =>
      matches(personInRole(s, role.data as TRecipientRole)),
    );
    if (!status) return gone;
  }
  const ck = link.ck ?? status!.key;
  const programId = parseCandidateKey(ck)?.programId;
  if (programId === undefined) return { ok: false, reason: 'this link does not name a candidate' };
  try {
    status ??= await candidates.status(ck);
  } catch {
    return gone;
  }
  switch (role.data) {
    case 'candidate':
      return matches(status.people.candidate)
        ? { ok: true, person: { role: 'candidate', name: status.people.candidate.name, candidateKeys: [ck] } }
        : gone;
    case 'coach':
    case 'supervisor': {
      if (!matches(personInRole(status, role.data))) return gone;
      const all = withScope ? await programStatuses(candidates, programId) : [];
      const keys = new Set([
        ck,
        ...all.filter((s) => matches(personInRole(s, role.data as TRecipientRole))).map((s) => s.key),
      ]);
      return {
        ok: true,
        person: { role: role.data, name: personInRole(status, role.data)!.name, candidateKeys: [...keys] },
      };
    }
    case 'pa':
      return matches(status.people.programAdministrator)
        ? { ok: true, person: { role: 'pa', name: status.people.programAdministrator.name, programId } }
        : gone;
    case 'districtCoordinator':
      return { ok: true, person: { role: 'districtCoordinator', name: 'District coordinator', candidateKeys: [ck] } };
    default:
      // Program staff whose address the record does not hold (credentials office, instructor):
      // the signed link is the proof; their scope is the candidate's program.
      return { ok: true, person: { role: role.data, name: STAFF_NAMES[role.data] ?? role.data, programId } };
  }
}
