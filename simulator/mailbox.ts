// The email side of a simulation: the project's own email activity (activities/email) — batch
// validation, the addressing rules, rendering with the real templates, calendar invitations, MIME,
// the idempotency ledger — with an injected SES that delivers in memory, so nothing leaves the
// process. The simulator is about the timeline, not delivery: what went out is recorded.
import { activityInfo } from '@temporalio/activity';
import { createEmailActivities, createMemoryLedger, type SentLedger, type TSesSender } from '../activities/email';

type EmailActivities = ReturnType<typeof createEmailActivities>;
type TNotification = Parameters<EmailActivities['sendNotifications']>[0][number];

export type TRecordedEmail = TNotification & {
  /** The workflow that asked for it (one per candidate). */
  workflowId: string;
  /** When the activity was scheduled, on the server's (skipped) clock. */
  at: number;
  subject: string;
  /** Set when the activity ruled the message out (its template rejected the data, or a copy was not allowed). */
  renderProblem?: string;
};

export interface TMailbox {
  sent: TRecordedEmail[];
  activities: Pick<EmailActivities, 'sendNotifications'>;
}

/** The sender of simulated mail: a reserved domain (RFC 2606), since nothing is ever delivered. */
export const SIMULATION_SENDER = '"CASC Induction" <casc-induction@simulation.invalid>';

/**
 * An SES that delivers in this process: each send is answered at once with a fresh MessageId. Injected
 * in place of the SDK's SESClient (TSesSender in activities/email/ses.ts), so no request is built,
 * signed or sent: a simulation sends tens of thousands of messages, and the SDK's client, ended
 * in-process by a middleware, made 1,000 lifecycles take 30.0 s instead of 26.6 s.
 */
export function inProcessSes(): TSesSender {
  let messages = 0;
  return { send: async () => ({ MessageId: `sim-${++messages}` }) };
}

export function createRecordingMailbox(sent: TRecordedEmail[] = []): TMailbox {
  // The activity claims each send in its ledger with the subject it rendered, just before SES.
  const subjects = new Map<string, string>();
  const memory = createMemoryLedger();
  const ledger: SentLedger = {
    ...memory,
    async claim(key, claim) {
      subjects.set(key, claim.subject);
      await memory.claim!(key, claim);
    },
  };
  const email = createEmailActivities({ ses: inProcessSes(), from: SIMULATION_SENDER, ledger });
  return {
    sent,
    activities: {
      async sendNotifications(batch) {
        const { workflowExecution, currentAttemptScheduledTimestampMs: at } = activityInfo();
        const workflowId = workflowExecution?.workflowId ?? 'unknown';
        const results = await email.sendNotifications(batch);
        results.forEach((result, i) => {
          const n = batch[i]!;
          if (result.status === 'sent') {
            sent.push({ ...n, workflowId, at, subject: subjects.get(n.idempotencyKey) ?? '' });
            subjects.delete(n.idempotencyKey);
          } else if (result.status === 'failedPermanently')
            sent.push({ ...n, workflowId, at, subject: '', renderProblem: result.detail ?? result.reason });
        });
        return results;
      },
    },
  };
}
