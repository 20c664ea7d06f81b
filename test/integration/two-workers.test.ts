// Issue #17.2: two worker processes (bin/worker.ts, as two Fargate tasks run it) on the same task
// queue, each with its own data dir, sharing the DynamoDB email ledger on moto. One candidate's due
// batch (the admission reminder to the candidate and the escalation to the PA) goes to one of them;
// the first email goes out, SES then fails the second (HTTP 503, every SDK attempt), so the
// activity fails, that worker is stopped, and Temporal's retry can only land on the other worker.
// With a per-process file ledger the other worker knows nothing of the first email and sends it
// again; with the shared ledger each email is in SES's store exactly once.
//
// Each worker reaches SES through its own small proxy, so the test sees which worker sent what.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLedgerTable } from '../../activities/email/ledger-dynamo';
import { clientDataConverter, payloadCodec } from '../../codec/data-converter';
import { candidateKey, type TCandidateStart } from '../../domain/lifecycle/candidate';
import { addDays, localDateOf } from '../../domain/calendar/dates';
import { createCandidateService, type CandidateService } from '../../functions/candidates';
import { createPolicyResolver } from '../../functions/policies';
import { eventually } from '../support/eventually';
import { startDevServerProcess, type DevServerProcess } from '../support/dev-server-process';
import { uniqueId } from '../support/fixtures';
import { startMoto, type Moto } from '../support/moto';
import { startSesLocal, type SesLocal } from '../support/ses-local';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process';

/** Shared by both proxies: after `passFirst` sends, every send is refused until `failing` is off. */
const faults = { failing: true, passFirst: 1, forwarded: 0, refused: 0 };

interface CountingProxy {
  endpoint: string;
  sends: number;
  server: Server;
}

async function startProxy(upstream: string): Promise<CountingProxy> {
  const target = new URL(upstream);
  const proxy: CountingProxy = { endpoint: '', sends: 0, server: undefined as unknown as Server };
  proxy.server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const isSend = req.method === 'POST' && /Action=Send(Raw)?Email/.test(body.toString('latin1'));
      if (isSend && faults.failing && faults.forwarded >= faults.passFirst) {
        faults.refused++;
        res.writeHead(503, { 'content-type': 'text/xml' });
        res.end(
          '<ErrorResponse><Error><Type>Receiver</Type><Code>ServiceUnavailable</Code><Message>test: SES unavailable</Message></Error></ErrorResponse>',
        );
        return;
      }
      if (isSend) {
        faults.forwarded++;
        proxy.sends++;
      }
      const up = request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: target.host },
        },
        (upRes) => {
          res.writeHead(upRes.statusCode ?? 502, upRes.headers);
          upRes.pipe(res);
        },
      );
      up.on('error', (err) => {
        res.writeHead(502);
        res.end(err.message);
      });
      up.end(body);
    });
  });
  await new Promise<void>((r) => proxy.server.listen(0, '127.0.0.1', r));
  proxy.endpoint = `http://127.0.0.1:${(proxy.server.address() as AddressInfo).port}`;
  return proxy;
}

