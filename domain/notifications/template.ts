// The shape of one catalogue entry. A template owns its data schema, so what a message may say is
// decided by the schema: a field that is not declared cannot reach the recipient.
import type { z } from 'zod';
import type { MessageContent } from './content';
import type { TRecipient, TRecipientRole } from './recipients';

/** reminder = before a deadline · escalation = after it is missed · notice = an event happened · confirmation = a request was granted. */
export type TTemplateKind = 'reminder' | 'escalation' | 'notice' | 'confirmation';

/** Delivery facts a template may need but its data should not repeat (calendar invite addressing). */
export interface RenderContext {
  recipient?: TRecipient;
  organizer?: { name: string; email: string };
}

export interface TemplateDefinition<S extends z.ZodObject = z.ZodObject> {
  /** The domain rule the message serves, e.g. 'R-ADM-1' (digests and delivery notices serve none). */
  rule?: string;
  kind: TTemplateKind;
  /** The only role the message may be addressed to. */
  recipientRole: TRecipientRole;
  /** Roles that may be copied (R-EW-1 copies the PA); none unless listed. */
  ccRoles?: readonly TRecipientRole[];
  schema: S;
  compose: (data: z.output<S>, context: RenderContext) => MessageContent;
}

export function defineTemplate<S extends z.ZodObject>(definition: TemplateDefinition<S>): TemplateDefinition<S> {
  return definition;
}
