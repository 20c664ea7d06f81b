// SES event notifications as the configuration set publishes them (event publishing format), for tests.
import { encodeCandidateTag } from '../../domain/notifications/candidate-tag';

/** A bounce of `to` for a message tagged with candidate `key` (no tag without one). */
export function sesBounce(o: {
  key?: string;
  to: string[];
  type?: 'Permanent' | 'Transient';
  messageId?: string;
}): Record<string, unknown> {
  return {
    eventType: 'Bounce',
    bounce: {
      bounceType: o.type ?? 'Permanent',
      bounceSubType: o.type === 'Transient' ? 'MailboxFull' : 'General',
      bouncedRecipients: o.to.map((emailAddress) => ({
        emailAddress,
        action: 'failed',
        status: '5.1.1',
        diagnosticCode: 'smtp; 550 5.1.1 user unknown',
      })),
      timestamp: '2027-06-16T15:00:05.000Z',
      feedbackId: '0100018c-feedback-000000',
      reportingMTA: 'dsn; a1-2.smtp-out.us-west-2.amazonses.com',
    },
    mail: {
      timestamp: '2027-06-16T15:00:00.000Z',
      source: 'induction@casc.example.org',
      sendingAccountId: '111122223333',
      messageId: o.messageId ?? '0100018c7f1e2a3b-11112222-3333-4444-5555-666677778888-000000',
      destination: o.to,
      headersTruncated: false,
      tags: {
        'ses:configuration-set': ['casc-induction'],
        template: ['deadline_reminder_coach'],
        ...(o.key ? { candidate: [encodeCandidateTag(o.key)] } : {}),
      },
    },
  };
}
