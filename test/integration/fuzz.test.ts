// Issue #9.3, bad input: ≥ 1,000 generated malformed requests (test/support/fuzz-requests.ts, a
// seeded PRNG) through the real Hono app, real JWT checks, the real candidate service and the real
// dev stack, against two real candidates. Every answer must be a 4xx carrying a JSON `error`
// message — never a 5xx, never a success — and neither candidate's workflow may change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidateKey, type TCandidateStart } from '../../domain/lifecycle/candidate';
import { addDays, localDateOf } from '../../domain/calendar/dates';
import { createApp } from '../../functions/app';
import { memoryAuditSink } from '../../functions/audit';
import { localJwtAuthenticator, mintDevToken, type TLocalJwtSettings } from '../../functions/auth/local-jwt';
import type { AppCandidateService } from '../../functions/candidates';
import { startDevStack, type DevStack } from '../support/dev-stack';
import { eventually } from '../support/eventually';
import { isIdle } from '../support/workflow-idle';
import { uniqueId } from '../support/fixtures';
import { fuzzCases, type TFuzzCase, type TFuzzTarget } from '../support/fuzz-requests';

const SEED = 20261123;
const COUNT = 1_200;
const JWT: TLocalJwtSettings = {
  secret: 'fuzz-secret-0123456789-abcdefghijklmnop',
  issuer: 'casc-local',
  audience: 'casc-api',
};

let stack: DevStack;
beforeAll(async () => {
  stack = await startDevStack();
});
afterAll(async () => {
  await stack?.stop();
});

const today = () => localDateOf(Date.now(), 'America/Los_Angeles');

function realCandidate(tag: string): TCandidateStart {
  return {
    programId: 'rossier',
    candidateId: uniqueId(tag),
    policyId: 'rossier',
    // A cohort a year out and an assignment begun five days ago: the next reminder is months away,
    // so nothing but our requests could wake these workflows during the test.
    cohortStart: addDays(today(), 300),
    assignmentStart: addDays(today(), -5),
    candidate: { name: 'Fuzz Target', email: `${tag}@example.org` },
    programAdministrator: { name: 'Dr. Tran', email: 'pa.tran@example.edu' },
  };
}

/** What must not change: the full history length and the status record (minus the clock). */
async function snapshot(keys: string[]) {
  return Promise.all(
    keys.map(async (key) => {
      const handle = stack.candidates.handle(key);
      const events = (await handle.fetchHistory()).events?.length ?? 0;
      const { asOf: _asOf, ...status } = await stack.candidates.status(key);
      return { key, events, status: JSON.stringify(status) };
    }),
  );
}

/** The snapshot once every target is idle (nothing in flight), so only a request could change it. */
async function settledSnapshot(keys: string[]) {
  await eventually(async () =>
    (await Promise.all(keys.map((k) => isIdle(stack.candidates.handle(k))))).every(Boolean) ? true : undefined,
  );
  return JSON.stringify(await snapshot(keys));
}

