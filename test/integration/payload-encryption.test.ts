// Issue 17.1 through the real pieces: the Temporal dev server, the project's worker (bin/worker.ts's
// createWorkers) and client, both with the AES-256-GCM codec and a key file in the data dir. The
// raw history the server stores, read over gRPC without any codec, holds none of the candidate's
// name, email, the coach's email or the IIP goal text; the client with the key reads them all.
import { temporal } from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workflowIdFor } from '../../domain/lifecycle/candidate';
import { addDays, localDateOf } from '../../domain/calendar/dates';
import { ENCRYPTED_ENCODING } from '../../codec/aes-gcm-codec';
import { startDevStack, type DevStack } from '../support/dev-stack';
import { uniqueId } from '../support/fixtures';

let stack: DevStack;
beforeAll(async () => {
  stack = await startDevStack();
});
afterAll(async () => {
  await stack?.stop();
});

const id = uniqueId('xq');
const probes = {
  name: 'Xiomara Quetzal-Bramblewood',
  email: `xiomara.${id}@example.org`,
  coachEmail: `coach.wintergreen.${id}@example.org`,
  goal: `Launch a bilingual family literacy night at Sequoia Elementary (${id})`,
};
const found = (bytes: Uint8Array) =>
  Object.entries(probes)
    .filter(([, v]) => Buffer.from(bytes).includes(Buffer.from(v, 'utf8')))
    .map(([k]) => k);

async function rawHistory(workflowId: string): Promise<temporal.api.history.v1.IHistoryEvent[]> {
  const events: temporal.api.history.v1.IHistoryEvent[] = [];
  const bytes: Uint8Array[] = [];
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await stack.env.client.workflowService.getWorkflowExecutionHistory({
      namespace: 'default',
      execution: { workflowId },
      nextPageToken,
    });
    bytes.push(temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse.encode(page).finish());
    events.push(...(page.history?.events ?? []));
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
  rawBytes = Buffer.concat(bytes);
  return events;
}
let rawBytes = Buffer.alloc(0);

describe('payload encryption on the dev server (issue 17.1)', () => {
  let key: string;

  it('FERPA (issue 17.1): after a candidate starts, gets a coach and submits an IIP, the raw history holds 0 of 4 probed values; the client decodes all 4', async () => {
    ({ key } = await stack.candidates.start({
      programId: 'rossier',
      candidateId: id,
      policyId: 'rossier',
      cohortStart: '2026-08-03',
      assignmentStart: addDays(localDateOf(Date.now(), 'America/Los_Angeles'), -10),
      candidate: { name: probes.name, email: probes.email },
      programAdministrator: { name: 'Dr. Tran', email: 'pa.tran@example.edu' },
    }));
    await stack.candidates.recordEvent(key, { type: 'admitted' });
    await stack.candidates.recordEvent(key, {
      type: 'coachAssigned',
      coach: { name: 'Rowan Wintergreen', email: probes.coachEmail },
    });
    await stack.candidates.recordEvent(key, {
      type: 'iipSubmitted',
      year: 1,
      goals: [
        { cpsel: 'cpsel1', goal: probes.goal },
        { cpsel: 'cpsel2', goal: 'Coach two new teachers through their first parent conferences' },
        { cpsel: 'cpsel3', goal: 'Rebuild the attendance team around restorative practices' },
      ],
    });

    // Decoded through the client's codec: everything is there.
    const status = await stack.candidates.status(key);
    expect(status.people.candidate).toEqual({ name: probes.name, email: probes.email });
    expect(status.people.coach?.email).toBe(probes.coachEmail);
    expect(status.iip.year1.goals.map((g) => g.goal)[0]).toBe(probes.goal);
    expect(found(Buffer.from(JSON.stringify(status)))).toEqual(['name', 'email', 'coachEmail', 'goal']);

    // Raw, as the server stores it: no probed value in any byte of the history.
    const events = await rawHistory(workflowIdFor(key));
    expect(events.length).toBeGreaterThan(5);
    expect(found(rawBytes)).toEqual([]);
    // And it is absent because it is encrypted: the start input and each accepted update are binary/encrypted.
    const encodings = (p?: temporal.api.common.v1.IPayloads | null) =>
      (p?.payloads ?? []).map((x) => Buffer.from(x.metadata?.encoding ?? []).toString());
    const started = events[0]!.workflowExecutionStartedEventAttributes!;
    expect(encodings(started.input)).toEqual([ENCRYPTED_ENCODING]);
    const updates = events.flatMap((e) =>
      e.workflowExecutionUpdateAcceptedEventAttributes
        ? [e.workflowExecutionUpdateAcceptedEventAttributes.acceptedRequest?.input?.args]
        : [],
    );
    expect(updates.map(encodings)).toEqual([[ENCRYPTED_ENCODING], [ENCRYPTED_ENCODING], [ENCRYPTED_ENCODING]]);
    const activityInputs = events.flatMap((e) =>
      e.activityTaskScheduledEventAttributes ? encodings(e.activityTaskScheduledEventAttributes.input) : [],
    );
    // Whether emails are already scheduled depends on the hour (they wait for 08:00 Pacific); any that are, are encrypted.
    expect(activityInputs.filter((e) => e !== ENCRYPTED_ENCODING)).toEqual([]);
  });

  it('FERPA (issue 17.1): the search attributes of the started candidate hold none of the 4 probed values', async () => {
    const described = await stack.env.client.workflowService.describeWorkflowExecution({
      namespace: 'default',
      execution: { workflowId: workflowIdFor(key) },
    });
    const attrs = described.workflowExecutionInfo?.searchAttributes;
    // The dashboard's attributes (no CascFlags yet: a new candidate has none) and the server's own.
    expect(Object.keys(attrs?.indexedFields ?? {}).sort()).toEqual([
      'BuildIds',
      'CascCohortYear',
      'CascNextDeadline',
      'CascPhase',
      'CascProgram',
      'TemporalChangeVersion',
    ]);
    expect(found(temporal.api.common.v1.SearchAttributes.encode(attrs ?? {}).finish())).toEqual([]);
    // Nor the workflow id and memo (the id is built from program and candidate id only).
    expect(found(Buffer.from(workflowIdFor(key)))).toEqual([]);
    expect(found(temporal.api.common.v1.Memo.encode(described.workflowExecutionInfo?.memo ?? {}).finish())).toEqual([]);
  });
});
