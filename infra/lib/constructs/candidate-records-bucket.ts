import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import { Construct } from 'constructs';
import type { TArchiveLock, TRecordsBackup } from '../../stages';

/**
 * Key prefixes inside the bucket. Object keys must carry ids only (program, candidate,
 * workflow), never names or emails: keys show up in access logs, listings and metrics.
 */
export const RECORD_PREFIXES = {
  handoffs: 'handoffs/',
  archives: 'archives/',
} as const;

export interface CandidateRecordsBucketProps {
  /**
   * Physical bucket name; S3 names are global, so include the account and region. A known name
   * lets other stacks' IAM policies name the exact bucket instead of importing its ARN.
   */
  readonly bucketName: string;
  /**
   * Customer-managed key that encrypts every object (SSE-KMS with an S3 bucket key, so KMS
   * requests stay per-bucket rather than per-object).
   * @default - a new key with yearly rotation, retained on stack deletion
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * Days a replaced or deleted object version is kept before S3 expires it.
   * @default 90
   */
  readonly noncurrentVersionRetentionDays?: number;
  /**
   * Days after which objects under `archives/` move to S3 Glacier Flexible Retrieval.
   * @default 365
   */
  readonly archiveToGlacierAfterDays?: number;
  /**
   * S3 Object Lock default retention: every new object version (handoff packet, archive) is
   * write-once for this long.
   * @default - no Object Lock
   */
  readonly archiveLock?: TArchiveLock;
  /**
   * AWS Backup plan for the bucket (its own vault, encrypted with the records key).
   * @default - no backup plan
   */
  readonly backup?: TRecordsBackup;
  /**
   * Days server access logs are kept.
   * @default 365
   */
  readonly accessLogRetentionDays?: number;
  /**
   * What happens to the buckets (and the key, when created here) on stack deletion.
   * Candidate records are the program's evidence for the CTC: keep them by default.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The S3 bucket for handoff packets and program archives (the email ledger is a DynamoDB table:
 * email-ledger-table.ts): KMS-encrypted, versioned, private, TLS-only, with server access logs in
 * a sibling bucket.
 */
export class CandidateRecordsBucket extends Construct {
  public readonly bucket: s3.Bucket;
  /** The bucket's backup vault and plan, when `backup` is given. */
  public readonly backupVault?: backup.BackupVault;
  public readonly backupPlan?: backup.BackupPlan;
  public readonly accessLogsBucket: s3.Bucket;
  public readonly encryptionKey: kms.IKey;
  /** `arn:aws:s3:::<bucketName>`, literal, usable in any stack of the account. */
  public readonly bucketArn: string;

  constructor(scope: Construct, id: string, props: CandidateRecordsBucketProps) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    this.encryptionKey =
      props.encryptionKey ??
      new kms.Key(this, 'Key', {
        description: 'CASC candidate records (handoffs, archives, email ledger)',
        enableKeyRotation: true,
        removalPolicy,
      });

