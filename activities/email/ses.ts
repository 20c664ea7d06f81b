// Sends one rendered notification through SES, at most once per idempotency key.
import { SendEmailCommand, SendRawEmailCommand, type SESClient } from '@aws-sdk/client-ses';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import {
  addressingProblem,
  renderTemplate,
  TemplateDataError,
  type RenderedEmail,
  type TOutgoingEmail,
  type TPermanentFailureReason,
  type TRecipient,
} from '../../domain/notifications';
import type { DeliveryProbe } from './delivery-probe';
import { EMAIL_PERMANENT_FAILURE, toActivityFailure } from './errors';
import type { SentLedger } from './ledger';
import { withTaskLinks, type TTaskLinkSettings } from './task-links';
import { buildMimeMessage, formatAddress } from './mime';
import type { RateLimiter } from './rate';

export interface EmailSenderDeps {
  ses: SESClient;
  /** The verified sender identity, e.g. 'casc-induction@example.edu' or '"CASC Induction" <…>'. */
  from: string;
  configurationSet?: string;
  ledger: SentLedger;
  /** Settles a send left claimed-but-unrecorded by a crash (delivery-probe.ts); none in AWS yet. */
  deliveryProbe?: DeliveryProbe;
  rateLimiter?: RateLimiter;
  /** Named as ORGANIZER in calendar invites; defaults to the sender address. */
  organizer?: { name: string; email: string };
  /** Turns portal URLs into signed task links for the addressee (task-links.ts); unset leaves URLs as the workflow wrote them. */
  taskLinks?: TTaskLinkSettings;
}

/** A notification envelope whose `data` has not been checked yet (it comes from outside). */
export type TUncheckedEmail = Omit<TOutgoingEmail, 'data' | 'template'> & { template: TOutgoingEmail['template']; data: unknown };

export interface TSendOutcome {
  status: 'sent' | 'alreadySent';
  messageId: string;
}

// SES tag values allow only letters, digits, '_' and '-'.
const tagValue = (s: string): string => s.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 256);
const bareAddress = (from: string): string => /<([^>]+)>/.exec(from)?.[1] ?? from;

function invalidMessage(recipientRole: TRecipient['role'], detail: string): ApplicationFailure {
  const reason: TPermanentFailureReason = 'invalidMessage';
  return ApplicationFailure.create({ message: detail, type: EMAIL_PERMANENT_FAILURE, nonRetryable: true, details: [{ recipientRole, reason }] });
}

/** The activity's logger when running as one (key and role only: no addresses in logs). */
function warn(message: string, meta: Record<string, string>): void {
  try {
    Context.current().log.warn(message, meta);
  } catch {
    // Not inside an activity (a unit test calling the sender directly).
  }
}

