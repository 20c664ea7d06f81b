// The workers' shared email ledger (DynamoDB on moto) for the burst bench: started here, named to
// createWorkers through the environment as bin/worker.ts reads it, and read back for send times.
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { ensureLedgerTable } from '../../activities/email/ledger-dynamo';
import { startMoto, type Moto } from '../../test/support/moto';

export interface SharedLedger {
  client: DynamoDBClient;
  table: string;
  stop(): Promise<void>;
}

export async function startSharedLedger(table = 'casc-email-ledger-bench'): Promise<SharedLedger> {
  const moto: Moto = await startMoto();
  const client = new DynamoDBClient(moto.clientConfig);
  await ensureLedgerTable(client, table);
  process.env.CASC_LEDGER_TABLE = table;
  process.env.DYNAMODB_ENDPOINT = moto.endpoint;
  return {
    client,
    table,
    async stop() {
      client.destroy();
      await moto.stop();
    },
  };
}

/** When each recorded send was recorded (sentAt, epoch ms), sorted. */
export async function sharedLedgerSentTimes({ client, table }: SharedLedger): Promise<number[]> {
  const times: number[] = [];
  let start: Record<string, import('@aws-sdk/client-dynamodb').AttributeValue> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: table, ProjectionExpression: 'sentAt', ExclusiveStartKey: start }),
    );
    for (const item of page.Items ?? []) if (item.sentAt?.N) times.push(Number(item.sentAt.N));
    start = page.LastEvaluatedKey;
  } while (start);
  return times.sort((a, b) => a - b);
}
