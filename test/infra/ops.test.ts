import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { HEALTH_CHECK_COMMAND, WORKER_DRAIN } from '../../bin/worker-ops';
import { readDeploymentSettings } from '../../infra/lib/settings';
import { STAGES } from '../../infra/stages';
import { ACCOUNT, REGION, buildTestApp, cdkJsonContext, settingsFor } from './support';

// Issue #17.7: the ops gaps of the AWS stack, each asserted with its exact value.
const dev = buildTestApp();
const prodSettings = settingsFor('prod');
const prod = buildTestApp(prodSettings);
const devRuntime = Template.fromStack(dev.runtime);
const prodRuntime = Template.fromStack(prod.runtime);
const devStateful = Template.fromStack(dev.stateful);
const prodStateful = Template.fromStack(prod.stateful);
const repoFile = (name: string) => readFileSync(path.resolve(__dirname, '../..', name), 'utf8');

describe('issue #17.7: workers scale on Temporal schedule-to-start latency, not on CPU', () => {
  it('two step policies on MAX(workflow-task p95, activity p95) of casc-induction: -1 below 50 ms, +1 above 1 s, +2 above 5 s', () => {
    const policies = devRuntime.findResources('AWS::ApplicationAutoScaling::ScalingPolicy');
    expect(
      Object.values(policies).map((p) => (p as { Properties: { PolicyType: string } }).Properties.PolicyType),
    ).toEqual(['StepScaling', 'StepScaling']);
    devRuntime.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      StepScalingPolicyConfiguration: {
        AdjustmentType: 'ChangeInCapacity',
        Cooldown: 300,
        MetricAggregationType: 'Maximum',
        StepAdjustments: [
          { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 4000, ScalingAdjustment: 1 },
          { MetricIntervalLowerBound: 4000, ScalingAdjustment: 2 },
        ],
      },
    });
    devRuntime.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      StepScalingPolicyConfiguration: Match.objectLike({
        StepAdjustments: [{ MetricIntervalUpperBound: 0, ScalingAdjustment: -1 }],
      }),
    });
    const scalingAlarm = (threshold: number, op: string) =>
      devRuntime.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: Match.absent(),
        Threshold: threshold,
        ComparisonOperator: op,
        EvaluationPeriods: 3,
        DatapointsToAlarm: 3,
        Metrics: Match.arrayWith([Match.objectLike({ Expression: 'MAX([FILL(wft, 0), FILL(act, 0)])' })]),
      });
    scalingAlarm(1000, 'GreaterThanOrEqualToThreshold');
    scalingAlarm(50, 'LessThanOrEqualToThreshold');
    // The metrics behind the expression, exactly.
    const upper = Object.values(
      devRuntime.findResources('AWS::CloudWatch::Alarm', {
        Properties: { Threshold: 1000, AlarmName: Match.absent() },
      }),
    )[0] as { Properties: { Metrics: object[] } };
    expect(upper.Properties.Metrics).toEqual([
      {
        Id: 'expr_1',
        Expression: 'MAX([FILL(wft, 0), FILL(act, 0)])',
        Label: 'Schedule-to-start p95 (ms)',
        ReturnData: true,
      },
      {
        Id: 'wft',
        ReturnData: false,
        MetricStat: {
          Metric: {
            Namespace: 'CascInduction/dev',
            MetricName: 'WorkflowTaskScheduleToStartP95',
            Dimensions: [{ Name: 'TaskQueue', Value: 'casc-induction' }],
          },
          Period: 60,
          Stat: 'Maximum',
        },
      },
      {
        Id: 'act',
        ReturnData: false,
        MetricStat: {
          Metric: {
            Namespace: 'CascInduction/dev',
            MetricName: 'ActivityScheduleToStartP95',
            Dimensions: [{ Name: 'TaskQueue', Value: 'casc-induction' }],
          },
          Period: 60,
          Stat: 'Maximum',
        },
      },
    ]);
  });

  it('the worker publishes those metrics itself (EMF into CascInduction/<stage>), so it needs no CloudWatch permission', () => {
    const actions = Object.values(devRuntime.findResources('AWS::IAM::Policy')).flatMap((p) =>
      (
        p as { Properties: { PolicyDocument: { Statement: { Action: string | string[] }[] } } }
      ).Properties.PolicyDocument.Statement.flatMap((s) => [s.Action].flat()),
    );
    expect(actions.filter((a) => a.startsWith('cloudwatch:'))).toEqual([]);
  });
});

