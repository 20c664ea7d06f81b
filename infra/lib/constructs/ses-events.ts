import * as path from 'node:path';
import { Duration, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { REPO_ROOT } from './induction-worker-service';
import { API_RUNTIME } from './program-api';
import type { TemporalCloudConnection } from './temporal-cloud-connection';

/** Receives before a message that keeps failing moves to the dead-letter queue (functions/ses-events/plumbing.ts locally). */
export const SES_EVENTS_MAX_RECEIVES = 5;

/** The SES events the consumer acts on; the subscription lets no other event type through. */
export const CONSUMED_SES_EVENTS = ['Bounce', 'Complaint'] as const;

export interface SesEventsConsumerProps {
  /** The configuration set's event topic (ProgramEmailIdentity.eventsTopic). */
  readonly topic: sns.ITopic;
  /** Temporal Cloud connection; the function records events on the candidates' workflows. */
  readonly temporal: TemporalCloudConnection;
  /** Non-secret configuration (CASC_TASK_QUEUE, CASC_PAYLOAD_KEYS…). */
  readonly environment?: Record<string, string>;
  /**
   * Ready-made code with `index.handler` (tests pass inline code so synth runs no esbuild).
   * @default - functions/ses-events/lambda.ts bundled with esbuild at synth time
   */
  readonly code?: lambda.Code;
  /**
   * Function log retention.
   * @default logs.RetentionDays.THREE_MONTHS
   */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * SES bounce and complaint events → the candidate's record (issue #17.3): the configuration set's
 * SNS topic delivers Bounce and Complaint events (a filter on the message body; raw delivery) to an
 * encrypted SQS queue; a Lambda function consumes it in batches, reporting failed items so only
 * they are retried; a message that fails five receives moves to the dead-letter queue.
 */
export class SesEventsConsumer extends Construct implements iam.IGrantable {
  public readonly queue: sqs.Queue;
  public readonly deadLetterQueue: sqs.Queue;
  public readonly function: lambda.Function;

  constructor(scope: Construct, id: string, props: SesEventsConsumerProps) {
    super(scope, id);
    // A batch of 10 where Temporal is unreachable takes ~20 s a message before each fails; the batch must still answer.
    const timeout = Duration.minutes(5);

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Long enough to inspect, fix and redrive after a holiday.
      retentionPeriod: Duration.days(14),
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // AWS's guidance for a Lambda event source: six times the function timeout.
      visibilityTimeout: Duration.seconds(timeout.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: SES_EVENTS_MAX_RECEIVES },
    });

    props.topic.addSubscription(
      new subscriptions.SqsSubscription(this.queue, {
        rawMessageDelivery: true,
        filterPolicyWithMessageBody: {
          eventType: sns.FilterOrPolicy.filter(
            sns.SubscriptionFilter.stringFilter({ allowlist: [...CONSUMED_SES_EVENTS] }),
          ),
        },
      }),
    );

    const functionLogs = new logs.LogGroup(this, 'FunctionLogs', {
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
    });
    // An explicit role instead of AWSLambdaBasicExecutionRole: writes to its own log group only.
    const role = new iam.Role(this, 'FunctionRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'CASC SES-events consumer',
    });
    functionLogs.grantWrite(role);
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level permissions.',
    });

    const common = {
      runtime: API_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 256,
      timeout,
      tracing: lambda.Tracing.ACTIVE,
      loggingFormat: lambda.LoggingFormat.JSON,
      logGroup: functionLogs,
      role,
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      description: "CASC: SES bounce and complaint events → the candidates' records",
    };
    this.function = props.code
      ? new lambda.Function(this, 'Function', { ...common, code: props.code, handler: 'index.handler' })
      : new nodejs.NodejsFunction(this, 'Function', {
          ...common,
          entry: path.join(REPO_ROOT, 'functions', 'ses-events', 'lambda.ts'),
          handler: 'handler',
          projectRoot: REPO_ROOT,
          depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
          bundling: { minify: true, sourceMap: true, target: 'node24', format: nodejs.OutputFormat.CJS },
        });
    props.temporal.connectFunction(this.function);
    // Failed items only are retried (functions/ses-events/queue.ts handleSqsBatch).
    this.function.addEventSource(new SqsEventSource(this.queue, { batchSize: 10, reportBatchItemFailures: true }));
  }

  /** The function's role, for grants (the payload key…). */
  public get grantPrincipal(): iam.IPrincipal {
    return this.function.grantPrincipal;
  }
}
