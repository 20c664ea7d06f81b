import * as path from 'node:path';
import { Duration, Validations } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Platform } from 'aws-cdk-lib/aws-ecr-assets';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  HEALTH_CHECK_COMMAND,
  HEALTH_CHECK_TIMING,
  HEALTH_PORT,
  TASK_QUEUE_DIMENSION,
  WORKER_DRAIN,
  WORKER_METRICS,
} from '../../../bin/worker-ops';
import type { TemporalCloudConnection } from './temporal-cloud-connection';

/**
 * Step scaling on the main task queue's schedule-to-start latency (p95, ms; the larger of
 * workflow tasks and activities, the highest of any task): how long work waits for a free worker.
 * The email queue is left out on purpose: the server holds its activities back to the SES rate
 * (maxTaskQueueActivitiesPerSecond), so its wait says nothing about worker capacity.
 */
export const SCALING_STEPS_MS = { scaleInBelow: 50, scaleOutAbove: 1000, scaleOutFastAbove: 5000 } as const;

/** The repository root: the Docker build context of the worker image (see /Dockerfile). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

export interface InductionWorkerServiceProps {
  /** VPC with private subnets that have egress (the worker dials out to Temporal Cloud and SES). */
  readonly vpc: ec2.IVpc;
  /** Temporal Cloud address, namespace and API key secret. */
  readonly temporal: TemporalCloudConnection;
  /** Non-secret configuration (CONTRACTS.md names), e.g. CASC_TASK_QUEUE, SES_FROM, CASC_BUCKET. */
  readonly environment: Record<string, string>;
  /**
   * The worker image.
   * @default - built at deploy time from the repository's Dockerfile (`ContainerImage.fromAsset`);
   *            synth only stages the build context, it never calls docker
   */
  readonly image?: ecs.ContainerImage;
  /**
   * Task CPU units (256 = 0.25 vCPU).
   * @default 256
   */
  readonly cpu?: number;
  /**
   * Task memory. The image carries the prebuilt workflow bundle, so no webpack at start (peak RSS
   * measured ~365 MB with it, ~560 MB without); the workflow cache (500 × ~2.7 MiB) needs the rest.
   * @default 1024
   */
  readonly memoryLimitMiB?: number;
  /**
   * CPU architecture of the task (the image must be built for it).
   * @default ecs.CpuArchitecture.X86_64 - builds on any CI runner without emulation
   */
  readonly cpuArchitecture?: ecs.CpuArchitecture;
  /**
   * Fewest tasks; 1 keeps timers firing and emails flowing at all times. 0 parks the service
   * (desired count 0), e.g. until the Temporal API key is in its secret.
   * @default 1
   */
  readonly minTasks?: number;
  /**
   * Most tasks autoscaling may run.
   * @default 4
   */
  readonly maxTasks?: number;
  /** Main task queue (CASC_TASK_QUEUE); email activities run on `<taskQueue>-email`. */
  readonly taskQueue: string;
  /**
   * How long container logs are kept.
   * @default logs.RetentionDays.THREE_MONTHS
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * CloudWatch namespace of the worker's metrics (log-derived, and the SDK metrics it publishes).
   * @default 'CascInduction'
   */
  readonly metricNamespace?: string;
}

/**
 * The Temporal worker (workflows + activities, both task queues) as a Fargate service in private
 * subnets, no inbound traffic, scaled on Temporal's schedule-to-start latency, drained on deploy.
 */
export class InductionWorkerService extends Construct implements iam.IGrantable {
  public readonly cluster: ecs.Cluster;
  public readonly service: ecs.FargateService;
  public readonly taskDefinition: ecs.FargateTaskDefinition;
  public readonly container: ecs.ContainerDefinition;
  public readonly logGroup: logs.LogGroup;
  public readonly taskQueue: string;
  public readonly emailTaskQueue: string;
  private readonly metricNamespace: string;

