// Through the real pieces: aws-ses-v2-local as a child process, the real @aws-sdk/client-ses,
// the real file ledger. What arrived is read back from the server's GET /store.
import { SESServiceException } from '@aws-sdk/client-ses';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEmailActivities, createFileLedger, createSesClient, readEmailConfig } from '../../activities/email';
import type { TOutgoingEmail, TRecipient } from '../../domain/notifications';
import { samples } from './fixtures/samples';
import { startSesLocal, type SesLocal, type StoredEmail } from '../support/ses-local';

let server: SesLocal;
let dataDir: string;

beforeAll(async () => {
  server = await startSesLocal();
  dataDir = await mkdtemp(join(tmpdir(), 'casc-email-'));
});
afterAll(async () => {
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

let unique = 0;
/** A recipient address no other test uses, so each test can count its own emails in the store. */
const person = (role: TRecipient['role'], name: string): TRecipient => ({
  role,
  name,
  email: `${role}-${++unique}-${Date.now()}@example.edu`,
});
const activities = () => {
  const config = readEmailConfig({
    SES_ENDPOINT: server.endpoint,
    SES_FROM: 'casc-induction@example.edu',
    SES_MAX_SEND_RATE: '50',
  });
  const ses = createSesClient(config);
  return {
    ses,
    ...createEmailActivities({
      ses,
      from: config.from,
      maxSendRate: config.maxSendRate,
      ledger: createFileLedger(dataDir),
    }),
  };
};
const addressedTo = (emails: StoredEmail[], recipient: TRecipient) =>
  emails.filter((e) => e.destination.to.some((t) => t.includes(recipient.email)));

describe('email through aws-ses-v2-local', () => {
  it('R-SES-1 / R-EW-1 / R-IIP-3: a batch arrives as plain, copied and raw (.ics) emails', async () => {
    const ana = person('candidate', 'Ana Díaz');
    const pa = person('pa', 'Pat Admin');
    const sam = person('supervisor', 'Sam Principal');
    const batch: TOutgoingEmail[] = [
      {
        idempotencyKey: `it-${unique}-session`,
        template: 'cpselSession.reminder.candidate',
        data: samples['cpselSession.reminder.candidate'],
        to: ana,
      },
      {
        idempotencyKey: `it-${unique}-ew`,
        template: 'earlyWarning.notice.candidate',
        data: samples['earlyWarning.notice.candidate'],
        to: ana,
        cc: [pa],
      },
      {
        idempotencyKey: `it-${unique}-iip`,
        template: 'iipApproval.reminder.supervisor',
        data: samples['iipApproval.reminder.supervisor'],
        to: sam,
      },
    ];
    const { sendNotifications, ses } = activities();
    const results = await sendNotifications(batch);
    ses.destroy();
    expect(results.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);

    const emails = await server.emails();
    const toAna = addressedTo(emails, ana);
    expect(toAna).toHaveLength(2);

    const session = toAna.find((e) => e.subject.startsWith('CPSEL session:'));
    expect(session?.messageId).toBe(results[0]?.messageId);
    expect(session?.subject).toBe(
      'CPSEL session: CPSEL 2: Instructional Leadership, Monday, November 9, 2026 at 5:30 PM PST',
    );
    expect(session?.body.text).toContain('Hello Ana,');
    expect(session?.body.html).toContain('Rossier CASC &lt;Induction&gt;');
    const invite = session?.attachments.find((a) => a.contentType.startsWith('text/calendar'));
    expect(invite?.filename).toBe('cpsel-session.ics');
    const ics = Buffer.from(invite?.content ?? '', 'base64').toString('utf8');
    expect(ics).toContain('METHOD:REQUEST');
    expect(ics).toContain('DTSTART;TZID=America/Los_Angeles:20261109T173000');
    expect(ics.replace(/\r\n /g, '')).toContain(
      `ATTENDEE;CN="Ana Díaz";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${ana.email}`,
    );

    const warning = toAna.find((e) => e.subject.startsWith('Early warning'));
    expect(warning?.destination.cc.join(' ')).toContain(pa.email);
    expect(warning?.from).toBe('casc-induction@example.edu');

    const [approval] = addressedTo(emails, sam);
    expect(approval?.subject).toBe("Ana's year 1 Individual Induction Plan awaits your approval");
  });

  it('idempotency: a retry after the send succeeded (even in a new worker process) sends nothing new', async () => {
    const ben = person('candidate', 'Ben Kim');
    const item: TOutgoingEmail = {
      idempotencyKey: `candidate-rossier-ben:assignmentDue:2026-11-20:${unique}`,
      template: 'assignmentDue.reminder.candidate',
      data: samples['assignmentDue.reminder.candidate'],
      to: ben,
    };
    const first = activities();
    const [sent] = await first.sendNotifications([item]);
    // The same activity retried in the same worker, then in a fresh worker reading the same ledger file.
    const [again] = await first.sendNotifications([item]);
    const restarted = activities();
    const [afterRestart] = await restarted.sendNotifications([item]);
    first.ses.destroy();
    restarted.ses.destroy();

    expect(sent).toMatchObject({ status: 'sent' });
    expect(again).toEqual({ idempotencyKey: item.idempotencyKey, status: 'alreadySent', messageId: sent?.messageId });
    expect(afterRestart).toEqual(again);
    expect(addressedTo(await server.emails(), ben)).toHaveLength(1);
  });

  it('a throttled send fails the attempt; the retry delivers every email exactly once', async () => {
    const people = [person('candidate', 'Cy One'), person('candidate', 'Di Two'), person('candidate', 'Ed Three')];
    const batch: TOutgoingEmail[] = people.map((p, i) => ({
      idempotencyKey: `it-throttle-${unique}-${i}`,
      template: 'assignmentDue.reminder.candidate',
      data: samples['assignmentDue.reminder.candidate'],
      to: p,
    }));
    const worker = activities();
    const realSend = worker.ses.send.bind(worker.ses);
    let calls = 0;
    vi.spyOn(worker.ses, 'send').mockImplementation(((command: never) => {
      calls += 1;
      if (calls === 2) {
        return Promise.reject(
          new SESServiceException({
            name: 'Throttling',
            message: 'Maximum sending rate exceeded.',
            $fault: 'client',
            $metadata: { httpStatusCode: 400 },
          }),
        );
      }
      return realSend(command);
    }) as typeof worker.ses.send);

    await expect(worker.sendNotifications(batch)).rejects.toMatchObject({
      type: 'EmailTransientFailure',
      nonRetryable: false,
    });
    const retry = await worker.sendNotifications(batch);
    worker.ses.destroy();

    expect(retry.map((r) => r.status)).toEqual(['alreadySent', 'sent', 'sent']);
    const emails = await server.emails();
    for (const p of people) expect(addressedTo(emails, p)).toHaveLength(1);
  });
});
