import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { USED_LINKS_PARTITION_KEY, USED_LINKS_TTL_ATTRIBUTE } from '../../../functions/portal/used-links';

export interface UsedLinksTableProps {
  /**
   * Keep the table when the stack is deleted (infra/stages.ts `retainOnDelete`).
   * @default true
   */
  readonly retain?: boolean;
}

/**
 * The task links already used to sign in (functions/portal/used-links.ts dynamoUsedLinks): one
 * item per link id, written with a conditional put, expired by TTL when the link would have
 * expired anyway. Shared by every API function instance, so a link signs someone in once.
 * Items hold a random link id and an expiry, no personal data: the AWS-managed DynamoDB key
 * encrypts them (no key grant needed beyond the table's own).
 */
export class UsedLinksTable extends Construct {
  public readonly table: dynamodb.TableV2;

  constructor(scope: Construct, id: string, props: UsedLinksTableProps = {}) {
    super(scope, id);
    const retain = props.retain !== false;
    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: { name: USED_LINKS_PARTITION_KEY, type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      timeToLiveAttribute: USED_LINKS_TTL_ATTRIBUTE,
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Losing it would let every used link still within its 14 days sign someone in again.
      removalPolicy: retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      deletionProtection: retain,
    });
  }

  /** Exactly what the store does: a conditional put and a consistent get. */
  public grantUsedLinksReadWrite(grantee: iam.IGrantable): iam.Grant {
    return this.table.grant(grantee, 'dynamodb:GetItem', 'dynamodb:PutItem');
  }
}
