import { Tags, Validations, type App } from 'aws-cdk-lib';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { RuntimeStack } from './runtime-stack';
import type { TDeploymentSettings } from './settings';
import { StatefulStack } from './stateful-stack';

/** Test seams: replace the artifacts that would need docker or esbuild. */
export interface CascStackOverrides {
  /** @default - the repository Dockerfile, built at deploy time */
  readonly workerImage?: ecs.ContainerImage;
  /** @default - functions/lambda.ts, bundled at synth time */
  readonly apiCode?: lambda.Code;
}

export interface CascStacks {
  readonly stateful: StatefulStack;
  readonly runtime: RuntimeStack;
}

/**
 * Adds both stacks of one stage to `app`. The runtime stack receives the stateful constructs as
 * props, so CDK wires the cross-stack references and the deploy order.
 */
export function addCascStacks(app: App, settings: TDeploymentSettings, overrides: CascStackOverrides = {}): CascStacks {
  const env = { account: settings.account, region: settings.region };
  const prefix = `CascInduction-${settings.stage}`;

  const stateful = new StatefulStack(app, `${prefix}-Stateful`, {
    env,
    description: `CASC induction (${settings.stage}): candidate records, email ledger, staff sign-in and SES identity`,
    terminationProtection: settings.profile.terminationProtection,
    stage: settings.stage,
    senderEmail: settings.senderEmail,
    senderDomain: settings.senderDomain,
    noncurrentVersionRetentionDays: settings.noncurrentVersionRetentionDays,
    archiveToGlacierAfterDays: settings.archiveToGlacierAfterDays,
    archiveLock: settings.profile.archiveLock,
    backup: settings.profile.backup,
    staffSignInDomainPrefix: settings.staffSignInDomainPrefix,
    retainOnDelete: settings.profile.retainOnDelete,
  });

  const runtime = new RuntimeStack(app, `${prefix}-Runtime`, {
    env,
    description: `CASC induction (${settings.stage}): Temporal worker on Fargate, API on Lambda, alarms`,
    stage: settings.stage,
    records: stateful.records,
    email: stateful.email,
    ledger: stateful.ledger,
    staff: stateful.staff,
    payloadKey: stateful.payloadKey,
    usedLinks: stateful.usedLinks,
    ...(settings.portalDomainName && settings.portalCertificateArn
      ? { customDomain: { domainName: settings.portalDomainName, certificateArn: settings.portalCertificateArn } }
      : {}),
    temporalAddress: settings.temporalAddress,
    temporalNamespace: settings.temporalNamespace,
    jwtIssuer: settings.jwtIssuer,
    jwtAudience: settings.jwtAudience,
    taskQueue: settings.taskQueue,
    sesMaxSendRate: settings.sesMaxSendRate,
    alarmEmail: settings.alarmEmail,
    workerMinTasks: settings.workerMinTasks,
    workerMaxTasks: settings.workerMaxTasks,
    workerLogRetentionDays: settings.profile.workerLogRetentionDays,
    workerImage: overrides.workerImage,
    apiCode: overrides.apiCode,
  });

  for (const stack of [stateful, runtime]) {
    Tags.of(stack).add('project', 'casc-induction');
    Tags.of(stack).add('stage', settings.stage);
  }
  return { stateful, runtime };
}

/** cdk-nag AwsSolutions as a synth-time validation: any unacknowledged finding fails `cdk synth`. */
export function enforceAwsSolutions(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
}
