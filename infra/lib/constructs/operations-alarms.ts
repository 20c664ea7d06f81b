import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { WORKER_METRICS } from '../../../bin/worker-ops';
import type { InductionWorkerService } from './induction-worker-service';

/** Work waiting this long (p95) for 5 minutes means the workers cannot keep up, even scaled out. */
export const SCHEDULE_TO_START_ALARM_MS = 10_000;

/** SES puts an account under review at a 5 % bounce rate and 0.1 % complaint rate. */
export const SES_BOUNCE_RATE_REVIEW = 0.05;
export const SES_COMPLAINT_RATE_REVIEW = 0.001;

export interface OperationsAlarmsProps {
  /**
   * Address subscribed to the alarm topic (the subscriber must confirm the SNS email).
   * @default - no subscription; subscribe a pager or chat integration to `topic` yourself
   */
  readonly alarmEmail?: string;
  /**
   * Prefix of every alarm name, so alarms of several stages stay apart.
   * @default 'casc'
   */
  readonly alarmNamePrefix?: string;
}

/**
 * The alarm topic plus intent-named alarms on it. Every alarm notifies on ALARM and on OK, so a
 * recovery is visible without opening the console.
 */
export class OperationsAlarms extends Construct {
  public readonly topic: sns.Topic;
  public readonly alarms: cloudwatch.Alarm[] = [];
  private readonly prefix: string;

  constructor(scope: Construct, id: string, props: OperationsAlarmsProps = {}) {
    super(scope, id);
    this.prefix = props.alarmNamePrefix ?? 'casc';
    const key = new kms.Key(this, 'TopicKey', { description: 'CASC alarm topic', enableKeyRotation: true });
    // CloudWatch cannot publish to a topic encrypted with the AWS-managed SNS key, hence our own.
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'CASC induction alarms',
      masterKey: key,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
  }

