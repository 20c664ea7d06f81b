import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** The SES events the program acts on: every outcome of a send that is not a plain "sent". */
export const TRACKED_EMAIL_EVENTS = [
  ses.EmailSendingEvent.BOUNCE,
  ses.EmailSendingEvent.COMPLAINT,
  ses.EmailSendingEvent.REJECT,
  ses.EmailSendingEvent.DELIVERY,
  ses.EmailSendingEvent.DELIVERY_DELAY,
  ses.EmailSendingEvent.RENDERING_FAILURE,
];

/** SES message tag the email activities set to the template name, for per-template metrics. */
export const TEMPLATE_TAG = 'casc-template';

export interface ProgramEmailIdentityProps {
  /** The address reminders and notices are sent from (SES_FROM). */
  readonly senderEmail: string;
  /**
   * Verify this whole domain (with Easy DKIM) instead of only `senderEmail`. The DKIM CNAME
   * records must then be published in the domain's DNS (see the stack outputs).
   * @default - the single address `senderEmail` is the identity (verified by a link SES mails to it)
   */
  readonly senderDomain?: string;
  /**
   * Name of the SES configuration set; it is part of the IAM resource the sender is granted.
   * @default 'casc-induction'
   */
  readonly configurationSetName?: string;
  /**
   * Key for the SNS topic that receives bounce/complaint/delivery events (they carry recipient
   * addresses). SES is allowed to use it.
   * @default - a new key with rotation
   */
  readonly eventsTopicKey?: kms.IKey;
}

/**
 * The program's one sending identity: SES identity + configuration set (reputation metrics,
 * account suppression list for bounces and complaints) + event destinations (an SNS topic and
 * CloudWatch metrics per template).
 */
export class ProgramEmailIdentity extends Construct {
  public readonly identity: ses.EmailIdentity;
  public readonly configurationSet: ses.ConfigurationSet;
  public readonly eventsTopic: sns.Topic;
  public readonly senderEmail: string;
  /** Name of the identity in SES (the domain or the address). */
  public readonly identityName: string;
  public readonly configurationSetName: string;

  constructor(scope: Construct, id: string, props: ProgramEmailIdentityProps) {
    super(scope, id);
    this.senderEmail = props.senderEmail;
    this.identityName = props.senderDomain ?? props.senderEmail;
    this.configurationSetName = props.configurationSetName ?? 'casc-induction';
    if (props.senderDomain && !props.senderEmail.toLowerCase().endsWith(`@${props.senderDomain.toLowerCase()}`)) {
      throw new Error(`senderEmail ${props.senderEmail} is not in senderDomain ${props.senderDomain}`);
    }

    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: this.configurationSetName,
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });

    this.identity = new ses.EmailIdentity(this, 'Identity', {
      identity: props.senderDomain ? ses.Identity.domain(props.senderDomain) : ses.Identity.email(props.senderEmail),
      // Sends that forget to name a configuration set still produce events and metrics.
      configurationSet: this.configurationSet,
    });

    const topicKey =
      props.eventsTopicKey ??
      new kms.Key(this, 'EventsKey', { description: 'CASC SES events topic', enableKeyRotation: true });
    this.eventsTopic = new sns.Topic(this, 'Events', {
      displayName: 'CASC SES bounce, complaint and delivery events',
      masterKey: topicKey,
      enforceSSL: true,
    });
    topicKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowSesToPublishEncryptedEvents',
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );

    this.configurationSet.addEventDestination('ToSns', {
      destination: ses.EventDestination.snsTopic(this.eventsTopic),
      events: TRACKED_EMAIL_EVENTS,
    });
    this.configurationSet.addEventDestination('ToCloudWatch', {
      destination: ses.EventDestination.cloudWatchDimensions([
        { name: TEMPLATE_TAG, source: ses.CloudWatchDimensionSource.MESSAGE_TAG, defaultValue: 'untagged' },
      ]),
      events: [...TRACKED_EMAIL_EVENTS, ses.EmailSendingEvent.SEND],
    });
  }

  /** ARN of the SES identity, the only identity a grantee of {@link grantSendFrom} may use. */
  public get identityArn(): string {
    // Built from the literal name (not the resource's Ref) so a consumer in another stack gets a
    // plain ARN and the IAM policy reads exactly like the identity it allows.
    return Stack.of(this).formatArn({ service: 'ses', resource: 'identity', resourceName: this.identityName });
  }

  /** ARN of the configuration set (SES authorizes it as a second resource of every send). */
  public get configurationSetArn(): string {
    return Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSetName,
    });
  }

  /**
   * Lets `grantee` send email through this identity and configuration set only, and only with
   * `fromAddress` in the From header.
   * @param fromAddress defaults to the program's sender address
   */
  public grantSendFrom(grantee: iam.IGrantable, fromAddress: string = this.senderEmail): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resourceArns: [this.identityArn, this.configurationSetArn],
      conditions: { StringEquals: { 'ses:FromAddress': fromAddress } },
    });
  }
}
