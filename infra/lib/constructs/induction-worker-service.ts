import * as path from 'node:path';
import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Platform } from 'aws-cdk-lib/aws-ecr-assets';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { TemporalCloudConnection } from './temporal-cloud-connection';

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
   * Task memory. The worker bundles workflow code with webpack when it starts, which needs more
   * headroom than steady state; 512 MiB is enough only once the bundle is prebuilt.
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
  /**
   * Average CPU utilization autoscaling aims for.
   * @default 60
   */
  readonly targetCpuPercent?: number;
  /**
   * How long container logs are kept.
   * @default logs.RetentionDays.THREE_MONTHS
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * CloudWatch namespace of the worker's log-derived metrics.
   * @default 'CascInduction'
   */
  readonly metricNamespace?: string;
}

/**
 * The Temporal worker (workflows + activities, both task queues) as a Fargate service in private
 * subnets, no inbound traffic, scaled on CPU.
 */
export class InductionWorkerService extends Construct implements iam.IGrantable {
  public readonly cluster: ecs.Cluster;
  public readonly service: ecs.FargateService;
  public readonly taskDefinition: ecs.FargateTaskDefinition;
  public readonly container: ecs.ContainerDefinition;
  public readonly logGroup: logs.LogGroup;
  private readonly metricNamespace: string;

  constructor(scope: Construct, id: string, props: InductionWorkerServiceProps) {
    super(scope, id);
    this.metricNamespace = props.metricNamespace ?? 'CascInduction';
    const cpuArchitecture = props.cpuArchitecture ?? ecs.CpuArchitecture.X86_64;

    this.cluster = new ecs.Cluster(this, 'Cluster', {
      vpc: props.vpc,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
    });
    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS });

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
      environment: props.environment,
      logging: ecs.LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: 'worker' }),
      // An init process forwards SIGTERM so the Temporal worker drains before the task stops.
      linuxParameters: new ecs.LinuxParameters(this, 'Linux', { initProcessEnabled: true }),
      stopTimeout: Duration.seconds(60),
    });
    props.temporal.connectContainer(this.container);
    Validations.of(this.taskDefinition).acknowledge({
      id: 'AwsSolutions-ECS2',
      reason: 'The plain environment holds only non-secret configuration (Temporal address and namespace, task queue names, SES sender and configuration set, bucket name); the Temporal API key is injected from Secrets Manager as an ECS secret.',
    });

    Validations.of(this.taskDefinition.obtainExecutionRole()).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Pulling the worker image from ECR needs ecr:GetAuthorizationToken, which has no resource-level permissions; the repository actions themselves are scoped to the asset repository.',
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

    const scaling = this.service.autoScaleTaskCount({ minCapacity: minTasks, maxCapacity: Math.max(props.maxTasks ?? 4, minTasks, 1) });
    scaling.scaleOnCpuUtilization('Cpu', {
      targetUtilizationPercent: props.targetCpuPercent ?? 60,
      scaleOutCooldown: Duration.minutes(2),
      scaleInCooldown: Duration.minutes(10),
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
    return new cloudwatch.Metric({ namespace: this.metricNamespace, metricName: 'WorkerErrorLogs', statistic: 'Sum', ...options });
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
