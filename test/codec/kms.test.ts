// KMS envelope keys against moto in server mode with the real @aws-sdk/client-kms: one
// GenerateDataKey serves many payloads, a reader Decrypts each data key once, a new data key after
// the time bound, and a payload whose encrypted data key was altered fails with a clear error.
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AesGcmCodec, KEY_ID_METADATA, PayloadKeyError } from '../../codec/aes-gcm-codec';
import { DATA_KEY_METADATA, kmsKeyProvider } from '../../codec/kms';
import { startMoto, type Moto } from '../support/moto';

let moto: Moto;
let kms: KMSClient;
let keyArn: string;
beforeAll(async () => {
  moto = await startMoto();
  kms = new KMSClient(moto.clientConfig);
  keyArn = (await kms.send(new CreateKeyCommand({ Description: 'casc payloads (test)' }))).KeyMetadata!.Arn!;
});
afterAll(async () => {
  kms?.destroy();
  await moto?.stop();
});

/** The real client, with each command's name recorded. */
const counting = () => {
  const calls: string[] = [];
  return {
    calls,
    client: {
      send: ((cmd: { constructor: { name: string } }) => (
        calls.push(cmd.constructor.name),
        kms.send(cmd as never)
      )) as KMSClient['send'],
    },
  };
};
const record = (i: number) => ({ candidate: { name: 'Jamal Jackson', email: `jamal${i}@example.org` } });
const values = (ps: Payload[]) => ps.map((p) => defaultPayloadConverter.fromPayload(p));
const text = (u?: Uint8Array | null) => new TextDecoder().decode(u ?? new Uint8Array());

describe('KMS envelope payload keys (moto)', () => {
  it('FERPA (issue 17.1): 10 encodes take 1 GenerateDataKey; another process decrypts them with 1 Decrypt; the payload names the KMS key and carries the encrypted data key', async () => {
    const writer = counting();
    const codec = new AesGcmCodec(kmsKeyProvider({ kms: writer.client, keyId: keyArn }));
    const sealed: Payload[] = [];
    for (let i = 0; i < 10; i++) sealed.push(...(await codec.encode([defaultPayloadConverter.toPayload(record(i))])));
    expect(writer.calls).toEqual(['GenerateDataKeyCommand']);
    expect(text(sealed[0]!.metadata![KEY_ID_METADATA])).toBe(keyArn);
    expect(sealed[0]!.metadata![DATA_KEY_METADATA]!.length).toBeGreaterThan(32);
    expect(Buffer.from(sealed[0]!.data!).toString('latin1')).not.toContain('jamal0@example.org');

    const reader = counting();
    const other = new AesGcmCodec(kmsKeyProvider({ kms: reader.client, keyId: keyArn }));
    expect(values(await other.decode(sealed))).toEqual(Array.from({ length: 10 }, (_, i) => record(i)));
    expect(values(await other.decode(sealed.slice(0, 3)))).toEqual([record(0), record(1), record(2)]);
    expect(reader.calls).toEqual(['DecryptCommand']);
  });

  it('FERPA (issue 17.1): the plaintext data key is kept for a bounded time — after it a new data key encrypts, and payloads under the old one still decrypt', async () => {
    let now = Date.parse('2026-12-02T15:00:00Z');
    const writer = counting();
    const codec = new AesGcmCodec(
      kmsKeyProvider({ kms: writer.client, keyId: keyArn, dataKeyTtlMs: 5 * 60_000, now: () => now }),
    );
    const [first] = await codec.encode([defaultPayloadConverter.toPayload(record(1))]);
    now += 4 * 60_000;
    const [second] = await codec.encode([defaultPayloadConverter.toPayload(record(2))]);
    now += 2 * 60_000;
    const [third] = await codec.encode([defaultPayloadConverter.toPayload(record(3))]);
    expect(writer.calls).toEqual(['GenerateDataKeyCommand', 'GenerateDataKeyCommand']);
    const blob = (p: Payload) => Buffer.from(p.metadata![DATA_KEY_METADATA]!).toString('base64');
    expect(blob(first!)).toBe(blob(second!));
    expect(blob(third!)).not.toBe(blob(first!));
    const reader = new AesGcmCodec(kmsKeyProvider({ kms, keyId: keyArn }));
    expect(values(await reader.decode([first!, second!, third!]))).toEqual([record(1), record(2), record(3)]);
  });

  it('FERPA (issue 17.1): a payload whose encrypted data key was altered fails with a PayloadKeyError naming the KMS key', async () => {
    const codec = new AesGcmCodec(kmsKeyProvider({ kms, keyId: keyArn }));
    const [p] = await codec.encode([defaultPayloadConverter.toPayload(record(1))]);
    const blob = Buffer.from(p!.metadata![DATA_KEY_METADATA]!);
    blob[blob.length - 1]! ^= 0xff;
    const fresh = new AesGcmCodec(kmsKeyProvider({ kms, keyId: keyArn }));
    const err = await fresh
      .decode([{ ...p!, metadata: { ...p!.metadata, [DATA_KEY_METADATA]: blob } }])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PayloadKeyError);
    expect((err as Error).message).toMatch(
      new RegExp(`^KMS could not decrypt the data key of a payload encrypted under "${keyArn}": `),
    );
  });
});

describe('KMS encryption context', () => {
  it('FERPA (issue 17.1): data keys are bound to the payload encryption context: a reader with another context cannot decrypt them', async () => {
    const codec = new AesGcmCodec(kmsKeyProvider({ kms, keyId: keyArn }));
    const sealed = await codec.encode([defaultPayloadConverter.toPayload(record(7))]);
    const same = new AesGcmCodec(
      kmsKeyProvider({ kms, keyId: keyArn, encryptionContext: { app: 'casc-induction', purpose: 'temporal-payload' } }),
    );
    expect(values(await same.decode(sealed))).toEqual([record(7)]);
    const other = new AesGcmCodec(kmsKeyProvider({ kms, keyId: keyArn, encryptionContext: { app: 'something-else' } }));
    await expect(other.decode(sealed)).rejects.toBeInstanceOf(PayloadKeyError);
  });
});