describe('issue #17.7: drain on deploy, container health check', () => {
  it('stopTimeout 60 s = shutdownForceTime 55 s + 5 s; activities get shutdownGraceTime 45 s', () => {
    expect(WORKER_DRAIN).toEqual({ shutdownGraceSeconds: 45, shutdownForceSeconds: 55, stopTimeoutSeconds: 60 });
    devRuntime.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({ StopTimeout: 60 })],
    });
    const worker = repoFile('bin/worker.ts');
    expect(worker).toContain('shutdownGraceTime: `${WORKER_DRAIN.shutdownGraceSeconds}s`');
    expect(worker).toContain('shutdownForceTime: `${WORKER_DRAIN.shutdownForceSeconds}s`');
  });

  it('the ECS health check and the Dockerfile HEALTHCHECK run the same command against GET /healthz on 8081', () => {
    const command =
      "fetch('http://127.0.0.1:8081/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))";
    expect(HEALTH_CHECK_COMMAND).toEqual(['CMD', 'node', '-e', command]);
    devRuntime.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [
        Match.objectLike({
          HealthCheck: {
            Command: ['CMD', 'node', '-e', command],
            Interval: 30,
            Timeout: 5,
            Retries: 3,
            StartPeriod: 60,
          },
        }),
      ],
    });
    const dockerfile = repoFile('Dockerfile');
    const healthcheck = /HEALTHCHECK (.*) \\\n\s+CMD (\[.*\])\n/.exec(dockerfile);
    expect(healthcheck?.[1]).toBe('--interval=30s --timeout=5s --start-period=60s --retries=3');
    expect(['CMD', ...(JSON.parse(healthcheck?.[2] ?? '[]') as string[])]).toEqual(HEALTH_CHECK_COMMAND);
    expect(dockerfile).toMatch(/CASC_HEALTH_PORT=8081/);
  });
});

describe('issue #17.7: workflow bundle built at image build', () => {
  it('the Dockerfile runs scripts/build-workflow-bundle.ts into CASC_WORKFLOW_BUNDLE, which bin/worker.ts loads', () => {
    const dockerfile = repoFile('Dockerfile');
    expect(dockerfile).toContain('ENV CASC_WORKFLOW_BUNDLE=/app/dist/workflow-bundle.js');
    expect(dockerfile).toContain('RUN tsx scripts/build-workflow-bundle.ts "$CASC_WORKFLOW_BUNDLE"');
    // The bundle is built after the sources are copied and before the image drops to the node user.
    expect(dockerfile.indexOf('COPY . .')).toBeLessThan(dockerfile.indexOf('RUN tsx scripts/build-workflow-bundle.ts'));
    expect(dockerfile.indexOf('RUN tsx scripts/build-workflow-bundle.ts')).toBeLessThan(
      dockerfile.indexOf('USER node'),
    );
    expect(repoFile('bin/worker.ts')).toContain('workflowBundle: prebuiltWorkflowBundle()');
  });
});