const TABLE = 'casc-email-ledger';
let dir: string;
let server: DevServerProcess;
let ses: SesLocal;
let moto: Moto;
let proxies: CountingProxy[] = [];
let workers: WorkerProcess[] = [];
let client: Client;
let candidates: CandidateService;
let taskQueue: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'casc-two-workers-'));
  [server, ses, moto] = await Promise.all([
    startDevServerProcess({ dbFilename: join(dir, 'temporal.db') }),
    startSesLocal(),
    startMoto(),
  ]);
  const dynamo = new DynamoDBClient(moto.clientConfig);
  await ensureLedgerTable(dynamo, TABLE);
  dynamo.destroy();
  proxies = await Promise.all([startProxy(ses.endpoint), startProxy(ses.endpoint)]);
  // One payload key file for the test's client and both workers (made here, before they start).
  const keys = join(dir, 'payload-keys.json');
  const dataConverter = clientDataConverter(payloadCodec({ kind: 'file', path: keys }));
  client = new Client({
    connection: await Connection.connect({ address: server.address }),
    namespace: 'default',
    dataConverter,
  });
  taskQueue = uniqueId('two-workers');
  candidates = createCandidateService({
    client,
    taskQueue,
    portalUrl: 'http://127.0.0.1:8787',
    resolvePolicy: createPolicyResolver(),
  });
  const envOf = (i: number): Record<string, string> => ({
    TEMPORAL_ADDRESS: server.address,
    TEMPORAL_NAMESPACE: 'default',
    CASC_TASK_QUEUE: taskQueue,
    SES_ENDPOINT: proxies[i]!.endpoint,
    SES_MAX_SEND_RATE: '10',
    CASC_DATA_DIR: join(dir, `worker-${i}`),
    CASC_PAYLOAD_KEYS: `file:${keys}`,
    CASC_LEDGER_TABLE: TABLE,
    DYNAMODB_ENDPOINT: moto.endpoint,
    CASC_LOG_LEVEL: 'ERROR',
  });
  workers = await Promise.all([startWorkerProcess(envOf(0)), startWorkerProcess(envOf(1))]);
}, 240_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await client?.connection.close();
  await Promise.all(proxies.map((p) => new Promise((r) => p.server.close(r))));
  await Promise.all([ses?.stop(), moto?.stop(), server?.stop()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const bare = (formatted: string) => (/<([^>]+)>/.exec(formatted)?.[1] ?? formatted).toLowerCase();

describe('two worker processes, one shared ledger (DynamoDB on moto)', () => {
  it('R-REM-2: a batch retried on the other worker sends each email exactly once', async () => {
    const today = localDateOf(Date.now(), 'America/Los_Angeles');
    const id = uniqueId('tw');
    const start: TCandidateStart = {
      programId: 'rossier',
      candidateId: id,
      policyId: 'rossier',
      cohortStart: addDays(today, 45),
      // Assignment began 110 days ago: the admission reminder and the PA's escalation are due now.
      assignmentStart: addDays(today, -110),
      candidate: { name: 'Dana Reyes', email: `cand-${id}@example.org` },
      programAdministrator: { name: 'Dr. Tran', email: `pa-${id}@example.edu` },
    };
    const key = candidateKey(start.programId, start.candidateId);
    await candidates.start(start);

    // The first email went through one worker's proxy; the second was refused (all SDK attempts).
    await eventually(async () => (faults.forwarded === 1 && faults.refused >= 3 ? true : undefined), 60_000);
    const first = proxies.findIndex((p) => p.sends === 1);
    expect(first).toBeGreaterThanOrEqual(0);
    const other = 1 - first;
    // The failed attempt is over (the activity reports a failure); stop that worker so the retry
    // (5 s later) can only go to the other one, then let SES answer again.
    await eventually(async () => {
      const pending = (await candidates.handle(key).describe()).raw.pendingActivities ?? [];
      return pending.some((a) => (a.attempt ?? 0) >= 2 || a.lastFailure) ? true : undefined;
    }, 60_000);
    await workers[first]!.stop();
    faults.failing = false;

    await eventually(async () => {
      const sent = (await candidates.status(key)).timeline.filter((t) => t.kind === 'emailSent');
      return sent.length === 2 ? sent : undefined;
    }, 90_000);

    const stored = (await ses.emails()).filter((e) => e.destination.to.some((t) => bare(t).includes(id)));
    const recipients = stored.map((e) => e.destination.to.map(bare).join(',')).sort();
    expect(recipients).toEqual([`cand-${id}@example.org`, `pa-${id}@example.edu`]);
    // The retry on the other worker sent only the email the first one could not.
    expect([proxies[first]!.sends, proxies[other]!.sends]).toEqual([1, 1]);
  }, 240_000);
});
