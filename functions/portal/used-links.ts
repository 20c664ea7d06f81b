// A task link signs someone in once. The store remembers which link ids were used until they would
// have expired anyway. Locally a file in the data dir (the API is one process); in AWS the same
// interface over DynamoDB (conditional put), so two Lambda instances cannot both accept one link.
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface UsedLinkStore {
  /** True the first time a link id is consumed, false every time after. */
  consume(jti: string, expiresAtSec: number, nowMs?: number): Promise<boolean>;
  wasUsed(jti: string): Promise<boolean>;
}

export function memoryUsedLinks(): UsedLinkStore {
  const used = new Map<string, number>();
  return {
    async consume(jti, expiresAtSec, nowMs = Date.now()) {
      for (const [k, exp] of used) if (exp * 1000 < nowMs) used.delete(k);
      if (used.has(jti)) return false;
      used.set(jti, expiresAtSec);
      return true;
    },
    async wasUsed(jti) {
      return used.has(jti);
    },
  };
}

/** One JSON line per used link; read once at start, so a restarted API still refuses a used link. */
export function fileUsedLinks(path: string): UsedLinkStore {
  const memory = memoryUsedLinks();
  mkdirSync(dirname(path), { recursive: true });
  let lines: string[] = [];
  try {
    lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const loaded = Promise.all(
    lines.map((line) => {
      const { jti, exp } = JSON.parse(line) as { jti: string; exp: number };
      return memory.consume(jti, exp);
    }),
  );
  return {
    async consume(jti, expiresAtSec, nowMs) {
      await loaded;
      const first = await memory.consume(jti, expiresAtSec, nowMs);
      if (first) appendFileSync(path, JSON.stringify({ jti, exp: expiresAtSec }) + '\n', { mode: 0o600 });
      return first;
    },
    async wasUsed(jti) {
      await loaded;
      return memory.wasUsed(jti);
    },
  };
}
