// A task link signs someone in once. The store remembers which link ids were used until they would
// have expired anyway. Locally a file in the data dir (the API is one process); in AWS the same
// interface over DynamoDB (conditional put), so two Lambda instances cannot both accept one link.
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';

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

/** The table's key (the link id, `jti`) and its TTL attribute (epoch seconds); infra/lib/constructs/used-links-table.ts. */
export const USED_LINKS_PARTITION_KEY = 'pk';
export const USED_LINKS_TTL_ATTRIBUTE = 'expiresAt';

const ZUsedLinkItem = z.object({
  [USED_LINKS_PARTITION_KEY]: z.string(),
  [USED_LINKS_TTL_ATTRIBUTE]: z.number().int(),
});

export interface DynamoUsedLinksOptions {
  client: DynamoDBClient;
  table: string;
}

/**
 * The store every API instance shares: `consume` is a put that succeeds only if no item has the
 * link id yet (`attribute_not_exists(pk)`), so of any number of concurrent sign-ins with one link
 * exactly one wins, whichever instance it reaches. The item expires (TTL) when the link does;
 * DynamoDB deletes it some time after, and a link past its expiry is refused before the store is
 * asked (functions/portal/sign-in.ts).
 */
export function dynamoUsedLinks(options: DynamoUsedLinksOptions): UsedLinkStore {
  const doc = DynamoDBDocumentClient.from(options.client);
  const table = options.table;
  return {
    async consume(jti, expiresAtSec) {
      try {
        await doc.send(
          new PutCommand({
            TableName: table,
            Item: { [USED_LINKS_PARTITION_KEY]: jti, [USED_LINKS_TTL_ATTRIBUTE]: Math.floor(expiresAtSec) },
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#pk': USED_LINKS_PARTITION_KEY },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
    async wasUsed(jti) {
      const out = await doc.send(
        new GetCommand({ TableName: table, Key: { [USED_LINKS_PARTITION_KEY]: jti }, ConsistentRead: true }),
      );
      if (!out.Item) return false;
      ZUsedLinkItem.parse(out.Item);
      return true;
    },
  };
}
