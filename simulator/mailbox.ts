// The email side of a simulation: an activity with the real sendNotifications signature that
// renders every message with the real templates (so a template/data mismatch shows up) and records
// it instead of calling SES — the simulator is about the timeline, not delivery.
import { activityInfo } from '@temporalio/activity';
import type { createEmailActivities } from '../activities/email';
import { renderTemplate, type TSendResult } from '../domain/notifications';

type EmailActivities = ReturnType<typeof createEmailActivities>;
type TNotification = Parameters<EmailActivities['sendNotifications']>[0][number];

export type TRecordedEmail = TNotification & {
  /** The workflow that asked for it (one per candidate). */
  workflowId: string;
  /** When the activity was scheduled, on the server's (skipped) clock. */
  at: number;
  subject: string;
  /** Set when the template rejected its data; the workflow is told the send failed permanently. */
  renderProblem?: string;
};

export interface TMailbox {
  sent: TRecordedEmail[];
  activities: Pick<EmailActivities, 'sendNotifications'>;
}

export function createRecordingMailbox(): TMailbox {
  const sent: TRecordedEmail[] = [];
  return {
    sent,
    activities: {
      async sendNotifications(batch) {
        const { workflowExecution, currentAttemptScheduledTimestampMs: at } = activityInfo();
        const workflowId = workflowExecution?.workflowId ?? 'unknown';
        return batch.map((n): TSendResult => {
          try {
            const { subject } = renderTemplate(n.template, n.data);
            sent.push({ ...n, workflowId, at, subject });
            return { idempotencyKey: n.idempotencyKey, status: 'sent', messageId: `sim-${sent.length}` };
          } catch (e) {
            // Reported, not thrown: a throw would be retried for ever on the skipped clock.
            const renderProblem = (e as Error).message;
            sent.push({ ...n, workflowId, at, subject: '', renderProblem });
            return {
              idempotencyKey: n.idempotencyKey,
              status: 'failedPermanently',
              reason: 'invalidMessage',
              detail: renderProblem,
            };
          }
        });
      },
    },
  };
}
