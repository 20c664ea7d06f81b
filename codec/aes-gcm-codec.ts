// AES-256-GCM payload codec: every payload leaves the process as `binary/encrypted`, its data the
// whole original Payload (metadata included, so the server cannot even see the JSON encoding)
// sealed with a key from a KeyProvider. The key id travels in the metadata and is bound into the
// cipher as associated data, so a payload relabelled with another key id fails to open.
// Payloads in any other encoding decode unchanged: histories recorded before the codec existed
// (test/replay/) and plaintext from a process without it still read.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const utf8 = new TextEncoder();
const text = new TextDecoder();

/** A key to encrypt with: its id, 32 bytes, and metadata a decrypting process needs (KMS: the encrypted data key). */
export interface TEncryptionKey {
  id: string;
  key: Uint8Array;
  metadata?: Record<string, Uint8Array>;
}

/** Where keys come from: a local key file, KMS data keys, or memory (tests, simulator). */
export interface KeyProvider {
  /** The key new payloads are encrypted with (the newest). */
  encryptionKey(): Promise<TEncryptionKey>;
  /** The key a payload was encrypted with; throws PayloadKeyError when it is not known. */
  decryptionKey(id: string, metadata: Record<string, Uint8Array>): Promise<Uint8Array>;
}

/** A payload that cannot be opened: unknown key, missing metadata, or data that fails authentication. */
export class PayloadKeyError extends Error {
  override name = 'PayloadKeyError';
}

export function seal(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Uint8Array {
  if (key.length !== KEY_BYTES) throw new PayloadKeyError(`an AES-256 key has ${KEY_BYTES} bytes, not ${key.length}`);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

export function open(key: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Uint8Array {
  if (key.length !== KEY_BYTES) throw new PayloadKeyError(`an AES-256 key has ${KEY_BYTES} bytes, not ${key.length}`);
  if (sealed.length < IV_BYTES + TAG_BYTES)
    throw new PayloadKeyError('encrypted payload is too short to be AES-GCM output');
  const buf = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(0, IV_BYTES));
  decipher.setAAD(aad);
  decipher.setAuthTag(buf.subarray(buf.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(buf.subarray(IV_BYTES, buf.length - TAG_BYTES)), decipher.final()]);
  } catch {
    // GCM says only "unable to authenticate data"; say what it means here.
    throw new PayloadKeyError(
      'encrypted payload failed authentication (tampered, truncated, or sealed with another key)',
    );
  }
}

const isEncrypted = (p: Payload) =>
  p.metadata?.encoding !== undefined &&
  p.metadata.encoding !== null &&
  text.decode(p.metadata.encoding) === ENCRYPTED_ENCODING;

export class AesGcmCodec implements PayloadCodec {
  constructor(private readonly keys: KeyProvider) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    if (payloads.length === 0) return payloads;
    const { id, key, metadata } = await this.keys.encryptionKey();
    const aad = utf8.encode(id);
    return payloads.map((p) => ({
      metadata: { ...metadata, encoding: utf8.encode(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: aad },
      data: seal(key, temporal.api.common.v1.Payload.encode(p).finish(), aad),
    }));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.all(
      payloads.map(async (p) => {
        if (!isEncrypted(p)) return p;
        const metadata = Object.fromEntries(
          Object.entries(p.metadata ?? {}).filter((e): e is [string, Uint8Array] => e[1] instanceof Uint8Array),
        );
        const idBytes = metadata[KEY_ID_METADATA];
        if (!idBytes) throw new PayloadKeyError(`encrypted payload has no ${KEY_ID_METADATA} metadata`);
        const key = await this.keys.decryptionKey(text.decode(idBytes), metadata);
        const inner = temporal.api.common.v1.Payload.decode(open(key, p.data ?? new Uint8Array(), idBytes));
        return { metadata: inner.metadata, data: inner.data } as Payload;
      }),
    );
  }
}
