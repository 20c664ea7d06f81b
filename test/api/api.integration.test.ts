// The HTTP API through the real pieces: real tokens → Hono app → Temporal dev server (visibility
// on the Casc* search attributes) → worker. One dev stack for the file; one roster for the tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDateOf } from '../../domain/calendar/dates';
import { createApp } from '../../functions/app';
import { fileAuditSink } from '../../functions/audit';
import { localJwtAuthenticator } from '../../functions/auth/local-jwt';
import type { TRosterReport } from '../../functions/roster/import';
import type { TCandidatePage } from '../../functions/visibility';
import { workflowIdFor } from '../../domain/lifecycle/candidate';
import { startDevStack, type DevStack } from '../support/dev-stack';
import { eventually } from '../support/eventually';
import { idleHistoryLength } from '../support/workflow-idle';
import { uniqueId } from '../support/fixtures';
import { bearer, JWT, tokenFor } from './support/tokens';

const today = () => localDateOf(Date.now(), 'America/Los_Angeles');
const HEADER =
  'programId,candidateId,cohortStart,assignmentStart,enrolledOn,candidateName,candidateEmail,coachName,coachEmail,paName,paEmail';
const PROGRAM = uniqueId('p').toLowerCase();
const KEYS = { late1: `${PROGRAM}-late1`, late2: `${PROGRAM}-late2`, enrolled: `${PROGRAM}-enrolled` };
const IIP_GOAL = 'Lead a data cycle on chronic absence with the attendance team';

let stack: DevStack;
let app: ReturnType<typeof createApp>;
let pa: string;
let imported: { status: number; body: TRosterReport };

function rosterCsv(rows: string[][]) {
  return [
    HEADER,
    ...rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',')),
  ].join('\r\n');
}
const row = (id: string, assignmentStart: string, enrolledOn = '') => [
  PROGRAM,
  id,
  '2027-08-02',
  assignmentStart,
  enrolledOn,
  `Person ${id}`,
  `${id}@example.org`,
  'Gloria Sharp',
  'gloria@example.org',
  'Dr. Tran',
  'pa.tran@example.edu',
];

const get = async <T>(path: string, token = pa) => {
  const res = await app.request(path, { headers: bearer(token) });
  return { status: res.status, body: (await res.json()) as T };
};
const post = (path: string, body: string, type: string, token = pa) =>
  app.request(path, { method: 'POST', headers: bearer(token, { 'content-type': type }), body });

beforeAll(async () => {
  stack = await startDevStack();
  app = createApp({
    candidates: stack.candidates,
    authenticate: localJwtAuthenticator(JWT),
    audit: fileAuditSink(join(stack.dataDir, 'audit.jsonl')),
  });
  pa = await tokenFor({ sub: 'pa-tran', role: 'pa', programId: PROGRAM });
  // Two applicants whose admission deadline (R-ADM-1: 120 days) has passed, one enrolled candidate.
  const res = await post(
    '/roster',
    rosterCsv([
      row('late1', addDays(today(), -130)),
      row('late2', addDays(today(), -125)),
      row('enrolled', addDays(today(), -20), addDays(today(), -5)),
    ]),
    'text/csv',
  );
  imported = { status: res.status, body: (await res.json()) as TRosterReport };
});
afterAll(async () => {
  await stack?.stop();
});

const keysOf = (page: TCandidatePage) => page.candidates.map((c) => c.key).sort();

