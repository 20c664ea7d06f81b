// Issue #17.3, R-NOT (delivery; not in domain.md): a simulated SES bounce notification published
// to the SNS topic (moto, server mode, real @aws-sdk/client-sns) reaches the SQS queue subscribed to
// it (moto, real @aws-sdk/client-sqs), the consumer records it on the candidate's workflow (Temporal
// dev server, the project's own worker) and the PA's task list has the correction task; the PA's
// correction clears it. A message the consumer cannot handle goes to the dead-letter queue after five receives.
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDateOf } from '../../domain/calendar/dates';
import { ensureSesEventsPlumbing, MAX_RECEIVES, type TSesEventsPlumbing } from '../../functions/ses-events/plumbing';
import { pollOnce } from '../../functions/ses-events/queue';
import { startDevStack, type DevStack } from '../support/dev-stack';
import { startMoto, type Moto } from '../support/moto';
import { uniqueId } from '../support/fixtures';
import { sesBounce } from './ses-event-samples';

let moto: Moto;
let stack: DevStack;
let sns: SNSClient;
let sqs: SQSClient;
let queues: TSesEventsPlumbing;
beforeAll(async () => {
  [moto, stack] = await Promise.all([startMoto(), startDevStack()]);
  sns = new SNSClient(moto.clientConfig);
  sqs = new SQSClient(moto.clientConfig);
  // Visibility 0: a message left on the queue is visible again at once (no waiting for redelivery).
  queues = await ensureSesEventsPlumbing({
    sns,
    sqs,
    topicName: 'casc-ses-events',
    queueName: 'casc-ses-events',
    visibilityTimeoutSeconds: 0,
  });
}, 120_000);
afterAll(async () => {
  sns?.destroy();
  sqs?.destroy();
  await stack?.stop();
  await moto?.stop();
});

const today = () => localDateOf(Date.now(), 'America/Los_Angeles');
const publish = (message: unknown) =>
  sns.send(
    new PublishCommand({
      TopicArn: queues.topicArn,
      Message: typeof message === 'string' ? message : JSON.stringify(message),
    }),
  );
const poll = () => pollOnce({ sqs, queueUrl: queues.queueUrl, candidates: stack.candidates, waitSeconds: 2 });

describe("SES events → the candidate's record → the PA's task", () => {
  it("R-NOT: a permanent bounce of the coach's address becomes emailBounced and a PA task; a redelivery records once; the correction clears it", async () => {
    const id = uniqueId('bnc');
    const coachEmail = `coach-${id}@example.org`;
    const { key } = await stack.candidates.start({
      programId: 'rossier',
      candidateId: id,
      policyId: 'rossier',
      cohortStart: '2026-08-03',
      assignmentStart: addDays(today(), -60),
      enrolledOn: addDays(today(), -40),
      candidate: { name: 'Ida Moreno', email: `${id}@example.org` },
      coach: { name: 'Gloria Ruiz', email: coachEmail },
      programAdministrator: { name: 'Pat Tran', email: 'pat@example.edu' },
    });
    const bounce = sesBounce({ key, to: [coachEmail.toUpperCase()], messageId: `0100018c-${id}-000000` });

    await publish(bounce);
    expect(await poll()).toEqual({
      received: 1,
      handled: [{ kind: 'recorded', candidateKey: key, roles: ['coach'], ignored: [] }],
      failed: [],
    });
    const status = await stack.candidates.status(key);
    expect(status.undeliverable).toEqual([{ role: 'coach', bounce: 'bounce', date: today() }]);
    expect(status.timeline.filter((t) => t.kind === 'emailBounced')).toEqual([
      { date: today(), kind: 'emailBounced', detail: 'coach (bounce)' },
    ]);
    const tasks = (await stack.candidates.tasks(key)).tasks.filter((t) => t.rule === 'R-NOT');
    expect(tasks).toEqual([
      {
        id: 'contact.coach',
        rule: 'R-NOT',
        label: "Correct the coach's email address (undeliverable)",
        due: today(),
        overdue: false,
        role: 'pa',
        path: `/portal/${key}/contacts/coach`,
      },
    ]);

    // SNS and SQS deliver at least once: the same notification again is absorbed by its update id.
    await publish(bounce);
    expect((await poll()).handled).toEqual([{ kind: 'recorded', candidateKey: key, roles: ['coach'], ignored: [] }]);
    expect((await stack.candidates.status(key)).timeline.filter((t) => t.kind === 'emailBounced')).toHaveLength(1);
    expect(await poll()).toEqual({ received: 0, handled: [], failed: [] });

    await stack.candidates.recordEvent(key, {
      type: 'contactCorrected',
      role: 'coach',
      email: `gloria-${id}@district.org`,
      by: { role: 'pa', id: 'pa-test' },
    });
    const after = await stack.candidates.status(key);
    expect(after.undeliverable).toEqual([]);
    expect(after.people.coach).toEqual({ name: 'Gloria Ruiz', email: `gloria-${id}@district.org` });
    expect((await stack.candidates.tasks(key)).tasks.filter((t) => t.rule === 'R-NOT')).toEqual([]);

    // A late bounce of the old address finds it no longer on the record: nothing to do, and it is deleted.
    await publish(sesBounce({ key, to: [coachEmail], messageId: `0100018c-${id}-000001` }));
    expect(await poll()).toEqual({
      received: 1,
      handled: [{ kind: 'ignored', reason: 'address not on the record' }],
      failed: [],
    });
    expect(await poll()).toEqual({ received: 0, handled: [], failed: [] });
  }, 120_000);

  it(`R-NOT: a message the consumer cannot handle stays on the queue, and after ${MAX_RECEIVES} receives it is in the dead-letter queue`, async () => {
    await publish('{"eventType": 42}');
    let failures = 0;
    for (let i = 0; i < MAX_RECEIVES + 2; i++) failures += (await poll()).failed.length;
    expect(failures).toBe(MAX_RECEIVES);
    const dead = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queues.deadLetterQueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    expect(dead.Messages?.map((m) => m.Body)).toEqual(['{"eventType": 42}']);
    const attributes = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queues.queueUrl,
        AttributeNames: ['RedrivePolicy', 'SqsManagedSseEnabled'],
      }),
    );
    expect(JSON.parse(attributes.Attributes?.RedrivePolicy ?? '{}')).toMatchObject({ maxReceiveCount: MAX_RECEIVES });
  }, 60_000);
});
