import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ACCOUNT, REGION, buildTestApp } from './support';

const { runtime } = buildTestApp();
const template = Template.fromStack(runtime);
const bucketArn = `arn:aws:s3:::casc-records-dev-${ACCOUNT}-${REGION}`;
const identityArn = `arn:aws:ses:${REGION}:${ACCOUNT}:identity/induction@casc.example.org`;
const configurationSetArn = `arn:aws:ses:${REGION}:${ACCOUNT}:configuration-set/casc-induction-dev`;

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}
function allStatements(): Statement[] {
  return Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
    (policy) =>
      (policy as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument.Statement,
  );
}
const asList = (value: string | string[]) => (Array.isArray(value) ? value : [value]);
const workerPolicy = (statement: object) =>
  template.hasResourceProperties('AWS::IAM::Policy', {
    Roles: [{ Ref: Match.stringLikeRegexp('^WorkerTaskTaskRole') }],
    PolicyDocument: { Statement: Match.arrayWith([Match.objectLike(statement)]) },
  });

describe('runtime stack: IAM scoped to the identity and the bucket prefixes', () => {
  it('the worker may send email only through the program identity and configuration set, only from SES_FROM', () => {
    workerPolicy({
      Effect: 'Allow',
      Action: ['ses:SendEmail', 'ses:SendRawEmail'],
      Resource: [configurationSetArn, identityArn],
      Condition: { StringEquals: { 'ses:FromAddress': 'induction@casc.example.org' } },
    });
  });

  it('no policy in the stack grants an SES action on "*" or a wildcard identity', () => {
    // Two senders: the worker (reminders) and the API's portal (a fresh sign-in link), same identity.
    const sesStatements = allStatements().filter((s) => asList(s.Action).some((a) => a.startsWith('ses:')));
    expect(sesStatements).toHaveLength(2);
    for (const st of sesStatements)
      expect([st.Resource, (st as { Condition?: unknown }).Condition]).toEqual([
        [configurationSetArn, identityArn],
        { StringEquals: { 'ses:FromAddress': 'induction@casc.example.org' } },
      ]);
  });

  it('the worker writes handoffs and archives, reads and updates the ledger table, and touches no other key', () => {
    workerPolicy({ Action: 's3:PutObject', Resource: [`${bucketArn}/archives/*`, `${bucketArn}/handoffs/*`] });
    // The email ledger is the DynamoDB table (read an item, update it conditionally), not S3.
    workerPolicy({
      Action: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
      Resource: { 'Fn::GetStackOutput': Match.objectLike({ OutputName: Match.stringLikeRegexp('EmailLedgerTable') }) },
    });
    // One statement for the candidate data key: the bucket's objects and the table's items.
    workerPolicy({
      Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'],
      Resource: { 'Fn::GetStackOutput': Match.objectLike({ OutputName: Match.stringLikeRegexp('CandidateDataKey') }) },
    });
    // The other two: the API function's get and conditional put on the used-links table (payload-key-used-links.test.ts).
    expect(
      allStatements()
        .flatMap((s) => asList(s.Action))
        .filter((a) => a.startsWith('dynamodb:'))
        .sort(),
    ).toEqual(['dynamodb:GetItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    const s3Resources = allStatements()
      .filter((s) => asList(s.Action).some((a) => a.startsWith('s3:')))
      .flatMap((s) => asList(s.Resource as string | string[]));
    expect(s3Resources).not.toContain(`${bucketArn}/*`);
    expect(allStatements().flatMap((s) => asList(s.Action))).not.toContain('s3:*');
  });

  it('the API function may only read handoff packets', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^ApiFunctionRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Action: 's3:GetObject', Resource: `${bucketArn}/handoffs/*` })]),
      },
    });
  });
});

