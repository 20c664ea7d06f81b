import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/** The attribute activities/email/ledger-dynamo.ts writes (epoch seconds) and the table expires on. */
export const LEDGER_TTL_ATTRIBUTE = 'expiresAt';

export interface EmailLedgerTableProps {
  /** Customer-managed key: a claim holds a recipient's address until the send is recorded. */
  readonly encryptionKey: kms.IKey;
}

/**
 * The email ledger every worker shares (activities/email/ledger-dynamo.ts): one item per
 * idempotency key, written with conditional updates, expired by TTL. On demand: the load is a few
 * writes per email, in bursts at the policy's send time.
 */
export class EmailLedgerTable extends Construct {
  public readonly table: dynamodb.TableV2;

  constructor(scope: Construct, id: string, props: EmailLedgerTableProps) {
    super(scope, id);
    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: { name: 'key', type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      timeToLiveAttribute: LEDGER_TTL_ATTRIBUTE,
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(props.encryptionKey),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Losing it on a stack mistake would let in-flight retries send again.
      removalPolicy: RemovalPolicy.RETAIN,
      deletionProtection: true,
    });
  }

  /** Exactly what the ledger does: read an item, conditionally update it. */
  public grantLedgerReadWrite(grantee: iam.IGrantable): void {
    this.table.grant(grantee, 'dynamodb:GetItem', 'dynamodb:UpdateItem');
    // Named actions (no kms:GenerateDataKey* / ReEncrypt* wildcards): what DynamoDB asks on the caller's behalf.
    this.table.encryptionKey?.grant(grantee, 'kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey');
  }
}
