import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { addCascStacks } from '../../infra/lib/casc-app';
import { REPO_ROOT } from '../../infra/lib/constructs/induction-worker-service';
import { ProgramApi } from '../../infra/lib/constructs/program-api';
import { TemporalCloudConnection } from '../../infra/lib/constructs/temporal-cloud-connection';
import { ACCOUNT, REGION, TEST_SETTINGS, cdkJsonContext } from './support';

// The defaults that `cdk deploy` uses, synthesized offline: the Dockerfile asset is only staged
// (docker runs at deploy time) and the API entry is bundled by the local esbuild.

function apiStack(entry: string): Template {
  const stack = new Stack(new App({ context: cdkJsonContext() }), 'ApiOnly', {
    env: { account: ACCOUNT, region: REGION },
  });
  const temporal = new TemporalCloudConnection(stack, 'Temporal', {
    address: 'x.y.tmprl.cloud:7233',
    namespace: 'x.y',
  });
  new ProgramApi(stack, 'Api', { jwtIssuer: 'https://login.example.org', jwtAudience: ['casc-api'], temporal, entry });
  return Template.fromStack(stack);
}

describe('default deploy artifacts', () => {
  it('the worker image is the repository Dockerfile; the staged build context leaves out node_modules, tests and infra', () => {
    const app = new App({ context: cdkJsonContext() });
    const { runtime } = addCascStacks(app, TEST_SETTINGS, {
      apiCode: lambda.Code.fromInline('exports.handler = async () => ({})'),
    });
    const assembly = app.synth();
    // No context look-up (AZs, AMIs, …) is pending: synth never needs AWS credentials.
    expect(assembly.manifest.missing ?? []).toEqual([]);
    Template.fromStack(runtime).hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({ Image: { 'Fn::Sub': Match.stringLikeRegexp('container-assets') } })],
    });
    const manifestFile = path.join(assembly.directory, `${runtime.artifactId}.assets.json`);
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
      dockerImages: Record<string, { source: { directory: string } }>;
    };
    const images = Object.values(manifest.dockerImages);
    expect(images).toHaveLength(1);
    const context = readdirSync(path.join(assembly.directory, images[0]!.source.directory));
    expect(context).toEqual(expect.arrayContaining(['Dockerfile', 'package.json', 'package-lock.json']));
    for (const excluded of ['node_modules', 'test', 'infra', 'cdk.out', '.git', '.data'])
      expect(context).not.toContain(excluded);
  });

  it('NodejsFunction bundles a TypeScript handler with esbuild, offline', () => {
    apiStack(path.join(__dirname, 'fixtures', 'api-handler.ts')).hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Handler: 'index.handler',
      Architectures: ['arm64'],
    });
  });

  it.skipIf(!existsSync(path.join(REPO_ROOT, 'functions', 'lambda.ts')))(
    'the real API entry functions/lambda.ts bundles',
    () => {
      apiStack(path.join(REPO_ROOT, 'functions', 'lambda.ts')).hasResourceProperties('AWS::Lambda::Function', {
        Runtime: 'nodejs24.x',
      });
    },
  );
});
