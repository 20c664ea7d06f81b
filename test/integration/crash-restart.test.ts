// Issue #9.2, crash and restart through the real pieces: the Temporal dev server on a SQLite file
// (a child process of the pinned CLI), aws-ses-v2-local, and bin/worker.ts as its own OS process.
// A cohort's admission reminders go out at 5 emails/s; the worker is SIGKILLed in the middle of the
// burst at the worst possible moment — SES has accepted a message but its answer (the MessageId)
// never reaches the worker — and restarted; then the dev server is stopped and started again on
// the same file. Every workflow must carry on, no accepted event may be lost and every email must
// be in SES's store exactly once.
//
// The double-send window this test pins down: SES accepted the message, the worker died before
// writing the ledger, and Temporal retries the activity (after its 2-minute start-to-close
// timeout, which is why this test takes that long). Without the claim + delivery probe of
// activities/email/ (ses.ts, delivery-probe.ts) the retry sends the held message a second time:
// drop the `deliveryProbe` line in bin/worker.ts and this test fails with exactly that duplicate.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidateKey, type TCandidateStart } from '../../domain/lifecycle/candidate';
import { addDays, localDateOf } from '../../domain/calendar/dates';
import type { TCandidateEvent } from '../../domain/events';
import { createCandidateService, type CandidateService } from '../../functions/candidates';
import { createPolicyResolver } from '../../functions/policies';
import { clientDataConverter, payloadCodec } from '../../codec/data-converter';
import { eventually } from '../support/eventually';
import { startDevServerProcess, type DevServerProcess } from '../support/dev-server-process';
import { uniqueId } from '../support/fixtures';
import { startSesHoldProxy, type SesHoldProxy } from '../support/ses-hold-proxy';
import { startSesLocal, type SesLocal, type StoredEmail } from '../support/ses-local';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process';

const COHORT = 20;
const SEND_RATE = 5;

let dir: string;
let server: DevServerProcess;
let ses: SesLocal;
let proxy: SesHoldProxy;
let client: Client;
let candidates: CandidateService;
let workerEnv: Record<string, string>;
let worker: WorkerProcess | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'casc-crash-'));
  server = await startDevServerProcess({ dbFilename: join(dir, 'temporal.db') });
  ses = await startSesLocal();
  proxy = await startSesHoldProxy(ses.endpoint);
  // The key file the worker finds under its CASC_DATA_DIR (created here, first).
  const dataConverter = clientDataConverter(
    payloadCodec({ kind: 'file', path: join(dir, 'data', 'payload-keys.json') }),
  );
  client = new Client({
    connection: await Connection.connect({ address: server.address }),
    namespace: 'default',
    dataConverter,
  });
  const taskQueue = uniqueId('crash');
  candidates = createCandidateService({
    client,
    taskQueue,
    portalUrl: 'http://127.0.0.1:8787',
    resolvePolicy: createPolicyResolver(),
  });
  workerEnv = {
    TEMPORAL_ADDRESS: server.address,
    TEMPORAL_NAMESPACE: 'default',
    CASC_TASK_QUEUE: taskQueue,
    SES_ENDPOINT: proxy.endpoint,
    SES_MAX_SEND_RATE: String(SEND_RATE),
    // The email ledger lives here; the restarted worker must read the same file.
    CASC_DATA_DIR: join(dir, 'data'),
    CASC_LOG_LEVEL: 'ERROR',
  };
});

