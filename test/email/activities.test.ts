// The batch activity's contract with the workflow, against a stubbed SES client: per-item results,
// permanent failures reported (not thrown), transient failures thrown, retries skip what was sent.
import {
  MessageRejected,
  SendEmailCommand,
  SendRawEmailCommand,
  SESServiceException,
  type SESClient,
} from '@aws-sdk/client-ses';
import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it, vi } from 'vitest';
import {
  createEmailActivities,
  createMemoryLedger,
  EMAIL_INVALID_BATCH,
  EMAIL_TRANSIENT_FAILURE,
} from '../../activities/email';
import { createRateLimiter } from '../../activities/email/rate';
import type { TOutgoingEmail } from '../../domain/notifications';
import { samples } from './fixtures/samples';

type Command = SendEmailCommand | SendRawEmailCommand;

function stubSes(fail: (command: Command, call: number) => Error | undefined = () => undefined) {
  let calls = 0;
  const sent: Command[] = [];
  const send = vi.fn(async (command: Command) => {
    calls += 1;
    const error = fail(command, calls);
    if (error) throw error;
    sent.push(command);
    return { MessageId: `msg-${calls}`, $metadata: {} };
  });
  return { ses: { send } as unknown as SESClient, send, sent };
}

const candidate = (n: number) => ({ role: 'candidate' as const, name: `Candidate ${n}`, email: `c${n}@example.edu` });
const reminder = (n: number): TOutgoingEmail => ({
  idempotencyKey: `candidate-rossier-c${n}:assignmentDue:2026-11-20`,
  template: 'assignmentDue.reminder.candidate',
  data: samples['assignmentDue.reminder.candidate'],
  to: candidate(n),
});
const toAddress = (c: Command): string | undefined =>
  c instanceof SendEmailCommand ? c.input.Destination?.ToAddresses?.[0] : undefined;