describe('issue #17.7: Temporal-side alarms on the alarm topic', () => {
  const names = (t: Template) =>
    Object.values(t.findResources('AWS::CloudWatch::Alarm'))
      .map((a) => (a as { Properties: { AlarmName?: string } }).Properties.AlarmName)
      .filter((n): n is string => n !== undefined)
      .sort();

  it('eleven named alarms (four of them Temporal-side, one on the SES-events dead letters), every one notifying the SNS topic on ALARM and OK', () => {
    expect(names(devRuntime)).toEqual(
      [
        'casc-dev-ActivityFailures',
        'casc-dev-ApiErrors',
        'casc-dev-EmailActivityFailures',
        'casc-dev-ScheduleToStartLatency',
        'casc-dev-SesBounceRate',
        'casc-dev-SesComplaintRate',
        'casc-dev-SesEventsDeadLetters',
        'casc-dev-WorkerBelowDesired',
        'casc-dev-WorkerErrors',
        'casc-dev-WorkerNotRunning',
        'casc-dev-WorkflowTaskFailures',
      ].sort(),
    );
    const topic = [{ Ref: Match.stringLikeRegexp('^AlarmsTopic') }];
    for (const name of names(devRuntime))
      devRuntime.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: name,
        AlarmActions: topic,
        OKActions: topic,
      });
    devRuntime.resourceCountIs('AWS::SNS::Topic', 1);
  });

  it('schedule-to-start p95 > 10 s for 5 minutes; any workflow task failure; ≥ 5 failed activity attempts per queue in 5 minutes', () => {
    devRuntime.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'casc-dev-ScheduleToStartLatency',
      Threshold: 10000,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 5,
      Metrics: Match.arrayWith([Match.objectLike({ Expression: 'MAX([FILL(wft, 0), FILL(act, 0)])' })]),
    });
    const sdkAlarm = (name: string, metric: string, queue: string, threshold: number) =>
      devRuntime.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: name,
        Namespace: 'CascInduction/dev',
        MetricName: metric,
        Dimensions: [{ Name: 'TaskQueue', Value: queue }],
        Statistic: 'Sum',
        Period: 300,
        Threshold: threshold,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      });
    sdkAlarm('casc-dev-WorkflowTaskFailures', 'WorkflowTaskFailures', 'casc-induction', 1);
    sdkAlarm('casc-dev-ActivityFailures', 'ActivityFailures', 'casc-induction', 5);
    sdkAlarm('casc-dev-EmailActivityFailures', 'ActivityFailures', 'casc-induction-email', 5);
    devRuntime.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'casc-dev-SesEventsDeadLetters',
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Statistic: 'Maximum',
      Period: 300,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });
});

describe('issue #17.7: per-stage configuration', () => {
  it('cdk.json fixes no stage and none of the stage-owned values', () => {
    const context = cdkJsonContext();
    for (const key of [
      'stage',
      'casc:stage',
      'casc:workerMinTasks',
      'casc:workerMaxTasks',
      'casc:noncurrentVersionRetentionDays',
      'casc:archiveToGlacierAfterDays',
    ]) {
      expect(context, key).not.toHaveProperty([key]);
    }
  });

  it('-c stage=dev|prod selects infra/stages.ts; -c casc:<key> still overrides; the old casc:stage key is refused', () => {
    const base = {
      'casc:senderEmail': 'induction@district.example.org',
      'casc:jwtIssuer': 'https://login.example.org',
      'casc:temporalAddress': 'a.b.tmprl.cloud:7233',
      'casc:temporalNamespace': 'a.b',
    };
    const read = (extra: Record<string, unknown>) =>
      readDeploymentSettings({ tryGetContext: (k) => ({ ...cdkJsonContext(), ...base, ...extra })[k] }, {});
    expect(read({ stage: 'dev' })).toMatchObject({ stage: 'dev', workerMaxTasks: 2, profile: STAGES.dev });
    expect(read({ stage: 'prod', 'casc:workerMinTasks': '0' })).toMatchObject({
      stage: 'prod',
      workerMinTasks: 0,
      workerMaxTasks: 4,
      profile: STAGES.prod,
    });
    expect(() => read({ stage: 'qa' })).toThrow(/- stage: one of dev, prod \(infra\/stages.ts\)/);
    expect(() => read({ stage: 'prod', 'casc:stage': 'prod' })).toThrow(/- casc:stage: use -c stage=<name>/);
  });

  it('stack names, termination protection and log retention follow the stage', () => {
    expect([dev.stateful.stackName, dev.runtime.stackName, prod.stateful.stackName]).toEqual([
      'CascInduction-dev-Stateful',
      'CascInduction-dev-Runtime',
      'CascInduction-prod-Stateful',
    ]);
    expect([dev.stateful.terminationProtection, prod.stateful.terminationProtection]).toEqual([false, true]);
    devRuntime.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({ LogConfiguration: Match.objectLike({ LogDriver: 'awslogs' }) })],
    });
    const workerLogs = (t: Template) =>
      Object.values(t.findResources('AWS::Logs::LogGroup')).map(
        (g) => (g as { Properties: { RetentionInDays?: number } }).Properties.RetentionInDays,
      );
    expect(workerLogs(devRuntime)).toContain(30);
    prodRuntime.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      MinCapacity: 1,
      MaxCapacity: 4,
    });
  });
});

