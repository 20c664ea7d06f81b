// Failure messages and details are encrypted too (DefaultFailureConverter with
// encodeCommonAttributes + the codec), on the client (an instance), on workers (loaded by path)
// and inside the workflow bundle (the sandbox's own failure converter).
import { ApplicationFailure } from '@temporalio/common';
import {
  decodeOptionalFailureToOptionalError,
  encodeErrorToFailure,
  loadDataConverter,
} from '@temporalio/common/lib/internal-non-workflow';
import { temporal } from '@temporalio/proto';
import { describe, expect, it } from 'vitest';
import { AesGcmCodec, ENCRYPTED_ENCODING } from '../../codec/aes-gcm-codec';
import { clientDataConverter, workerDataConverter } from '../../codec/data-converter';
import { memoryKeyProvider } from '../../codec/keys';
import { workflowBundle } from '../support/time-skipping';

const codec = new AesGcmCodec(memoryKeyProvider());
const converters = { client: clientDataConverter(codec), worker: loadDataConverter(workerDataConverter(codec)) };
const text = (u?: Uint8Array | null) => new TextDecoder().decode(u ?? new Uint8Array());

describe('encrypted failures', () => {
  for (const [side, converter] of Object.entries(converters)) {
    it(`FERPA (issue 17.1): on the ${side}, a failure's message, stack and details leave as binary/encrypted and read back whole`, async () => {
      const err = ApplicationFailure.create({
        message: 'SES refused jamal.jackson@example.org',
        type: 'Bounce',
        details: [{ email: 'jamal.jackson@example.org' }],
      });
      const failure = await encodeErrorToFailure(converter, err);
      expect(failure.message).toBe('Encoded failure');
      expect(failure.stackTrace).toBe('');
      expect(text(failure.encodedAttributes?.metadata?.encoding)).toBe(ENCRYPTED_ENCODING);
      expect(failure.applicationFailureInfo?.details?.payloads?.map((p) => text(p.metadata?.encoding))).toEqual([
        ENCRYPTED_ENCODING,
      ]);
      expect(Buffer.from(temporal.api.failure.v1.Failure.encode(failure).finish()).includes('jamal.jackson')).toBe(
        false,
      );

      const back = (await decodeOptionalFailureToOptionalError(converter, failure)) as ApplicationFailure;
      expect(back.message).toBe('SES refused jamal.jackson@example.org');
      expect(back.type).toBe('Bounce');
      expect(back.details).toEqual([{ email: 'jamal.jackson@example.org' }]);
    });
  }

  it('FERPA (issue 17.1): the workflow bundle carries the encrypting failure converter (workflow failures are encrypted in the sandbox)', async () => {
    expect((await workflowBundle()).code).toContain('new DefaultFailureConverter({ encodeCommonAttributes: true })');
  }, 120_000);
});
