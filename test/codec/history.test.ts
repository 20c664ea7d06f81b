// decodeHistory: how the simulator stores the replay corpus readable (payloads decoded in place,
// "Encoded failure" messages restored), whatever the process's in-memory key was.
import { defaultPayloadConverter } from '@temporalio/common';
import { encodeErrorToFailure } from '@temporalio/common/lib/internal-non-workflow';
import { ApplicationFailure } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { describe, expect, it } from 'vitest';
import { AesGcmCodec } from '../../codec/aes-gcm-codec';
import { clientDataConverter } from '../../codec/data-converter';
import { decodeHistory } from '../../codec/history';
import { memoryKeyProvider } from '../../codec/keys';

describe('decodeHistory', () => {
  it('FERPA (issue 17.1): every encrypted payload of a history (inputs, activity input, failures) is decoded in place; plaintext ones are left alone', async () => {
    const codec = new AesGcmCodec(memoryKeyProvider());
    const input = { candidate: { name: 'Jamal Jackson' } };
    const [enc] = await codec.encode([defaultPayloadConverter.toPayload(input)]);
    const [act] = await codec.encode([
      defaultPayloadConverter.toPayload([{ template: 'admission.reminder.candidate' }]),
    ]);
    const plain = defaultPayloadConverter.toPayload('already plain');
    const failure = await encodeErrorToFailure(
      clientDataConverter(codec),
      ApplicationFailure.create({ message: 'refused jamal@example.org', nonRetryable: true }),
    );
    const history = temporal.api.history.v1.History.create({
      events: [
        { workflowExecutionStartedEventAttributes: { input: { payloads: [enc!] } } },
        { activityTaskScheduledEventAttributes: { input: { payloads: [act!, plain] } } },
        { activityTaskFailedEventAttributes: { failure } },
      ],
    });
    const out = await decodeHistory(history, [codec]);
    const events = out.events!;
    expect(
      defaultPayloadConverter.fromPayload(events[0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!),
    ).toEqual(input);
    expect(
      events[1]!.activityTaskScheduledEventAttributes!.input!.payloads!.map((p) =>
        defaultPayloadConverter.fromPayload(p),
      ),
    ).toEqual([[{ template: 'admission.reminder.candidate' }], 'already plain']);
    const f = events[2]!.activityTaskFailedEventAttributes!.failure!;
    expect([f.message, f.encodedAttributes]).toEqual(['refused jamal@example.org', null]);
    expect(JSON.stringify(temporal.api.history.v1.History.toObject(out, { bytes: String }))).not.toContain(
      Buffer.from('binary/encrypted').toString('base64'),
    );
  });
});
