// R-NOT (delivery; not in domain.md): the SES-events consumer's decisions, against a stand-in for
// the candidate service: which SES events mark which role, what it leaves alone, what it leaves on
// the queue for redelivery; and the candidate tag the email activity puts on every send.
import { SendEmailCommand, type SESClient } from '@aws-sdk/client-ses';
import { describe, expect, it, vi } from 'vitest';
import { createEmailActivities, createMemoryLedger } from '../../activities/email';
import type { TCandidateEvent } from '../../domain/events';
import type { TOutgoingEmail } from '../../domain/notifications';
import { ServiceError } from '../../functions/candidates';
import {
  handleSesMessage,
  rolesOfAddress,
  SES_EVENTS_ACTOR,
  type SesEventsDeps,
} from '../../functions/ses-events/consumer';
import { handleSqsBatch } from '../../functions/ses-events/queue';
import { candidateKeyOfSend, decodeCandidateTag, encodeCandidateTag } from '../../domain/notifications/candidate-tag';
import { samples } from '../email/fixtures/samples';
import { sesBounce } from './ses-event-samples';

const KEY = 'rossier-c.j_1';
const people = {
  candidate: { name: 'Jamal Jackson', email: 'jamal@example.org' },
  coach: { name: 'Gloria Sharp', email: 'Gloria.Sharp@example.org' },
  supervisor: null,
  programAdministrator: { name: 'Dr. Tran', email: 'tran@example.edu' },
  director: { name: 'Dr. Tran', email: 'tran@example.edu' },
};

function fake(fail?: (event: TCandidateEvent) => Error | undefined) {
  const recorded: { key: string; event: TCandidateEvent; idempotencyKey?: string }[] = [];
  const logs: string[] = [];
  const deps: SesEventsDeps = {
    candidates: {
      status: vi.fn(async (key: string) => {
        if (key !== KEY) throw new ServiceError('notFound', `no candidate ${key}`);
        return { people } as never;
      }),
      recordEvent: vi.fn(async (key: string, event: TCandidateEvent, options: { idempotencyKey?: string } = {}) => {
        const error = fail?.(event);
        if (error) throw error;
        recorded.push({ key, event, ...options });
        return { accepted: true as const, type: event.type, date: '2027-06-16', phase: 'year1' as const };
      }),
    },
    log: (m, meta) => logs.push(`${m} ${JSON.stringify(meta)}`),
  };
  return { deps, recorded, logs };
}

describe('R-NOT: the SES-events consumer', () => {
  it('R-NOT: a permanent bounce of the coach, raw or in its SNS envelope, records emailBounced for the coach (role, no address) with a stable idempotency key', async () => {
    const { deps, recorded, logs } = fake();
    const body = JSON.stringify(sesBounce({ key: KEY, to: ['gloria.sharp@example.org'] }));
    expect(await handleSesMessage(body, deps)).toEqual({
      kind: 'recorded',
      candidateKey: KEY,
      roles: ['coach'],
      ignored: [],
    });
    const envelope = JSON.stringify({
      Type: 'Notification',
      MessageId: 'sns-1',
      TopicArn: 'arn:aws:sns:us-west-2:111122223333:casc',
      Message: body,
      Timestamp: '2027-06-16T15:00:06.000Z',
    });
    await handleSesMessage(envelope, deps);
    expect(recorded).toHaveLength(2);
    expect(recorded[0]).toEqual({
      key: KEY,
      event: {
        type: 'emailBounced',
        role: 'coach',
        bounce: 'bounce',
        sesMessageId: '0100018c7f1e2a3b-11112222-3333-4444-5555-666677778888-000000',
        by: SES_EVENTS_ACTOR,
      },
      idempotencyKey: expect.stringMatching(
        /^ses-0100018c7f1e2a3b-11112222-3333-4444-5555-666677778888-000000-[0-9a-f]{16}-coach$/,
      ),
    });
    // A redelivery carries the same key, so the workflow absorbs it once.
    expect(recorded[1]?.idempotencyKey).toBe(recorded[0]?.idempotencyKey);
    expect(JSON.stringify(recorded)).not.toContain('gloria');
    expect(logs.join('\n')).not.toMatch(/@/);
  });

  it('R-NOT: a complaint marks as complaint; one address held by PA and director marks both', async () => {
    const { deps, recorded } = fake();
    const complaint = {
      eventType: 'Complaint',
      complaint: {
        complainedRecipients: [{ emailAddress: 'tran@example.edu' }],
        complaintFeedbackType: 'abuse',
        timestamp: '2027-06-16T15:00:05.000Z',
        feedbackId: 'f-1',
      },
      mail: { messageId: 'm-2', tags: { candidate: [encodeCandidateTag(KEY)] } },
    };
    expect(await handleSesMessage(JSON.stringify(complaint), deps)).toEqual({
      kind: 'recorded',
      candidateKey: KEY,
      roles: ['pa', 'director'],
      ignored: [],
    });
    expect(
      recorded.map(
        (r) => `${r.event.type}:${(r.event as { role: string }).role}:${(r.event as { bounce: string }).bounce}`,
      ),
    ).toEqual(['emailBounced:pa:complaint', 'emailBounced:director:complaint']);
  });

  it('R-NOT: transient bounces, deliveries, untagged mail, unknown candidates and corrected addresses record nothing and are done (deleted)', async () => {
    const { deps, recorded } = fake();
    expect(
      await handleSesMessage(
        JSON.stringify(sesBounce({ key: KEY, to: ['gloria.sharp@example.org'], type: 'Transient' })),
        deps,
      ),
    ).toEqual({ kind: 'ignored', reason: 'transient bounce' });
    expect(
      await handleSesMessage(JSON.stringify({ eventType: 'Delivery', mail: { messageId: 'm-3' }, delivery: {} }), deps),
    ).toEqual({ kind: 'ignored', reason: 'event type Delivery' });
    expect(await handleSesMessage(JSON.stringify(sesBounce({ to: ['gloria.sharp@example.org'] })), deps)).toEqual({
      kind: 'ignored',
      reason: 'no candidate tag',
    });
    expect(
      await handleSesMessage(JSON.stringify(sesBounce({ key: 'rossier-gone', to: ['x@example.org'] })), deps),
    ).toEqual({ kind: 'ignored', reason: 'no such candidate' });
    expect(
      await handleSesMessage(JSON.stringify(sesBounce({ key: KEY, to: ['old.address@example.org'] })), deps),
    ).toEqual({ kind: 'ignored', reason: 'address not on the record' });
    expect(recorded).toEqual([]);
  });

  it('R-NOT: a refusal by the record (already marked) is done; Temporal unreachable or a malformed body is left for redelivery', async () => {
    const refused = fake(
      () => new ServiceError('conflict', "the coach's address is already marked undeliverable (since 2027-06-10)"),
    );
    expect(
      await handleSesMessage(JSON.stringify(sesBounce({ key: KEY, to: ['gloria.sharp@example.org'] })), refused.deps),
    ).toEqual({
      kind: 'ignored',
      reason: "coach: the coach's address is already marked undeliverable (since 2027-06-10)",
    });
    const down = fake(() => new Error('14 UNAVAILABLE: connection refused'));
    const batch = await handleSqsBatch(
      [
        { messageId: 'sqs-1', body: JSON.stringify(sesBounce({ key: KEY, to: ['gloria.sharp@example.org'] })) },
        { messageId: 'sqs-2', body: 'not json' },
        { messageId: 'sqs-3', body: JSON.stringify({ hello: 'world' }) },
        {
          messageId: 'sqs-4',
          body: JSON.stringify(sesBounce({ key: KEY, to: ['gloria.sharp@example.org'], type: 'Transient' })),
        },
      ],
      down.deps,
    );
    expect(batch).toEqual({
      batchItemFailures: [{ itemIdentifier: 'sqs-1' }, { itemIdentifier: 'sqs-2' }, { itemIdentifier: 'sqs-3' }],
    });
  });

  it('R-NOT: roles are matched on the bare address, case-insensitively', () => {
    expect(rolesOfAddress(people as never, '"Gloria" <GLORIA.sharp@example.org>')).toEqual(['coach']);
    expect(rolesOfAddress(people as never, 'nobody@example.org')).toEqual([]);
  });
});

