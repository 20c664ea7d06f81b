// The double-send window, step by step and without timing: SES accepts a message, the worker dies
// before the ledger records it, and a new worker process retries the activity on the same ledger
// file. The send was claimed first, so the retry knows an attempt died mid-send and asks the probe.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SendEmailCommand, type SESClient } from '@aws-sdk/client-ses';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmailActivities, createFileLedger, type DeliveryProbe, type SentLedger } from '../../activities/email';
import type { TOutgoingEmail } from '../../domain/notifications';
import { samples } from './fixtures/samples';

const reminder: TOutgoingEmail = {
  idempotencyKey: 'candidate-rossier-c1:assignmentDue:r3:candidate',
  template: 'assignmentDue.reminder.candidate',
  data: samples['assignmentDue.reminder.candidate'],
  to: { role: 'candidate', name: 'Candidate One', email: 'c1@example.edu' },
};

/** An SES that keeps what it accepted, like aws-ses-v2-local's store. */
function fakeSes() {
  const accepted: { messageId: string; to: string; subject: string; at: number }[] = [];
  const ses = {
    send: async (command: SendEmailCommand) => {
      const messageId = `msg-${accepted.length + 1}`;
      accepted.push({
        messageId,
        to: command.input.Destination?.ToAddresses?.[0] ?? '',
        subject: command.input.Message?.Subject?.Data ?? '',
        at: Date.now(),
      });
      return { MessageId: messageId, $metadata: {} };
    },
  } as unknown as SESClient;
  const probe: DeliveryProbe = {
    findAccepted: async (claim) => {
      const hit = accepted.find(
        (m) => m.at >= claim.at && m.subject === claim.subject && m.to.includes(`<${claim.to}>`),
      );
      return hit ? { messageId: hit.messageId } : undefined;
    },
  };
  return { ses, accepted, probe };
}

/** The worker is killed right after SES answered: the ledger write never happens. */
const diesBeforeRecording = (ledger: SentLedger): SentLedger => ({
  ...ledger,
  get: (k) => ledger.get(k),
  claim: (k, c) => ledger.claim!(k, c),
  claimOf: (k) => ledger.claimOf!(k),
  put: async () => {
    throw new Error('killed');
  },
});

describe('the double-send window (SES accepted, worker died before the ledger write)', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'casc-window-'));
    dirs.push(dir);
    return dir;
  };

  it('#9.2 a retry after the crash finds the claim, the probe finds the message, nothing is sent twice', async () => {
    const dir = await tempDir();
    const { ses, accepted, probe } = fakeSes();
    const first = createEmailActivities({
      ses,
      from: 'casc@example.edu',
      ledger: diesBeforeRecording(createFileLedger(dir)),
      deliveryProbe: probe,
    });
    await expect(first.sendNotifications([reminder])).rejects.toThrow('killed');
    expect(accepted).toHaveLength(1);

    // The restarted worker: a fresh process reading the same ledger file.
    const retry = createEmailActivities({
      ses,
      from: 'casc@example.edu',
      ledger: createFileLedger(dir),
      deliveryProbe: probe,
    });
    expect(await retry.sendNotifications([reminder])).toEqual([
      { idempotencyKey: reminder.idempotencyKey, status: 'alreadySent', messageId: 'msg-1' },
    ]);
    expect(accepted).toHaveLength(1);
    // …and the probe's answer is now in the ledger: a third attempt does not even ask.
    expect(await createFileLedger(dir).get(reminder.idempotencyKey)).toEqual({ messageId: 'msg-1' });
  });

  it('#9.2 a claim whose message never reached SES is sent on retry (claimed is not sent)', async () => {
    const dir = await tempDir();
    const { ses, accepted, probe } = fakeSes();
    await createFileLedger(dir).claim!(reminder.idempotencyKey, {
      at: Date.now(),
      to: reminder.to.email,
      subject: 'whatever',
    });
    const retry = createEmailActivities({
      ses,
      from: 'casc@example.edu',
      ledger: createFileLedger(dir),
      deliveryProbe: probe,
    });
    expect((await retry.sendNotifications([reminder]))[0]?.status).toBe('sent');
    expect(accepted).toHaveLength(1);
  });

  it('without a probe (Amazon SES today) the retry sends again: at least once, a possible duplicate', async () => {
    const dir = await tempDir();
    const { ses, accepted } = fakeSes();
    const first = createEmailActivities({
      ses,
      from: 'casc@example.edu',
      ledger: diesBeforeRecording(createFileLedger(dir)),
    });
    await expect(first.sendNotifications([reminder])).rejects.toThrow('killed');
    const retry = createEmailActivities({ ses, from: 'casc@example.edu', ledger: createFileLedger(dir) });
    expect((await retry.sendNotifications([reminder]))[0]?.status).toBe('sent');
    expect(accepted).toHaveLength(2);
  });
});
