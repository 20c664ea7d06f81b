// Locally (moto) and in tests: the SNS topic SES would publish to, the SQS queue subscribed to it
// with raw message delivery, and the queue's dead-letter queue (five receives), created when
// missing. In AWS the stack makes these (infra/lib/constructs/ses-events.ts).
import { CreateTopicCommand, SubscribeCommand, type SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { CANDIDATE_TAG, encodeCandidateTag } from '../../domain/notifications/candidate-tag';

export const MAX_RECEIVES = 5;

export interface TSesEventsPlumbing {
  topicArn: string;
  queueUrl: string;
  deadLetterQueueUrl: string;
}

export async function ensureSesEventsPlumbing(o: {
  sns: Pick<SNSClient, 'send'>;
  sqs: Pick<SQSClient, 'send'>;
  topicName: string;
  queueName: string;
  visibilityTimeoutSeconds?: number;
}): Promise<TSesEventsPlumbing> {
  const { TopicArn: topicArn } = await o.sns.send(new CreateTopicCommand({ Name: o.topicName }));
  const { QueueUrl: deadLetterQueueUrl } = await o.sqs.send(
    new CreateQueueCommand({ QueueName: `${o.queueName}-dlq`, Attributes: { SqsManagedSseEnabled: 'true' } }),
  );
  const dlqArn = (
    await o.sqs.send(new GetQueueAttributesCommand({ QueueUrl: deadLetterQueueUrl, AttributeNames: ['QueueArn'] }))
  ).Attributes?.QueueArn;
  const { QueueUrl: queueUrl } = await o.sqs.send(
    new CreateQueueCommand({
      QueueName: o.queueName,
      Attributes: {
        SqsManagedSseEnabled: 'true',
        VisibilityTimeout: String(o.visibilityTimeoutSeconds ?? 60),
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: MAX_RECEIVES }),
      },
    }),
  );
  const queueArn = (
    await o.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }))
  ).Attributes?.QueueArn;
  if (!topicArn || !queueUrl || !deadLetterQueueUrl || !queueArn)
    throw new Error('ses-events: SNS/SQS did not return the topic and queues');
  // Subscribing again with the same attributes returns the existing subscription.
  await o.sns.send(
    new SubscribeCommand({
      TopicArn: topicArn,
      Protocol: 'sqs',
      Endpoint: queueArn,
      Attributes: { RawMessageDelivery: 'true' },
      ReturnSubscriptionArn: true,
    }),
  );
  return { topicArn, queueUrl, deadLetterQueueUrl };
}

/** An SES permanent-bounce event (event publishing format) for a message about candidate `key` to `address`: the local stand-in for a real bounce. */
export function simulatedBounce(key: string, address: string, nowMs = Date.now()): Record<string, unknown> {
  const at = new Date(nowMs).toISOString();
  const messageId = `local-${nowMs.toString(16)}-${Math.random().toString(16).slice(2, 10)}-000000`;
  return {
    eventType: 'Bounce',
    bounce: {
      bounceType: 'Permanent',
      bounceSubType: 'General',
      bouncedRecipients: [
        {
          emailAddress: address,
          action: 'failed',
          status: '5.1.1',
          diagnosticCode: 'smtp; 550 5.1.1 user unknown (simulated)',
        },
      ],
      timestamp: at,
      feedbackId: `${messageId}-feedback`,
      reportingMTA: 'dsn; localhost',
    },
    mail: {
      timestamp: at,
      source: 'casc-induction@localhost',
      messageId,
      destination: [address],
      headersTruncated: false,
      tags: { [CANDIDATE_TAG]: [encodeCandidateTag(key)] },
    },
  };
}
