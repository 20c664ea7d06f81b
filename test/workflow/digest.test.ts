// The weekly digest workflow on the time-skipping server, with the real email activity (SES in
// memory) and a stubbed collectDigests returning fixed groups. The clock starts on Tuesday
// 2026-10-20, 12:00 Pacific, two Mondays before and one after the end of daylight saving time
// (Sunday 2026-11-01).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { createDigestActivities } from '../../activities/digest';
import type { TDigestGroup } from '../../domain/notifications/digest';
import { rossier, type TProgramPolicy } from '../../domain/policy/policy';
import { startProgramDigest } from '../../functions/digest';
import type { weeklyDigest } from '../../workflows';
import { assertNoneRuledOut, recordingEmail, type TSentEmail } from '../support/harness';
import { createTimeSkippingEnv, workflowBundle } from '../support/time-skipping';
import { skipTo } from '../support/clock';
import { simulationWorkerDataConverter } from '../../codec/data-converter';
import { uniqueId } from '../support/fixtures';

type DigestActivities = ReturnType<typeof createDigestActivities>;
const digestOn: TProgramPolicy = {
  ...rossier,
  notifications: { ...rossier.notifications, digest: { enabled: true, weekday: 1 } },
};
const GROUPS: TDigestGroup[] = [
  {
    role: 'coach',
    to: { role: 'coach', name: 'Gloria Sharp', email: 'gloria.sharp@example.org' },
    candidates: [
      {
        candidateName: 'Jamal J.',
        upcoming: [{ label: 'Year 1 IIP begun (60 days)', due: '2026-11-05', overdue: false }],
        flags: { earlyWarning: true, academicWatch: false, atRisk: false },
        hoursBehind: ['coaching'],
      },
    ],
  },
  { role: 'pa', to: { role: 'pa', name: 'Dr. Tran', email: 'pa.tran@example.edu' }, candidates: [] },
];

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTimeSkippingEnv('2026-10-20T19:00:00Z');
});
afterAll(async () => {
  await env?.teardown();
});

async function withDigestWorkers<T>(
  body: (ctx: {
    taskQueue: string;
    sent: TSentEmail[];
    collectDigests: ReturnType<typeof vi.fn<DigestActivities['collectDigests']>>;
  }) => Promise<T>,
): Promise<T> {
  const taskQueue = uniqueId('tq');
  const sent: TSentEmail[] = [];
  const collectDigests = vi.fn<DigestActivities['collectDigests']>(async () => GROUPS);
  const activities: DigestActivities = { collectDigests };
  const main = await Worker.create({
    connection: env.nativeConnection,
    dataConverter: simulationWorkerDataConverter(),
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities,
  });
  const mail = await Worker.create({
    connection: env.nativeConnection,
    dataConverter: simulationWorkerDataConverter(),
    taskQueue: `${taskQueue}-email`,
    activities: recordingEmail(sent),
  });
  const result = await main.runUntil(mail.runUntil(body({ taskQueue, sent, collectDigests })));
  assertNoneRuledOut(sent);
  return result;
}

describe('weekly digest workflow', () => {
  it('Digest: one digest per coach and PA every Monday at 08:00 Pacific, across the DST change, with a tiny history (continue-as-new)', async () => {
    await withDigestWorkers(async ({ taskQueue, sent, collectDigests }) => {
      const programId = uniqueId('prog');
      const started = await startProgramDigest(env.client, programId, digestOn, {
        taskQueue,
        portalUrl: 'http://127.0.0.1:8787',
      });
      expect(started.outcome).toBe('started');
      // Idempotent: a second start finds it running.
      expect(
        (await startProgramDigest(env.client, programId, digestOn, { taskQueue, portalUrl: 'http://127.0.0.1:8787' }))
          .outcome,
      ).toBe('alreadyRunning');
      const handle = env.client.workflow.getHandle<typeof weeklyDigest>(started.workflowId);
      try {
        await skipTo(env, '2026-11-10', '12:00');
        expect(collectDigests.mock.calls.map(([input]) => input)).toEqual(
          ['2026-10-26', '2026-11-02', '2026-11-09'].map((asOf) => ({ programId, asOf })),
        );
        // Each Monday 08:00 local: 15:00Z in daylight time, 16:00Z after the clocks go back.
        const minute = (ms: number) => new Date(Math.floor(ms / 60_000) * 60_000).toISOString();
        expect(sent.map((e) => [minute(e.at), e.template, e.to.email])).toEqual([
          ['2026-10-26T15:00:00.000Z', 'weeklyDigest.notice.coach', 'gloria.sharp@example.org'],
          ['2026-10-26T15:00:00.000Z', 'weeklyDigest.notice.pa', 'pa.tran@example.edu'],
          ['2026-11-02T16:00:00.000Z', 'weeklyDigest.notice.coach', 'gloria.sharp@example.org'],
          ['2026-11-02T16:00:00.000Z', 'weeklyDigest.notice.pa', 'pa.tran@example.edu'],
          ['2026-11-09T16:00:00.000Z', 'weeklyDigest.notice.coach', 'gloria.sharp@example.org'],
          ['2026-11-09T16:00:00.000Z', 'weeklyDigest.notice.pa', 'pa.tran@example.edu'],
        ]);
        expect(sent.map((e) => e.idempotencyKey)).toEqual(
          ['2026-W44', '2026-W45', '2026-W46'].flatMap((w) => [
            `digest-${programId}:${w}:coach:gloria.sharp@example.org`,
            `digest-${programId}:${w}:pa:pa.tran@example.edu`,
          ]),
        );
        expect(sent[0]?.subject).toMatch(/week of/);
        // Each week is its own run: the current run's history is a handful of events.
        const description = await handle.describe();
        expect(description.status.name).toBe('RUNNING');
        expect(description.runId).not.toBe(started.outcome === 'started' ? started.runId : '');
        const history = await handle.fetchHistory();
        expect(history.events?.length ?? 0).toBeLessThan(20);
      } finally {
        await handle.terminate('test finished').catch(() => undefined);
      }
    });
  }, 120_000);

  it('Digest: with the digest off, startProgramDigest starts nothing and the workflow itself just ends', async () => {
    await withDigestWorkers(async ({ taskQueue, sent, collectDigests }) => {
      const programId = uniqueId('prog');
      expect(
        (await startProgramDigest(env.client, programId, rossier, { taskQueue, portalUrl: 'http://127.0.0.1:8787' }))
          .outcome,
      ).toBe('disabled');
      const handle = await env.client.workflow.start<typeof weeklyDigest>('weeklyDigest', {
        taskQueue,
        workflowId: `digest-${programId}`,
        args: [{ programId, policy: rossier, portalUrl: 'http://127.0.0.1:8787' }],
      });
      expect(await handle.result()).toEqual({ reason: 'digestDisabled' });
      expect(collectDigests).not.toHaveBeenCalled();
      expect(sent).toEqual([]);
    });
  });
});
