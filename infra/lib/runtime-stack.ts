import { CfnOutput, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { CandidateRecordsBucket } from './constructs/candidate-records-bucket';
import type { EmailLedgerTable } from './constructs/email-ledger-table';
import type { PayloadKey } from './constructs/payload-key';
import type { UsedLinksTable } from './constructs/used-links-table';
import type { StaffUserPool } from './constructs/staff-user-pool';
import { InductionWorkerService } from './constructs/induction-worker-service';
import { OperationsAlarms } from './constructs/operations-alarms';
import type { ProgramEmailIdentity } from './constructs/program-email-identity';
import { ProgramApi } from './constructs/program-api';
import { SesEventsConsumer } from './constructs/ses-events';
import { TemporalCloudConnection } from './constructs/temporal-cloud-connection';

export interface RuntimeStackProps extends StackProps {
  /** Environment name, used in alarm names and the metric namespace. */
  readonly stage: string;
  /** Records bucket from the stateful stack. */
  readonly records: CandidateRecordsBucket;
  /** Sending identity from the stateful stack. */
  readonly email: ProgramEmailIdentity;
  /** The workers' shared email ledger from the stateful stack. */
  readonly ledger: EmailLedgerTable;
  /** Staff sign-in (Cognito) from the stateful stack; the portal's app client is made here. */
  readonly staff: StaffUserPool;
  /** The KMS key Temporal payloads are encrypted under (CASC_PAYLOAD_KEYS), from the stateful stack. */
  readonly payloadKey: PayloadKey;
  /** The task links already used (CASC_USED_LINKS_TABLE), from the stateful stack. */
  readonly usedLinks: UsedLinksTable;
  /**
   * Custom domain for the portal and API.
   * @default - the HTTP API's execute-api URL
   */
  readonly customDomain?: { readonly domainName: string; readonly certificateArn: string };
  /** Temporal Cloud endpoint (TEMPORAL_ADDRESS). */
  readonly temporalAddress: string;
  /** Temporal Cloud namespace (TEMPORAL_NAMESPACE). */
  readonly temporalNamespace: string;
  /** OIDC issuer of API tokens (AUTH_JWT_ISSUER). */
  readonly jwtIssuer: string;
  /** Expected token audience (AUTH_JWT_AUDIENCE). */
  readonly jwtAudience: string;
  /** CASC_TASK_QUEUE; email activities run on `<taskQueue>-email` (workflows/proxies.ts). */
  readonly taskQueue: string;
  /** SES_MAX_SEND_RATE (emails/s). */
  readonly sesMaxSendRate: number;
  /**
   * Fewest worker tasks (0 parks the worker).
   * @default 1
   */
  readonly workerMinTasks?: number;
  /**
   * Most worker tasks.
   * @default 4
   */
  readonly workerMaxTasks?: number;
  /**
   * Alarm notifications go here.
   * @default - alarm topic without subscription
   */
  readonly alarmEmail?: string;
  /**
   * Days the worker's container logs are kept (infra/stages.ts).
   * @default 90
   */
  readonly workerLogRetentionDays?: 30 | 90 | 365;
  /**
   * Availability zones of the VPC; named explicitly so synth never looks them up.
   * @default - `<region>a` and `<region>b`
   */
  readonly availabilityZones?: string[];
  /**
   * Worker image override (tests use a registry image).
   * @default - built from the repository Dockerfile at deploy time
   */
  readonly workerImage?: ecs.ContainerImage;
  /**
   * API function code override (tests use inline code).
   * @default - functions/lambda.ts bundled with esbuild
   */
  readonly apiCode?: lambda.Code;
}

const LOG_RETENTION = {
  30: logs.RetentionDays.ONE_MONTH,
  90: logs.RetentionDays.THREE_MONTHS,
  365: logs.RetentionDays.ONE_YEAR,
} as const;

/**
 * Everything that can be replaced on redeploy: network, worker service, API, Temporal Cloud
 * connection and alarms.
 */
export class RuntimeStack extends Stack {
  public readonly vpc: ec2.Vpc;
  public readonly temporal: TemporalCloudConnection;
  public readonly worker: InductionWorkerService;
  public readonly api: ProgramApi;
  public readonly sesEvents: SesEventsConsumer;
  public readonly alarms: OperationsAlarms;
  private readonly zones: string[];

  constructor(scope: Construct, id: string, props: RuntimeStackProps) {
    super(scope, id, props);
    const { records, email, ledger, staff, payloadKey, usedLinks } = props;
    this.zones = props.availabilityZones ?? [`${this.region}a`, `${this.region}b`];
    Validations.of(this).acknowledge({
      id: 'CloudFormation-Validate::W3010',
      reason:
        'The VPC zones are named on purpose (see availabilityZones below) so that synth never looks them up; CDK acknowledges the same for zones it looks up.',
    });

    // One NAT gateway (~$33/month + data) instead of one per AZ: if its AZ fails, the worker
    // loses egress until the AZ recovers, which durable workflows tolerate (timers just fire late).
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: 1,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'worker', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
      ],
    });
    // Free, and keeps S3 traffic (handoffs, archives) off the NAT gateway's per-GB charge.
    this.vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    this.vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(
        new logs.LogGroup(this, 'FlowLogs', { retention: logs.RetentionDays.ONE_MONTH }),
      ),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });

    this.temporal = new TemporalCloudConnection(this, 'Temporal', {
      address: props.temporalAddress,
      namespace: props.temporalNamespace,
    });

    const queues = { CASC_TASK_QUEUE: props.taskQueue };
    // Every process that talks to Temporal encrypts and decrypts payloads with the same KMS key.
    const payloads = { CASC_PAYLOAD_KEYS: payloadKey.environmentValue };

    this.worker = new InductionWorkerService(this, 'Worker', {
      vpc: this.vpc,
      temporal: this.temporal,
      image: props.workerImage,
      minTasks: props.workerMinTasks,
      maxTasks: props.workerMaxTasks,
      taskQueue: props.taskQueue,
      logRetention: LOG_RETENTION[props.workerLogRetentionDays ?? 90],
      metricNamespace: `CascInduction/${props.stage}`,
      environment: {
        SES_REGION: this.region,
        SES_FROM: email.senderEmail,
        SES_CONFIGURATION_SET: email.configurationSetName,
        SES_MAX_SEND_RATE: String(props.sesMaxSendRate),
        CASC_BUCKET: records.bucket.bucketName,
        CASC_LEDGER_TABLE: ledger.table.tableName,
        ...payloads,
      },
    });
    payloadKey.grantPayloadCodec(this.worker);
    records.grantHandoffWrite(this.worker);
    records.grantArchiveWrite(this.worker);
    ledger.grantLedgerReadWrite(this.worker);
    email.grantSendFrom(this.worker);

    this.api = new ProgramApi(this, 'Api', {
      jwtIssuer: props.jwtIssuer,
      jwtAudience: [props.jwtAudience],
      temporal: this.temporal,
      code: props.apiCode,
      customDomain: props.customDomain,
      environment: {
        ...queues,
        AUTH_JWT_ISSUER: props.jwtIssuer,
        AUTH_JWT_AUDIENCE: props.jwtAudience,
        CASC_BUCKET: records.bucket.bucketName,
        ...payloads,
        // One-time task links, shared by every instance of the function (functions/portal/used-links.ts).
        CASC_USED_LINKS_TABLE: usedLinks.table.tableName,
      },
    });
    records.grantHandoffRead(this.api);
    payloadKey.grantPayloadCodec(this.api);
    usedLinks.grantUsedLinksReadWrite(this.api);
    // SES bounces and complaints → the candidates' records (issue #17.3). Tests' inline API code stands in here too.
    this.sesEvents = new SesEventsConsumer(this, 'SesEvents', {
      topic: email.eventsTopic,
      temporal: this.temporal,
      code: props.apiCode,
      environment: { ...queues, ...payloads },
    });
    payloadKey.grantPayloadCodec(this.sesEvents);
    // One key signs the task links the worker puts in emails and the portal's sessions: every
    // worker task and the API must hold the same one (a key file per task would not verify).
    const linkKey = new secretsmanager.Secret(this, 'LinkKey', {
      description: 'CASC: HMAC key for task links in emails and portal session cookies (worker + API)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(linkKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotating the link key invalidates every task link already emailed (valid 14 days) and every portal session; it is rotated by hand (new value, redeploy) when needed, not on a schedule.',
    });
    this.worker.container.addSecret('CASC_LINK_SECRET', ecs.Secret.fromSecretsManager(linkKey));
    this.api.function.addEnvironment('CASC_LINK_SECRET_ARN', linkKey.secretArn);
    linkKey.grantRead(this.api.function);
    // The portal mails a fresh sign-in link when an old one has expired.
    email.grantSendFrom(this.api);
    this.api.function.addEnvironment('SES_FROM', email.senderEmail);
    this.api.function.addEnvironment('SES_CONFIGURATION_SET', email.configurationSetName);
    this.api.function.addEnvironment('SES_REGION', this.region);

    // Staff sign-in: the portal's app client redirects back to the portal's own URL.
    const portalClient = staff.addPortalClient(this, 'StaffPortalClient', this.api.portalUrl);
    this.api.function.addEnvironment('OIDC_ISSUER', staff.issuer);
    this.api.function.addEnvironment('OIDC_CLIENT_ID', portalClient.userPoolClientId);
    this.api.function.addEnvironment('OIDC_REDIRECT_URI', `${this.api.portalUrl}/auth/oidc/callback`);

    this.alarms = new OperationsAlarms(this, 'Alarms', {
      alarmEmail: props.alarmEmail,
      alarmNamePrefix: `casc-${props.stage}`,
    });
    this.alarms.alarmWhenWorkerStops(this.worker);
    this.alarms.alarmWhenWorkerBelowDesired(this.worker);
    this.alarms.alarmOnWorkerErrors(this.worker);
    this.alarms.alarmOnFunctionErrors(this.api.function);
    // An SES bounce or complaint the consumer could not apply after 5 receives (issue #17.3).
    this.alarms.alarmOnDeadLetters(this.sesEvents.deadLetterQueue, 'SesEventsDeadLetters');
    this.alarms.alarmOnBounceRate();
    this.alarms.alarmOnComplaintRate();
    // Temporal-side: work waits, workflow tasks fail (a bug or nondeterminism), activities fail.
    this.alarms.alarmOnScheduleToStartLatency(this.worker);
    this.alarms.alarmOnWorkflowTaskFailures(this.worker);
    this.alarms.alarmOnActivityFailures(this.worker, this.worker.taskQueue, 'ActivityFailures');
    this.alarms.alarmOnActivityFailures(this.worker, this.worker.emailTaskQueue, 'EmailActivityFailures');

    new CfnOutput(this, 'ApiUrl', { value: this.api.url });
    new CfnOutput(this, 'PortalUrl', { value: this.api.portalUrl });
    new CfnOutput(this, 'StaffPortalClientId', { value: portalClient.userPoolClientId });
    new CfnOutput(this, 'TemporalApiKeySecretArn', { value: this.temporal.apiKeySecret.secretArn });
    new CfnOutput(this, 'WorkerClusterName', { value: this.worker.cluster.clusterName });
    new CfnOutput(this, 'WorkerServiceName', { value: this.worker.service.serviceName });
    new CfnOutput(this, 'WorkerLogGroupName', { value: this.worker.logGroup.logGroupName });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn });
  }

  /**
   * The stack's zones, named rather than looked up: the default getter asks the account at synth
   * time (a context look-up needing credentials), which would make synth depend on AWS.
   */
  public override get availabilityZones(): string[] {
    return this.zones;
  }
}
