// Activity proxies, one definition per task queue: timeouts, retries and non-retryable error types
// are declared here once and shared by every workflow.
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { createEmailActivities } from '../activities/email';
import type { createArchiveActivities } from '../activities/archive';
import type { createHandoffActivities } from '../activities/handoff';

type EmailActivities = ReturnType<typeof createEmailActivities>;
type RecordActivities = ReturnType<typeof createHandoffActivities> & ReturnType<typeof createArchiveActivities>;
export type TEmailBatch = Parameters<EmailActivities['sendNotifications']>[0];

/** Email goes to its own task queue (`<queue>-email`) so its worker can be rate limited to the SES send rate. */
export const emailActivities = () =>
  proxyActivities<EmailActivities>({
    taskQueue: `${workflowInfo().taskQueue}-email`,
    startToCloseTimeout: '2 minutes',
    retry: {
      initialInterval: '5s',
      backoffCoefficient: 2,
      maximumInterval: '30 minutes',
      nonRetryableErrorTypes: ['EmailInvalidBatch'],
    },
  });

/** Records (handoff packets, archives) run on the workflow's own queue. */
export const recordActivities = () =>
  proxyActivities<RecordActivities>({
    startToCloseTimeout: '1 minute',
    retry: {
      initialInterval: '5s',
      backoffCoefficient: 2,
      maximumInterval: '10 minutes',
      nonRetryableErrorTypes: ['HandoffInvalid', 'ArchiveInvalid'],
    },
  });
