// The whole role × endpoint matrix through the real app and real tokens (the candidate service is
// an in-memory fake): who may do what, on whose candidates, and who reads IIP content (R-IIP-5).
import { beforeAll, describe, expect, it } from 'vitest';
import type { TApiRole } from '../../functions/auth/principal';
import { fakeCandidates, SECRET_GOAL, startFor } from './support/fake-candidates';
import { appWith, bearer, tokenFor } from './support/tokens';

const MINE = 'rossier-c1';
const OTHER = 'rossier-c2';
const ELSEWHERE = 'csun-c9';
const ROLES: TApiRole[] = [
  'candidate',
  'coach',
  'supervisor',
  'instructor',
  'pa',
  'credentialsOffice',
  'districtCoordinator',
];

// Program staff tokens name their program: a staff token that names none sees no program (below).
const claimsFor = (role: TApiRole) =>
  ['candidate', 'coach', 'supervisor', 'districtCoordinator'].includes(role)
    ? { sub: `${role}-1`, role, candidateKeys: [MINE] }
    : { sub: `${role}-1`, role, programId: 'rossier' };

const scores = { cpsel1: 2, cpsel2: 2, cpsel3: 3, cpsel4: 2, cpsel5: 2, cpsel6: 3 };
const ROSTER_CSV =
  'programId,candidateId,cohortStart,assignmentStart,candidateName,candidateEmail,paName,paEmail\nrossier,new{n},2026-08-03,2026-06-15,New Person,new{n}@example.org,Dr. Tran,pa.tran@example.edu\n';

type TCall = { name: string; method: 'GET' | 'POST'; path: string; body?: unknown; csv?: boolean };
let n = 0;
const CALLS: TCall[] = [
  { name: 'POST /roster', method: 'POST', path: '/roster', csv: true },
  { name: 'POST /candidates', method: 'POST', path: '/candidates', body: 'new-candidate' },
  { name: 'GET /candidates', method: 'GET', path: '/candidates' },
  { name: 'GET /candidates/mine', method: 'GET', path: `/candidates/${MINE}` },
  { name: 'GET /candidates/other', method: 'GET', path: `/candidates/${OTHER}` },
  { name: 'GET /candidates/elsewhere', method: 'GET', path: `/candidates/${ELSEWHERE}` },
  {
    name: 'POST coachingLogged mine',
    method: 'POST',
    path: `/candidates/${MINE}/events`,
    body: { type: 'coachingLogged', hours: 1.5 },
  },
  {
    name: 'POST self-assessment mine',
    method: 'POST',
    path: `/candidates/${MINE}/events`,
    body: { type: 'assessmentSubmitted', window: 'pre', rater: 'candidate', scores },
  },
  {
    name: 'POST assignmentSubmitted mine',
    method: 'POST',
    path: `/candidates/${MINE}/events`,
    body: { type: 'assignmentSubmitted', session: 1 },
  },
  {
    name: 'POST recommendedToCtc mine',
    method: 'POST',
    path: `/candidates/${MINE}/events`,
    body: { type: 'recommendedToCtc', hrLetterApproved: true, credentialDocumentApproved: true },
  },
  {
    name: 'POST coachingLogged other',
    method: 'POST',
    path: `/candidates/${OTHER}/events`,
    body: { type: 'coachingLogged', hours: 1 },
  },
  { name: 'GET /dashboard/overview', method: 'GET', path: '/dashboard/overview' },
  { name: 'GET /dashboard/at-risk', method: 'GET', path: '/dashboard/at-risk' },
  { name: 'GET /dashboard/queue', method: 'GET', path: '/dashboard/queue' },
  { name: 'GET /dashboard/candidates/mine', method: 'GET', path: `/dashboard/candidates/${MINE}` },
  { name: 'GET /dashboard/candidates/other', method: 'GET', path: `/dashboard/candidates/${OTHER}` },
  { name: 'GET /openapi.json', method: 'GET', path: '/openapi.json' },
];

