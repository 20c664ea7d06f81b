// The email activity the workflow calls once per due moment with everything due at that moment.
import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import { ZOutgoingBatch, type TOutgoingEmail, type TSendResult } from '../../domain/notifications';
import { EMAIL_INVALID_BATCH, isPermanentEmailFailure, permanentFailureDetails } from './errors';
import { createEmailSender, type EmailSenderDeps, type TUncheckedEmail } from './ses';
import { createRateLimiter } from './rate';

export interface EmailActivityDeps extends Omit<EmailSenderDeps, 'rateLimiter'> {
  /** Emails per second for this worker (SES_MAX_SEND_RATE); unset means unpaced. */
  maxSendRate?: number;
}

export function createEmailActivities(deps: EmailActivityDeps) {
  const { maxSendRate, ...senderDeps } = deps;
  const sender = createEmailSender({
    ...senderDeps,
    ...(maxSendRate ? { rateLimiter: createRateLimiter(maxSendRate) } : {}),
  });

  return {
    /**
     * Sends each notification at most once (by idempotency key). A recipient SES will never accept
     * is reported in the results, so one bad address does not hold back the others; a transient
     * failure throws, Temporal retries the activity and the ledger skips what already went out.
     */
    async sendNotifications(batch: TOutgoingEmail[]): Promise<TSendResult[]> {
      const parsed = ZOutgoingBatch.safeParse(batch);
      if (!parsed.success) {
        throw ApplicationFailure.nonRetryable(
          `sendNotifications: invalid batch: ${z.prettifyError(parsed.error)}`,
          EMAIL_INVALID_BATCH,
        );
      }
      const results: TSendResult[] = [];
      const seen = new Map<string, TSendResult>();
      for (const item of parsed.data as TUncheckedEmail[]) {
        const earlier = seen.get(item.idempotencyKey);
        if (earlier) {
          results.push(earlier.status === 'sent' ? { ...earlier, status: 'alreadySent' } : earlier);
          continue;
        }
        const result = await sendItem(item);
        seen.set(item.idempotencyKey, result);
        results.push(result);
      }
      return results;
    },
  };

  async function sendItem(item: TUncheckedEmail): Promise<TSendResult> {
    try {
      const outcome = await sender.sendNotification(item);
      return { idempotencyKey: item.idempotencyKey, status: outcome.status, messageId: outcome.messageId };
    } catch (error) {
      if (!isPermanentEmailFailure(error)) throw error;
      const details = permanentFailureDetails(error);
      return {
        idempotencyKey: item.idempotencyKey,
        status: 'failedPermanently',
        reason: details?.reason ?? 'messageRejected',
        detail: error.message,
      };
    }
  }
}

export { createEmailSender, type EmailSenderDeps, type TSendOutcome, type TSesSender } from './ses';
export { createFileLedger, createMemoryLedger, type SentLedger, type TSendClaim } from './ledger';
export { createLocalStoreProbe, type DeliveryProbe } from './delivery-probe';
export { classifySesError, EMAIL_INVALID_BATCH, EMAIL_PERMANENT_FAILURE, EMAIL_TRANSIENT_FAILURE } from './errors';
export { createSesClient, readEmailConfig, type TEmailConfig } from './config';
