// Issue #17.3, R-NOT (delivery; not in domain.md) with R-REM-1: after SES reports the coach's
// address as bouncing, the coach's reminder is held while the supervisor's goes out; once the PA
// corrects the address, the held reminder goes to the new one. Time-skipping server, the real
// workflow and decide core, the email stub that renders every message; the bounce arrives through
// moto's SNS topic and SQS queue and the real consumer.
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCandidateService } from '../../functions/candidates';
import { createPolicyResolver } from '../../functions/policies';
import { ensureSesEventsPlumbing, type TSesEventsPlumbing } from '../../functions/ses-events/plumbing';
import { pollOnce } from '../../functions/ses-events/queue';
import { skipTo } from '../support/clock';
import { eventually } from '../support/eventually';
import { jamal, GLORIA } from '../support/fixtures';
import { withWorkers } from '../support/harness';
import { startMoto, type Moto } from '../support/moto';
import { createTimeSkippingEnv } from '../support/time-skipping';
import { sesBounce } from './ses-event-samples';

let env: TestWorkflowEnvironment;
let moto: Moto;
let sns: SNSClient;
let sqs: SQSClient;
let queues: TSesEventsPlumbing;
beforeAll(async () => {
  // 2027-06-01 08:00 Pacific: the year-1 portfolio review (due Jun 30) reminds coach and supervisor on Jun 16.
  [env, moto] = await Promise.all([createTimeSkippingEnv('2027-06-01T15:00:00Z'), startMoto()]);
  sns = new SNSClient(moto.clientConfig);
  sqs = new SQSClient(moto.clientConfig);
  queues = await ensureSesEventsPlumbing({
    sns,
    sqs,
    topicName: 'casc-ses-events',
    queueName: 'casc-ses-events',
    visibilityTimeoutSeconds: 0,
  });
}, 120_000);
afterAll(async () => {
  sns?.destroy();
  sqs?.destroy();
  await env?.teardown();
  await moto?.stop();
});

describe('held mail (time-skipping)', () => {
  it("R-NOT R-REM-1 R-PF-1: the bounced coach's reminder waits for the correction and then goes to the corrected address; the supervisor's goes on time", async () => {
    await withWorkers(env, async ({ start, sent, taskQueue }) => {
      const candidates = createCandidateService({
        client: env.client,
        taskQueue,
        portalUrl: 'http://127.0.0.1:8787',
        resolvePolicy: createPolicyResolver(),
      });
      const s = jamal({ candidateId: 'held-1', enrolledOn: '2026-06-20', coach: GLORIA });
      const key = `${s.programId}-${s.candidateId}`;
      await start(s);
      await eventually(async () => ((await candidates.status(key)).timeline.length > 1 ? true : undefined));

      await sns.send(
        new PublishCommand({
          TopicArn: queues.topicArn,
          Message: JSON.stringify(sesBounce({ key, to: [GLORIA.email] })),
        }),
      );
      const polled = await pollOnce({ sqs, queueUrl: queues.queueUrl, candidates, waitSeconds: 2 });
      expect(polled.handled).toEqual([{ kind: 'recorded', candidateKey: key, roles: ['coach'], ignored: [] }]);
      const toCoachBefore = sent.filter((m) => m.to.role === 'coach').length;

      await skipTo(env, '2027-06-16', '09:00');
      const portfolio = () =>
        sent
          .filter((m) => m.idempotencyKey.includes(':portfolio.year1Review:'))
          .map((m) => `${m.idempotencyKey.split(':').slice(1).join(':')} → ${m.to.email}`);
      expect(portfolio()).toEqual(['portfolio.year1Review:r14:supervisor → dana.principal@example.org']);
      // Nothing at all went to the bounced address after the bounce.
      expect(sent.filter((m) => m.to.role === 'coach').length).toBe(toCoachBefore);
      expect(
        (await candidates.tasks(key)).tasks.filter((t) => t.rule === 'R-NOT').map((t) => `${t.role} ${t.path}`),
      ).toEqual([`pa /portal/${key}/contacts/coach`]);

      await candidates.recordEvent(key, {
        type: 'contactCorrected',
        role: 'coach',
        email: 'gloria.sharp@district.org',
        by: { role: 'pa', id: 'pa-test' },
      });
      await eventually(async () => (portfolio().length === 2 ? true : undefined));
      expect(portfolio()).toEqual([
        'portfolio.year1Review:r14:supervisor → dana.principal@example.org',
        'portfolio.year1Review:r14:coach → gloria.sharp@district.org',
      ]);
      // The store has the email as soon as SES took it; the record notes it when the activity's answer is
      // back in the workflow: wait for that, not for the store alone.
      const lastToCoach = async () => {
        const s = await candidates.status(key);
        return s.timeline.filter((t) => t.kind === 'emailSent' && t.detail?.endsWith('→ coach')).at(-1)?.date;
      };
      expect(await eventually(async () => ((await lastToCoach()) === '2027-06-16' ? '2027-06-16' : undefined))).toBe(
        '2027-06-16',
      );
      expect((await candidates.status(key)).undeliverable).toEqual([]);
    });
  }, 180_000);
});