describe('runtime stack: worker on Fargate', () => {
  it('injects the Temporal API key as an ECS secret from Secrets Manager, never as a plain variable', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [
        Match.objectLike({
          Secrets: [
            { Name: 'TEMPORAL_API_KEY', ValueFrom: { Ref: Match.stringLikeRegexp('^TemporalApiKey') } },
            // The task-link key, the same one the API verifies links and sessions with.
            { Name: 'CASC_LINK_SECRET', ValueFrom: { Ref: Match.stringLikeRegexp('^LinkKey') } },
          ],
          Environment: Match.not(
            Match.arrayWith([
              Match.objectLike({ Name: Match.stringLikeRegexp('^(TEMPORAL_API_KEY|CASC_LINK_SECRET)$') }),
            ]),
          ),
        }),
      ],
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^WorkerTaskExecutionRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
            Resource: [{ Ref: Match.stringLikeRegexp('^LinkKey') }, { Ref: Match.stringLikeRegexp('^TemporalApiKey') }],
          }),
        ]),
      },
    });
  });

  it('passes the CONTRACTS.md configuration to the worker', () => {
    const env = (name: string, value: unknown) => Match.objectLike({ Name: name, Value: value });
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [
        Match.objectLike({
          Environment: Match.arrayWith([
            env('SES_REGION', REGION),
            env('SES_FROM', 'induction@casc.example.org'),
            env('SES_CONFIGURATION_SET', 'casc-induction-dev'),
            env('SES_MAX_SEND_RATE', '14'),
            env('CASC_BUCKET', Match.anyValue()),
            env('CASC_TASK_QUEUE', 'casc-induction'),
            env('CASC_METRIC_NAMESPACE', 'CascInduction/dev'),
            env('CASC_HEALTH_PORT', '8081'),
            env('TEMPORAL_ADDRESS', 'casc-test.a1b2c.tmprl.cloud:7233'),
            env('TEMPORAL_NAMESPACE', 'casc-test.a1b2c'),
            env('TEMPORAL_TLS', 'true'),
          ]),
          LinuxParameters: Match.objectLike({ InitProcessEnabled: true }),
          LogConfiguration: Match.objectLike({ LogDriver: 'awslogs' }),
        }),
      ],
      Cpu: '256',
      Memory: '1024',
      RuntimePlatform: { CpuArchitecture: 'X86_64', OperatingSystemFamily: 'LINUX' },
    });
  });

  it('runs in private subnets without a public IP, rolls back failed deployments, Container Insights on', () => {
    template.hasResourceProperties('AWS::ECS::Service', {
      LaunchType: 'FARGATE',
      NetworkConfiguration: { AwsvpcConfiguration: Match.objectLike({ AssignPublicIp: 'DISABLED' }) },
      DeploymentConfiguration: Match.objectLike({
        MinimumHealthyPercent: 100,
        DeploymentCircuitBreaker: { Enable: true, Rollback: true },
      }),
    });
    template.hasResourceProperties('AWS::ECS::Cluster', {
      ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }],
    });
    template.resourceCountIs('AWS::EC2::NatGateway', 1);
    template.hasResourceProperties('AWS::EC2::FlowLog', { ResourceType: 'VPC', TrafficType: 'ALL' });
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Gateway',
      ServiceName: Match.objectLike({}),
    });
  });

  it("scales between the stage's bounds (dev: 1 and 2 tasks); never on CPU (issue #17.7, see ops.test.ts)", () => {
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      MinCapacity: 1,
      MaxCapacity: 2,
      ScalableDimension: 'ecs:service:DesiredCount',
    });
    template.resourcePropertiesCountIs(
      'AWS::ApplicationAutoScaling::ScalingPolicy',
      { PolicyType: 'TargetTrackingScaling' },
      0,
    );
    // Autoscaling owns the task count: a deploy must not reset it.
    template.hasResourceProperties('AWS::ECS::Service', { DesiredCount: Match.absent() });
  });

  it('first deploy can park the worker (workerMinTasks 0) so it does not crash-loop before the API key is set', () => {
    const parked = Template.fromStack(buildTestApp({ workerMinTasks: 0 }).runtime);
    parked.hasResourceProperties('AWS::ECS::Service', { DesiredCount: 0 });
    parked.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 0, MaxCapacity: 2 });
  });
});

