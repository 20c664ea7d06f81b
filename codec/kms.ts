// Payload keys from AWS KMS, envelope style: one GenerateDataKey gives a 256-bit data key in
// plaintext (kept in memory only, for a bounded time and number of payloads) and encrypted under
// the KMS key (stored in every payload's metadata). A reader Decrypts that blob once and caches the
// plaintext, so KMS is called about once per data-key lifetime per process, not per payload.
// Rotation is automatic: a new data key every `dataKeyTtlMs`; the KMS key itself rotates in KMS.
import { DecryptCommand, GenerateDataKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { PayloadKeyError, type KeyProvider, type TEncryptionKey } from './aes-gcm-codec';

export const DATA_KEY_METADATA = 'encryption-data-key';

export interface TKmsKeyOptions {
  kms: Pick<KMSClient, 'send'>;
  /** The KMS key (ARN, id or alias ARN) data keys are generated under. */
  keyId: string;
  /** How long one plaintext data key encrypts (default 5 minutes). */
  dataKeyTtlMs?: number;
  /** How many encode calls one data key serves at most (default 100,000; GCM's random-IV bound is far higher). */
  maxDataKeyUses?: number;
  /**
   * Bound into every data key (KMS encryption context): IAM policies can require it and CloudTrail
   * shows it, so a key grant for payloads is not a grant for anything else under the same KMS key.
   */
  encryptionContext?: Record<string, string>;
  /** How long a decrypted data key stays cached (default 1 hour), and how many (default 256). */
  decryptCacheTtlMs?: number;
  decryptCacheSize?: number;
  now?: () => number;
}

const b64 = (u: Uint8Array) => Buffer.from(u).toString('base64');

export function kmsKeyProvider(options: TKmsKeyOptions): KeyProvider {
  const { kms, keyId } = options;
  const now = options.now ?? Date.now;
  const ttl = options.dataKeyTtlMs ?? 5 * 60_000;
  const maxUses = options.maxDataKeyUses ?? 100_000;
  const decryptTtl = options.decryptCacheTtlMs ?? 60 * 60_000;
  const decryptSize = options.decryptCacheSize ?? 256;
  const context = options.encryptionContext ?? { app: 'casc-induction', purpose: 'temporal-payload' };

  let current: { key: Promise<TEncryptionKey>; expiresAt: number; uses: number } | undefined;
  // Map order is insertion order: re-inserting on use makes the first entry the least recently used.
  const decrypted = new Map<string, { key: Uint8Array; expiresAt: number }>();
  const remember = (blob: string, key: Uint8Array) => {
    decrypted.delete(blob);
    decrypted.set(blob, { key, expiresAt: now() + decryptTtl });
    while (decrypted.size > decryptSize) decrypted.delete(decrypted.keys().next().value!);
  };

  const inflight = new Map<string, Promise<Uint8Array>>();
  const decrypt = async (id: string, blob: Uint8Array): Promise<Uint8Array> => {
    let out;
    try {
      out = await kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: id, EncryptionContext: context }));
    } catch (err) {
      throw new PayloadKeyError(
        `KMS could not decrypt the data key of a payload encrypted under "${id}": ${(err as Error).name}: ${(err as Error).message}`,
      );
    }
    if (!out.Plaintext) throw new PayloadKeyError(`KMS Decrypt for "${id}" returned no plaintext`);
    return out.Plaintext;
  };

  const generate = async (): Promise<TEncryptionKey> => {
    const out = await kms.send(
      new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: context }),
    );
    if (!out.Plaintext || !out.CiphertextBlob || !out.KeyId)
      throw new PayloadKeyError(`KMS GenerateDataKey for ${keyId} returned no data key`);
    remember(b64(out.CiphertextBlob), out.Plaintext);
    return { id: out.KeyId, key: out.Plaintext, metadata: { [DATA_KEY_METADATA]: out.CiphertextBlob } };
  };

  return {
    encryptionKey() {
      if (!current || current.expiresAt <= now() || current.uses >= maxUses) {
        const key = generate();
        current = { key, expiresAt: now() + ttl, uses: 0 };
        // A failed call must not stick: the next encode asks KMS again.
        const mine = current;
        key.catch(() => {
          if (current === mine) current = undefined;
        });
      }
      current.uses++;
      return current.key;
    },
    async decryptionKey(id, metadata) {
      const blob = metadata[DATA_KEY_METADATA];
      if (!blob)
        throw new PayloadKeyError(`payload encrypted under KMS key "${id}" has no ${DATA_KEY_METADATA} metadata`);
      const cacheKey = b64(blob);
      const hit = decrypted.get(cacheKey);
      if (hit && hit.expiresAt > now()) {
        remember(cacheKey, hit.key);
        return hit.key;
      }
      // One Decrypt per data key even when a history page's payloads are decoded all at once.
      let pending = inflight.get(cacheKey);
      if (!pending) {
        pending = decrypt(id, blob).finally(() => inflight.delete(cacheKey));
        inflight.set(cacheKey, pending);
      }
      const key = await pending;
      remember(cacheKey, key);
      return key;
    },
  };
}
