// The email ledger shared by every worker: one DynamoDB item per idempotency key. A per-process
// file ledger lets a retry that lands on another worker (a partly sent batch, a killed task) send
// again; this one is what all of them read. Locally it runs against moto (scripts/setup-moto.sh).
//
// Item: { key, messageId?, sentAt?, claimedAt?, claimTo?, claimSubject?, claimActivity?,
//         claimAttempt?, expiresAt (epoch seconds, the table's TTL attribute) }.
//
// A claim is exclusive (a conditional write). It can be taken over only when it is stale (older
// than the lease, which outlasts the email activity's 2-minute start-to-close timeout) or when it
// was left by an earlier attempt of the same activity: Temporal starts attempt n+1 only after
// attempt n failed or timed out, so such a claim is abandoned (a timed-out attempt still running
// past its timeout is the one case the lease cannot rule out).
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ResourceInUseException,
  UpdateItemCommand,
  UpdateTimeToLiveCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import type { SentLedger, TSendClaim } from './ledger';

/** Retryable: another live attempt holds the send; Temporal's retry finds it sent (or stale). */
export const EMAIL_LEDGER_CLAIM_HELD = 'EmailLedgerClaimHeld';
export const LEDGER_TTL_ATTRIBUTE = 'expiresAt';

export interface TAttemptOf {
  /** Stable across the attempts of one activity execution (workflow, run and activity id). */
  activity: string;
  attempt: number;
}

export interface DynamoLedgerOptions {
  client: DynamoDBClient;
  table: string;
  /** How long an item is kept (TTL); retries of an email activity end long before. Default 90. */
  ttlDays?: number;
  /** A claim older than this may be taken over by anyone. Default 3 minutes. */
  claimLeaseMs?: number;
  now?: () => number;
  /** The running activity's identity; defaults to Temporal's activity context (none outside one). */
  attemptOf?: () => TAttemptOf | undefined;
}

function currentAttempt(): TAttemptOf | undefined {
  try {
    const info = Context.current().info;
    const run = info.workflowExecution;
    return { activity: `${run?.workflowId ?? '-'}/${run?.runId ?? '-'}/${info.activityId}`, attempt: info.attempt };
  } catch {
    return undefined;
  }
}

const ZItem = z.object({
  messageId: z.object({ S: z.string() }).optional(),
  claimedAt: z.object({ N: z.string() }).optional(),
  claimTo: z.object({ S: z.string() }).optional(),
  claimSubject: z.object({ S: z.string() }).optional(),
});

