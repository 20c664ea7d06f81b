// SES bounce and complaint events → the candidate's record (R-NOT, delivery; not in domain.md).
// The configuration set publishes to SNS, SNS delivers to SQS (raw or in its envelope), and this
// consumer records `emailBounced` on the candidate's workflow through the same candidate service the
// API uses. Which person's address failed is resolved against the record itself (the status); the
// event carries the role, never the address. A message is done (deleted) once every recipient in it
// is recorded or found to need nothing; any other failure leaves it for SQS to redeliver, and after
// five receives it goes to the dead-letter queue (infra/lib/constructs/ses-events.ts).
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { TContactRole } from '../../domain/events';
import { ServiceError, type CandidateService } from '../candidates';
import { CANDIDATE_TAG, decodeCandidateTag } from '../../domain/notifications/candidate-tag';

// ── the shapes SES and SNS send (only what is read; everything else passes) ──
const ZRecipient = z.looseObject({ emailAddress: z.string().min(3).max(512) });
const ZMail = z.looseObject({
  messageId: z.string().min(1).max(200),
  /** Event publishing: `{ name: [values] }`. */
  tags: z.record(z.string(), z.array(z.string())).optional(),
});
const ZBounce = z.looseObject({
  bounceType: z.enum(['Permanent', 'Transient', 'Undetermined']),
  bounceSubType: z.string().max(100).optional(),
  bouncedRecipients: z.array(ZRecipient).min(1).max(100),
});
const ZComplaint = z.looseObject({
  complainedRecipients: z.array(ZRecipient).min(1).max(100),
  complaintFeedbackType: z.string().max(100).optional(),
});

/** An SES event (configuration-set event publishing uses `eventType`, identity notifications `notificationType`). */
export const ZSesEvent = z.union([
  z.looseObject({ eventType: z.literal('Bounce'), mail: ZMail, bounce: ZBounce }),
  z.looseObject({ notificationType: z.literal('Bounce'), mail: ZMail, bounce: ZBounce }),
  z.looseObject({ eventType: z.literal('Complaint'), mail: ZMail, complaint: ZComplaint }),
  z.looseObject({ notificationType: z.literal('Complaint'), mail: ZMail, complaint: ZComplaint }),
  // Delivery, Send, Reject, DeliveryDelay, …: nothing to record (the subscription filters them out in AWS).
  z.looseObject({ eventType: z.string().max(40), mail: ZMail }),
  z.looseObject({ notificationType: z.string().max(40), mail: ZMail }),
]);
export type TSesEvent = z.infer<typeof ZSesEvent>;

/** SNS's envelope, when the subscription does not use raw message delivery. */
const ZSnsEnvelope = z.looseObject({ Type: z.literal('Notification'), Message: z.string().max(256 * 1024) });

export type TOutcome =
  | { kind: 'recorded'; candidateKey: string; roles: TContactRole[]; ignored: string[] }
  | { kind: 'ignored'; reason: string };

export interface SesEventsDeps {
  candidates: Pick<CandidateService, 'status' | 'recordEvent'>;
  /** Structured log lines: keys, roles and SES ids only, never an address. */
  log?: (message: string, meta: Record<string, string | number>) => void;
}

/** Who records the bounces (the `by` of the event). */
export const SES_EVENTS_ACTOR = { role: 'system', id: 'ses-events' } as const;