// Columns: candidate, coach, supervisor, instructor, pa, credentialsOffice, districtCoordinator.
const EXPECTED: Record<string, number[]> = {
  'POST /roster': [403, 403, 403, 403, 200, 403, 403],
  'POST /candidates': [403, 403, 403, 403, 201, 403, 403],
  'GET /candidates': [200, 200, 200, 200, 200, 200, 200],
  'GET /candidates/mine': [200, 200, 200, 200, 200, 200, 200],
  'GET /candidates/other': [404, 404, 404, 200, 200, 200, 404],
  'GET /candidates/elsewhere': [404, 404, 404, 404, 404, 404, 404],
  'POST coachingLogged mine': [403, 200, 403, 403, 200, 403, 403],
  'POST self-assessment mine': [200, 403, 403, 403, 200, 403, 403],
  'POST assignmentSubmitted mine': [403, 403, 403, 200, 200, 403, 403],
  'POST recommendedToCtc mine': [403, 403, 403, 403, 403, 200, 403],
  'POST coachingLogged other': [404, 404, 404, 403, 200, 403, 404],
  'GET /dashboard/overview': [403, 200, 200, 200, 200, 403, 200],
  'GET /dashboard/at-risk': [403, 200, 200, 200, 200, 403, 200],
  'GET /dashboard/queue': [403, 403, 403, 403, 200, 200, 403],
  'GET /dashboard/candidates/mine': [200, 200, 200, 200, 200, 200, 200],
  'GET /dashboard/candidates/other': [404, 404, 404, 200, 200, 200, 404],
  'GET /openapi.json': [200, 200, 200, 200, 200, 200, 200],
};

const tokens = {} as Record<TApiRole, string>;
beforeAll(async () => {
  for (const role of ROLES) tokens[role] = await tokenFor(claimsFor(role));
});

function fresh() {
  const candidates = fakeCandidates([startFor('rossier', 'c1'), startFor('rossier', 'c2'), startFor('csun', 'c9')]);
  return { candidates, ...appWith(candidates) };
}

async function call(app: ReturnType<typeof fresh>['app'], c: TCall, token?: string) {
  n += 1;
  const headers: Record<string, string> = token ? bearer(token) : {};
  let body: string | undefined;
  if (c.csv) {
    headers['content-type'] = 'text/csv';
    body = ROSTER_CSV.replaceAll('{n}', String(n));
  } else if (c.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(
      c.body === 'new-candidate' ? { ...startFor('rossier', `fresh${n}`), policyId: undefined } : c.body,
    );
  }
  return app.request(c.path, { method: c.method, headers, body });
}

