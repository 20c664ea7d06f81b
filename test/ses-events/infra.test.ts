// Issue #17.3 in AWS: the configuration set's SNS topic → an encrypted SQS queue (Bounce and
// Complaint only, raw delivery) with a dead-letter queue after five receives → the consumer
// function, which reports failed batch items and reaches Temporal Cloud like the API does.
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { SES_EVENTS_MAX_RECEIVES } from '../../infra/lib/constructs/ses-events';
import { MAX_RECEIVES } from '../../functions/ses-events/plumbing';
import { buildTestApp } from '../infra/support';

const { runtime } = buildTestApp();
const t = Template.fromStack(runtime);

describe('SES events consumer (runtime stack)', () => {
  it('R-NOT: two SSE queues; the main one redrives to the other after 5 receives, locally the same number', () => {
    expect(SES_EVENTS_MAX_RECEIVES).toBe(5);
    expect(MAX_RECEIVES).toBe(SES_EVENTS_MAX_RECEIVES);
    const queues = t.findResources('AWS::SQS::Queue');
    expect(
      Object.values(queues).map(
        (q) => (q as { Properties: { SqsManagedSseEnabled?: boolean } }).Properties.SqsManagedSseEnabled,
      ),
    ).toEqual([true, true]);
    t.hasResourceProperties('AWS::SQS::Queue', {
      VisibilityTimeout: 1800,
      RedrivePolicy: { deadLetterTargetArn: Match.anyValue(), maxReceiveCount: 5 },
    });
  });

  it('R-NOT: the topic delivers only Bounce and Complaint events, raw, to the queue', () => {
    t.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'sqs',
      RawMessageDelivery: true,
      FilterPolicyScope: 'MessageBody',
      FilterPolicy: { eventType: ['Bounce', 'Complaint'] },
    });
  });

  it('R-NOT: the function consumes the queue reporting failed items, with the Temporal Cloud settings', () => {
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    t.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('SES bounce and complaint'),
      Environment: {
        Variables: Match.objectLike({
          TEMPORAL_TLS: 'true',
          TEMPORAL_API_KEY_SECRET_ARN: Match.anyValue(),
          CASC_TASK_QUEUE: Match.anyValue(),
        }),
      },
    });
  });

  it('R-NOT: a message in the dead-letter queue raises an alarm on the alarm topic', () => {
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: Match.stringLikeRegexp('SesEventsDeadLetters'),
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Threshold: 1,
    });
  });
});