/** An SQS body → the SES event, unwrapping SNS's envelope; throws on anything else (→ redelivery, then the DLQ). */
export function parseSesMessage(body: string): TSesEvent {
  const outer: unknown = JSON.parse(body);
  const envelope = ZSnsEnvelope.safeParse(outer);
  const inner: unknown = envelope.success ? JSON.parse(envelope.data.Message) : outer;
  const parsed = ZSesEvent.safeParse(inner);
  if (!parsed.success) throw new Error(`not an SES event: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** A short stable id of an address for update ids (an address must not appear in workflow history metadata). */
const addressId = (address: string): string =>
  createHash('sha256').update(address.trim().toLowerCase()).digest('hex').slice(0, 16);

/** `Name <a@b>` or `a@b`, lower case. */
const bare = (address: string): string => (/<([^>]+)>/.exec(address)?.[1] ?? address).trim().toLowerCase();

type TPeople = Awaited<ReturnType<CandidateService['status']>>['people'];

/** The roles of the record whose address this is (one person may hold two, e.g. PA and director). */
export function rolesOfAddress(people: TPeople, address: string): TContactRole[] {
  const a = bare(address);
  const on: [TContactRole, { email: string } | null | undefined][] = [
    ['candidate', people.candidate],
    ['coach', people.coach],
    ['supervisor', people.supervisor],
    ['pa', people.programAdministrator],
    ['director', (people as { director?: { email: string } | null }).director],
  ];
  return on.filter(([, p]) => p && p.email.trim().toLowerCase() === a).map(([r]) => r);
}

/**
 * Handles one SES event. Resolves when the message may be deleted (recorded, or nothing to do);
 * rejects when it should be redelivered (Temporal unreachable, a malformed body).
 */
export async function handleSesMessage(body: string, deps: SesEventsDeps): Promise<TOutcome> {
  const log = deps.log ?? (() => undefined);
  const event = parseSesMessage(body);
  const type = 'eventType' in event ? event.eventType : event.notificationType;
  const sesMessageId = event.mail.messageId;
  let bounce: 'bounce' | 'complaint';
  let recipients: string[];
  if (type === 'Bounce' && 'bounce' in event) {
    const b = ZBounce.parse(event.bounce);
    // A transient bounce (mailbox full, greylisting) retries on its own at SES; only a permanent one marks the address.
    if (b.bounceType !== 'Permanent') {
      log('ses-events: bounce not permanent; nothing recorded', {
        sesMessageId,
        bounceType: b.bounceType,
        bounceSubType: b.bounceSubType ?? '',
      });
      return { kind: 'ignored', reason: `${b.bounceType.toLowerCase()} bounce` };
    }
    bounce = 'bounce';
    recipients = b.bouncedRecipients.map((r) => r.emailAddress);
  } else if (type === 'Complaint' && 'complaint' in event) {
    bounce = 'complaint';
    recipients = ZComplaint.parse(event.complaint).complainedRecipients.map((r) => r.emailAddress);
  } else {
    return { kind: 'ignored', reason: `event type ${type}` };
  }

  const tag = event.mail.tags?.[CANDIDATE_TAG]?.[0];
  const candidateKey = tag ? decodeCandidateTag(tag) : undefined;
  if (!candidateKey) {
    log('ses-events: the message names no candidate; nothing recorded', { sesMessageId, type });
    return { kind: 'ignored', reason: 'no candidate tag' };
  }

  let people: TPeople;
  try {
    people = (await deps.candidates.status(candidateKey)).people;
  } catch (err) {
    if (err instanceof ServiceError && err.kind === 'notFound') {
      log('ses-events: no such candidate; nothing recorded', { sesMessageId, candidateKey });
      return { kind: 'ignored', reason: 'no such candidate' };
    }
    throw err;
  }

  const roles: TContactRole[] = [];
  const ignored: string[] = [];
  for (const address of recipients) {
    const matched = rolesOfAddress(people, address);
    // Already corrected (the address is no longer on the record), or a copy to someone outside it.
    if (matched.length === 0) ignored.push('address not on the record');
    for (const role of matched) {
      const idempotencyKey = `ses-${sesMessageId}-${addressId(address)}-${role}`;
      try {
        await deps.candidates.recordEvent(
          candidateKey,
          { type: 'emailBounced', role, bounce, sesMessageId, by: SES_EVENTS_ACTOR },
          { idempotencyKey },
        );
        roles.push(role);
        log('ses-events: recorded', { sesMessageId, candidateKey, role, bounce });
      } catch (err) {
        // Refused by the record (already marked, the candidate has left the program): nothing to redo.
        if (!(err instanceof ServiceError)) throw err;
        ignored.push(`${role}: ${err.message}`);
        log('ses-events: not recorded', { sesMessageId, candidateKey, role, reason: err.message });
      }
    }
  }
  return roles.length > 0
    ? { kind: 'recorded', candidateKey, roles, ignored }
    : { kind: 'ignored', reason: ignored.join('; ') || 'nothing to record' };
}
