// Visibility queries are built from whitelisted values only; raw input never reaches the query.
import { defaultPayloadConverter } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import {
  buildVisibilityQuery,
  decodePageToken,
  encodePageToken,
  listingOf,
  listItemFromRaw,
  ZCandidateFilter,
} from '../../functions/visibility';
import { fakeCandidates } from './support/fake-candidates';
import { appWith, bearer, tokenFor } from './support/tokens';

const NOW = Date.parse('2026-11-20T18:00:00Z');
const BASE = "WorkflowType = 'candidateLifecycle' AND ExecutionStatus != 'ContinuedAsNew'";
const filter = (q: Record<string, string>) => ZCandidateFilter.parse(q);

describe('buildVisibilityQuery', () => {
  it('turns each filter into a clause on the search attributes', () => {
    expect(
      buildVisibilityQuery(
        filter({ program: 'rossier', cohort: '2026', phase: 'year1,year2', flag: 'atRisk', overdue: 'true' }),
        { kind: 'program' },
        NOW,
      ),
    ).toBe(
      `${BASE} AND CascProgram = 'rossier' AND CascCohortYear = 2026 AND CascPhase IN ('year1', 'year2') AND CascFlags IN ('atRisk') AND CascNextDeadline < '2026-11-20T18:00:00.000Z'`,
    );
    expect(
      buildVisibilityQuery(filter({ needsAttention: 'true' }), { kind: 'program', programId: 'rossier' }, NOW),
    ).toBe(
      `${BASE} AND CascProgram = 'rossier' AND (CascFlags IN ('earlyWarning', 'academicWatch', 'atRisk') OR CascNextDeadline < '2026-11-20T18:00:00.000Z')`,
    );
  });

  it('limits candidate-scoped callers to their own workflow ids, and an empty scope to nothing', () => {
    expect(buildVisibilityQuery({}, { kind: 'candidates', candidateKeys: ['rossier-c1', 'rossier-c.2'] }, NOW)).toBe(
      `${BASE} AND WorkflowId IN ('candidate-rossier-c1', 'candidate-rossier-c.2')`,
    );
    expect(buildVisibilityQuery({}, { kind: 'candidates', candidateKeys: [] }, NOW)).toBeUndefined();
  });

  it('refuses anything that is not on the whitelist, before it can reach a query', () => {
    for (const q of [
      { program: "rossier' OR 1=1 --" },
      { program: 'Rossier' },
      { cohort: '2026 OR 1=1' },
      { phase: "year1') OR ('a'='a" },
      { flag: 'atRisk,hacked' },
      { overdue: 'yes' },
      { pageSize: '1000' },
      { pageToken: 'abc=/+' },
      { pageToken: 'no-checksum' },
      { sort: 'name' },
    ])
      expect([q, ZCandidateFilter.safeParse(q).success]).toEqual([q, false]);
    expect(() => buildVisibilityQuery({ program: "x' OR '1'='1" }, { kind: 'program' }, NOW)).toThrow(/refusing/);
  });

  it('answers a bad filter on GET /candidates with a 400 naming each field', async () => {
    const { app } = appWith(fakeCandidates());
    const res = await app.request("/candidates?program=x'--&phase=nope&pageSize=0", {
      headers: bearer(await tokenFor({ sub: 'pa', role: 'pa' })),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { issues: { path: string }[] }).issues.map((i) => i.path).sort()).toEqual([
      'pageSize',
      'phase.0',
      'program',
    ]);
  });
});

describe('list rows and page tokens', () => {
  it('reads a row from raw visibility (search attributes only: no personal data)', () => {
    const p = (v: unknown) => defaultPayloadConverter.toPayload(v);
    const row = listItemFromRaw(
      {
        execution: { workflowId: 'candidate-rossier-c1', runId: 'r' },
        status: 1,
        searchAttributes: {
          indexedFields: {
            CascProgram: p('rossier'),
            CascCohortYear: p(2026),
            CascPhase: p('year1'),
            CascFlags: p(['atRisk']),
            CascNextDeadline: p('2026-11-13T07:59:59.999Z'),
          },
        },
      },
      NOW,
    );
    expect(row).toEqual({
      key: 'rossier-c1',
      workflowId: 'candidate-rossier-c1',
      programId: 'rossier',
      cohortYear: 2026,
      phase: 'year1',
      flags: ['atRisk'],
      nextDeadline: '2026-11-13T07:59:59.999Z',
      overdue: true,
      executionStatus: 'running',
    });
    expect(listItemFromRaw({ execution: { workflowId: 'candidate-rossier-c2' }, status: 2 }, NOW)).toMatchObject({
      phase: null,
      flags: [],
      nextDeadline: null,
      overdue: false,
      executionStatus: 'completed',
    });
  });

  it('page tokens are opaque, round-trip, and belong to one listing (filters and scope, not the clock)', () => {
    const bytes = Uint8Array.from([0, 255, 62, 63, 1]);
    const listing = listingOf(filter({ program: 'rossier', overdue: 'true', pageSize: '2' }), { kind: 'program' });
    const token = encodePageToken(bytes, listing)!;
    expect(ZCandidateFilter.safeParse({ pageToken: token }).success).toBe(true);
    expect([
      ...(decodePageToken(
        token,
        listingOf(filter({ program: 'rossier', overdue: 'true', pageToken: token }), { kind: 'program' }),
      ) as Buffer),
    ]).toEqual([...bytes]);
    expect(decodePageToken(token, listingOf(filter({ program: 'csun', overdue: 'true' }), { kind: 'program' }))).toBe(
      'invalid',
    );
    expect(
      decodePageToken(
        token,
        listingOf(filter({ program: 'rossier', overdue: 'true' }), {
          kind: 'candidates',
          candidateKeys: ['rossier-c1'],
        }),
      ),
    ).toBe('invalid');
    expect(decodePageToken(`AAEC.${token.split('.')[1]}`, listing)).toBe('invalid');
    expect(decodePageToken(undefined, listing)).toBeUndefined();
    expect(encodePageToken(new Uint8Array(), listing)).toBeNull();
  });
});