export function createEmailSender(deps: EmailSenderDeps) {
  const organizer = deps.organizer ?? { name: 'CASC Induction', email: bareAddress(deps.from) };
  // Two attempts of the same activity can overlap (a timed-out attempt still running); the second
  // waits for the first instead of sending again.
  const inFlight = new Map<string, Promise<TSendOutcome>>();

  async function render(n: TUncheckedEmail): Promise<RenderedEmail> {
    const problem = addressingProblem(n);
    if (problem) throw invalidMessage(n.to.role, problem);
    // Minted on every attempt: a retry gets fresh links, and the ledger still sends only once.
    const data = deps.taskLinks ? await withTaskLinks(n.data, n.to, (n.cc?.length ?? 0) > 0, deps.taskLinks) : n.data;
    try {
      return renderTemplate(n.template, data, { recipient: n.to, organizer });
    } catch (error) {
      if (error instanceof TemplateDataError) throw invalidMessage(n.to.role, error.message);
      throw error;
    }
  }

  async function deliver(n: TUncheckedEmail, email: RenderedEmail): Promise<string> {
    const common = {
      ...(deps.configurationSet ? { ConfigurationSetName: deps.configurationSet } : {}),
      Tags: [
        { Name: 'template', Value: tagValue(n.template) },
        { Name: 'recipientRole', Value: n.to.role },
        { Name: 'idempotencyKey', Value: tagValue(n.idempotencyKey) },
      ],
    };
    await deps.rateLimiter?.acquire();
    if (email.attachments && email.attachments.length > 0) {
      const raw = buildMimeMessage({
        from: deps.from,
        to: n.to,
        ...(n.cc ? { cc: n.cc } : {}),
        subject: email.subject,
        text: email.text,
        html: email.html,
        attachments: email.attachments,
        headers: { 'X-Casc-Template': n.template },
      });
      const out = await deps.ses.send(new SendRawEmailCommand({ Source: deps.from, RawMessage: { Data: Buffer.from(raw, 'utf8') }, ...common }));
      return out.MessageId ?? '';
    }
    const out = await deps.ses.send(
      new SendEmailCommand({
        Source: deps.from,
        Destination: { ToAddresses: [formatAddress(n.to)], ...(n.cc && n.cc.length > 0 ? { CcAddresses: n.cc.map(formatAddress) } : {}) },
        Message: {
          Subject: { Data: email.subject, Charset: 'UTF-8' },
          Body: { Text: { Data: email.text, Charset: 'UTF-8' }, Html: { Data: email.html, Charset: 'UTF-8' } },
        },
        ...common,
      }),
    );
    return out.MessageId ?? '';
  }

  async function sendOnce(n: TUncheckedEmail): Promise<TSendOutcome> {
    const { ledger } = deps;
    const earlier = await ledger.get(n.idempotencyKey);
    if (earlier) return { status: 'alreadySent', messageId: earlier.messageId };
    const email = await render(n);
    // The double-send window: SES has accepted the message but the worker dies (kill -9, OOM, a
    // lost host) before the ledger records it, so Temporal's retry of the activity sends it again.
    // SES has no idempotency token, so the send is claimed first; a retry that finds a claim
    // without a MessageId asks the probe whether SES took it (test/integration/crash-restart.test.ts
    // holds SES's answer back and kills the worker exactly there).
    const claim = await ledger.claimOf?.(n.idempotencyKey);
    if (claim) {
      const accepted = await deps.deliveryProbe?.findAccepted(claim);
      if (accepted) {
        await ledger.put(n.idempotencyKey, accepted.messageId);
        return { status: 'alreadySent', messageId: accepted.messageId };
      }
      // No probe (Amazon SES): sending again may duplicate, skipping may lose; a reminder about a
      // deadline is worth a duplicate, so it is at-least-once, and said so in the log.
      if (!deps.deliveryProbe) warn('email: an earlier attempt died after claiming this send; sending again may duplicate it', { idempotencyKey: n.idempotencyKey });
    }
    await ledger.claim?.(n.idempotencyKey, { at: Date.now(), to: n.to.email, subject: email.subject });
    let messageId: string;
    try {
      messageId = await deliver(n, email);
    } catch (error) {
      throw toActivityFailure(error, n.to.role);
    }
    await ledger.put(n.idempotencyKey, messageId);
    return { status: 'sent', messageId };
  }

  /**
   * Renders and sends one notification. Throws a non-retryable `EmailPermanentFailure`
   * ApplicationFailure when SES (or the template) rules the message out, a retryable one otherwise.
   */
  async function sendNotification(n: TOutgoingEmail | TUncheckedEmail): Promise<TSendOutcome> {
    const running = inFlight.get(n.idempotencyKey);
    if (running) return { status: 'alreadySent', messageId: (await running).messageId };
    const attempt = sendOnce(n);
    inFlight.set(n.idempotencyKey, attempt);
    try {
      return await attempt;
    } finally {
      inFlight.delete(n.idempotencyKey);
    }
  }

  return { sendNotification };
}
