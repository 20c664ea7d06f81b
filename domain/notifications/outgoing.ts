// The contract between the workflow and the email activity: what to send, and what happened.
import { z } from 'zod';
import { templateDefinition, ZTemplateId, type TTemplateData, type TTemplateId } from './catalogue';
import { ZRecipient } from './recipients';

/**
 * Identifies one send for its whole life, across activity retries and workflow replays. Derive it
 * from things that do not change on retry, e.g. `${workflowId}:${template}:${dueDate}:${role}`.
 */
export const ZIdempotencyKey = z.string().min(1).max(512);

export const ZOutgoingEmail = z.strictObject({
  idempotencyKey: ZIdempotencyKey,
  template: ZTemplateId,
  /** Checked against the template's own schema when the message is rendered. */
  data: z.unknown(),
  to: ZRecipient,
  cc: z.array(ZRecipient).max(10).optional(),
});
type TOutgoingEnvelope = z.infer<typeof ZOutgoingEmail>;

/** One email, its `data` typed by its template, so the workflow cannot build a mismatched pair. */
export type TOutgoingEmail = {
  [K in TTemplateId]: Omit<TOutgoingEnvelope, 'template' | 'data'> & { template: K; data: TTemplateData<K> };
}[TTemplateId];

export const ZOutgoingBatch = z.array(ZOutgoingEmail).max(500);

/** Why a send can never succeed as asked; the workflow records it and tells the PA. */
export const ZPermanentFailureReason = z.enum([
  'addressUnverified',
  'messageRejected',
  'senderUnverified',
  'invalidAddress',
  'configuration',
  'invalidMessage',
]);
export type TPermanentFailureReason = z.infer<typeof ZPermanentFailureReason>;

export const ZSendResult = z.object({
  idempotencyKey: ZIdempotencyKey,
  status: z.enum(['sent', 'alreadySent', 'failedPermanently']),
  messageId: z.string().optional(),
  reason: ZPermanentFailureReason.optional(),
  detail: z.string().optional(),
});
export type TSendResult = z.infer<typeof ZSendResult>;

/**
 * A template is written for one recipient role (and may copy only the roles it lists), so a
 * coach's message that carries IIP goals cannot be addressed to a supervisor by mistake (R-IIP-5).
 */
export function addressingProblem(email: Pick<TOutgoingEnvelope, 'template' | 'to' | 'cc'>): string | undefined {
  const definition = templateDefinition(email.template);
  if (email.to.role !== definition.recipientRole) {
    return `template "${email.template}" is written for the ${definition.recipientRole}, not the ${email.to.role}`;
  }
  const allowedCc = definition.ccRoles ?? [];
  const strayCc = (email.cc ?? []).filter((r) => !allowedCc.includes(r.role)).map((r) => r.role);
  if (strayCc.length > 0) {
    return `template "${email.template}" may not copy: ${strayCc.join(', ')}`;
  }
  return undefined;
}

/**
 * Builds one outgoing email with `data` checked against its template at compile time, for code
 * (the planner) that holds the template id in a generic variable rather than a literal.
 */
export function outgoingEmail<K extends TTemplateId>(
  email: Omit<TOutgoingEnvelope, 'template' | 'data'> & { template: K; data: TTemplateData<K> },
): TOutgoingEmail {
  return email as unknown as TOutgoingEmail;
}
