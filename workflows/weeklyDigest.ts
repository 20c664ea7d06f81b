// One long-running workflow per program (`digest-<programId>`): it sleeps until the policy's digest
// moment (digest.weekday at sendAt, program time), collects the program's digest groups, sends one
// email per coach and per program administrator, and continues as new — so each run's history is a
// dozen events however many years the program runs. With the digest off it simply ends.
import { ActivityFailure, continueAsNew, log, proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { createDigestActivities } from '../activities/digest';
import type { createEmailActivities } from '../activities/email';
import { localDateOf, type TLocalDate } from '../domain/calendar/dates';
import { digestEmails, nextDigestAt } from '../domain/notifications/digest';
import type { TProgramPolicy } from '../domain/policy/policy';

type DigestActivities = ReturnType<typeof createDigestActivities>;
type EmailActivities = ReturnType<typeof createEmailActivities>;

export interface TWeeklyDigestInput {
  programId: string;
  policy: TProgramPolicy;
  portalUrl: string;
}

export interface TWeeklyDigestOutcome {
  reason: 'digestDisabled';
}

// Timeouts declared once. A digest that cannot be gathered within hours is skipped for the week
// rather than sent days late; the next week's digest lists the same deadlines again.
const digestActivities = () =>
  proxyActivities<DigestActivities>({
    startToCloseTimeout: '10 minutes',
    heartbeatTimeout: '2 minutes',
    scheduleToCloseTimeout: '6 hours',
    retry: { initialInterval: '30s', backoffCoefficient: 2, maximumInterval: '30 minutes' },
  });
// Same queue and retry policy as the candidate workflow's email (rate limited to the SES send rate).
const emailActivities = () =>
  proxyActivities<EmailActivities>({
    taskQueue: `${workflowInfo().taskQueue}-email`,
    startToCloseTimeout: '2 minutes',
    scheduleToCloseTimeout: '12 hours',
    retry: {
      initialInterval: '5s',
      backoffCoefficient: 2,
      maximumInterval: '30 minutes',
      nonRetryableErrorTypes: ['EmailInvalidBatch'],
    },
  });

const BATCH = 100;

const now = () => Date.now();

export async function weeklyDigest(input: TWeeklyDigestInput): Promise<TWeeklyDigestOutcome> {
  const { programId, policy, portalUrl } = input;
  if (!policy.notifications.digest.enabled) return { reason: 'digestDisabled' };

  // Two turns, one clock reading each: when to wake, then the day it woke on.
  const startedAt = now();
  const at = nextDigestAt(startedAt, policy);
  await sleep(Math.max(1, at - startedAt));
  const asOf: TLocalDate = localDateOf(now(), policy.timeZone);
  await sendDigest(asOf);
  return await continueAsNew<typeof weeklyDigest>(input);

  async function sendDigest(asOf: TLocalDate): Promise<void> {
    const { collectDigests } = digestActivities();
    const { sendNotifications } = emailActivities();
    try {
      const groups = await collectDigests({ programId, asOf });
      const emails = digestEmails(groups, { programId, programName: policy.name, asOf, portalUrl });
      for (let i = 0; i < emails.length; i += BATCH) await sendNotifications(emails.slice(i, i + BATCH));
    } catch (err) {
      // Only give-ups reach here (timeouts, a message that can never render): skip this week, keep the program's digest alive.
      if (!(err instanceof ActivityFailure)) throw err;
      log.warn('weekly digest skipped', { programId, asOf, error: err.cause?.message ?? err.message });
    }
  }
}
