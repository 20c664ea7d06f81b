// The SQS side of the consumer: one long poll (locally, bin/ses-events.ts loops over it) and the
// Lambda batch (SQS event source in AWS, lambda.ts). A message is deleted only after it was handled;
// a failure leaves it to reappear after the visibility timeout, and the queue's redrive policy moves
// it to the dead-letter queue after five receives.
import { DeleteMessageCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { handleSesMessage, type SesEventsDeps, type TOutcome } from './consumer';

export interface TPollResult {
  received: number;
  handled: TOutcome[];
  /** Left on the queue for redelivery (their SQS message ids). */
  failed: string[];
}

export interface SesQueueDeps extends SesEventsDeps {
  sqs: Pick<SQSClient, 'send'>;
  queueUrl: string;
  /** Seconds a receive waits for a message (long poll); 0 returns at once. */
  waitSeconds?: number;
}

/** Receives up to 10 messages, handles each, deletes the ones handled. */
export async function pollOnce(deps: SesQueueDeps): Promise<TPollResult> {
  const log = deps.log ?? (() => undefined);
  const out = await deps.sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: deps.queueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: deps.waitSeconds ?? 20,
      MessageSystemAttributeNames: ['ApproximateReceiveCount'],
    }),
  );
  const result: TPollResult = { received: out.Messages?.length ?? 0, handled: [], failed: [] };
  for (const m of out.Messages ?? []) {
    try {
      result.handled.push(await handleSesMessage(m.Body ?? '', deps));
      await deps.sqs.send(new DeleteMessageCommand({ QueueUrl: deps.queueUrl, ReceiptHandle: m.ReceiptHandle }));
    } catch (err) {
      result.failed.push(m.MessageId ?? '');
      log('ses-events: failed; left for redelivery', {
        sqsMessageId: m.MessageId ?? '',
        receiveCount: m.Attributes?.ApproximateReceiveCount ?? '',
        error: err instanceof Error ? err.name : 'error',
      });
    }
  }
  return result;
}

/** The Lambda's answer to an SQS batch: the messages to redeliver (ReportBatchItemFailures). */
export interface TSqsBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

export async function handleSqsBatch(
  records: readonly { messageId: string; body: string }[],
  deps: SesEventsDeps,
): Promise<TSqsBatchResponse> {
  const log = deps.log ?? (() => undefined);
  const batchItemFailures: { itemIdentifier: string }[] = [];
  for (const r of records) {
    try {
      await handleSesMessage(r.body, deps);
    } catch (err) {
      batchItemFailures.push({ itemIdentifier: r.messageId });
      log('ses-events: failed; left for redelivery', {
        sqsMessageId: r.messageId,
        error: err instanceof Error ? err.name : 'error',
      });
    }
  }
  return { batchItemFailures };
}
