// Roster import: every problem reported by row and column, nothing started when any row is bad,
// existing candidates skipped rather than failed (R-ADM-1's clock starts from assignmentStart).
import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../functions/candidates';
import { importRoster } from '../../functions/roster/import';
import { rowsFromCsv, rowsFromJson, validateRoster, type TRosterIssue } from '../../functions/roster/roster';
import { fakeCandidates, startFor } from './support/fake-candidates';
import { appWith, bearer, tokenFor } from './support/tokens';

const HEADER =
  'programId,candidateId,policyId,cohortStart,assignmentStart,enrolledOn,candidateName,candidateEmail,coachName,coachEmail,supervisorName,supervisorEmail,paName,paEmail';
const GOOD = [
  'rossier,c1,,2026-08-03,2026-06-15,,"Sanchez, Carlos",carlos@example.org,,,Dana Principal,dana@example.org,Dr. Tran,pa.tran@example.edu',
  'rossier,c2,ctc-standard,2026-08-03,2026-07-01,2026-08-03,Jamal Jackson,jamal@example.org,Gloria Sharp,gloria@example.org,,,Dr. Tran,pa.tran@example.edu',
];
const policyProblem = fakeCandidates().policyProblem;

function check(csv: string) {
  const read = rowsFromCsv(csv);
  return read.ok ? validateRoster(read.rows, policyProblem) : read;
}
const errorsOf = (r: ReturnType<typeof check>): Omit<TRosterIssue, 'message'>[] =>
  r.ok ? [] : r.errors.map(({ row, line, field }) => ({ row, ...(line !== undefined ? { line } : {}), field }));

describe('roster validation', () => {
  it('R-ADM-1: good rows become candidate starts (quoted names, optional people, default policy)', () => {
    const r = check([HEADER, ...GOOD].join('\r\n'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rows.map((x) => x.start)).toEqual([
      startFor('rossier', 'c1', {
        enrolledOn: undefined,
        candidate: { name: 'Sanchez, Carlos', email: 'carlos@example.org' },
        supervisor: { name: 'Dana Principal', email: 'dana@example.org' },
      }),
      startFor('rossier', 'c2', {
        policyId: 'ctc-standard',
        assignmentStart: '2026-07-01',
        candidate: { name: 'Jamal Jackson', email: 'jamal@example.org' },
        coach: { name: 'Gloria Sharp', email: 'gloria@example.org' },
      }),
    ]);
  });

  it('reports every bad row and column, with the line each row starts on', () => {
    const rows = [
      GOOD[0],
      'rossier,c3,,2026-08-03,June 15,,Ana,not-an-email,,,,,Dr. Tran,pa.tran@example.edu',
      'rossier,c4,nosuchpolicy,2026-08-03,2026-06-15,,"Multi\nline",m@example.org,Coach Only,,,,Dr. Tran,pa.tran@example.edu',
      ',c1,,2026-08-03,2026-06-15,,,,,,,,Dr. Tran,pa.tran@example.edu',
      GOOD[0]!.replace('"Sanchez, Carlos"', 'Dup'),
    ];
    expect(errorsOf(check([HEADER, ...rows].join('\n')))).toEqual([
      { row: 2, line: 3, field: 'assignmentStart' },
      { row: 2, line: 3, field: 'candidateEmail' },
      { row: 3, line: 4, field: 'coachEmail' },
      { row: 4, line: 6, field: 'programId' },
      { row: 4, line: 6, field: 'candidateName' },
      { row: 4, line: 6, field: 'candidateEmail' },
      { row: 5, line: 7, field: 'candidateId' },
    ]);
    const policy = check([HEADER, GOOD[1]!.replace('ctc-standard', 'nosuchpolicy')].join('\n'));
    expect(policy.ok ? [] : policy.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/unknown program policy "nosuchpolicy"/),
    ]);
  });

  it('rejects unknown, missing and repeated columns, ragged rows and an empty roster', () => {
    expect(errorsOf(check('programId,candidateId,nickname,programId\nx,y,z,w\n'))).toEqual([
      { row: 0, line: 1, field: 'nickname' },
      { row: 0, line: 1, field: 'programId' },
      ...['cohortStart', 'assignmentStart', 'candidateName', 'candidateEmail', 'paName', 'paEmail'].map((field) => ({
        row: 0,
        line: 1,
        field,
      })),
    ]);
    expect(errorsOf(check(`${HEADER}\nrossier,c1\n`))).toEqual([{ row: 1, line: 2, field: '(row)' }]);
    expect(errorsOf(check(''))).toEqual([{ row: 0, line: 1, field: '(csv)' }]);
    expect(errorsOf(check(`${HEADER}\n`))).toEqual([{ row: 0, line: 1, field: '(csv)' }]);
    expect(errorsOf(check(`${HEADER}\n"unclosed\n`))).toEqual([{ row: 0, line: 2, field: '(csv)' }]);
  });

  it('reads JSON rosters with the same columns, rejecting unknown keys and non-text values', () => {
    const json = [
      {
        programId: 'rossier',
        candidateId: 7,
        cohortStart: '2026-08-03',
        assignmentStart: '2026-06-15',
        candidateName: 'A',
        candidateEmail: 'a@example.org',
        paName: 'P',
        paEmail: 'p@example.org',
        coachName: null,
      },
    ];
    const read = rowsFromJson(json);
    expect(read.ok && validateRoster(read.rows, policyProblem).ok).toBe(true);
    expect(rowsFromJson([{ ...json[0], shoeSize: 9, paName: { first: 'x' } }])).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({ row: 1, field: 'paName', message: 'expected text' }),
        expect.objectContaining({ row: 1, field: 'shoeSize' }),
      ],
    });
    expect(rowsFromJson({ rows: [] }).ok).toBe(false);
    expect(rowsFromJson([]).ok).toBe(false);
  });

  it('refuses more rows than one request may start', () => {
    const read = rowsFromCsv([HEADER, ...GOOD].join('\n'));
    expect(read.ok && validateRoster(read.rows, policyProblem, 1)).toEqual({
      ok: false,
      errors: [expect.objectContaining({ field: '(roster)' })],
    });
  });
});

