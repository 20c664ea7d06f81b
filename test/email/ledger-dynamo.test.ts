// The shared email ledger (activities/email/ledger-dynamo.ts) against moto in server mode, through
// the real @aws-sdk/client-dynamodb: conditional writes, the TTL attribute and the claim rules.
import { DescribeTimeToLiveCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDynamoLedger,
  EMAIL_LEDGER_CLAIM_HELD,
  ensureLedgerTable,
  readLedgerConfig,
  type TAttemptOf,
} from '../../activities/email/ledger-dynamo';
import { startMoto, type Moto } from '../support/moto';

const TABLE = 'casc-email-ledger-test';
const NOW = Date.parse('2026-09-01T15:00:00Z');
let moto: Moto;
let client: DynamoDBClient;

beforeAll(async () => {
  moto = await startMoto();
  client = new DynamoDBClient(moto.clientConfig);
  await ensureLedgerTable(client, TABLE);
  // A second call (every `npm start`) is a no-op, not an error.
  await ensureLedgerTable(client, TABLE);
});

afterAll(async () => {
  client?.destroy();
  await moto?.stop();
});

const claimOf = (to: string) => ({ at: NOW, to, subject: 'Admission deadline in 10 days' });
const rawItem = async (key: string) =>
  (await client.send(new GetItemCommand({ TableName: TABLE, Key: { key: { S: key } }, ConsistentRead: true }))).Item;

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the write to be refused');
}