describe('bad input (fuzz through the Hono app on the dev stack)', () => {
  it(`#9.3: ${COUNT} malformed requests are each answered 4xx with a JSON error; no workflow starts or changes`, async () => {
    const applicant = realCandidate('fzA');
    const enrolled = realCandidate('fzB');
    const applicantKey = candidateKey(applicant.programId, applicant.candidateId);
    const enrolledKey = candidateKey(enrolled.programId, enrolled.candidateId);
    await stack.candidates.start(applicant);
    await stack.candidates.start(enrolled);
    await stack.candidates.recordEvent(enrolledKey, { type: 'admitted' });

    // The service the app sees: the real one, with every success that changes something recorded.
    const changed: string[] = [];
    const service: AppCandidateService = {
      ...stack.candidates,
      start: async (s) => {
        const out = await stack.candidates.start(s);
        changed.push(`started ${out.key}`);
        return out;
      },
      recordEvent: async (key, event) => {
        const out = await stack.candidates.recordEvent(key, event);
        changed.push(`recorded ${event.type} for ${key}`);
        return out;
      },
    };
    const app = createApp({
      candidates: service,
      authenticate: localJwtAuthenticator(JWT),
      audit: memoryAuditSink(),
      maxRosterRows: 50,
    });
    const target: TFuzzTarget = {
      applicantKey,
      enrolledKey,
      assignmentStart: applicant.assignmentStart,
      today: today(),
      yesterday: addDays(today(), -1),
      // Two days ahead, not one: a run that crosses the program's midnight (08:00 UTC) turned
      // 'tomorrow' into today and two refusals into 200s.
      future: addDays(today(), 2),
      tokens: {
        pa: await mintDevToken(JWT, { sub: 'pa-fuzz', role: 'pa', programId: 'rossier' }),
        coach: await mintDevToken(JWT, { sub: 'coach-fuzz', role: 'coach' }),
        candidate: await mintDevToken(JWT, {
          sub: 'cand-fuzz',
          role: 'candidate',
          candidateKeys: ['rossier-someoneelse'],
        }),
        expired: await mintDevToken(JWT, { sub: 'pa-fuzz', role: 'pa', programId: 'rossier' }, '-1h'),
        otherSecret: await mintDevToken(
          { ...JWT, secret: 'another-secret-0123456789-abcdefghijklm' },
          { sub: 'pa-fuzz', role: 'pa', programId: 'rossier' },
        ),
      },
    };
    const cases = fuzzCases(SEED, COUNT, target);
    expect(cases).toHaveLength(COUNT);

    const keys = [applicantKey, enrolledKey];
    const before = await settledSnapshot(keys);

    const wrong: string[] = [];
    /** kind → status → count: shows each kind reached the layer meant to refuse it. */
    const perKind: Record<string, Record<number, number>> = {};
    for (const c of cases) {
      const problem = await check(app, c);
      if (problem) wrong.push(problem);
    }
    async function check(a: typeof app, c: TFuzzCase): Promise<string | undefined> {
      const res = await a.request(c.path, {
        method: c.method,
        headers: c.headers,
        ...(c.body !== undefined ? { body: c.body } : {}),
      });
      const tally = (perKind[c.kind] ??= {});
      tally[res.status] = (tally[res.status] ?? 0) + 1;
      const text = await res.text();
      const what = `#${c.n} ${c.kind}: ${c.method} ${c.path.slice(0, 80)} ${c.body === undefined ? '' : c.body.slice(0, 100)} → ${res.status} ${text.slice(0, 160)}`;
      if (res.status < 400 || res.status > 499) return what;
      let error: unknown;
      try {
        error = (JSON.parse(text) as { error?: unknown }).error;
      } catch {
        return `${what} (not JSON)`;
      }
      return typeof error === 'string' && error.trim().length > 0 ? undefined : `${what} (no error message)`;
    }

    expect(wrong, `${wrong.length} of ${cases.length} requests were not a 4xx with a JSON error`).toEqual([]);
    expect(changed).toEqual([]);
    // Prototype-pollution keys reached no prototype.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    // Nothing started on this stack's queue but the two targets, and neither changed.
    const started = await stack.env.client.workflow.count(`TaskQueue = '${stack.taskQueue}'`);
    expect(started.count).toBe(2);
    expect(await settledSnapshot(keys)).toBe(before);
    // The refusals came from where they should: zod at the edge, auth, the roster's limits, and the
    // workflow's own update validator (409) for well-formed events out of phase.
    // The cases are fixed by the seed, so each kind's count is known; recommendedToCtc is the
    // credentials office's event (403 for the PA), every other out-of-phase event the validator's 409.
    const ofKind = (kind: string) => cases.filter((c) => c.kind === kind);
    const ctc = ofKind('eventOutOfPhase').filter(
      (c) => (JSON.parse(c.body!) as { type: string }).type === 'recommendedToCtc',
    ).length;
    expect(perKind.eventOutOfPhase).toEqual({ 403: ctc, 409: ofKind('eventOutOfPhase').length - ctc });
    expect(perKind.eventUnknownCandidate).toEqual({ 404: ofKind('eventUnknownCandidate').length });
    expect(perKind.wrongContentType).toEqual({ 415: ofKind('wrongContentType').length });
    expect(perKind.rosterTooLarge).toEqual({ 413: ofKind('rosterTooLarge').length });
    expect(perKind.badToken).toEqual({ 401: ofKind('badToken').length });
  }, 300_000);
});
