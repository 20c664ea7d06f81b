// The record of what has been sent, keyed by idempotency key. SES has no idempotency of its own,
// so this is what turns "Temporal retried the activity" into "the email went out once".
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

export interface SentLedger {
  get(key: string): Promise<{ messageId: string } | undefined>;
  put(key: string, messageId: string): Promise<void>;
}

export function createMemoryLedger(): SentLedger {
  const sent = new Map<string, string>();
  return {
    get: async (key) => {
      const messageId = sent.get(key);
      return messageId === undefined ? undefined : { messageId };
    },
    put: async (key, messageId) => {
      sent.set(key, messageId);
    },
  };
}

const ZLedgerLine = z.object({ key: z.string(), messageId: z.string(), at: z.string().optional() });
export const LEDGER_FILE = 'email-ledger.jsonl';

/**
 * Append-only JSON lines, read once into a Map. Safe for one process (appends are serialised);
 * several workers need a shared store (the S3 ledger) instead.
 */
export function createFileLedger(dir: string): SentLedger {
  const file = join(dir, LEDGER_FILE);
  let loaded: Promise<Map<string, string>> | undefined;
  let writes: Promise<void> = Promise.resolve();

  const load = (): Promise<Map<string, string>> =>
    (loaded ??= (async () => {
      const sent = new Map<string, string>();
      let text = '';
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      for (const line of text.split('\n')) {
        if (line.trim() === '') continue;
        // A crash mid-append can leave a torn last line; skipping it only risks one resend.
        let raw: unknown;
        try {
          raw = JSON.parse(line);
        } catch {
          continue;
        }
        const entry = ZLedgerLine.safeParse(raw);
        if (entry.success) sent.set(entry.data.key, entry.data.messageId);
      }
      return sent;
    })());

  return {
    async get(key) {
      const messageId = (await load()).get(key);
      return messageId === undefined ? undefined : { messageId };
    },
    async put(key, messageId) {
      const sent = await load();
      sent.set(key, messageId);
      const line = `${JSON.stringify({ key, messageId, at: new Date().toISOString() })}\n`;
      const write = writes.then(async () => {
        await mkdir(dir, { recursive: true });
        await appendFile(file, line, 'utf8');
      });
      // Keep the chain alive after a failed write; the caller still sees this write's error.
      writes = write.catch(() => undefined);
      await write;
    },
  };
}
