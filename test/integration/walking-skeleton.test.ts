// The walking skeleton through the real pieces: HTTP API (Hono app) → Temporal dev server →
// worker → @aws-sdk/client-ses → aws-ses-v2-local, found again in its GET /store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDateOf } from '../../domain/calendar/dates';
import { formatDate } from '../../domain/notifications/format';
import { createApp } from '../../functions/app';
import { memoryAuditSink } from '../../functions/audit';
import { recordEventUpdate } from '../../workflows/contract';
import { workflowIdFor } from '../../domain/lifecycle/candidate';
import { startDevStack, type DevStack } from '../support/dev-stack';
import { eventually } from '../support/eventually';
import { idleHistoryLength } from '../support/workflow-idle';
import { uniqueId } from '../support/fixtures';

let stack: DevStack;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  stack = await startDevStack();
  // The skeleton exercises the workflow, not auth: every request is a program administrator's.
  app = createApp({
    candidates: stack.candidates,
    authenticate: async () => ({ principal: { sub: 'pa-test', role: 'pa', programId: 'rossier' } }),
    audit: memoryAuditSink(),
  });
});
afterAll(async () => {
  await stack?.stop();
});

const today = () => localDateOf(Date.now(), 'America/Los_Angeles');
const post = (path: string, body: unknown) =>
  app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

function candidateBody(candidateId: string, assignmentStart: string) {
  return {
    programId: 'rossier',
    candidateId,
    cohortStart: '2026-08-03',
    assignmentStart,
    candidate: { name: 'Carlos Sanchez', email: `${candidateId}@example.org` },
    programAdministrator: { name: 'Dr. Tran', email: 'pa.tran@example.edu' },
  };
}

describe('walking skeleton on the dev server with local SES', () => {
  it('R-ADM-1: POST /candidates starts a workflow whose admission reminder arrives in the SES store', async () => {
    // Assignment began 110 days ago: the deadline is in 10 days, so the 14-day reminder is due now.
    const id = uniqueId('carlos');
    const res = await post('/candidates', candidateBody(id, addDays(today(), -110)));
    expect(res.status).toBe(201);
    const { key } = (await res.json()) as { key: string };

    const email = await eventually(async () =>
      (await stack.ses.emails()).find(
        (e) => e.destination.to.some((t) => t.includes(`${id}@example.org`)) && /admission/i.test(e.subject),
      ),
    );
    expect(email.subject).toBe(`Reminder: complete your admission by ${formatDate(addDays(today(), 10))}`);
    expect(email.body.text).toContain('120 days');

    const status = await app.request(`/candidates/${key}`);
    expect(status.status).toBe(200);
    const body = (await status.json()) as { phase: string; keyDates: { admissionDue: string } };
    expect(body.phase).toBe('applicant');
    expect(body.keyDates.admissionDue).toBe(addDays(today(), 10));
  });

  it('R-ADM-1: a bad body is a 400 naming each bad field and starts nothing', async () => {
    const id = uniqueId('bad');
    const res = await post('/candidates', {
      ...candidateBody(id, 'June 15'),
      candidate: { name: '', email: 'not-an-email' },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { issues: { path: string }[] };
    expect(body.issues.map((i) => i.path).sort()).toEqual(['assignmentStart', 'candidate.email', 'candidate.name']);
    expect((await app.request(`/candidates/rossier-${id}`)).status).toBe(404);
  });

  it('R-ADM-1: an out-of-phase event is a 409, a malformed one a 400, and neither leaves a trace in history', async () => {
    const id = uniqueId('evt');
    const { key } = (await (await post('/candidates', candidateBody(id, addDays(today(), -10)))).json()) as {
      key: string;
    };
    const handle = stack.env.client.workflow.getHandle(workflowIdFor(key));
    await handle.executeUpdate(recordEventUpdate, { args: [{ type: 'admitted' }] });
    // Admission starts the program's reminders (activities): wait until none is in flight.
    const before = await idleHistoryLength(handle);
    expect((await post(`/candidates/${key}/events`, { type: 'admitted' })).status).toBe(409);
    expect((await post(`/candidates/${key}/events`, { type: 'coachingLogged', hours: 'lots' })).status).toBe(400);
    expect((await post(`/candidates/${key}/events`, { type: 'noSuchEvent' })).status).toBe(400);
    expect((await post('/candidates/rossier-nobody-here/events', { type: 'admitted' })).status).toBe(404);
    expect(await idleHistoryLength(handle)).toBe(before);
  });
});