describe('HTTP API on the dev server', () => {
  it('R-ADM-1: a CSV roster starts every candidate; re-importing skips them; a roster with one bad row starts nothing', async () => {
    expect(imported).toEqual({
      status: 200,
      body: {
        total: 3,
        started: 3,
        skipped: 0,
        failed: 0,
        rows: [
          { row: 1, key: KEYS.late1, result: 'started' },
          { row: 2, key: KEYS.late2, result: 'started' },
          { row: 3, key: KEYS.enrolled, result: 'started' },
        ],
      },
    });
    const again = await post('/roster', rosterCsv([row('late1', addDays(today(), -130))]), 'text/csv');
    expect(await again.json()).toEqual({
      total: 1,
      started: 0,
      skipped: 1,
      failed: 0,
      rows: [{ row: 1, key: KEYS.late1, result: 'skipped', reason: 'exists' }],
    });

    const bad = await post(
      '/roster',
      rosterCsv([row('fresh1', addDays(today(), -1)), [...row('fresh2', 'yesterday')]]),
      'text/csv',
    );
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: 'the roster has errors; nothing was started',
      errors: [{ row: 2, line: 3, field: 'assignmentStart', message: 'expected a real calendar date YYYY-MM-DD' }],
    });
    expect((await get(`/candidates/${PROGRAM}-fresh1`)).status).toBe(404);
  });

  it('lists and filters by program, cohort, phase and overdue through visibility, without personal data', async () => {
    const all = await eventually(async () => {
      const r = await get<TCandidatePage>(`/candidates?program=${PROGRAM}&cohort=2027`);
      return r.body.candidates.length === 3 && r.body.candidates.every((c) => c.nextDeadline) ? r.body : undefined;
    });
    expect(keysOf(all)).toEqual(Object.values(KEYS).sort());
    expect(JSON.stringify(all)).not.toMatch(/Person|example\.org/);
    expect(keysOf((await get<TCandidatePage>(`/candidates?program=${PROGRAM}&phase=enrolled`)).body)).toEqual([
      KEYS.enrolled,
    ]);
    expect(
      keysOf((await get<TCandidatePage>(`/candidates?program=${PROGRAM}&phase=applicant&overdue=true`)).body),
    ).toEqual([KEYS.late1, KEYS.late2]);
    expect(keysOf((await get<TCandidatePage>(`/candidates?program=${PROGRAM}&overdue=false`)).body)).toEqual([
      KEYS.enrolled,
    ]);
    expect(keysOf((await get<TCandidatePage>(`/candidates?program=${PROGRAM}&cohort=2026`)).body)).toEqual([]);
    expect(keysOf((await get<TCandidatePage>(`/candidates?program=${PROGRAM}&flag=atRisk`)).body)).toEqual([]);
  });

  it('paginates with pageSize and an opaque nextPageToken', async () => {
    const first = (await get<TCandidatePage>(`/candidates?program=${PROGRAM}&pageSize=2`)).body;
    expect(first.candidates).toHaveLength(2);
    expect(first.nextPageToken).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{16}$/);
    const second = (
      await get<TCandidatePage>(`/candidates?program=${PROGRAM}&pageSize=2&pageToken=${first.nextPageToken}`)
    ).body;
    expect(second.candidates).toHaveLength(1);
    expect(second.nextPageToken).toBeNull();
    expect([...keysOf(first), ...keysOf(second)].sort()).toEqual(Object.values(KEYS).sort());
    // A token is bound to its listing: reused with other filters, or forged, it is a 400.
    expect(
      (await get(`/candidates?program=${PROGRAM}&phase=enrolled&pageSize=2&pageToken=${first.nextPageToken}`)).status,
    ).toBe(400);
    expect((await get(`/candidates?program=${PROGRAM}&pageToken=bm90LWEtdG9rZW4.AAAAAAAAAAAAAAAA`)).status).toBe(400);
  });

  it('a coach lists and reads only the candidates in the token, even within the same program', async () => {
    const coach = await tokenFor({ sub: 'coach-gloria', role: 'coach', candidateKeys: [KEYS.enrolled] });
    expect(keysOf((await get<TCandidatePage>(`/candidates?program=${PROGRAM}`, coach)).body)).toEqual([KEYS.enrolled]);
    expect((await get(`/candidates/${KEYS.late1}`, coach)).status).toBe(404);
  });

  it('R-IIP-5: the coach records the IIP and reads it (audited); the credentials office sees only that it exists', async () => {
    const coach = await tokenFor({ sub: 'coach-gloria', role: 'coach', candidateKeys: [KEYS.enrolled] });
    const office = await tokenFor({ sub: 'cred-office-1', role: 'credentialsOffice', programId: PROGRAM });
    const goals = [
      { cpsel: 'cpsel1', goal: IIP_GOAL },
      { cpsel: 'cpsel3', goal: 'Coach two new teachers through a lesson-study cycle' },
      { cpsel: 'cpsel5', goal: 'Publish a family communication plan in three languages' },
    ];
    const res = await post(
      `/candidates/${KEYS.enrolled}/events`,
      JSON.stringify({ type: 'iipSubmitted', year: 1, goals }),
      'application/json',
      coach,
    );
    expect(res.status).toBe(200);

    const seen = await get<{ iipRedacted: boolean; iip: { year1: { goals: unknown[]; submittedOn: string } } }>(
      `/candidates/${KEYS.enrolled}`,
      coach,
    );
    expect(seen.body.iipRedacted).toBe(false);
    expect(seen.body.iip.year1.goals).toEqual(goals);
    const redacted = await app.request(`/candidates/${KEYS.enrolled}`, { headers: bearer(office) });
    const text = await redacted.text();
    expect(text).not.toContain(IIP_GOAL);
    expect(JSON.parse(text)).toMatchObject({
      iipRedacted: true,
      iip: { year1: { submittedOn: today(), goals: [], standards: [] } },
    });

    const audit = readFileSync(join(stack.dataDir, 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, string>);
    expect(audit.filter((a) => a.candidateKey === KEYS.enrolled)).toEqual([
      {
        at: expect.any(String),
        action: 'iip.read',
        role: 'coach',
        sub: 'coach-gloria',
        candidateKey: KEYS.enrolled,
        via: 'api',
      },
    ]);
  });

  it('R-ADM-1: events are 400 with zod issues, 404 for an unknown candidate, 409 out of phase — and history is unchanged', async () => {
    const handle = stack.env.client.workflow.getHandle(workflowIdFor(KEYS.late2));
    // Idle (no workflow task, no activity in flight): from here only the requests below could add history.
    const before = await idleHistoryLength(handle);
    const bad = await post(
      `/candidates/${KEYS.late2}/events`,
      JSON.stringify({ type: 'coachingLogged', hours: 30 }),
      'application/json',
    );
    expect([bad.status, ((await bad.json()) as { issues: { path: string }[] }).issues.map((i) => i.path)]).toEqual([
      400,
      ['hours'],
    ]);
    expect(
      (await post(`/candidates/${PROGRAM}-nobody/events`, JSON.stringify({ type: 'admitted' }), 'application/json'))
        .status,
    ).toBe(404);
    const conflict = await post(
      `/candidates/${KEYS.late2}/events`,
      JSON.stringify({ type: 'orientationAttended' }),
      'application/json',
    );
    expect([conflict.status, await conflict.json()]).toEqual([
      409,
      { error: "orientationAttended is not allowed in phase 'applicant' (allowed in: enrolled, year1, year2)" },
    ]);
    expect(await idleHistoryLength(handle)).toBe(before);
  });
});