describe('DynamoDB email ledger (moto)', () => {
  it('R-REM-2: a put is conditional — the second MessageId for a key is refused and the first stands', async () => {
    const ledger = createDynamoLedger({ client, table: TABLE, now: () => NOW });
    expect(await ledger.get('k-put')).toBeUndefined();
    await ledger.put('k-put', 'msg-first');
    await ledger.put('k-put', 'msg-second');
    expect(await ledger.get('k-put')).toEqual({ messageId: 'msg-first' });
  });

  it('R-REM-2: a claim is exclusive — a second claimant is refused with a retryable failure while the first is live', async () => {
    const a = createDynamoLedger({ client, table: TABLE, now: () => NOW });
    const b = createDynamoLedger({ client, table: TABLE, now: () => NOW + 1_000 });
    await a.claim!('k-claim', claimOf('coach@example.org'));
    const error = await refusal(b.claim!('k-claim', { ...claimOf('coach@example.org'), at: NOW + 1_000 }));
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect((error as ApplicationFailure).type).toBe(EMAIL_LEDGER_CLAIM_HELD);
    expect((error as ApplicationFailure).nonRetryable).toBe(false);
    expect(await a.claimOf!('k-claim')).toEqual(claimOf('coach@example.org'));
  });

  it('R-REM-2: once sent, no one can claim the key again, and the claim is gone', async () => {
    const ledger = createDynamoLedger({ client, table: TABLE, now: () => NOW });
    await ledger.claim!('k-sent', claimOf('pa@example.edu'));
    await ledger.put('k-sent', 'msg-1');
    expect(await ledger.claimOf!('k-sent')).toBeUndefined();
    const later = createDynamoLedger({ client, table: TABLE, now: () => NOW + 3_600_000 });
    expect(((await refusal(later.claim!('k-sent', claimOf('pa@example.edu')))) as ApplicationFailure).type).toBe(
      EMAIL_LEDGER_CLAIM_HELD,
    );
    // The recipient's address does not outlive the send in the shared table.
    expect(Object.keys((await rawItem('k-sent'))!).sort()).toEqual([
      'claimActivity',
      'claimAttempt',
      'claimedAt',
      'expiresAt',
      'key',
      'messageId',
      'sentAt',
    ]);
  });

  it('a stale claim (older than the lease) is taken over: the worker that held it died', async () => {
    const dead = createDynamoLedger({ client, table: TABLE, now: () => NOW, claimLeaseMs: 180_000 });
    await dead.claim!('k-stale', claimOf('cand@example.org'));
    const heir = createDynamoLedger({ client, table: TABLE, now: () => NOW + 180_001, claimLeaseMs: 180_000 });
    await heir.claim!('k-stale', { ...claimOf('cand@example.org'), at: NOW + 180_001 });
    expect(await heir.claimOf!('k-stale')).toEqual({ ...claimOf('cand@example.org'), at: NOW + 180_001 });
  });

  it("a later attempt of the same activity takes over its earlier attempt's claim at once; another activity may not", async () => {
    let attempt: TAttemptOf = { activity: 'wf/run/1', attempt: 1 };
    const ledger = createDynamoLedger({ client, table: TABLE, now: () => NOW, attemptOf: () => attempt });
    await ledger.claim!('k-retry', claimOf('sup@example.org'));
    attempt = { activity: 'wf/run/1', attempt: 2 };
    await ledger.claim!('k-retry', claimOf('sup@example.org'));
    expect((await rawItem('k-retry'))!.claimAttempt).toEqual({ N: '2' });
    attempt = { activity: 'wf/run/9', attempt: 5 };
    expect(((await refusal(ledger.claim!('k-retry', claimOf('sup@example.org')))) as ApplicationFailure).type).toBe(
      EMAIL_LEDGER_CLAIM_HELD,
    );
  });

  it('every item carries the TTL attribute (epoch seconds, ttlDays ahead) and the table expires on it', async () => {
    const ledger = createDynamoLedger({ client, table: TABLE, now: () => NOW, ttlDays: 30 });
    await ledger.claim!('k-ttl', claimOf('dir@example.edu'));
    expect((await rawItem('k-ttl'))!.expiresAt).toEqual({ N: String(NOW / 1000 + 30 * 86_400) });
    await ledger.put('k-ttl', 'msg-ttl');
    expect((await rawItem('k-ttl'))!.expiresAt).toEqual({ N: String(NOW / 1000 + 30 * 86_400) });
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: TABLE }));
    expect(ttl.TimeToLiveDescription).toEqual({ AttributeName: 'expiresAt', TimeToLiveStatus: 'ENABLED' });
  });

  it('get then claimOf for the same key costs one read; a claimOf on its own reads the table', async () => {
    const seen: string[] = [];
    const counting = {
      send: (command: { constructor: { name: string } }) => (
        seen.push(command.constructor.name),
        client.send(command as never)
      ),
    } as unknown as DynamoDBClient;
    const ledger = createDynamoLedger({ client: counting, table: TABLE, now: () => NOW });
    await createDynamoLedger({ client, table: TABLE, now: () => NOW }).claim!('k-reads', claimOf('cand@example.org'));
    expect(await ledger.get('k-reads')).toBeUndefined();
    expect(await ledger.claimOf!('k-reads')).toEqual(claimOf('cand@example.org'));
    expect(await ledger.claimOf!('k-reads')).toEqual(claimOf('cand@example.org'));
    expect(seen).toEqual(['GetItemCommand', 'GetItemCommand']);
  });

  it('settings come from the environment: no table means the file ledger', () => {
    expect(readLedgerConfig({})).toBeUndefined();
    expect(readLedgerConfig({ CASC_LEDGER_TABLE: '' })).toBeUndefined();
    expect(
      readLedgerConfig({
        CASC_LEDGER_TABLE: 'casc-ledger',
        DYNAMODB_ENDPOINT: 'http://127.0.0.1:5000',
        AWS_REGION: 'us-east-1',
      }),
    ).toEqual({
      table: 'casc-ledger',
      endpoint: 'http://127.0.0.1:5000',
      region: 'us-east-1',
      ttlDays: 90,
    });
    expect(() => readLedgerConfig({ CASC_LEDGER_TABLE: 'no spaces allowed' })).toThrow(/CASC_LEDGER_TABLE/);
  });
});
