import {
  AccountSendingPausedException,
  MailFromDomainNotVerifiedException,
  MessageRejected,
  SESServiceException,
} from '@aws-sdk/client-ses';
import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { classifySesError, EMAIL_PERMANENT_FAILURE, EMAIL_TRANSIENT_FAILURE } from '../../activities/email';
import { toActivityFailure } from '../../activities/email/errors';

const meta = (httpStatusCode: number) => ({ $metadata: { httpStatusCode } });
const serviceError = (name: string, message: string, status: number, fault: 'client' | 'server' = 'client') =>
  new SESServiceException({ name, message, $fault: fault, ...meta(status) });

describe('SES error classification', () => {
  it.each([
    ['Throttling / Maximum sending rate exceeded', serviceError('Throttling', 'Maximum sending rate exceeded.', 400)],
    ['ThrottlingException', serviceError('ThrottlingException', 'Rate exceeded', 400)],
    ['a rate message under another code', serviceError('SomethingElse', 'Maximum sending rate exceeded.', 400)],
    ['HTTP 429', serviceError('TooManyRequests', 'slow down', 429)],
    ['HTTP 500', serviceError('InternalFailure', 'oops', 500, 'server')],
    ['HTTP 503', serviceError('ServiceUnavailable', 'try later', 503, 'server')],
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8005'), { code: 'ECONNREFUSED' })],
    ['socket reset', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
    ['SDK timeout', Object.assign(new Error('timed out'), { name: 'TimeoutError' })],
    [
      'account sending paused (an operator lifts it)',
      new AccountSendingPausedException({ message: 'paused', ...meta(400) }),
    ],
    ['an unknown error (not about one recipient)', new Error('something unexpected')],
  ])('transient: %s', (_label, error) => {
    expect(classifySesError(error).kind).toBe('transient');
  });

  it.each([
    ['MessageRejected', new MessageRejected({ message: 'Illegal address', ...meta(400) }), 'messageRejected'],
    [
      'sandbox: Email address is not verified',
      new MessageRejected({
        message:
          'Email address is not verified. The following identities failed the check in region US-WEST-2: ana@example.edu',
        ...meta(400),
      }),
      'addressUnverified',
    ],
    [
      'MailFromDomainNotVerified',
      new MailFromDomainNotVerifiedException({ message: 'MAIL FROM domain not verified', ...meta(400) }),
      'senderUnverified',
    ],
    [
      'MailFromDomainNotVerified (wire code)',
      serviceError('MailFromDomainNotVerified', 'not verified', 400),
      'senderUnverified',
    ],
    [
      'InvalidParameterValue for a bad address',
      serviceError('InvalidParameterValue', 'Missing final @domain', 400),
      'invalidAddress',
    ],
  ])('permanent: %s', (_label, error, reason) => {
    expect(classifySesError(error)).toMatchObject({ kind: 'permanent', reason });
  });

  it('a permanent failure becomes a non-retryable EmailPermanentFailure carrying role and reason', () => {
    const failure = toActivityFailure(
      new MessageRejected({ message: 'Email address is not verified.', ...meta(400) }),
      'candidate',
    );
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure.type).toBe(EMAIL_PERMANENT_FAILURE);
    expect(EMAIL_PERMANENT_FAILURE).toBe('EmailPermanentFailure');
    expect(failure.nonRetryable).toBe(true);
    expect(failure.details).toEqual([
      { recipientRole: 'candidate', reason: 'addressUnverified', code: 'MessageRejected' },
    ]);
  });

  it('a transient failure stays retryable and keeps its cause', () => {
    const cause = serviceError('Throttling', 'Maximum sending rate exceeded.', 400);
    const failure = toActivityFailure(cause, 'coach');
    expect(failure.type).toBe(EMAIL_TRANSIENT_FAILURE);
    expect(failure.nonRetryable).toBe(false);
    expect(failure.cause).toBe(cause);
  });
});
