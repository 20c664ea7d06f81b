// The record of what has been sent, keyed by idempotency key. SES has no idempotency of its own,
// so this is what turns "Temporal retried the activity" into "the email went out once".
//
// A send is claimed (written here) just before SES is called and recorded as sent just after. A key
// that is claimed but not sent means an earlier attempt died in between: SES may or may not have
// taken the message. ses.ts settles that with a delivery probe when there is one (see
// delivery-probe.ts) instead of blindly sending again.
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/** What was about to be sent, and when: enough to recognise the message in SES's store afterwards. */
export interface TSendClaim {
  /** Epoch ms, taken before the send. */
  at: number;
  /** The recipient's bare address. */
  to: string;
  subject: string;
}

export interface SentLedger {
  get(key: string): Promise<{ messageId: string } | undefined>;
  put(key: string, messageId: string): Promise<void>;
  /** Records that a send is about to happen (optional: a ledger without it only knows what was sent). */
  claim?(key: string, claim: TSendClaim): Promise<void>;
  /** The last claim for a key that was never recorded as sent. */
  claimOf?(key: string): Promise<TSendClaim | undefined>;
}

export function createMemoryLedger(): SentLedger {
  const sent = new Map<string, string>();
  const claims = new Map<string, TSendClaim>();
  return {
    get: async (key) => {
      const messageId = sent.get(key);
      return messageId === undefined ? undefined : { messageId };
    },
    put: async (key, messageId) => {
      sent.set(key, messageId);
    },
    claim: async (key, claim) => {
      claims.set(key, claim);
    },
    claimOf: async (key) => (sent.has(key) ? undefined : claims.get(key)),
  };
}

const ZSentLine = z.object({ key: z.string(), messageId: z.string(), at: z.string().optional() });
const ZClaimLine = z.object({
  key: z.string(),
  claimed: z.object({ at: z.number(), to: z.string(), subject: z.string() }),
});
export const LEDGER_FILE = 'email-ledger.jsonl';

/**
 * Append-only JSON lines, read once into a Map. Safe for one process (appends are serialised);
 * several workers need a shared store (the S3 ledger) instead.
 */
export function createFileLedger(dir: string): SentLedger {
  const file = join(dir, LEDGER_FILE);
  let loaded: Promise<Map<string, string>> | undefined;
  const claims = new Map<string, TSendClaim>();
  let writes: Promise<void> = Promise.resolve();

  const append = async (entry: object) => {
    const line = `${JSON.stringify(entry)}\n`;
    const write = writes.then(async () => {
      await mkdir(dir, { recursive: true });
      await appendFile(file, line, 'utf8');
    });
    // Keep the chain alive after a failed write; the caller still sees this write's error.
    writes = write.catch(() => undefined);
    await write;
  };

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
        const entry = ZSentLine.safeParse(raw);
        if (entry.success) sent.set(entry.data.key, entry.data.messageId);
        const claim = ZClaimLine.safeParse(raw);
        if (claim.success) claims.set(claim.data.key, claim.data.claimed);
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
      await append({ key, messageId, at: new Date().toISOString() });
    },
    async claim(key, claim) {
      await load();
      claims.set(key, claim);
      // Durable before SES is called: appendFile has handed the line to the kernel, which keeps it
      // when the process is killed (a power cut is another matter; the S3 ledger is for that).
      await append({ key, claimed: claim });
    },
    async claimOf(key) {
      const sent = await load();
      return sent.has(key) ? undefined : claims.get(key);
    },
  };
}