describe('issue #17.7: Object Lock and AWS Backup for the records bucket', () => {
  const bucketName = (stage: string) => `casc-records-${stage}-${ACCOUNT}-${REGION}`;

  it('Object Lock on, default retention GOVERNANCE 1 day in dev and 2555 days (7 years) in prod', () => {
    devStateful.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: bucketName('dev'),
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 1 } },
      },
      VersioningConfiguration: { Status: 'Enabled' },
    });
    prodStateful.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: bucketName('prod'),
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 2555 } },
      },
    });
    // The access-log bucket cannot be Object-Locked (S3 refuses locked log targets).
    devStateful.resourcePropertiesCountIs('AWS::S3::Bucket', { ObjectLockEnabled: true }, 1);
  });

  it('a daily AWS Backup of the bucket into a KMS-encrypted vault: dev 7 days; prod continuous, 35 days, vault-locked 35 days', () => {
    devStateful.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanRule: [
          Match.objectLike({
            RuleName: 'daily',
            ScheduleExpression: 'cron(0 5 * * ? *)',
            Lifecycle: { DeleteAfterDays: 7 },
            EnableContinuousBackup: false,
          }),
        ],
      },
    });
    prodStateful.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanRule: [
          Match.objectLike({ RuleName: 'daily', Lifecycle: { DeleteAfterDays: 35 }, EnableContinuousBackup: true }),
        ],
      },
    });
    devStateful.hasResourceProperties('AWS::Backup::BackupVault', {
      EncryptionKeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CandidateDataKey'), 'Arn'] },
      LockConfiguration: Match.absent(),
    });
    prodStateful.hasResourceProperties('AWS::Backup::BackupVault', { LockConfiguration: { MinRetentionDays: 35 } });
    devStateful.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: Match.objectLike({
        Resources: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^RecordsBucket'), 'Arn'] }],
      }),
    });
  });

  it('the backup role has only the two AWS Backup S3 policies plus decrypt/generate on the records key, no wildcard action', () => {
    devStateful.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'backup.amazonaws.com' } })] },
      ManagedPolicyArns: [
        {
          'Fn::Join': [
            '',
            ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup'],
          ],
        },
        {
          'Fn::Join': [
            '',
            ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore'],
          ],
        },
      ],
    });
    devStateful.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^RecordsBackupRole') }],
      PolicyDocument: {
        Statement: [Match.objectLike({ Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:GenerateDataKey'] })],
      },
    });
  });
});

describe('issue #17.7: dead settings are gone', () => {
  it('no CASC_EMAIL_TASK_QUEUE, PA_EMAIL or CREDENTIALS_OFFICE_EMAIL in any container or function; the retired keys are refused', () => {
    for (const t of [devRuntime, prodRuntime]) {
      const json = JSON.stringify(t.toJSON());
      for (const name of ['CASC_EMAIL_TASK_QUEUE', 'PA_EMAIL', 'CREDENTIALS_OFFICE_EMAIL'])
        expect(json).not.toContain(name);
    }
    expect(cdkJsonContext()).not.toHaveProperty(['casc:emailTaskQueue']);
    const read = () =>
      readDeploymentSettings(
        {
          tryGetContext: (k) =>
            ({
              stage: 'dev',
              'casc:senderEmail': 'a@example.org',
              'casc:jwtIssuer': 'https://l.example.org',
              'casc:temporalAddress': 'a.b:7233',
              'casc:temporalNamespace': 'a.b',
              'casc:emailTaskQueue': 'casc-email',
              'casc:paEmail': 'pa@example.org',
              'casc:credentialsOfficeEmail': 'co@example.org',
            })[k],
        },
        {},
      );
    expect(read).toThrow(/casc:emailTaskQueue: removed: email activities run on `<casc:taskQueue>-email`/);
    expect(read).toThrow(/casc:paEmail: removed/);
    expect(read).toThrow(/casc:credentialsOfficeEmail: removed/);
  });
});
