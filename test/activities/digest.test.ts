// collectDigests against a fake client (no server): the visibility query it asks, the status
// queries it makes, and a candidate that closed since the listing being skipped.
import { MockActivityEnvironment } from '@temporalio/testing';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { createDigestActivities, programDigestQuery } from '../../activities/digest';
import type { TDigestGroup, TDigestSource } from '../../domain/notifications/digest';

const person = (name: string) => ({ name, email: `${name.split(' ')[0]!.toLowerCase()}@example.org` });
const status = (name: string, coach: string): TDigestSource => ({
  phase: 'year1',
  people: { candidate: person(name), coach: person(coach), programAdministrator: person('Dr Tran') },
  nextDeadlines: [{ label: 'Orientation', due: '2026-09-02', overdue: false }],
  flags: { earlyWarning: false, academicWatch: false, atRisk: false },
  hours: { pace: null },
});

function fakeClient(statuses: Record<string, TDigestSource | 'gone'>, queries: string[]): Client {
  return {
    workflow: {
      list: ({ query }: { query: string }) => {
        queries.push(query);
        return (async function* () {
          for (const workflowId of Object.keys(statuses)) yield { workflowId };
        })();
      },
      getHandle: (workflowId: string) => ({
        query: async () => {
          const s = statuses[workflowId];
          if (s === 'gone' || !s) throw new WorkflowNotFoundError('closed', workflowId, undefined);
          return s;
        },
      }),
    },
  } as unknown as Client;
}

describe('collectDigests activity', () => {
  it('Digest: lists the running candidates of one program, queries each status, skips one that closed meanwhile', async () => {
    const queries: string[] = [];
    const client = fakeClient(
      {
        'candidate-rossier-a': status('Jamal Jackson', 'Gloria Sharp'),
        'candidate-rossier-b': 'gone',
        'candidate-rossier-c': status('Ana Ruiz', 'Ron Okafor'),
      },
      queries,
    );
    const { collectDigests } = createDigestActivities({ client, concurrency: 2 });
    const groups = (await new MockActivityEnvironment().run(collectDigests, {
      programId: 'rossier',
      asOf: '2026-08-24',
    })) as TDigestGroup[];
    expect(queries).toEqual([
      "CascProgram = 'rossier' AND ExecutionStatus = 'Running' AND WorkflowType = 'candidateLifecycle'",
    ]);
    expect(groups.map((g) => [g.role, g.to.name, g.candidates.map((c) => c.candidateName)])).toEqual([
      ['coach', 'Gloria Sharp', ['Jamal J.']],
      ['coach', 'Ron Okafor', ['Ana R.']],
      ['pa', 'Dr Tran', ['Ana R.', 'Jamal J.']],
    ]);
  });

  it('Digest: refuses a program id that could not be a program before it reaches a visibility query', async () => {
    expect(() => programDigestQuery("rossier' OR 1=1 --")).toThrow();
    const { collectDigests } = createDigestActivities({ client: fakeClient({}, []) });
    await expect(
      new MockActivityEnvironment().run(collectDigests, { programId: 'x y', asOf: '2026-08-24' }),
    ).rejects.toThrow();
  });
});