export function createDynamoLedger(options: DynamoLedgerOptions): SentLedger {
  const { client, table } = options;
  const ttlSeconds = (options.ttlDays ?? 90) * 86_400;
  const leaseMs = options.claimLeaseMs ?? 180_000;
  const now = options.now ?? Date.now;
  const attemptOf = options.attemptOf ?? currentAttempt;
  const expiresAt = (): AttributeValue => ({ N: String(Math.floor(now() / 1000) + ttlSeconds) });

  async function read(key: string) {
    const out = await client.send(
      new GetItemCommand({ TableName: table, Key: { key: { S: key } }, ConsistentRead: true }),
    );
    return out.Item ? ZItem.parse(out.Item) : undefined;
  }
  // The sender asks get() and then claimOf() for the same key, milliseconds apart: the second is
  // answered from the first read (one request less per email). Safe because nothing is decided on
  // a read alone: the claim is a conditional write, which a newer claim makes fail.
  const unsent = new Map<string, { item: z.infer<typeof ZItem> | undefined; at: number }>();

  return {
    async get(key) {
      const item = await read(key);
      const messageId = item?.messageId?.S;
      if (messageId !== undefined) return { messageId };
      if (unsent.size > 1000) unsent.clear();
      unsent.set(key, { item, at: now() });
      return undefined;
    },

    async put(key, messageId) {
      try {
        // The first MessageId wins; the claim's address is dropped once the send is settled.
        await client.send(
          new UpdateItemCommand({
            TableName: table,
            Key: { key: { S: key } },
            UpdateExpression: 'SET messageId = :m, sentAt = :now, #ttl = :exp REMOVE claimTo, claimSubject',
            ConditionExpression: 'attribute_not_exists(messageId)',
            ExpressionAttributeNames: { '#ttl': LEDGER_TTL_ATTRIBUTE },
            ExpressionAttributeValues: { ':m': { S: messageId }, ':now': { N: String(now()) }, ':exp': expiresAt() },
          }),
        );
      } catch (error) {
        // Already recorded (a delivery probe settled it first): the record stands as it is.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },

    async claim(key, claim) {
      const mine = attemptOf();
      try {
        await client.send(
          new UpdateItemCommand({
            TableName: table,
            Key: { key: { S: key } },
            UpdateExpression:
              'SET claimedAt = :at, claimTo = :to, claimSubject = :subject, claimActivity = :activity, claimAttempt = :attempt, #ttl = :exp',
            ConditionExpression:
              'attribute_not_exists(messageId) AND (attribute_not_exists(claimedAt) OR claimedAt < :staleBefore OR (claimActivity = :activity AND claimAttempt < :attempt))',
            ExpressionAttributeNames: { '#ttl': LEDGER_TTL_ATTRIBUTE },
            ExpressionAttributeValues: {
              ':at': { N: String(claim.at) },
              ':to': { S: claim.to },
              ':subject': { S: claim.subject },
              // No activity context (a direct call): only a stale claim can be taken over.
              ':activity': { S: mine?.activity ?? '-' },
              ':attempt': { N: String(mine?.attempt ?? 0) },
              ':staleBefore': { N: String(now() - leaseMs) },
              ':exp': expiresAt(),
            },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        throw ApplicationFailure.retryable(
          `email ledger: the send for this key is held or done by another attempt`,
          EMAIL_LEDGER_CLAIM_HELD,
        );
      }
    },

    async claimOf(key): Promise<TSendClaim | undefined> {
      const recent = unsent.get(key);
      unsent.delete(key);
      const item = recent && now() - recent.at < 2_000 ? recent.item : await read(key);
      if (!item || item.messageId || !item.claimedAt || !item.claimTo || !item.claimSubject) return undefined;
      return { at: Number(item.claimedAt.N), to: item.claimTo.S, subject: item.claimSubject.S };
    },
  };
}

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
const ZLedgerEnv = z.object({
  CASC_LEDGER_TABLE: optional(z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/)),
  DYNAMODB_ENDPOINT: optional(z.url({ protocol: /^https?$/ })),
  CASC_LEDGER_TTL_DAYS: optional(z.coerce.number().int().min(1).max(3650)),
  AWS_REGION: optional(z.string().min(1)),
  SES_REGION: optional(z.string().min(1)),
});

export interface TLedgerConfig {
  table: string;
  endpoint?: string;
  region: string;
  ttlDays: number;
}

/** The shared ledger's settings, or undefined when CASC_LEDGER_TABLE is unset (file ledger). */
export function readLedgerConfig(env: Record<string, string | undefined> = process.env): TLedgerConfig | undefined {
  const parsed = ZLedgerEnv.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid email ledger configuration:\n${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  if (!e.CASC_LEDGER_TABLE) return undefined;
  return {
    table: e.CASC_LEDGER_TABLE,
    ...(e.DYNAMODB_ENDPOINT ? { endpoint: e.DYNAMODB_ENDPOINT } : {}),
    region: e.AWS_REGION ?? e.SES_REGION ?? 'us-west-2',
    ttlDays: e.CASC_LEDGER_TTL_DAYS ?? 90,
  };
}

/** An endpoint means moto (dummy credentials); without one the task role's credentials apply. */
export function createLedgerClient(config: TLedgerConfig): DynamoDBClient {
  return new DynamoDBClient({
    region: config.region,
    ...(config.endpoint
      ? { endpoint: config.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
}

/** Creates the table with its TTL if missing: for the local stack and tests (infra/ owns it in AWS). */
export async function ensureLedgerTable(client: DynamoDBClient, table: string): Promise<void> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: table,
        AttributeDefinitions: [{ AttributeName: 'key', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'key', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    return;
  }
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: table,
      TimeToLiveSpecification: { AttributeName: LEDGER_TTL_ATTRIBUTE, Enabled: true },
    }),
  );
}
