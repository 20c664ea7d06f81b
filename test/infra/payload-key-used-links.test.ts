// Issue #17 in AWS: the KMS key Temporal payloads are encrypted under (CASC_PAYLOAD_KEYS on every
// process that talks to Temporal, with exactly the two KMS actions the codec uses) and the
// DynamoDB table of used task links the API function shares across its instances.
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { USED_LINKS_PARTITION_KEY, USED_LINKS_TTL_ATTRIBUTE } from '../../functions/portal/used-links';
import { buildTestApp, settingsFor } from './support';

const dev = buildTestApp();
const prod = buildTestApp(settingsFor('prod'));
const stateful = Template.fromStack(dev.stateful);
const runtime = Template.fromStack(dev.runtime);

/** How the runtime stack refers to a stateful-stack output (a cross-stack reference). */
const output = (name: RegExp) => ({
  'Fn::GetStackOutput': Match.objectLike({ OutputName: Match.stringLikeRegexp(name.source) }),
});
const payloadKeyArn = output(/PayloadKey/);
const payloadKeysValue = { 'Fn::Join': ['', ['kms:', payloadKeyArn]] };

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}
const statementsOf = (template: Template, role: RegExp): Statement[] =>
  Object.values(
    template.findResources('AWS::IAM::Policy', {
      Properties: { Roles: [{ Ref: Match.stringLikeRegexp(role.source) }] },
    }),
  ).flatMap(
    (p) => (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument.Statement,
  );
const onPayloadKey = (s: Statement) => JSON.stringify(s.Resource).includes('PayloadKey');

describe('payload encryption key (issue #17.1 in AWS)', () => {
  it('one customer-managed key with yearly rotation and an alias, kept on stack deletion in prod and removed with a dev stage', () => {
    const keys = (t: Template) =>
      Object.values(
        t.findResources('AWS::KMS::Key', { Properties: { Description: Match.stringLikeRegexp('Temporal payloads') } }),
      );
    expect(keys(stateful)).toHaveLength(1);
    expect(keys(stateful)[0]).toMatchObject({
      Properties: { EnableKeyRotation: true },
      DeletionPolicy: 'Delete',
      UpdateReplacePolicy: 'Delete',
    });
    const prodStateful = Template.fromStack(prod.stateful);
    expect(keys(prodStateful)).toHaveLength(1);
    expect(keys(prodStateful)[0]).toMatchObject({
      Properties: { EnableKeyRotation: true },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    stateful.hasResourceProperties('AWS::KMS::Alias', {
      AliasName: 'alias/casc-dev-payloads',
      TargetKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PayloadKey'), 'Arn'] },
    });
    prodStateful.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/casc-prod-payloads' });
  });

  it('the worker task, the API function and the SES-events consumer all get CASC_PAYLOAD_KEYS=kms:<that key ARN>', () => {
    runtime.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [
        Match.objectLike({ Environment: Match.arrayWith([{ Name: 'CASC_PAYLOAD_KEYS', Value: payloadKeysValue }]) }),
      ],
    });
    const functions = runtime.findResources('AWS::Lambda::Function', {
      Properties: { Environment: { Variables: { CASC_PAYLOAD_KEYS: payloadKeysValue } } },
    });
    expect(
      Object.keys(functions)
        .map((id) => id.replace(/Function[0-9A-F]{8}$/, ''))
        .sort(),
    ).toEqual(['Api', 'SesEvents']);
  });

  it('each of the three roles may GenerateDataKey and Decrypt on the payload key only — nothing more on it', () => {
    for (const role of [/^WorkerTaskTaskRole/, /^ApiFunctionRole/, /^SesEventsFunctionRole/]) {
      const onKey = statementsOf(runtime, role).filter(onPayloadKey);
      expect(onKey, role.source).toHaveLength(1);
      expect(
        {
          effect: onKey[0]!.Effect,
          actions: onKey[0]!.Action,
          condition: (onKey[0] as { Condition?: unknown }).Condition,
        },
        role.source,
      ).toEqual({
        effect: 'Allow',
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        condition: undefined,
      });
      // CDK merges grants with the same actions: the worker's statement also names the candidate-data key (handoff and archive writes).
      const resources = [onKey[0]!.Resource].flat() as { 'Fn::GetStackOutput': { OutputName: string } }[];
      expect(
        resources.map((r) => r['Fn::GetStackOutput'].OutputName.replace(/[0-9A-F]{8}Arn[0-9A-F]{8}$/, '')),
        role.source,
      ).toEqual(
        role.source === '^WorkerTaskTaskRole'
          ? ['PublishOutputFnGetAttCandidateDataKey', 'PublishOutputFnGetAttPayloadKey']
          : ['PublishOutputFnGetAttPayloadKey'],
      );
    }
    // No other principal in the runtime stack is granted the payload key.
    const all = Object.values(runtime.findResources('AWS::IAM::Policy')).flatMap(
      (p) => (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument.Statement,
    );
    expect(all.filter(onPayloadKey)).toHaveLength(3);
  });
});

describe('used task links table (one-time sign-in links across Lambda instances)', () => {
  it('on demand, keyed by the link id, expired by TTL, point-in-time recovery, encrypted at rest', () => {
    stateful.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [{ AttributeName: USED_LINKS_PARTITION_KEY, KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: USED_LINKS_TTL_ATTRIBUTE, Enabled: true },
      SSESpecification: { SSEEnabled: true },
      Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
    });
    expect([USED_LINKS_PARTITION_KEY, USED_LINKS_TTL_ATTRIBUTE]).toEqual(['pk', 'expiresAt']);
    Template.fromStack(prod.stateful).hasResource('AWS::DynamoDB::GlobalTable', {
      Properties: {
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        Replicas: [Match.objectLike({ DeletionProtectionEnabled: true })],
      },
      DeletionPolicy: 'Retain',
    });
  });

  it('the API function gets its name as CASC_USED_LINKS_TABLE and may get and put items on that table only', () => {
    const table = output(/UsedLinks/);
    runtime.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({ CASC_USED_LINKS_TABLE: table, CASC_LINK_SECRET_ARN: Match.anyValue() }),
      },
    });
    const onTable = (s: Statement) => JSON.stringify(s.Resource).includes('UsedLinks');
    const apiOnTable = statementsOf(runtime, /^ApiFunctionRole/).filter(onTable);
    expect(apiOnTable).toEqual([
      {
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:PutItem'],
        Resource: {
          'Fn::GetStackOutput': expect.objectContaining({
            OutputName: expect.stringMatching(/^PublishOutputFnGetAttUsedLinksTable[0-9A-F]{8}Arn/),
          }),
        },
      },
    ]);
    for (const role of [/^WorkerTaskTaskRole/, /^SesEventsFunctionRole/])
      expect(statementsOf(runtime, role).filter(onTable), role.source).toEqual([]);
  });
});
