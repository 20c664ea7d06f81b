// Which SES failures are worth retrying. Temporal retries anything it is not told is permanent,
// so the work here is to recognise the failures that retrying can never fix (a rejected or
// unverified address) and report those, per recipient, instead of retrying them for days.
import { ApplicationFailure } from '@temporalio/common';
import type { TPermanentFailureReason, TRecipientRole } from '../../domain/notifications';

export const EMAIL_PERMANENT_FAILURE = 'EmailPermanentFailure';
export const EMAIL_TRANSIENT_FAILURE = 'EmailTransientFailure';
/** The batch itself is malformed (the workflow built it wrong); no retry can fix that. */
export const EMAIL_INVALID_BATCH = 'EmailInvalidBatch';

export type TSesErrorClass =
  | { kind: 'permanent'; reason: TPermanentFailureReason; code: string; message: string }
  | { kind: 'transient'; code: string; message: string };

const TRANSIENT_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestThrottled',
  'ServiceUnavailable',
  'InternalFailure',
  'InternalError',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
  // Account- or configuration-set-wide pauses are lifted by an operator; every send fails alike,
  // so marking each recipient as permanently failed would be wrong.
  'AccountSendingPausedException',
  'ConfigurationSetSendingPausedException',
]);
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
]);
const PERMANENT_CODES: Record<string, TPermanentFailureReason> = {
  MessageRejected: 'messageRejected',
  MailFromDomainNotVerified: 'senderUnverified',
  MailFromDomainNotVerifiedException: 'senderUnverified',
  FromEmailAddressNotVerifiedException: 'senderUnverified',
  InvalidParameterValue: 'invalidAddress',
  ConfigurationSetDoesNotExist: 'configuration',
  ConfigurationSetDoesNotExistException: 'configuration',
};

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  $response?: { statusCode?: unknown };
  cause?: unknown;
}

const asText = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

export function classifySesError(error: unknown): TSesErrorClass {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const code = asText(e.Code) ?? asText(e.name) ?? asText(e.code) ?? 'Error';
  const message = asText(e.message) ?? String(error);
  const status = Number(e.$metadata?.httpStatusCode ?? e.$response?.statusCode ?? NaN);
  const errno = asText(e.code) ?? asText((e.cause as ErrorLike | undefined)?.code);

  if (TRANSIENT_CODES.has(code) || /maximum sending rate exceeded/i.test(message))
    return { kind: 'transient', code, message };
  // In the SES sandbox an unverified recipient arrives as MessageRejected; it is the same for every retry.
  if (/email address is not verified/i.test(message))
    return { kind: 'permanent', reason: 'addressUnverified', code, message };
  const permanent = PERMANENT_CODES[code];
  if (permanent) return { kind: 'permanent', reason: permanent, code, message };
  if (status === 429 || status >= 500) return { kind: 'transient', code, message };
  if (errno && NETWORK_CODES.has(errno)) return { kind: 'transient', code: errno, message };
  // Unknown failures (credentials, signing, a new SES error) are not about one recipient: retry
  // them, so nothing is lost while an operator fixes the cause.
  return { kind: 'transient', code, message };
}

/** The error an activity throws for an SES failure: non-retryable and typed when it is permanent. */
export function toActivityFailure(error: unknown, recipientRole: TRecipientRole): ApplicationFailure {
  const c = classifySesError(error);
  const cause = error instanceof Error ? error : undefined;
  if (c.kind === 'permanent') {
    return ApplicationFailure.create({
      message: `SES will not deliver to the ${recipientRole}: ${c.code}: ${c.message}`,
      type: EMAIL_PERMANENT_FAILURE,
      nonRetryable: true,
      details: [{ recipientRole, reason: c.reason, code: c.code }],
      ...(cause ? { cause } : {}),
    });
  }
  return ApplicationFailure.create({
    message: `SES send failed, will retry: ${c.code}: ${c.message}`,
    type: EMAIL_TRANSIENT_FAILURE,
    nonRetryable: false,
    details: [{ recipientRole, code: c.code }],
    ...(cause ? { cause } : {}),
  });
}

export function isPermanentEmailFailure(error: unknown): error is ApplicationFailure {
  return error instanceof ApplicationFailure && error.type === EMAIL_PERMANENT_FAILURE;
}

export function permanentFailureDetails(
  failure: ApplicationFailure,
): { recipientRole: TRecipientRole; reason: TPermanentFailureReason; code?: string } | undefined {
  const first = failure.details?.[0];
  return typeof first === 'object' && first !== null && 'reason' in first
    ? (first as { recipientRole: TRecipientRole; reason: TPermanentFailureReason; code?: string })
    : undefined;
}
