// Sends one rendered notification through SES, at most once per idempotency key.
import { SendEmailCommand, SendRawEmailCommand } from '@aws-sdk/client-ses';
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
import { CANDIDATE_TAG, candidateKeyOfSend, encodeCandidateTag } from '../../domain/notifications/candidate-tag';

/** What the sender needs of SES: its two send commands. An SESClient in production; a simulation injects its own. */
export interface TSesSender {
  send(command: SendEmailCommand | SendRawEmailCommand): Promise<{ MessageId?: string }>;
}

export interface EmailSenderDeps {
  ses: TSesSender;
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
export type TUncheckedEmail = Omit<TOutgoingEmail, 'data' | 'template'> & {
  template: TOutgoingEmail['template'];
  data: unknown;
};

export interface TSendOutcome {
  status: 'sent' | 'alreadySent';
  messageId: string;
}

const isPermanentCopyFailure = (error: unknown) => error instanceof ApplicationFailure && error.nonRetryable;
const escapeHtmlText = (t: string) =>
  t.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

// SES tag values allow only letters, digits, '_' and '-'.
const tagValue = (s: string): string => s.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 256);
const bareAddress = (from: string): string => /<([^>]+)>/.exec(from)?.[1] ?? from;

function invalidMessage(recipientRole: TRecipient['role'], detail: string): ApplicationFailure {
  const reason: TPermanentFailureReason = 'invalidMessage';
  return ApplicationFailure.create({
    message: detail,
    type: EMAIL_PERMANENT_FAILURE,
    nonRetryable: true,
    details: [{ recipientRole, reason }],
  });
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

  /**
   * The message as `reader` gets it: the template is always written for the addressee, but the task
   * links inside are minted for the reader, so a copied PA's links sign the PA in, never the candidate.
   */
  async function render(n: TUncheckedEmail, reader: TRecipient, copyOf?: TRecipient): Promise<RenderedEmail> {
    const problem = addressingProblem(n);
    if (problem) throw invalidMessage(n.to.role, problem);
    // Minted on every attempt: a retry gets fresh links, and the ledger still sends only once.
    const data = deps.taskLinks ? await withTaskLinks(n.data, reader, false, deps.taskLinks) : n.data;
    let email: RenderedEmail;
    try {
      email = renderTemplate(n.template, data, { recipient: n.to, organizer });
    } catch (error) {
      if (error instanceof TemplateDataError) throw invalidMessage(n.to.role, error.message);
      throw error;
    }
    if (!copyOf) return email;
    const note = `A copy for you of the message sent to ${copyOf.name}.`;
    return {
      ...email,
      subject: `Copy: ${email.subject}`,
      text: `${note}\n\n${email.text}`,
      html: email.html.replace(/<body([^>]*)>/, `<body$1><p><em>${escapeHtmlText(note)}</em></p>`),
    };
  }

  async function deliver(
    n: TUncheckedEmail,
    email: RenderedEmail,
    to: TRecipient,
    cc: readonly TRecipient[] | undefined,
    key: string,
  ): Promise<string> {
    const candidate = candidateKeyOfSend(key);
    const common = {
      ...(deps.configurationSet ? { ConfigurationSetName: deps.configurationSet } : {}),
      Tags: [
        { Name: 'template', Value: tagValue(n.template) },
        { Name: 'recipientRole', Value: to.role },
        { Name: 'idempotencyKey', Value: tagValue(key) },
        // Which candidate's record a bounce or complaint belongs to (functions/ses-events/consumer.ts); a key, not personal data.
        ...(candidate ? [{ Name: CANDIDATE_TAG, Value: encodeCandidateTag(candidate) }] : []),
      ],
    };
    await deps.rateLimiter?.acquire();
    if (email.attachments && email.attachments.length > 0) {
      const raw = buildMimeMessage({
        from: deps.from,
        to,
        ...(cc ? { cc: [...cc] } : {}),
        subject: email.subject,
        text: email.text,
        html: email.html,
        attachments: email.attachments,
        headers: { 'X-Casc-Template': n.template },
      });
      const out = await deps.ses.send(
        new SendRawEmailCommand({ Source: deps.from, RawMessage: { Data: Buffer.from(raw, 'utf8') }, ...common }),
      );
      return out.MessageId ?? '';
    }
    const out = await deps.ses.send(
      new SendEmailCommand({
        Source: deps.from,
        Destination: {
          ToAddresses: [formatAddress(to)],
          ...(cc && cc.length > 0 ? { CcAddresses: cc.map(formatAddress) } : {}),
        },
        Message: {
          Subject: { Data: email.subject, Charset: 'UTF-8' },
          Body: { Text: { Data: email.text, Charset: 'UTF-8' }, Html: { Data: email.html, Charset: 'UTF-8' } },
        },
        ...common,
      }),
    );
    return out.MessageId ?? '';
  }

  /**
   * With task links, each copied reader gets a copy of their own (its own ledger key), since a
   * link that signs someone in must only sit in that person's mailbox; without, one email with Cc.
   */
  async function sendOnce(n: TUncheckedEmail): Promise<TSendOutcome> {
    if (!deps.taskLinks || !n.cc?.length) return sendCopy(n, n.to, n.idempotencyKey, n.cc);
    const primary = await sendCopy(n, n.to, n.idempotencyKey, undefined);
    for (const reader of n.cc) {
      try {
        await sendCopy(n, reader, `${n.idempotencyKey}:copy:${reader.role}`, undefined, n.to);
      } catch (error) {
        // A copy SES will never deliver must not undo the addressee's message (it went out).
        if (!isPermanentCopyFailure(error)) throw error;
        warn('email: a copy could not be delivered', { idempotencyKey: n.idempotencyKey, recipientRole: reader.role });
      }
    }
    return primary;
  }

  async function sendCopy(
    n: TUncheckedEmail,
    reader: TRecipient,
    key: string,
    cc: readonly TRecipient[] | undefined,
    copyOf?: TRecipient,
  ): Promise<TSendOutcome> {
    const { ledger } = deps;
    const earlier = await ledger.get(key);
    if (earlier) return { status: 'alreadySent', messageId: earlier.messageId };
    const email = await render(n, reader, copyOf);
    // The double-send window: SES has accepted the message but the worker dies (kill -9, OOM, a
    // lost host) before the ledger records it, so Temporal's retry of the activity sends it again.
    // SES has no idempotency token, so the send is claimed first; a retry that finds a claim
    // without a MessageId asks the probe whether SES took it (test/integration/crash-restart.test.ts
    // holds SES's answer back and kills the worker exactly there).
    const claim = await ledger.claimOf?.(key);
    if (claim) {
      const accepted = await deps.deliveryProbe?.findAccepted(claim);
      if (accepted) {
        await ledger.put(key, accepted.messageId);
        return { status: 'alreadySent', messageId: accepted.messageId };
      }
      // No probe (Amazon SES): sending again may duplicate, skipping may lose; a reminder about a
      // deadline is worth a duplicate, so it is at-least-once, and said so in the log.
      if (!deps.deliveryProbe)
        warn('email: an earlier attempt died after claiming this send; sending again may duplicate it', {
          idempotencyKey: key,
        });
    }
    await ledger.claim?.(key, { at: Date.now(), to: reader.email, subject: email.subject });
    let messageId: string;
    try {
      messageId = await deliver(n, email, reader, cc, key);
    } catch (error) {
      throw toActivityFailure(error, reader.role);
    }
    await ledger.put(key, messageId);
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