describe('the candidate tag on every send', () => {
  it('encodes any candidate key reversibly in the characters SES allows', () => {
    // The last is too long escaped (> 256), so it is written in hex.
    const longest = `${'a_'.repeat(19)}a-a${'._'.repeat(31)}`;
    expect(encodeCandidateTag(longest).startsWith('_h')).toBe(true);
    for (const key of ['rossier-c001', 'rossier-c.j_1', 'ctc_2027-A-b.c_d', longest]) {
      const tag = encodeCandidateTag(key);
      expect(tag).toMatch(/^[A-Za-z0-9_-]{1,256}$/);
      expect(decodeCandidateTag(tag)).toBe(key);
    }
    expect(encodeCandidateTag('rossier-c.j_1')).toBe('rossier-c_2Ej_5F1');
    expect(decodeCandidateTag('not a tag!')).toBeUndefined();
    expect(decodeCandidateTag('nodash')).toBeUndefined();
    expect(candidateKeyOfSend('candidate-rossier-c.j_1:iip1.approval.r0:coach')).toBe('rossier-c.j_1');
    expect(candidateKeyOfSend('academic-watch-rossier-c001:run:notice')).toBe('rossier-c001');
    expect(candidateKeyOfSend('recommendation-rossier-c001:step1:coach')).toBe('rossier-c001');
    expect(candidateKeyOfSend('digest-rossier:2027-06-14:pa')).toBeUndefined();
  });

  it("the email activity tags a candidate's message with its key, and a program-wide one without", async () => {
    const sent: SendEmailCommand[] = [];
    const ses = {
      send: vi.fn(async (c: SendEmailCommand) => (sent.push(c), { MessageId: `m-${sent.length}`, $metadata: {} })),
    } as unknown as SESClient;
    const { sendNotifications } = createEmailActivities({
      ses,
      from: 'casc@example.edu',
      ledger: createMemoryLedger(),
    });
    const mail = (idempotencyKey: string): TOutgoingEmail => ({
      idempotencyKey,
      template: 'assignmentDue.reminder.candidate',
      data: samples['assignmentDue.reminder.candidate'],
      to: { role: 'candidate', name: 'Jamal Jackson', email: 'jamal@example.org' },
    });
    await sendNotifications([
      mail('candidate-rossier-c.j_1:assignmentDue:2026-11-20'),
      mail('digest-rossier:2026-11-20'),
    ]);
    expect(sent[0]?.input.Tags).toContainEqual({ Name: 'candidate', Value: 'rossier-c_2Ej_5F1' });
    expect(sent[1]?.input.Tags?.map((t) => t.Name)).toEqual(['template', 'recipientRole', 'idempotencyKey']);
  });
});