describe('sendNotifications (batch activity)', () => {
  it('sends each item once and reports sent with the SES message id', async () => {
    const { ses, sent } = stubSes();
    const { sendNotifications } = createEmailActivities({
      ses,
      from: 'casc@example.edu',
      ledger: createMemoryLedger(),
    });
    const results = await sendNotifications([reminder(1), reminder(2)]);
    expect(results).toEqual([
      { idempotencyKey: reminder(1).idempotencyKey, status: 'sent', messageId: 'msg-1' },
      { idempotencyKey: reminder(2).idempotencyKey, status: 'sent', messageId: 'msg-2' },
    ]);
    expect(sent.map(toAddress)).toEqual(['"Candidate 1" <c1@example.edu>', '"Candidate 2" <c2@example.edu>']);
    const input = (sent[0] as SendEmailCommand).input;
    expect(input.Source).toBe('casc@example.edu');
    expect(input.Message?.Subject?.Data).toContain('Session 3 reflection');
    expect(input.Tags).toContainEqual({ Name: 'template', Value: 'assignmentDue_reminder_candidate' });
  });

  it('a permanent failure for one recipient is reported and does not block the rest', async () => {
    const { ses, sent } = stubSes((c) =>
      toAddress(c)?.includes('c2@')
        ? new MessageRejected({ message: 'Email address is not verified.', $metadata: { httpStatusCode: 400 } })
        : undefined,
    );
    const { sendNotifications } = createEmailActivities({
      ses,
      from: 'casc@example.edu',
      ledger: createMemoryLedger(),
    });
    const results = await sendNotifications([reminder(1), reminder(2), reminder(3)]);
    expect(results.map((r) => r.status)).toEqual(['sent', 'failedPermanently', 'sent']);
    expect(results[1]).toMatchObject({ reason: 'addressUnverified' });
    expect(results[1]?.detail).toMatch(/candidate.*not verified/);
    expect(sent).toHaveLength(2);
  });

  it('a transient failure throws (retryable); the retry skips what was already sent', async () => {
    const ledger = createMemoryLedger();
    const { ses, send } = stubSes((_c, call) =>
      call === 2
        ? new SESServiceException({
            name: 'Throttling',
            message: 'Maximum sending rate exceeded.',
            $fault: 'client',
            $metadata: { httpStatusCode: 400 },
          })
        : undefined,
    );
    const { sendNotifications } = createEmailActivities({ ses, from: 'casc@example.edu', ledger });
    const batch = [reminder(1), reminder(2), reminder(3)];

    const failure = await sendNotifications(batch).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect((failure as ApplicationFailure).type).toBe(EMAIL_TRANSIENT_FAILURE);
    expect((failure as ApplicationFailure).nonRetryable).toBe(false);
    expect(send).toHaveBeenCalledTimes(2); // stopped at the throttled item instead of pressing on

    const retry = await sendNotifications(batch);
    expect(retry.map((r) => r.status)).toEqual(['alreadySent', 'sent', 'sent']);
    expect(retry[0]?.messageId).toBe('msg-1');
    expect(send).toHaveBeenCalledTimes(4);
  });

  it('a malformed batch fails the activity without retry', async () => {
    const { ses, send } = stubSes();
    const { sendNotifications } = createEmailActivities({
      ses,
      from: 'casc@example.edu',
      ledger: createMemoryLedger(),
    });
    const bad = [{ ...reminder(1), to: { role: 'candidate', name: 'X', email: 'not-an-address' } }] as TOutgoingEmail[];
    const failure = (await sendNotifications(bad).catch((e: unknown) => e)) as ApplicationFailure;
    expect(failure.type).toBe(EMAIL_INVALID_BATCH);
    expect(failure.nonRetryable).toBe(true);
    expect(failure.message).toContain('to.email');
    expect(send).not.toHaveBeenCalled();
  });

  it('data that does not fit its template is reported per item, naming the field', async () => {
    const { ses, sent } = stubSes();
    const { sendNotifications } = createEmailActivities({
      ses,
      from: 'casc@example.edu',
      ledger: createMemoryLedger(),
    });
    const broken = {
      ...reminder(2),
      data: { ...samples['assignmentDue.reminder.candidate'], dueDate: 'soon' },
    } as TOutgoingEmail;
    const results = await sendNotifications([reminder(1), broken]);
    expect(results[1]).toMatchObject({ status: 'failedPermanently', reason: 'invalidMessage' });
    expect(results[1]?.detail).toMatch(/"assignmentDue.reminder.candidate".*dueDate/);
    expect(sent).toHaveLength(1);
  });

  it('the same key twice in one batch, or in two overlapping attempts, sends once', async () => {
    const { ses, send } = stubSes();
    const { sendNotifications } = createEmailActivities({
      ses,
      from: 'casc@example.edu',
      ledger: createMemoryLedger(),
    });
    const results = await sendNotifications([reminder(1), reminder(1)]);
    expect(results.map((r) => r.status)).toEqual(['sent', 'alreadySent']);
    const [a, b] = await Promise.all([sendNotifications([reminder(5)]), sendNotifications([reminder(5)])]);
    expect([a[0]?.status, b[0]?.status].sort()).toEqual(['alreadySent', 'sent']);
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('R-SES-1: a message with an invite goes as raw MIME with a text/calendar; method=REQUEST part', async () => {
    const { ses, sent } = stubSes();
    const { sendNotifications } = createEmailActivities({
      ses,
      from: '"CASC Induction" <casc@example.edu>',
      ledger: createMemoryLedger(),
    });
    await sendNotifications([
      {
        idempotencyKey: 'k-session',
        template: 'cpselSession.reminder.candidate',
        data: samples['cpselSession.reminder.candidate'],
        to: candidate(1),
      },
    ]);
    expect(sent[0]).toBeInstanceOf(SendRawEmailCommand);
    const raw = Buffer.from((sent[0] as SendRawEmailCommand).input.RawMessage?.Data ?? new Uint8Array()).toString(
      'utf8',
    );
    expect(raw).toMatch(/^Content-Type: multipart\/mixed; boundary="mixed-/m);
    expect(raw).toContain('Content-Type: multipart/alternative;');
    expect(raw).toContain('Content-Type: text/calendar; charset=UTF-8; method=REQUEST; name="cpsel-session.ics"');
    expect(raw).toContain('To: "Candidate 1" <c1@example.edu>');
  });

  it('R-EW-1: the early warning copies the PA', async () => {
    const { ses, sent } = stubSes();
    const { sendNotifications } = createEmailActivities({
      ses,
      from: 'casc@example.edu',
      ledger: createMemoryLedger(),
    });
    await sendNotifications([
      {
        idempotencyKey: 'k-ew',
        template: 'earlyWarning.notice.candidate',
        data: samples['earlyWarning.notice.candidate'],
        to: candidate(1),
        cc: [{ role: 'pa', name: 'Pat Admin', email: 'pa@example.edu' }],
      },
    ]);
    expect((sent[0] as SendEmailCommand).input.Destination?.CcAddresses).toEqual(['"Pat Admin" <pa@example.edu>']);
  });

  it('paces sends to the configured rate', async () => {
    let now = 0;
    const waits: number[] = [];
    const limiter = createRateLimiter(4, { now: () => now, sleep: async (ms) => void (waits.push(ms), (now += ms)) });
    for (let i = 0; i < 4; i++) await limiter.acquire();
    expect(waits).toEqual([250, 250, 250]);
  });
});