  /** The worker service has no running task for 3 minutes: no timers fire, no emails go out. */
  public alarmWhenWorkerStops(worker: InductionWorkerService): cloudwatch.Alarm {
    return this.add('WorkerNotRunning', {
      alarmDescription: 'No CASC worker task is running: workflows are not progressing and no email is sent.',
      metric: worker.metricRunningTasks({ statistic: 'Minimum' }),
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      threshold: 1,
      evaluationPeriods: 3,
      // No Container Insights data means no task reported: that is the outage we look for.
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
  }

  /** Fewer tasks than desired for 10 minutes: tasks crash-loop or cannot be placed. */
  public alarmWhenWorkerBelowDesired(worker: InductionWorkerService): cloudwatch.Alarm {
    const shortfall = new cloudwatch.MathExpression({
      expression: 'desired - running',
      usingMetrics: { desired: worker.metricDesiredTasks(), running: worker.metricRunningTasks() },
      period: Duration.minutes(1),
      label: 'Worker tasks missing',
    });
    return this.add('WorkerBelowDesired', {
      alarmDescription: 'CASC worker tasks keep failing to start or stay up (running < desired for 10 min).',
      metric: shortfall,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      threshold: 1,
      evaluationPeriods: 10,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }

  /** The worker logs errors (failed activities, workflow task failures) in bursts. */
  public alarmOnWorkerErrors(worker: InductionWorkerService, threshold = 5): cloudwatch.Alarm {
    return this.add('WorkerErrors', {
      alarmDescription: `The CASC worker logged ${threshold} or more ERROR lines within 5 minutes.`,
      metric: worker.metricErrorLogs({ period: Duration.minutes(5) }),
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      threshold,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }

  /**
   * The main queue's schedule-to-start latency stays above 10 s for 5 minutes: work is waiting
   * for workers although autoscaling had time to react (at its maximum, or tasks not polling).
   */
  public alarmOnScheduleToStartLatency(
    worker: InductionWorkerService,
    thresholdMs = SCHEDULE_TO_START_ALARM_MS,
  ): cloudwatch.Alarm {
    return this.add('ScheduleToStartLatency', {
      alarmDescription: `Temporal tasks on ${worker.taskQueue} waited more than ${thresholdMs / 1000} s (p95) for a worker, 5 minutes in a row.`,
      metric: worker.metricScheduleToStartLatency(),
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      threshold: thresholdMs,
      evaluationPeriods: 5,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }

  /** Any workflow task failure in 5 minutes: a workflow bug or nondeterminism blocks a candidate. */
  public alarmOnWorkflowTaskFailures(worker: InductionWorkerService): cloudwatch.Alarm {
    return this.add('WorkflowTaskFailures', {
      alarmDescription: `Workflow tasks failed on ${worker.taskQueue} (the SDK's workflow_task_execution_failed): those workflows do not progress until the code is fixed.`,
      metric: worker.metricSdk(WORKER_METRICS.workflowTaskFailures, worker.taskQueue, {
        statistic: 'Sum',
        period: Duration.minutes(5),
      }),
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      threshold: 1,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }

  /** Activity attempts failing in bursts on one task queue (records on the main one, email on `-email`). */
  public alarmOnActivityFailures(
    worker: InductionWorkerService,
    taskQueue: string,
    name: string,
    threshold = 5,
  ): cloudwatch.Alarm {
    return this.add(name, {
      alarmDescription: `${threshold} or more activity attempts failed on ${taskQueue} within 5 minutes (the SDK's activity_execution_failed; Temporal retries them).`,
      metric: worker.metricSdk(WORKER_METRICS.activityFailures, taskQueue, {
        statistic: 'Sum',
        period: Duration.minutes(5),
      }),
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      threshold,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }

  /** A message reached a dead-letter queue (e.g. the SES events DLQ): an event was not applied. */
  public alarmOnDeadLetters(queue: sqs.IQueue, name = 'SesEventsDeadLetters'): cloudwatch.Alarm {
    return this.add(name, {
      alarmDescription:
        'Messages are waiting in a dead-letter queue: events the consumer could not apply (inspect, fix, redrive).',
      metric: queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: Duration.minutes(5) }),
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      threshold: 1,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }

  /** Any invocation error of the function within 5 minutes. */
  public alarmOnFunctionErrors(fn: lambda.IFunction, name = 'ApiErrors'): cloudwatch.Alarm {
    return this.add(name, {
      alarmDescription: 'The CASC API function returned errors (unhandled exceptions, timeouts) in the last 5 minutes.',
      metric: fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      threshold: 0,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }

  /** The account's SES bounce rate reaches the level at which SES reviews the account. */
  public alarmOnBounceRate(threshold = SES_BOUNCE_RATE_REVIEW): cloudwatch.Alarm {
    return this.add('SesBounceRate', {
      alarmDescription: `SES account bounce rate is above ${threshold * 100} %; SES reviews the account at 5 % and may pause sending at 10 %.`,
      metric: sesReputationMetric('Reputation.BounceRate'),
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      threshold,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }

  /** The account's SES complaint rate reaches the level at which SES reviews the account. */
  public alarmOnComplaintRate(threshold = SES_COMPLAINT_RATE_REVIEW): cloudwatch.Alarm {
    return this.add('SesComplaintRate', {
      alarmDescription: `SES account complaint rate is above ${threshold * 100} %; SES reviews the account at 0.1 %.`,
      metric: sesReputationMetric('Reputation.ComplaintRate'),
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      threshold,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }

  private add(id: string, props: Omit<cloudwatch.AlarmProps, 'alarmName' | 'actionsEnabled'>): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, id, { ...props, alarmName: `${this.prefix}-${id}` });
    const action = new actions.SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.alarms.push(alarm);
    return alarm;
  }
}

/** SES publishes account reputation as a rate (0..1), without dimensions, roughly hourly. */
function sesReputationMetric(metricName: string): cloudwatch.Metric {
  return new cloudwatch.Metric({ namespace: 'AWS/SES', metricName, statistic: 'Maximum', period: Duration.hours(1) });
}