describe('role × endpoint matrix', () => {
  it('every role gets exactly the expected status on every endpoint', async () => {
    const { app } = fresh();
    const actual: Record<string, number[]> = {};
    for (const c of CALLS) {
      actual[c.name] = [];
      for (const role of ROLES) actual[c.name]!.push((await call(app, c, tokens[role])).status);
    }
    expect(actual).toEqual(EXPECTED);
  });

  it('no token, a forged token, an expired token or unknown claims: 401 on every protected endpoint', async () => {
    const { app } = fresh();
    const forged = await tokenFor({ sub: 'x', role: 'pa' }, '1h', {
      secret: 'another-secret-0123456789-abcdefghijkl',
      issuer: 'casc-local',
      audience: 'casc-api',
    });
    const expired = await tokenFor({ sub: 'x', role: 'pa' }, '0s');
    const badRole = await tokenFor({ sub: 'x', role: 'superuser' as TApiRole });
    for (const c of CALLS.filter((x) => x.path !== '/openapi.json')) {
      for (const token of [undefined, forged, expired, badRole, 'not-a-jwt']) {
        const res = await call(app, c, token);
        expect([c.name, res.status]).toEqual([c.name, 401]);
      }
    }
    expect((await app.request('/health')).status).toBe(200);
  });

  it('a list is limited to the caller’s scope: own candidates for candidate-scoped roles, the program for staff', async () => {
    const { app } = fresh();
    const keysFor = async (role: TApiRole) =>
      (
        (await (await app.request('/candidates', { headers: bearer(tokens[role]) })).json()) as {
          candidates: { key: string }[];
        }
      ).candidates
        .map((c) => c.key)
        .sort();
    for (const role of ['candidate', 'coach', 'supervisor', 'districtCoordinator'] as const)
      expect(await keysFor(role)).toEqual([MINE]);
    expect(await keysFor('pa')).toEqual([MINE, OTHER]);
    expect(await keysFor('instructor')).toEqual([MINE, OTHER]);
    expect(await keysFor('credentialsOffice')).toEqual([MINE, OTHER]);
  });

  it('R-IIP-5: IIP goal text reaches candidate, coach, supervisor and PA only, and each such read is audited', async () => {
    const { app, audit } = fresh();
    const readers: TApiRole[] = [];
    for (const role of ROLES) {
      const res = await app.request(`/candidates/${MINE}`, { headers: bearer(tokens[role]) });
      const text = await res.text();
      const body = JSON.parse(text) as { iipRedacted: boolean };
      expect(text.includes(SECRET_GOAL)).toBe(!body.iipRedacted);
      if (!body.iipRedacted) readers.push(role);
      const page = await (await app.request(`/dashboard/candidates/${MINE}`, { headers: bearer(tokens[role]) })).text();
      expect([role, page.includes(SECRET_GOAL)]).toEqual([role, !body.iipRedacted]);
    }
    expect(readers).toEqual(['candidate', 'coach', 'supervisor', 'pa']);
    expect(audit.entries.map((e) => `${e.role}:${e.via}`)).toEqual(
      readers.flatMap((r) => [`${r}:api`, `${r}:dashboard`]),
    );
    for (const e of audit.entries)
      expect(Object.keys(e).sort()).toEqual(['action', 'at', 'candidateKey', 'role', 'sub', 'via']);
    expect(audit.entries[0]).toMatchObject({
      action: 'iip.read',
      candidateKey: MINE,
      sub: 'candidate-1',
      at: '2026-11-20T18:00:00.000Z',
    });
  });

  it('R-ASM-1 / R-IIP-3: a coach records only the coach’s own assessment and approval; the event is stamped with the caller', async () => {
    const { app, candidates } = fresh();
    const post = (body: unknown) =>
      app.request(`/candidates/${MINE}/events`, {
        method: 'POST',
        headers: bearer(tokens.coach, { 'content-type': 'application/json' }),
        body: JSON.stringify(body),
      });
    expect((await post({ type: 'assessmentSubmitted', window: 'pre', rater: 'supervisor', scores })).status).toBe(403);
    expect((await post({ type: 'iipApproved', year: 1, approver: 'supervisor' })).status).toBe(403);
    expect(
      (await post({ type: 'iipApproved', year: 1, approver: 'coach', by: { role: 'pa', id: 'someone-else' } })).status,
    ).toBe(200);
    expect(candidates.events.at(-1)?.event.by).toEqual({ role: 'coach', id: 'coach-1' });
  });

  it('#17.5: a staff token that names no program sees no program: empty lists, 404 on reads and writes, 403 on starts', async () => {
    const { app, candidates } = fresh();
    for (const role of ['pa', 'instructor', 'credentialsOffice'] as const) {
      const token = await tokenFor({ sub: `${role}-nowhere`, role });
      const list = (await (await app.request('/candidates', { headers: bearer(token) })).json()) as {
        candidates: unknown[];
      };
      expect([role, list.candidates]).toEqual([role, []]);
      for (const key of [MINE, ELSEWHERE])
        expect([role, key, (await app.request(`/candidates/${key}`, { headers: bearer(token) })).status]).toEqual([
          role,
          key,
          404,
        ]);
      const event = await app.request(`/candidates/${MINE}/events`, {
        method: 'POST',
        headers: bearer(token, { 'content-type': 'application/json' }),
        body: JSON.stringify({ type: 'coachingLogged', hours: 1 }),
      });
      expect([role, event.status]).toEqual([role, 404]);
    }
    const pa = await tokenFor({ sub: 'pa-nowhere', role: 'pa' });
    const start = await app.request('/candidates', {
      method: 'POST',
      headers: bearer(pa, { 'content-type': 'application/json' }),
      body: JSON.stringify(startFor('rossier', 'x2')),
    });
    expect([start.status, ((await start.json()) as { error: string }).error]).toEqual([
      403,
      'this token names no program',
    ]);
    expect([candidates.started, candidates.events]).toEqual([[], []]);
  });

  it('a PA limited to one program cannot start or import candidates of another', async () => {
    const { app, candidates } = fresh();
    const res = await app.request('/candidates', {
      method: 'POST',
      headers: bearer(tokens.pa, { 'content-type': 'application/json' }),
      body: JSON.stringify(startFor('csun', 'x1')),
    });
    expect(res.status).toBe(403);
    const roster = await app.request('/roster', {
      method: 'POST',
      headers: bearer(tokens.pa, { 'content-type': 'text/csv' }),
      body: ROSTER_CSV.replaceAll('rossier,', 'csun,').replaceAll('{n}', 'z'),
    });
    expect(roster.status).toBe(400);
    expect(((await roster.json()) as { errors: { field: string }[] }).errors).toEqual([
      expect.objectContaining({ row: 1, field: 'programId' }),
    ]);
    expect(candidates.started).toEqual([]);
  });
});
