import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export interface TemporalCloudConnectionProps {
  /** gRPC endpoint, e.g. `casc.a1b2c.tmprl.cloud:7233` (TEMPORAL_ADDRESS). */
  readonly address: string;
  /** Namespace, e.g. `casc.a1b2c` (TEMPORAL_NAMESPACE). */
  readonly namespace: string;
  /**
   * An existing secret whose SecretString is the Temporal Cloud API key.
   * @default - a new secret with a random placeholder value; ops put the real key in after the
   *            first deploy (docs/deploy.md) and restart the worker
   */
  readonly apiKeySecret?: secretsmanager.ISecret;
}

/**
 * How processes reach Temporal Cloud: the address, the namespace, TLS on, and the API key kept in
 * Secrets Manager. Containers get the key as an ECS secret (never a plain env var); functions get
 * the secret's ARN and read it at cold start (TEMPORAL_API_KEY_SECRET_ARN).
 */
export class TemporalCloudConnection extends Construct {
  public readonly apiKeySecret: secretsmanager.ISecret;
  public readonly address: string;
  public readonly namespace: string;

  constructor(scope: Construct, id: string, props: TemporalCloudConnectionProps) {
    super(scope, id);
    this.address = props.address;
    this.namespace = props.namespace;
    if (props.apiKeySecret) {
      this.apiKeySecret = props.apiKeySecret;
    } else {
      const secret = new secretsmanager.Secret(this, 'ApiKey', {
        description: `Temporal Cloud API key for namespace ${props.namespace} (set by ops; see docs/deploy.md)`,
        // The key can be re-issued in Temporal Cloud, so losing the secret with the stack is acceptable.
        removalPolicy: RemovalPolicy.DESTROY,
      });
      Validations.of(secret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason:
          'Temporal Cloud API keys are issued and expired in Temporal Cloud, not by AWS; no rotation Lambda can mint one. Rotation is the documented ops procedure (new key into this secret, then force a new worker deployment).',
      });
      this.apiKeySecret = secret;
    }
  }

  /** Plain, non-secret connection settings shared by every process. */
  public get environment(): Record<string, string> {
    return { TEMPORAL_ADDRESS: this.address, TEMPORAL_NAMESPACE: this.namespace, TEMPORAL_TLS: 'true' };
  }

  /** Connects a worker container: address and namespace as env, the API key as an ECS secret. */
  public connectContainer(container: ecs.ContainerDefinition): void {
    for (const [name, value] of Object.entries(this.environment)) container.addEnvironment(name, value);
    // addSecret also grants the task execution role read access to exactly this secret.
    container.addSecret('TEMPORAL_API_KEY', ecs.Secret.fromSecretsManager(this.apiKeySecret));
  }

  /** Connects a Lambda function: env plus TEMPORAL_API_KEY_SECRET_ARN and read access to it. */
  public connectFunction(fn: lambda.Function): void {
    for (const [name, value] of Object.entries(this.environment)) fn.addEnvironment(name, value);
    fn.addEnvironment('TEMPORAL_API_KEY_SECRET_ARN', this.apiKeySecret.secretArn);
    this.apiKeySecret.grantRead(fn);
  }
}