    // S3 server access logging can only deliver to SSE-S3 buckets, hence a separate bucket.
    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(props.accessLogRetentionDays ?? 365) }],
      removalPolicy,
    });
    Validations.of(this.accessLogsBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This bucket is the server access log target of the records bucket; logging it into itself would loop and another log bucket would only move the finding.',
    });

    this.bucket = new s3.Bucket(this, 'Bucket', {
      bucketName: props.bucketName,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.encryptionKey,
      bucketKeyEnabled: true,
      versioned: true,
      // Write-once records: no role of the app can delete or overwrite a locked version.
      ...(props.archiveLock
        ? {
            objectLockEnabled: true,
            objectLockDefaultRetention:
              props.archiveLock.mode === 'COMPLIANCE'
                ? s3.ObjectLockRetention.compliance(Duration.days(props.archiveLock.days))
                : s3.ObjectLockRetention.governance(Duration.days(props.archiveLock.days)),
          }
        : {}),
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'records/',
      lifecycleRules: [
        {
          id: 'expire-noncurrent-versions',
          noncurrentVersionExpiration: Duration.days(props.noncurrentVersionRetentionDays ?? 90),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
        {
          id: 'archives-to-glacier',
          prefix: RECORD_PREFIXES.archives,
          transitions: [
            {
              storageClass: s3.StorageClass.GLACIER,
              transitionAfter: Duration.days(props.archiveToGlacierAfterDays ?? 365),
            },
          ],
        },
      ],
      removalPolicy,
    });
    this.bucketArn = Stack.of(this).formatArn({ service: 's3', region: '', account: '', resource: props.bucketName });
    if (props.backup) [this.backupVault, this.backupPlan] = this.addBackup(props.backup, removalPolicy);
  }

  /**
   * A daily AWS Backup of the bucket (continuous when the stage asks for it) into a vault of its
   * own, encrypted with the records key; optionally vault-locked so recovery points outlive a
   * compromised account admin for `vaultLockMinDays`.
   */
  private addBackup(config: TRecordsBackup, removalPolicy: RemovalPolicy): [backup.BackupVault, backup.BackupPlan] {
    const vault = new backup.BackupVault(this, 'BackupVault', {
      encryptionKey: this.encryptionKey,
      removalPolicy,
      ...(config.vaultLockMinDays
        ? { lockConfiguration: { minRetention: Duration.days(config.vaultLockMinDays) } }
        : {}),
    });
    const plan = new backup.BackupPlan(this, 'BackupPlan', { backupVault: vault });
    plan.addRule(
      new backup.BackupPlanRule({
        ruleName: 'daily',
        scheduleExpression: events.Schedule.cron({ minute: '0', hour: '5' }),
        deleteAfter: Duration.days(config.retentionDays),
        enableContinuousBackup: config.continuous,
      }),
    );
    // AWS Backup for S3 needs its S3 policies; the CDK default (the generic one, for every
    // service but S3) is turned off below.
    const role = new iam.Role(this, 'BackupRole', {
      assumedBy: new iam.ServicePrincipal('backup.amazonaws.com'),
      description: 'AWS Backup: back up and restore the candidate records bucket',
      managedPolicies: BACKUP_MANAGED_POLICIES.map((name) => iam.ManagedPolicy.fromAwsManagedPolicyName(name)),
    });
    // Reading the SSE-KMS objects to back them up, writing them on restore (exact actions, no wildcards).
    this.encryptionKey.grant(role, 'kms:Decrypt', 'kms:DescribeKey', 'kms:GenerateDataKey');
    for (const name of BACKUP_MANAGED_POLICIES) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${name}]`,
        reason: `${name} is the AWS-maintained policy AWS Backup documents for this job; it follows the service's S3 API needs (inventory, versions, EventBridge rules for continuous backup) better than a hand-copied list.`,
      });
    }
    plan.addSelection('Records', {
      resources: [backup.BackupResource.fromArn(this.bucket.bucketArn)],
      role,
      disableDefaultBackupPolicy: true,
    });
    return [vault, plan];
  }

  /** The worker writes handoff packets for the credentials office (`handoffs/*`), nothing else. */
  public grantHandoffWrite(grantee: iam.IGrantable): iam.Grant {
    return this.grantObjects(
      grantee,
      RECORD_PREFIXES.handoffs,
      ['s3:PutObject'],
      ['kms:GenerateDataKey', 'kms:Decrypt'],
    );
  }

  /** Read handoff packets, e.g. for the dashboard's download link. */
  public grantHandoffRead(grantee: iam.IGrantable): iam.Grant {
    return this.grantObjects(grantee, RECORD_PREFIXES.handoffs, ['s3:GetObject'], ['kms:Decrypt']);
  }

  /** Write a completed program's archive (`archives/*`); archives are never read back by the app. */
  public grantArchiveWrite(grantee: iam.IGrantable): iam.Grant {
    return this.grantObjects(
      grantee,
      RECORD_PREFIXES.archives,
      ['s3:PutObject'],
      ['kms:GenerateDataKey', 'kms:Decrypt'],
    );
  }

  private grantObjects(grantee: iam.IGrantable, prefix: string, s3Actions: string[], kmsActions: string[]): iam.Grant {
    const objectsArn = `${this.bucketArn}/${prefix}*`;
    const objects = iam.Grant.addToPrincipal({ grantee, actions: s3Actions, resourceArns: [objectsArn] });
    const key = iam.Grant.addToPrincipal({ grantee, actions: kmsActions, resourceArns: [this.encryptionKey.keyArn] });
    acknowledgePrefixWildcard(grantee, objectsArn, prefix);
    return objects.combine(key);
  }
}

/** The AWS-managed policies the AWS Backup role needs for S3 backups and restores. */
export const BACKUP_MANAGED_POLICIES = [
  'AWSBackupServiceRolePolicyForS3Backup',
  'AWSBackupServiceRolePolicyForS3Restore',
] as const;

/**
 * `<bucket>/<prefix>*` is how S3 scopes access to a folder, so the IAM5 wildcard finding it
 * raises is acknowledged here, for exactly that resource string, on the grantee's role.
 */
function acknowledgePrefixWildcard(grantee: iam.IGrantable, objectsArn: string, prefix: string): void {
  const principal = grantee.grantPrincipal;
  if (!Construct.isConstruct(principal)) return;
  const finding = flattenCfnReference(Stack.of(principal).resolve(objectsArn));
  Validations.of(principal).acknowledge({
    id: `AwsSolutions-IAM5[Resource::${finding}]`,
    reason: `Object access is limited to the ${prefix} prefix of the candidate records bucket; the trailing * is the S3 way to name objects under a prefix.`,
  });
}