afterAll(async () => {
  await worker?.stop();
  await client?.connection.close();
  await proxy?.stop();
  await ses?.stop();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const today = () => localDateOf(Date.now(), 'America/Los_Angeles');
const person = (name: string, email: string) => ({ name, email });

/** Everyone a candidate's emails can go to has an address of their own, so SES's store can be attributed. */
function cohortMember(i: number, tag: string): TCandidateStart {
  const id = `${tag}-${i}`;
  return {
    programId: 'rossier',
    candidateId: id,
    policyId: 'rossier',
    cohortStart: addDays(today(), 45),
    // Assignment began 110 days ago: the admission deadline is in 10 days, so its reminder is due now.
    assignmentStart: addDays(today(), -110),
    candidate: person(`Candidate ${i}`, `cand-${id}@example.org`),
    supervisor: person(`Supervisor ${i}`, `sup-${id}@example.org`),
    programAdministrator: person('Dr. Tran', `pa-${id}@example.edu`),
    director: person('Director Ruiz', `dir-${id}@example.edu`),
  };
}

const ROLE_OF_PREFIX: Record<string, string> = {
  cand: 'candidate',
  sup: 'supervisor',
  pa: 'pa',
  dir: 'director',
  coach: 'coach',
};
const bare = (formatted: string) => (/<([^>]+)>/.exec(formatted)?.[1] ?? formatted).toLowerCase();

/** candidateId → recipient roles of the emails SES holds for that candidate's people. */
function rolesInStore(emails: StoredEmail[], ids: string[]): Map<string, string[]> {
  const out = new Map(ids.map((id) => [id, [] as string[]]));
  for (const e of emails) {
    for (const to of e.destination.to.map(bare)) {
      const m = /^([a-z]+)-(.+)@example\.(org|edu)$/.exec(to);
      const id = m?.[2];
      if (m && id && out.has(id)) out.get(id)!.push(ROLE_OF_PREFIX[m[1]!] ?? m[1]!);
    }
  }
  return out;
}

describe('crash and restart (dev server on SQLite + local SES + worker process)', () => {
  it('#9.2: kill -9 of the worker mid-burst and a dev server restart lose no workflow, no event, no email, and double none', async () => {
    const tag = uniqueId('crash');
    const cohort = Array.from({ length: COHORT }, (_, i) => cohortMember(i, tag));
    const ids = cohort.map((c) => c.candidateId);
    const keys = cohort.map((c) => candidateKey(c.programId, c.candidateId));
    const accepted: { key: string; type: TCandidateEvent['type'] }[] = [];
    const record = async (key: string, event: TCandidateEvent) => {
      await candidates.recordEvent(key, event);
      accepted.push({ key, type: event.type });
    };

    worker = await startWorkerProcess(workerEnv);
    // Hold SES's answer to the 6th send: that message is in the store, its MessageId never arrives.
    const held = proxy.holdAnswerTo(6);
    for (const c of cohort) await candidates.start(c);
    await held;
    await worker.kill9();
    proxy.release();

    // A fresh worker process on the same task queue and data dir (the ledger file).
    worker = await startWorkerProcess(workerEnv);
    for (const [i, key] of keys.entries()) {
      if (i < 10) await record(key, { type: 'admitted' });
      else if (i < 15) await record(key, { type: 'experienceVerified', hrLetter: true, years: 3 });
      else
        await record(key, {
          type: 'supervisorAssigned',
          supervisor: person(`Supervisor ${i}b`, `sup-${ids[i]}@example.org`),
        });
    }

    // Stop Temporal while reminders are still going out, then start it again on the same SQLite file.
    await server.stop();
    await server.restart();
    for (const key of keys.slice(0, 10))
      await record(key, {
        type: 'coachAssigned',
        coach: person('Gloria Sharp', `coach-${ids[keys.indexOf(key)]}@example.org`),
      });

    // The attempts that died with the first worker are retried when their start-to-close timeout
    // (2 minutes) runs out; wait until no workflow has an activity left.
    await eventually(async () => {
      for (const key of keys) {
        const d = await candidates.handle(key).describe();
        if ((d.raw.pendingActivities ?? []).length > 0) return undefined;
      }
      return true;
    }, 300_000);

    const statuses = await Promise.all(keys.map((k) => candidates.status(k)));
    for (const key of keys) expect((await candidates.handle(key).describe()).status.name).toBe('RUNNING');

    // No event lost: every accepted event is on its candidate's timeline.
    for (const { key, type } of accepted) {
      const status = statuses[keys.indexOf(key)]!;
      expect(
        status.timeline.map((t) => t.kind),
        `${key} lost '${type}'`,
      ).toContain(type);
    }

    // No email lost or doubled: SES's store holds exactly the emails the workflows recorded as sent.
    const stored = await ses.emails();
    const intents = stored.map((e) => `${e.destination.to.map(bare).join(',')} | ${e.subject}`);
    const doubled = intents.filter((x, i) => intents.indexOf(x) !== i);
    expect(doubled, 'emails in the SES store more than once').toEqual([]);
    const byCandidate = rolesInStore(stored, ids);
    for (const [i, status] of statuses.entries()) {
      const sent = status.timeline.filter((t) => t.kind === 'emailSent');
      expect(
        sent.some((t) => t.detail?.startsWith('admission.reminder')),
        `${keys[i]} never got its admission reminder`,
      ).toBe(true);
      const expected = sent.map((t) => t.detail!.split(' → ')[1]!).sort();
      expect(byCandidate.get(ids[i]!)!.sort(), `${keys[i]}: SES store vs the workflow's emailSent timeline`).toEqual(
        expected,
      );
    }
  }, 420_000);
});
