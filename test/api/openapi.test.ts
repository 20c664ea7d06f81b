// GET /openapi.json: generated from the zod schemas that validate requests, so it names every
// event of the vocabulary and every roster column, and stays in step with the code.
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../domain/events';
import { ROSTER_COLUMNS } from '../../functions/roster/roster';
import { fakeCandidates } from './support/fake-candidates';
import { appWith } from './support/tokens';

type TDoc = {
  openapi: string;
  paths: Record<
    string,
    Record<string, { parameters?: { name: string; in: string }[]; responses: Record<string, unknown> }>
  >;
  components: {
    schemas: Record<
      string,
      {
        oneOf?: { properties: { type: { const: string } } }[];
        properties?: Record<string, unknown>;
        required?: string[];
      }
    >;
  };
};

async function doc(): Promise<TDoc> {
  const res = await appWith(fakeCandidates()).app.request('/openapi.json');
  expect(res.status).toBe(200);
  return (await res.json()) as TDoc;
}

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 with every endpoint, its filters and its error responses', async () => {
    const d = await doc();
    expect(d.openapi).toBe('3.1.0');
    expect(Object.keys(d.paths).sort()).toEqual([
      '/candidates',
      '/candidates/{key}',
      '/candidates/{key}/events',
      '/health',
      '/roster',
    ]);
    expect(d.paths['/candidates']!.get!.parameters!.map((p) => `${p.in}:${p.name}`)).toEqual(
      ['program', 'cohort', 'phase', 'flag', 'overdue', 'needsAttention', 'pageSize', 'pageToken'].map(
        (n) => `query:${n}`,
      ),
    );
    expect(Object.keys(d.paths['/candidates/{key}/events']!.post!.responses).sort()).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '409',
    ]);
  });

  it('describes every event of the vocabulary and every roster column from the zod schemas', async () => {
    const { schemas } = (await doc()).components;
    expect(schemas.CandidateEvent!.oneOf!.map((o) => o.properties.type.const)).toEqual(EVENT_TYPES);
    expect(Object.keys(schemas.RosterRow!.properties!)).toEqual([...ROSTER_COLUMNS]);
    expect(schemas.CandidateStart!.required).toEqual(
      expect.arrayContaining([
        'programId',
        'candidateId',
        'cohortStart',
        'assignmentStart',
        'candidate',
        'programAdministrator',
      ]),
    );
    expect(schemas.CandidateStatus!.properties).toHaveProperty('iipRedacted');
    expect(JSON.stringify(schemas)).not.toContain('#/$defs');
  });
});
