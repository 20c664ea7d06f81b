import { RemovalPolicy } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/** What codec/kms.ts calls: a new data key to encrypt with, and the data key of a payload to read it. */
export const PAYLOAD_KEY_ACTIONS = ['kms:GenerateDataKey', 'kms:Decrypt'] as const;

export interface PayloadKeyProps {
  /** Environment name, part of the alias (`alias/casc-<stage>-payloads`). */
  readonly stage: string;
  /**
   * Keep the key when the stack is deleted (infra/stages.ts `retainOnDelete`). Temporal Cloud keeps
   * the histories the key protects whatever happens to the stack: without the key they are unreadable.
   * @default true
   */
  readonly retain?: boolean;
}

/**
 * The KMS key Temporal payloads are encrypted under (issue #17.1): envelope encryption, one data
 * key per process and 5 minutes (codec/kms.ts), its encrypted copy in every payload's metadata.
 * Every worker task, the API function and the SES-events consumer get CASC_PAYLOAD_KEYS=kms:<arn>.
 */
export class PayloadKey extends Construct {
  public readonly key: kms.Key;
  public readonly alias: kms.Alias;

  constructor(scope: Construct, id: string, props: PayloadKeyProps) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: `CASC ${props.stage}: Temporal payloads (data keys for the AES-256-GCM codec)`,
      enableKeyRotation: true,
      removalPolicy: props.retain === false ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    });
    this.alias = this.key.addAlias(`alias/casc-${props.stage}-payloads`);
  }

  /** The CASC_PAYLOAD_KEYS value (codec/data-converter.ts): the key's ARN, not the alias (the codec records the key id). */
  public get environmentValue(): string {
    return `kms:${this.key.keyArn}`;
  }

  /** Exactly what the codec asks KMS for, on this key only. */
  public grantPayloadCodec(grantee: iam.IGrantable): iam.Grant {
    return this.key.grant(grantee, ...PAYLOAD_KEY_ACTIONS);
  }
}
