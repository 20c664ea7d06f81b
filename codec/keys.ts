// Local payload keys: a JSON key file under the data dir (created on first start, mode 0600), a
// list of keys with ids. The newest key encrypts, every key decrypts, so rotation is "add a key":
// payloads sealed before keep opening. Processes that share the data dir (worker, API, CLI) share
// the file; a process that meets a key id it does not know re-reads the file once, so a rotation
// done by another process is picked up without a restart.
import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { PayloadKeyError, type KeyProvider, type TEncryptionKey } from './aes-gcm-codec';

const ZKeyFile = z.object({
  version: z.literal(1),
  keys: z
    .array(
      z.object({
        id: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/),
        createdAt: z.iso.datetime(),
        key: z.base64().refine((b) => Buffer.from(b, 'base64').length === 32, 'an AES-256 key is 32 bytes'),
      }),
    )
    .min(1),
});
export type TKeyFile = z.infer<typeof ZKeyFile>;

/** How often a running process looks for a key another process added (rotation). */
const RELOAD_MS = 30_000;

export function newKeyEntry(now = new Date()): TKeyFile['keys'][number] {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '');
  return {
    id: `local-${day}-${randomBytes(4).toString('hex')}`,
    createdAt: now.toISOString(),
    key: randomBytes(32).toString('base64'),
  };
}

export function readKeyFile(path: string): TKeyFile {
  const parsed = ZKeyFile.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`payload key file ${path} is not valid:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Writes the file whole and atomically, readable by its owner only. */
function writeKeyFile(path: string, file: TKeyFile, mode: 'create' | 'replace'): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, JSON.stringify(file, null, 2) + '\n', { mode: 0o600 });
  try {
    // link() fails if the file exists: when the worker and the API start together, one key file wins.
    if (mode === 'create') linkSync(tmp, path);
    else renameSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** The key file, created with one new key if it does not exist yet. */
export function loadOrCreateKeyFile(path: string): TKeyFile {
  try {
    writeKeyFile(path, { version: 1, keys: [newKeyEntry()] }, 'create');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  chmodSync(path, 0o600);
  return readKeyFile(path);
}

/** Adds a new key, which encrypts from now on; the old ones still decrypt. Returns the new key's id. */
export function rotatePayloadKey(path: string, now = new Date()): string {
  const file = loadOrCreateKeyFile(path);
  const entry = newKeyEntry(now);
  writeKeyFile(path, { version: 1, keys: [...file.keys, entry] }, 'replace');
  return entry.id;
}

function fromEntries(file: TKeyFile): { newest: TEncryptionKey; byId: Map<string, Uint8Array> } {
  const byId = new Map(file.keys.map((k) => [k.id, new Uint8Array(Buffer.from(k.key, 'base64'))]));
  const last = file.keys.at(-1)!;
  return { newest: { id: last.id, key: byId.get(last.id)! }, byId };
}

export function fileKeyProvider(path: string, now: () => number = Date.now): KeyProvider {
  let keys = fromEntries(loadOrCreateKeyFile(path));
  let loadedAt = now();
  const reload = () => {
    keys = fromEntries(readKeyFile(path));
    loadedAt = now();
  };
  return {
    async encryptionKey() {
      if (now() - loadedAt > RELOAD_MS) reload();
      return keys.newest;
    },
    async decryptionKey(id) {
      if (!keys.byId.has(id)) reload();
      const key = keys.byId.get(id);
      if (!key)
        throw new PayloadKeyError(
          `payload was encrypted with key "${id}", which is not in ${path} (keys: ${[...keys.byId.keys()].join(', ')}); was the key file replaced or is CASC_PAYLOAD_KEYS pointing elsewhere?`,
        );
      return key;
    },
  };
}

/** Keys held in memory only: for the simulator and tests, whose servers vanish with the process. */
export function memoryKeyProvider(entries: TKeyFile['keys'] = [newKeyEntry()]): KeyProvider & { rotate(): string } {
  let keys = fromEntries({ version: 1, keys: entries });
  const list = [...entries];
  return {
    async encryptionKey() {
      return keys.newest;
    },
    async decryptionKey(id) {
      const key = keys.byId.get(id);
      if (!key)
        throw new PayloadKeyError(
          `payload was encrypted with key "${id}", which this process does not hold (in-memory keys: ${[...keys.byId.keys()].join(', ')})`,
        );
      return key;
    },
    rotate() {
      list.push(newKeyEntry());
      keys = fromEntries({ version: 1, keys: list });
      return list.at(-1)!.id;
    },
  };
}
