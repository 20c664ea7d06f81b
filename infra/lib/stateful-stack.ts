import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { TArchiveLock, TRecordsBackup } from '../stages';
import { CandidateRecordsBucket } from './constructs/candidate-records-bucket';
import { EmailLedgerTable } from './constructs/email-ledger-table';
import { PayloadKey } from './constructs/payload-key';
import { UsedLinksTable } from './constructs/used-links-table';
import { StaffUserPool } from './constructs/staff-user-pool';
import { ProgramEmailIdentity } from './constructs/program-email-identity';

export interface StatefulStackProps extends StackProps {
  /** Environment name, part of resource names that must be unique per account and region. */
  readonly stage: string;
  /** Sender address (SES_FROM). */
  readonly senderEmail: string;
  /**
   * Domain to verify instead of the single sender address.
   * @default - only `senderEmail` is verified
   */
  readonly senderDomain?: string;
  /**
   * Days replaced or deleted object versions are kept.
   * @default 90
   */
  readonly noncurrentVersionRetentionDays?: number;
  /**
   * Days after which archives move to Glacier.
   * @default 365
   */
  readonly archiveToGlacierAfterDays?: number;
  /**
   * Object Lock default retention of the records bucket (infra/stages.ts).
   * @default - no Object Lock
   */
  readonly archiveLock?: TArchiveLock;
  /**
   * AWS Backup of the records bucket (infra/stages.ts).
   * @default - no backup plan
   */
  readonly backup?: TRecordsBackup;
  /**
   * Prefix of the staff sign-in domain (`<prefix>.auth.<region>.amazoncognito.com`).
   * @default `casc-<stage>-<account>`
   */
  readonly staffSignInDomainPrefix?: string;
  /**
   * Keep the payload key and the used-links table when the stack is deleted (infra/stages.ts).
   * @default true
   */
  readonly retainOnDelete?: boolean;
}

/**
 * What outlives a redeploy: candidate records and the sending identity (its reputation and
 * verification). Deployed rarely; the runtime stack takes these constructs as props.
 */
export class StatefulStack extends Stack {
  public readonly records: CandidateRecordsBucket;
  public readonly email: ProgramEmailIdentity;
  public readonly ledger: EmailLedgerTable;
  public readonly staff: StaffUserPool;
  public readonly payloadKey: PayloadKey;
  public readonly usedLinks: UsedLinksTable;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    // One key for candidate data at rest: the records and the SES events that carry addresses.
    const candidateDataKey = new kms.Key(this, 'CandidateDataKey', {
      description: `CASC ${props.stage}: candidate records and email events`,
      enableKeyRotation: true,
      // Deleting the key would make the retained bucket unreadable: it stays with the bucket.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.records = new CandidateRecordsBucket(this, 'Records', {
      bucketName: `casc-records-${props.stage}-${this.account}-${this.region}`,
      encryptionKey: candidateDataKey,
      noncurrentVersionRetentionDays: props.noncurrentVersionRetentionDays,
      archiveToGlacierAfterDays: props.archiveToGlacierAfterDays,
      archiveLock: props.archiveLock,
      backup: props.backup,
    });
    this.email = new ProgramEmailIdentity(this, 'Email', {
      senderEmail: props.senderEmail,
      senderDomain: props.senderDomain,
      configurationSetName: `casc-induction-${props.stage}`,
      eventsTopicKey: candidateDataKey,
    });

    this.ledger = new EmailLedgerTable(this, 'EmailLedger', { encryptionKey: candidateDataKey });
    // Temporal payloads (issue #17.1): its own key, so a grant to read payloads is not one to read records.
    this.payloadKey = new PayloadKey(this, 'PayloadKey', { stage: props.stage, retain: props.retainOnDelete });
    this.usedLinks = new UsedLinksTable(this, 'UsedLinks', { retain: props.retainOnDelete });
    this.staff = new StaffUserPool(this, 'Staff', {
      domainPrefix: props.staffSignInDomainPrefix ?? `casc-${props.stage}-${this.account}`,
    });

    new CfnOutput(this, 'StaffUserPoolId', { value: this.staff.userPool.userPoolId });
    new CfnOutput(this, 'StaffSignInDomain', { value: this.staff.domain.baseUrl() });
    new CfnOutput(this, 'PayloadKeyArn', { value: this.payloadKey.key.keyArn });
    new CfnOutput(this, 'UsedLinksTableName', { value: this.usedLinks.table.tableName });
    new CfnOutput(this, 'RecordsBucketName', { value: this.records.bucket.bucketName });
    new CfnOutput(this, 'ConfigurationSetName', { value: this.email.configurationSetName });
    new CfnOutput(this, 'EmailEventsTopicArn', { value: this.email.eventsTopic.topicArn });
    if (props.senderDomain) {
      this.email.identity.dkimRecords.forEach((record, index) => {
        new CfnOutput(this, `DkimRecord${index + 1}`, { value: `${record.name} CNAME ${record.value}` });
      });
    }
  }
}