  constructor(scope: Construct, id: string, props: InductionWorkerServiceProps) {
    super(scope, id);
    this.metricNamespace = props.metricNamespace ?? 'CascInduction';
    this.taskQueue = props.taskQueue;
    this.emailTaskQueue = `${props.taskQueue}-email`;
    const cpuArchitecture = props.cpuArchitecture ?? ecs.CpuArchitecture.X86_64;

    this.cluster = new ecs.Cluster(this, 'Cluster', {
      vpc: props.vpc,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
    });
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
    });

    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'Task', {
      cpu: props.cpu ?? 256,
      memoryLimitMiB: props.memoryLimitMiB ?? 1024,
      runtimePlatform: { cpuArchitecture, operatingSystemFamily: ecs.OperatingSystemFamily.LINUX },
    });
    const image =
      props.image ??
      ecs.ContainerImage.fromAsset(REPO_ROOT, {
        platform: cpuArchitecture === ecs.CpuArchitecture.ARM64 ? Platform.LINUX_ARM64 : Platform.LINUX_AMD64,
      });
    this.container = this.taskDefinition.addContainer('worker', {
      image,
      environment: {
        ...props.environment,
        CASC_TASK_QUEUE: props.taskQueue,
        // bin/worker.ts: SDK metrics as EMF lines into this namespace; GET /healthz on this port.
        CASC_METRIC_NAMESPACE: this.metricNamespace,
        CASC_HEALTH_PORT: String(HEALTH_PORT),
      },
      logging: ecs.LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: 'worker' }),
      // An init process forwards SIGTERM so the Temporal worker drains before the task stops:
      // shutdownGraceTime for activities, then shutdownForceTime, then this SIGKILL deadline.
      linuxParameters: new ecs.LinuxParameters(this, 'Linux', { initProcessEnabled: true }),
      stopTimeout: Duration.seconds(WORKER_DRAIN.stopTimeoutSeconds),
      // Same command as the Dockerfile's HEALTHCHECK (ECS does not use the image's).
      healthCheck: {
        command: [...HEALTH_CHECK_COMMAND],
        interval: Duration.seconds(HEALTH_CHECK_TIMING.intervalSeconds),
        timeout: Duration.seconds(HEALTH_CHECK_TIMING.timeoutSeconds),
        retries: HEALTH_CHECK_TIMING.retries,
        startPeriod: Duration.seconds(HEALTH_CHECK_TIMING.startPeriodSeconds),
      },
    });
    props.temporal.connectContainer(this.container);
    Validations.of(this.taskDefinition).acknowledge({
      id: 'AwsSolutions-ECS2',
      reason:
        'The plain environment holds only non-secret configuration (Temporal address and namespace, task queue names, SES sender and configuration set, bucket and table names, the payload KMS key ARN, which names a key KMS holds and is no key itself); the Temporal API key is injected from Secrets Manager as an ECS secret.',
    });

    Validations.of(this.taskDefinition.obtainExecutionRole()).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Pulling the worker image from ECR needs ecr:GetAuthorizationToken, which has no resource-level permissions; the repository actions themselves are scoped to the asset repository.',
    });

    const securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'CASC worker: no inbound; outbound to Temporal Cloud, SES, S3, Secrets Manager',
      allowAllOutbound: true,
    });
    const minTasks = props.minTasks ?? 1;
    this.service = new ecs.FargateService(this, 'Service', {
      cluster: this.cluster,
      // Left unset, autoscaling owns the count; a new service then starts with one task.
      desiredCount: minTasks === 0 ? 0 : undefined,
      taskDefinition: this.taskDefinition,
      securityGroups: [securityGroup],
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      assignPublicIp: false,
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      circuitBreaker: { enable: true, rollback: true },
    });

    const scaling = this.service.autoScaleTaskCount({
      minCapacity: minTasks,
      maxCapacity: Math.max(props.maxTasks ?? 4, minTasks, 1),
    });
    scaling.scaleOnMetric('ScheduleToStart', {
      metric: this.metricScheduleToStartLatency(),
      adjustmentType: appscaling.AdjustmentType.CHANGE_IN_CAPACITY,
      scalingSteps: [
        { upper: SCALING_STEPS_MS.scaleInBelow, change: -1 },
        { lower: SCALING_STEPS_MS.scaleOutAbove, change: +1 },
        { lower: SCALING_STEPS_MS.scaleOutFastAbove, change: +2 },
      ],
      // Three minutes of waiting work before acting; one change every five minutes at most.
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      cooldown: Duration.minutes(5),
      metricAggregationType: appscaling.MetricAggregationType.MAXIMUM,
    });

    this.logGroup.addMetricFilter('ErrorLogs', {
      // Matches both the SDK's default "[ERROR]" lines and JSON logs with "level":"ERROR".
      filterPattern: logs.FilterPattern.anyTerm('ERROR'),
      metricNamespace: this.metricNamespace,
      metricName: 'WorkerErrorLogs',
      metricValue: '1',
      defaultValue: 0,
    });
  }

  /** The task role: what the worker's own code may do in AWS. */
  public get grantPrincipal(): iam.IPrincipal {
    return this.taskDefinition.taskRole;
  }

  /** Running tasks, from Container Insights. */
  public metricRunningTasks(options: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.containerInsightsMetric('RunningTaskCount', options);
  }

  /** Tasks the service wants running, from Container Insights. */
  public metricDesiredTasks(options: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.containerInsightsMetric('DesiredTaskCount', options);
  }

  /** ERROR lines the worker logged (activity failures, workflow task failures, crashes). */
  public metricErrorLogs(options: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: this.metricNamespace,
      metricName: 'WorkerErrorLogs',
      statistic: 'Sum',
      ...options,
    });
  }

  /** One of the SDK metrics bin/worker.ts publishes (EMF), for one task queue. */
  public metricSdk(metricName: string, taskQueue: string, options: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: this.metricNamespace,
      metricName,
      dimensionsMap: { [TASK_QUEUE_DIMENSION]: taskQueue },
      statistic: 'Maximum',
      period: Duration.minutes(1),
      ...options,
    });
  }

  /**
   * The main queue's schedule-to-start latency (ms): the larger p95 of workflow tasks and
   * activities, highest of any task in the minute. The scaling signal; missing data (no task
   * running) counts as 0, the worker-not-running alarm covers that case.
   */
  public metricScheduleToStartLatency(): cloudwatch.MathExpression {
    return new cloudwatch.MathExpression({
      expression: 'MAX([FILL(wft, 0), FILL(act, 0)])',
      usingMetrics: {
        wft: this.metricSdk(WORKER_METRICS.workflowTaskScheduleToStartP95, this.taskQueue),
        act: this.metricSdk(WORKER_METRICS.activityScheduleToStartP95, this.taskQueue),
      },
      period: Duration.minutes(1),
      label: 'Schedule-to-start p95 (ms)',
    });
  }

  private containerInsightsMetric(metricName: string, options: cloudwatch.MetricOptions): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: 'ECS/ContainerInsights',
      metricName,
      dimensionsMap: { ClusterName: this.cluster.clusterName, ServiceName: this.service.serviceName },
      statistic: 'Average',
      period: Duration.minutes(1),
      ...options,
    });
  }
}