describe('runtime stack: API on Lambda behind an HTTP API', () => {
  it('runs Node.js 24 on arm64 with X-Ray tracing, JSON logs and a log group with retention', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      Timeout: 29,
      LoggingConfig: Match.objectLike({
        LogFormat: 'JSON',
        LogGroup: { Ref: Match.stringLikeRegexp('^ApiFunctionLogs') },
      }),
      Environment: {
        Variables: Match.objectLike({
          AUTH_JWT_ISSUER: 'https://login.example.org/realms/casc',
          AUTH_JWT_AUDIENCE: 'casc-api',
          TEMPORAL_API_KEY_SECRET_ARN: { Ref: Match.stringLikeRegexp('^TemporalApiKey') },
          TEMPORAL_ADDRESS: 'casc-test.a1b2c.tmprl.cloud:7233',
        }),
      },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
  });

  it('issue #15.1: checks JWTs on the JSON API routes; /health and the browser routes have no JWT authorizer in front', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: 'https://login.example.org/realms/casc', Audience: ['casc-api'] },
    });
    const routes = template.findResources('AWS::ApiGatewayV2::Route');
    const authByRoute = Object.fromEntries(
      Object.values(routes).map((r) => {
        const p = (r as { Properties: { RouteKey: string; AuthorizationType: string } }).Properties;
        return [p.RouteKey, p.AuthorizationType];
      }),
    );
    // Browser routes are the app's own (session cookie); a browser never sends the Authorization header.
    expect(authByRoute).toEqual({
      'ANY /{proxy+}': 'JWT',
      'GET /health': 'NONE',
      'ANY /': 'NONE',
      ...Object.fromEntries(
        ['/portal', '/auth', '/dashboard', '/reports', '/codec'].flatMap((p) => [
          [`ANY ${p}`, 'NONE'],
          [`ANY ${p}/{proxy+}`, 'NONE'],
        ]),
      ),
    });
  });

  it('logs every request and throttles the stage', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('\\$context.requestId') },
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
  });
});

describe('runtime stack: alarms', () => {
  const topicAction = [{ Ref: Match.stringLikeRegexp('^AlarmsTopic') }];

  it('worker not running: Container Insights RunningTaskCount < 1 for 3 minutes, missing data breaches', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'casc-dev-WorkerNotRunning',
      Namespace: 'ECS/ContainerInsights',
      MetricName: 'RunningTaskCount',
      Dimensions: Match.arrayWith([
        Match.objectLike({ Name: 'ClusterName' }),
        Match.objectLike({ Name: 'ServiceName' }),
      ]),
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 1,
      EvaluationPeriods: 3,
      TreatMissingData: 'breaching',
      AlarmActions: topicAction,
      OKActions: topicAction,
    });
  });

  it('worker failures: running below desired for 10 minutes, and bursts of ERROR log lines', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'casc-dev-WorkerBelowDesired',
      Metrics: Match.arrayWith([Match.objectLike({ Expression: 'desired - running' })]),
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
      EvaluationPeriods: 10,
    });
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '"ERROR"',
      MetricTransformations: [
        Match.objectLike({ MetricNamespace: 'CascInduction/dev', MetricName: 'WorkerErrorLogs' }),
      ],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'casc-dev-WorkerErrors',
      MetricName: 'WorkerErrorLogs',
      Threshold: 5,
      Period: 300,
    });
  });

  it('Lambda errors > 0 over 5 minutes', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'casc-dev-ApiErrors',
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Statistic: 'Sum',
      Period: 300,
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
      AlarmActions: topicAction,
    });
  });

  it('SES bounce rate > 5 % and complaint rate > 0.1 % (the levels at which SES reviews the account)', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SES',
      MetricName: 'Reputation.BounceRate',
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0.05,
      AlarmActions: topicAction,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SES',
      MetricName: 'Reputation.ComplaintRate',
      Threshold: 0.001,
    });
  });

  it('alarm topic is KMS-encrypted, usable by CloudWatch, and emails the configured address', () => {
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AlarmsTopicKey'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' } })]),
      },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.org' });
  });
});
