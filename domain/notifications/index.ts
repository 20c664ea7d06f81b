// The email vocabulary: pure (no I/O, no Node built-ins), so workflows can import it.
export { IIP_RESTRICTED_ROLES, ZRecipient, ZRecipientRole, type TRecipient, type TRecipientRole } from './recipients';
export {
  templateCatalogue,
  templateDefinition,
  TEMPLATE_IDS,
  ZTemplateId,
  type TTemplateData,
  type TTemplateId,
} from './catalogue';
export { renderTemplate, TemplateDataError } from './render';
export type { AttachmentOut, RenderedEmail } from './content';
export type { RenderContext, TemplateDefinition, TTemplateKind } from './template';
export { buildIcsEvent, type IcsEventInput } from './ics';
export {
  addressingProblem,
  outgoingEmail,
  ZIdempotencyKey,
  ZOutgoingBatch,
  ZOutgoingEmail,
  ZPermanentFailureReason,
  ZSendResult,
  type TOutgoingEmail,
  type TPermanentFailureReason,
  type TSendResult,
} from './outgoing';
