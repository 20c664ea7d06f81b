// A message that copies others: with task links, each reader gets a copy of their own whose links
// sign in that reader (never the addressee), under its own ledger key, so a retry sends nothing new.
import type { SESClient } from '@aws-sdk/client-ses';
import { describe, expect, it } from 'vitest';
import { createEmailSender, createMemoryLedger } from '../../activities/email';
import { verifyTaskToken } from '../../activities/email/task-links';
import { samples } from './fixtures/samples';

const SECRET = 'copies-secret-0123456789abcdefghijkl';
const ANA = { role: 'candidate' as const, name: 'Ana Díaz', email: 'ana@example.org' };
const PA = { role: 'pa' as const, name: 'Pat Tran', email: 'pat@example.edu' };

function capturingSes() {
  const sent: { to: string[]; cc: string[]; subject: string; text: string }[] = [];
  const ses = {
    send: async (command: {
      input: {
        Destination?: { ToAddresses?: string[]; CcAddresses?: string[] };
        Message?: { Subject?: { Data?: string }; Body?: { Text?: { Data?: string } } };
      };
    }) => {
      const i = command.input;
      sent.push({
        to: i.Destination?.ToAddresses ?? [],
        cc: i.Destination?.CcAddresses ?? [],
        subject: i.Message?.Subject?.Data ?? '',
        text: i.Message?.Body?.Text?.Data ?? '',
      });
      return { MessageId: `m-${sent.length}` };
    },
  } as unknown as SESClient;
  return { ses, sent };
}

const tokenRole = async (text: string) => {
  const token = /\/portal\/t\/([\w.-]+)/.exec(text)![1]!;
  const check = await verifyTaskToken(SECRET, token);
  return check.ok ? check.claims.rol : check.reason;
};

describe('copied messages (R-EW-1 copies the PA)', () => {
  it('the addressee and each copied reader get their own message with their own sign-in links; a retry sends nothing', async () => {
    const { ses, sent } = capturingSes();
    const sender = createEmailSender({
      ses,
      from: 'casc@example.edu',
      ledger: createMemoryLedger(),
      taskLinks: { portalUrl: 'http://127.0.0.1:8787', secret: SECRET, ttlDays: 14 },
    });
    const email = {
      idempotencyKey: 'wf-1:earlyWarning.1:candidate',
      template: 'earlyWarning.notice.candidate' as const,
      data: {
        ...samples['earlyWarning.notice.candidate'],
        detailsUrl: 'https://old.example/portal/rossier-ana/assignments',
      },
      to: ANA,
      cc: [PA],
    };
    expect(await sender.sendNotification(email)).toEqual({ status: 'sent', messageId: 'm-1' });
    expect(sent.map((m) => [m.to, m.cc])).toEqual([
      [['=?UTF-8?B?QW5hIETDrWF6?= <ana@example.org>'], []],
      [['"Pat Tran" <pat@example.edu>'], []],
    ]);
    expect(sent[1]!.subject).toBe(`Copy: ${sent[0]!.subject}`);
    expect(sent[1]!.text.startsWith('A copy for you of the message sent to Ana Díaz.')).toBe(true);
    expect([await tokenRole(sent[0]!.text), await tokenRole(sent[1]!.text)]).toEqual(['candidate', 'pa']);
    expect(await sender.sendNotification(email)).toEqual({ status: 'alreadySent', messageId: 'm-1' });
    expect(sent).toHaveLength(2);
  });
});