describe('importRoster', () => {
  it('starts each row, skips existing candidates and reports other failures per row, with progress', async () => {
    const read = rowsFromCsv([HEADER, ...GOOD, GOOD[0]!.replace(',c1,', ',c5,')].join('\n'));
    const valid = read.ok ? validateRoster(read.rows, policyProblem) : read;
    if (!valid.ok) throw new Error('fixture invalid');
    const progress: string[] = [];
    const report = await importRoster(valid.rows, {
      concurrency: 2,
      onProgress: (d, t) => progress.push(`${d}/${t}`),
      start: async (s) => {
        if (s.candidateId === 'c1') throw new ServiceError('conflict', 'exists');
        if (s.candidateId === 'c5') throw new Error('deadline exceeded');
      },
    });
    expect(report).toEqual({
      total: 3,
      started: 1,
      skipped: 1,
      failed: 1,
      rows: [
        { row: 1, key: 'rossier-c1', result: 'skipped', reason: 'exists' },
        { row: 2, key: 'rossier-c2', result: 'started' },
        { row: 3, key: 'rossier-c5', result: 'failed', reason: 'deadline exceeded' },
      ],
    });
    expect(progress).toEqual(['1/3', '2/3', '3/3']);
  });
});

describe('POST /roster', () => {
  it('one bad row means a 400 listing it and nothing started; the good file then imports, and again as skipped', async () => {
    const candidates = fakeCandidates();
    const { app } = appWith(candidates);
    const headers = bearer(await tokenFor({ sub: 'pa-1', role: 'pa', programId: 'rossier' }), {
      'content-type': 'text/csv; charset=utf-8',
    });
    const bad = await app.request('/roster', {
      method: 'POST',
      headers,
      body: [HEADER, GOOD[0], GOOD[1]!.replace('jamal@example.org', 'jamal@')].join('\n'),
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: 'the roster has errors; nothing was started',
      errors: [{ row: 2, line: 3, field: 'candidateEmail', message: expect.any(String) }],
    });
    expect(candidates.started).toEqual([]);

    const good = await app.request('/roster', { method: 'POST', headers, body: [HEADER, ...GOOD].join('\n') });
    expect(good.status).toBe(200);
    expect(await good.json()).toMatchObject({ total: 2, started: 2, skipped: 0, failed: 0 });
    const again = await app.request('/roster', {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify([
        {
          programId: 'rossier',
          candidateId: 'c1',
          cohortStart: '2026-08-03',
          assignmentStart: '2026-06-15',
          candidateName: 'C',
          candidateEmail: 'c@example.org',
          paName: 'P',
          paEmail: 'p@example.org',
        },
      ]),
    });
    expect(await again.json()).toMatchObject({
      started: 0,
      skipped: 1,
      rows: [{ row: 1, key: 'rossier-c1', result: 'skipped', reason: 'exists' }],
    });
    expect(
      (
        await app.request('/roster', {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/xml' },
          body: '<roster/>',
        })
      ).status,
    ).toBe(415);
  });
});
