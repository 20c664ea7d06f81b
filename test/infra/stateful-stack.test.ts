import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ProgramEmailIdentity } from '../../infra/lib/constructs/program-email-identity';
import { StatefulStack } from '../../infra/lib/stateful-stack';
import { ACCOUNT, REGION, buildTestApp, cdkJsonContext } from './support';

const { stateful } = buildTestApp();
const template = Template.fromStack(stateful);
const bucketName = `casc-records-dev-${ACCOUNT}-${REGION}`;

describe('stateful stack: candidate records bucket', () => {
  it('encrypts with the customer-managed candidate data key (SSE-KMS, bucket key on)', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: bucketName,
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CandidateDataKey'), 'Arn'] },
            },
          },
        ],
      },
    });
    template.hasResource('AWS::KMS::Key', {
      Properties: { EnableKeyRotation: true },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  it('is versioned, blocks all public access, logs access, and is retained on stack deletion', () => {
    template.hasResource('AWS::S3::Bucket', {
      Properties: {
        BucketName: bucketName,
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        LoggingConfiguration: {
          DestinationBucketName: { Ref: Match.stringLikeRegexp('^RecordsAccessLogs') },
          LogFilePrefix: 'records/',
        },
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  it('retention (dev stage): noncurrent versions expire after 30 days, archives go to Glacier after a year', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: bucketName,
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            Id: 'expire-noncurrent-versions',
            Status: 'Enabled',
            NoncurrentVersionExpiration: { NoncurrentDays: 30 },
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
          }),
          Match.objectLike({
            Id: 'archives-to-glacier',
            Prefix: 'archives/',
            Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 365 }],
          }),
        ]),
      },
    });
  });

  it('refuses every request without TLS, on both buckets', () => {
    const denyInsecure = Match.objectLike({
      Effect: 'Deny',
      Action: 's3:*',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
    const policies = template.findResources('AWS::S3::BucketPolicy', {
      Properties: { PolicyDocument: { Statement: Match.arrayWith([denyInsecure]) } },
    });
    expect(Object.keys(policies)).toHaveLength(2);
  });

  it('keeps server access logs in an SSE-S3 bucket (the only encryption S3 log delivery supports)', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 365 })] },
    });
  });
});

describe('stateful stack: SES identity and configuration set', () => {
  it('verifies the sender address and attaches the configuration set to it by default', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'induction@casc.example.org',
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: Match.stringLikeRegexp('^EmailConfigurationSet') } },
    });
  });

  it('publishes reputation metrics and suppresses addresses that bounced or complained', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      Name: 'casc-induction-dev',
      ReputationOptions: { ReputationMetricsEnabled: true },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
  });

  it('sends bounce, complaint, reject and delivery events to an encrypted, TLS-only SNS topic', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: Match.arrayWith(['bounce', 'complaint', 'reject', 'delivery']),
        SnsDestination: { TopicARN: { Ref: Match.stringLikeRegexp('^EmailEvents') } },
      },
    });
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CandidateDataKey'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Allow', Action: 'sns:Publish', Principal: { Service: 'ses.amazonaws.com' } }),
        ]),
      },
    });
  });

  it('lets SES use the key of the encrypted events topic, for this account only', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'ses.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
            Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
          }),
        ]),
      },
    });
  });

  it('counts sends, bounces and complaints per email template in CloudWatch', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: {
        MatchingEventTypes: Match.arrayWith(['bounce', 'complaint', 'send']),
        CloudWatchDestination: {
          DimensionConfigurations: [
            { DimensionName: 'casc-template', DimensionValueSource: 'messageTag', DefaultDimensionValue: 'untagged' },
          ],
        },
      },
    });
  });

  it('with senderDomain, verifies the domain with DKIM and outputs the CNAME records to publish', () => {
    const domainStack = new StatefulStack(new App({ context: cdkJsonContext() }), 'DomainOnly', {
      env: { account: ACCOUNT, region: REGION },
      stage: 'dev',
      senderEmail: 'induction@casc.example.org',
      senderDomain: 'casc.example.org',
    });
    const domainTemplate = Template.fromStack(domainStack);
    domainTemplate.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'casc.example.org' });
    expect(Object.keys(domainTemplate.findOutputs('*')).filter((id) => id.startsWith('DkimRecord'))).toHaveLength(3);
  });

  it('refuses a sender address outside the verified domain', () => {
    const stack = new Stack(new App(), 'Scratch', { env: { account: ACCOUNT, region: REGION } });
    expect(
      () => new ProgramEmailIdentity(stack, 'Email', { senderEmail: 'a@other.org', senderDomain: 'casc.example.org' }),
    ).toThrow(/not in senderDomain/);
  });
});
