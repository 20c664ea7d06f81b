import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { addCascStacks, type CascStacks } from '../../infra/lib/casc-app';
import { deploymentSettings, type TDeploymentSettings } from '../../infra/lib/settings';

export const ACCOUNT = '111122223333';
export const REGION = 'us-west-2';

/** Settings of a fictional district program (the dev stage); every deployment-specific field is given. */
export function settingsFor(stage: string, extra: Record<string, unknown> = {}): TDeploymentSettings {
  const parsed = deploymentSettings({ ...BASE, stage, ...extra });
  if (!parsed.success) throw parsed.error;
  return parsed.data;
}
const BASE = {
  account: ACCOUNT,
  region: REGION,
  senderEmail: 'induction@casc.example.org',
  jwtIssuer: 'https://login.example.org/realms/casc',
  jwtAudience: 'casc-api',
  temporalAddress: 'casc-test.a1b2c.tmprl.cloud:7233',
  temporalNamespace: 'casc-test.a1b2c',
  alarmEmail: 'ops@example.org',
};
export const TEST_SETTINGS: TDeploymentSettings = settingsFor('dev');

/** The feature flags and defaults from cdk.json, so tests synthesize exactly like `cdk synth`. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(path.resolve(__dirname, '../../cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  return cdkJson.context;
}

export interface TestApp extends CascStacks {
  readonly app: App;
}

/**
 * Both stacks, offline: a registry image instead of the Dockerfile asset (no docker) and inline
 * code instead of the esbuild bundle (no dependency on functions/ being written yet).
 */
export function buildTestApp(overrides: Partial<TDeploymentSettings> = {}): TestApp {
  const app = new App({ context: cdkJsonContext() });
  const stacks = addCascStacks(
    app,
    { ...TEST_SETTINGS, ...overrides },
    {
      workerImage: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/node:24-slim'),
      apiCode: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200, body: "ok" });'),
    },
  );
  return { app, ...stacks };
}
