// Issue #16.2: an Idempotency-Key becomes the Temporal update id, so a retried POST (or a
// double-clicked form) is recorded once and answers the same result. Real dev server and worker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDateOf } from '../../domain/calendar/dates';
import { createApp } from '../../functions/app';
import { memoryAuditSink } from '../../functions/audit';
import { startDevStack, type DevStack } from '../support/dev-stack';
import { uniqueId } from '../support/fixtures';

let stack: DevStack;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  stack = await startDevStack();
  app = createApp({
    candidates: stack.candidates,
    authenticate: async () => ({ principal: { sub: 'pa-test', role: 'pa', programId: 'rossier' } }),
    audit: memoryAuditSink(),
  });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const today = () => localDateOf(Date.now(), 'America/Los_Angeles');
const post = (path: string, body: unknown, key?: string) =>
  app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
    body: JSON.stringify(body),
  });

describe('idempotent events', () => {
  it('R-HRS-1: the same Idempotency-Key twice records one event and one set of hours, with the same answer', async () => {
    const id = uniqueId('ida');
    const { key } = await stack.candidates.start({
      programId: 'rossier',
      candidateId: id,
      policyId: 'rossier',
      cohortStart: '2026-08-03',
      assignmentStart: addDays(today(), -60),
      enrolledOn: addDays(today(), -40),
      candidate: { name: 'Ida Moreno', email: `${id}@example.org` },
      coach: { name: 'Gloria Ruiz', email: 'gloria@example.org' },
      programAdministrator: { name: 'Pat Tran', email: 'pat@example.edu' },
    });
    const hours = { type: 'coachingLogged', hours: 2 };
    const [first, second] = await Promise.all([
      post(`/candidates/${key}/events`, hours, 'retry-abc-123'),
      post(`/candidates/${key}/events`, hours, 'retry-abc-123'),
    ]);
    const third = await post(`/candidates/${key}/events`, hours, 'retry-abc-123');
    expect([first.status, second.status, third.status]).toEqual([200, 200, 200]);
    const bodies = await Promise.all([first.json(), second.json(), third.json()]);
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
    expect((await stack.candidates.status(key)).hours.year1.coaching.logged).toBe(2);
    // A different key is a different event.
    expect((await post(`/candidates/${key}/events`, hours, 'retry-def-456')).status).toBe(200);
    expect((await stack.candidates.status(key)).hours.year1.coaching.logged).toBe(4);
    expect((await post(`/candidates/${key}/events`, hours, 'bad key!')).status).toBe(400);
    expect((await stack.candidates.status(key)).hours.year1.coaching.logged).toBe(4);
  }, 120_000);
});
