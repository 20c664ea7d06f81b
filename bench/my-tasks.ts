// Issue #15.8: the My-tasks page with 100 signed-in users at once, on the local stack (dev server on
// SQLite, the real worker, the real app on @hono/node-server, all on 127.0.0.1). Users sign in the
// way people do (a task link, then Continue); then every user loads My tasks at the same moment,
// for a fixed number of rounds. Goal: p99 ≤ 150 ms. Bounded in count and time; stops by itself.
//   npx tsx bench/my-tasks.ts [users] [rounds]      (BENCH_TASK_USERS, BENCH_TASK_ROUNDS)
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { serve } from '@hono/node-server';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { withTaskLinks } from '../activities/email/task-links';
import { ZCandidateStart } from '../domain/lifecycle/candidate';
import { addDays, localDateOf } from '../domain/calendar/dates';
import { createApp } from '../functions/app';
import { fileAuditSink } from '../functions/audit';
import { localJwtAuthenticator } from '../functions/auth/local-jwt';
import { memoryUsedLinks } from '../functions/portal/used-links';
import { JWT } from '../test/api/support/tokens';
import { startDevStack } from '../test/support/dev-stack';
import { eventually } from '../test/support/eventually';
import { loadNow, percentile, report, round, type TRow } from './support/report';

const SECRET = 'bench-my-tasks-secret-0123456789abcdef';

async function main() {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const users = Number(process.argv[2] ?? process.env.BENCH_TASK_USERS ?? 100);
  const rounds = Number(process.argv[3] ?? process.env.BENCH_TASK_ROUNDS ?? 20);
  const log = (l: string) => console.error(`[my-tasks] ${l}`);
  const loadAtStart = loadNow();
  const served: { app?: ReturnType<typeof createApp> } = {};
  let base = '';
  const server = serve(
    { fetch: (r) => served.app!.fetch(r), port: 0, hostname: '127.0.0.1' },
    (info: AddressInfo) => (base = `http://127.0.0.1:${info.port}`),
  );
  await eventually(async () => (base ? true : undefined));
  const stack = await startDevStack({ taskLinks: { portalUrl: base, secret: SECRET, ttlDays: 14 } });
  served.app = createApp({
    candidates: stack.candidates,
    authenticate: localJwtAuthenticator(JWT),
    audit: fileAuditSink(join(stack.dataDir, 'audit.jsonl')),
    portal: { keys: { secret: SECRET }, usedLinks: memoryUsedLinks(), portalUrl: base, linkTtlDays: 14 },
  });
  try {
    // Three in four users are candidates; the rest are coaches with three candidates each.
    const coaches = Math.floor(users / 4);
    const candidatesCount = users - coaches;
    const today = localDateOf(Date.now(), 'America/Los_Angeles');
    const people: { role: 'candidate' | 'coach'; name: string; email: string; key: string }[] = [];
    for (let i = 0; i < candidatesCount; i++) {
      const coach = { name: `Coach ${i % coaches}`, email: `coach${i % coaches}@bench.example` };
      const start = ZCandidateStart.parse({
        programId: 'rossier',
        candidateId: `c${i}`,
        cohortStart: '2026-08-03',
        assignmentStart: addDays(today, -60),
        enrolledOn: addDays(today, -40),
        candidate: { name: `Candidate ${i}`, email: `c${i}@bench.example` },
        coach,
        programAdministrator: { name: 'Pat Tran', email: 'pa@bench.example' },
      });
      const { key } = await stack.candidates.start(start);
      people.push({ role: 'candidate', name: start.candidate.name, email: start.candidate.email, key });
      if (i < coaches) people.push({ role: 'coach', name: coach.name, email: coach.email, key });
    }
    await eventually(
      async () =>
        (await stack.candidates.count({ program: 'rossier' }, { kind: 'program', programId: 'rossier' })) ===
        candidatesCount
          ? true
          : undefined,
      120_000,
    );
    log(`${candidatesCount} candidates and ${coaches} coaches; signing in ${people.length} users`);

    const cookies: string[] = [];
    for (const p of people) {
      const jar = new Map<string, string>();
      const send = async (path: string, form?: string) => {
        const res = await fetch(`${base}${path}`, {
          method: form ? 'POST' : 'GET',
          redirect: 'manual',
          headers: {
            cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
            ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          },
          ...(form ? { body: form } : {}),
        });
        for (const c of res.headers.getSetCookie()) {
          const [name, value] = c.split(';')[0]!.split('=');
          if (value) jar.set(name!, value);
        }
        return res;
      };
      const { u } = await withTaskLinks(
        { u: `https://x.example/portal/${p.key}` },
        { role: p.role, name: p.name, email: p.email },
        false,
        { portalUrl: base, secret: SECRET, ttlDays: 14 },
      );
      await send(new URL(u).pathname);
      const page = await (await send('/portal/signin')).text();
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
      if (!csrf) throw new Error(`sign-in page for ${p.role} has no form`);
      await send('/portal/signin', `_csrf=${encodeURIComponent(csrf)}`);
      if (!jar.has('casc_session')) throw new Error(`${p.role} was not signed in`);
      cookies.push(`casc_session=${jar.get('casc_session')}`);
    }

    const latencies: number[] = [];
    let failures = 0;
    const t0 = performance.now();
    for (let r = 0; r < rounds; r++) {
      await Promise.all(
        cookies.map(async (cookie) => {
          const s = performance.now();
          const res = await fetch(`${base}/portal`, { headers: { cookie } });
          const body = await res.text();
          latencies.push(performance.now() - s);
          if (res.status !== 200 || !body.includes('My tasks')) failures++;
        }),
      );
    }
    const wall = (performance.now() - t0) / 1000;
    const ms = (p: number) => round(percentile(latencies, p), 1);
    const rows: TRow[] = [
      ['signed-in users loading My tasks at once', cookies.length],
      ['rounds (every user once per round)', rounds],
      ['requests', latencies.length],
      ['non-200 answers', failures],
      ['p50 (ms)', ms(50)],
      ['p95 (ms)', ms(95)],
      ['p99 (ms)', ms(99)],
      ['max (ms)', ms(100)],
      ['throughput (pages/s)', round(latencies.length / wall, 1)],
    ];
    report(`My tasks, ${cookies.length} concurrent signed-in users on the local stack (bench/my-tasks.ts)`, rows, [
      `Goal p99 ≤ 150 ms. Users: ${candidatesCount} candidates (one candidate each) and ${coaches} coaches (three candidates each); each page load queries each candidate's workflow.`,
      'Client and server share one Node process and the 2 cores with the dev server and the worker, so latencies include client-side queueing.',
      `Load average at the start: ${loadAtStart}.`,
    ]);
  } finally {
    server.close();
    await stack.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
