// The AES-256-GCM payload codec and its local keys: round trip, rotation, tampering, unknown keys,
// plaintext passthrough (the replay corpus), and the key file's creation and mode.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { AesGcmCodec, ENCRYPTED_ENCODING, KEY_ID_METADATA, PayloadKeyError } from '../../codec/aes-gcm-codec';
import { payloadKeysSource } from '../../codec/data-converter';
import {
  fileKeyProvider,
  loadOrCreateKeyFile,
  memoryKeyProvider,
  readKeyFile,
  rotatePayloadKey,
} from '../../codec/keys';

const text = (u: Uint8Array | null | undefined) => new TextDecoder().decode(u ?? new Uint8Array());
const record = {
  candidate: { name: 'Jamal Jackson', email: 'jamal@example.org' },
  goal: 'Build a family literacy night at Roosevelt',
};
const plain = (): Payload[] => [defaultPayloadConverter.toPayload(record), defaultPayloadConverter.toPayload(null)];
const keyFile = () => join(mkdtempSync(join(tmpdir(), 'casc-keys-')), 'sub', 'payload-keys.json');

describe('AES-256-GCM payload codec', () => {
  it('FERPA (issue 17.1): a payload round-trips, and what leaves the process is binary/encrypted with its key id and no plaintext byte', async () => {
    const keys = memoryKeyProvider();
    const codec = new AesGcmCodec(keys);
    const encoded = await codec.encode(plain());
    const { id } = await keys.encryptionKey();
    expect(encoded.map((p) => text(p.metadata?.encoding))).toEqual([ENCRYPTED_ENCODING, ENCRYPTED_ENCODING]);
    expect(encoded.map((p) => text(p.metadata?.[KEY_ID_METADATA]))).toEqual([id, id]);
    const wire = Buffer.concat(encoded.map((p) => Buffer.from(p.data!))).toString('latin1');
    for (const probe of ['Jamal Jackson', 'jamal@example.org', 'family literacy', 'json/plain'])
      expect(wire.includes(probe), probe).toBe(false);
    const decoded = await codec.decode(encoded);
    expect(decoded.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([record, null]);
    expect(text(decoded[0]!.metadata?.encoding)).toBe('json/plain');
  });

  it('FERPA (issue 17.1): two encodings of one value differ (a random IV per payload)', async () => {
    const codec = new AesGcmCodec(memoryKeyProvider());
    const [a] = await codec.encode(plain());
    const [b] = await codec.encode(plain());
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
  });

  it('FERPA (issue 17.1): payloads in any other encoding decode unchanged (histories recorded before the codec)', async () => {
    const codec = new AesGcmCodec(memoryKeyProvider());
    const before = plain();
    expect(await codec.decode(before)).toEqual(before);
  });

  it('FERPA (issue 17.1): a tampered ciphertext fails authentication with a PayloadKeyError', async () => {
    const codec = new AesGcmCodec(memoryKeyProvider());
    const [p] = await codec.encode(plain());
    const data = Buffer.from(p!.data!);
    data[20]! ^= 0x01;
    await expect(codec.decode([{ ...p!, data }])).rejects.toThrow(
      new PayloadKeyError('encrypted payload failed authentication (tampered, truncated, or sealed with another key)'),
    );
  });

  it('FERPA (issue 17.1): a payload relabelled with another key id does not open (the key id is authenticated)', async () => {
    const keys = memoryKeyProvider();
    const codec = new AesGcmCodec(keys);
    const [p] = await codec.encode(plain());
    const oldId = text(p!.metadata![KEY_ID_METADATA]);
    const newId = keys.rotate();
    // The new key under the old payload's label: authentication fails, nothing is decrypted.
    const relabelled = { ...p!, metadata: { ...p!.metadata, [KEY_ID_METADATA]: new TextEncoder().encode(newId) } };
    expect(oldId).not.toBe(newId);
    await expect(codec.decode([relabelled])).rejects.toBeInstanceOf(PayloadKeyError);
  });

  it('FERPA (issue 17.1): an unknown key id fails with an error that names the key and where keys were looked for', async () => {
    const path = keyFile();
    const sealed = await new AesGcmCodec(
      memoryKeyProvider([
        { id: 'elsewhere-1', createdAt: '2026-12-01T00:00:00.000Z', key: Buffer.alloc(32, 7).toString('base64') },
      ]),
    ).encode(plain());
    const codec = new AesGcmCodec(fileKeyProvider(path));
    const { keys } = readKeyFile(path);
    await expect(codec.decode(sealed)).rejects.toThrow(
      `payload was encrypted with key "elsewhere-1", which is not in ${path} (keys: ${keys[0]!.id}); was the key file replaced or is CASC_PAYLOAD_KEYS pointing elsewhere?`,
    );
  });
});

describe('local payload keys', () => {
  it('FERPA (issue 17.1): the key file is created on first use with one 256-bit key, mode 0600, and reused after', () => {
    const path = keyFile();
    const first = loadOrCreateKeyFile(path);
    expect(first.keys.length).toBe(1);
    expect(Buffer.from(first.keys[0]!.key, 'base64').length).toBe(32);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(loadOrCreateKeyFile(path)).toEqual(first);
  });

  it('FERPA (issue 17.1): rotation — after rotatePayloadKey the new key encrypts and payloads sealed with the old key still decrypt', async () => {
    const path = keyFile();
    const before = new AesGcmCodec(fileKeyProvider(path));
    const old = await before.encode(plain());
    const oldId = readKeyFile(path).keys[0]!.id;
    const newId = rotatePayloadKey(path, new Date('2026-12-02T15:00:00Z'));
    expect(newId).toMatch(/^local-20261202-[0-9a-f]{8}$/);
    expect(readKeyFile(path).keys.map((k) => k.id)).toEqual([oldId, newId]);
    expect(statSync(path).mode & 0o777).toBe(0o600);

    const after = new AesGcmCodec(fileKeyProvider(path));
    const fresh = await after.encode(plain());
    expect(text(fresh[0]!.metadata?.[KEY_ID_METADATA])).toBe(newId);
    expect((await after.decode(old)).map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([record, null]);
    // A process started before the rotation re-reads the file when it meets the new key id.
    expect((await before.decode(fresh)).map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([record, null]);
  });

  it('FERPA (issue 17.1): a key file that is not a key list is refused with the file named', () => {
    const path = keyFile();
    loadOrCreateKeyFile(path);
    writeFileSync(
      path,
      JSON.stringify({ version: 1, keys: [{ id: 'x', createdAt: '2026-12-02T00:00:00Z', key: 'c2hvcnQ=' }] }),
    );
    expect(() => readKeyFile(path)).toThrow(`payload key file ${path} is not valid`);
    expect(readFileSync(path, 'utf8')).toContain('c2hvcnQ=');
  });

  it('CASC_PAYLOAD_KEYS: file under CASC_DATA_DIR by default, file:<path>, kms:<arn>; anything else is refused', () => {
    expect(payloadKeysSource({ CASC_DATA_DIR: '/srv/casc' })).toEqual({
      kind: 'file',
      path: '/srv/casc/payload-keys.json',
    });
    expect(payloadKeysSource({ CASC_PAYLOAD_KEYS: 'file:/etc/casc/keys.json' })).toEqual({
      kind: 'file',
      path: '/etc/casc/keys.json',
    });
    const arn = 'arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    expect(payloadKeysSource({ CASC_PAYLOAD_KEYS: `kms:${arn}` })).toEqual({ kind: 'kms', keyId: arn });
    expect(() => payloadKeysSource({ CASC_PAYLOAD_KEYS: 'kms:alias/casc' })).toThrow(
      'CASC_PAYLOAD_KEYS must be file:<path> or kms:<KMS key ARN>',
    );
  });
});
