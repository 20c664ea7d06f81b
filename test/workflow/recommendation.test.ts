// The credentialRecommendation child on the time-skipping server (a fresh server per test, clock at
// 1 June 2028, 09:00 Pacific: completion review has just opened, R-REC-6), with the real local-store
// handoff and archive activities and the rendering email stub.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { TCandidateEvent } from '../../domain/events';
import { RECOMMENDATION_STEPS } from '../support/recommendation-steps';
import { recommendationStatusQuery, recordRecommendationEventUpdate } from '../../workflows/recommendation-messages';
import { createTimeSkippingEnv } from '../support/time-skipping';
import { eventually } from '../support/eventually';
import { withRecordWorkers } from '../support/record-workers';
import { uniqueId } from '../support/fixtures';
import { skipTo } from '../support/clock';
import { CREDENTIALS_OFFICE, recommendationInput } from '../support/completion-fixtures';

let env: TestWorkflowEnvironment;
beforeEach(async () => {
  env = await createTimeSkippingEnv('2028-06-01T16:00:00Z');
});
afterEach(async () => {
  await env?.teardown();
});

const EVENTS = RECOMMENDATION_STEPS;
const reason = (p: Promise<unknown>) =>
  p.then(
    () => 'accepted',
    (err: { cause?: { message?: string } }) => err.cause?.message ?? String(err),
  );

describe('credentialRecommendation (time-skipping)', () => {
  it('R-REC-1 R-REC-2 R-REC-3 R-REC-4 R-REC-5: steps in order; READY stores the packet and emails the office its link; Step 4 empties the queue; completion clears and archives', async () => {
    await withRecordWorkers(env, async ({ startRecommendation, sent, handoffs, dataDir }) => {
      const input = recommendationInput(uniqueId('jamal'));
      const h = await startRecommendation(input);
      const send = (e: TCandidateEvent) => h.executeUpdate(recordRecommendationEventUpdate, { args: [e] });

      expect(await send(EVENTS.coachVerified)).toMatchObject({ accepted: true, date: '2028-06-01', step: 2 });
      await skipTo(env, '2028-06-05');
      expect(await send(EVENTS.candidateDocumentsSubmitted)).toMatchObject({ step: 3 });
      await skipTo(env, '2028-06-08');
      expect(await send({ ...EVENTS.paVerified, by: { role: 'pa', id: 'tran' } })).toMatchObject({ step: 4 });

      const status = await eventually(async () => {
        const s = await h.query(recommendationStatusQuery);
        return s.handoff ? s : undefined;
      });
      expect(status).toMatchObject({
        readyToRecommend: true,
        due: { owner: 'credentialsOffice', rule: 'R-REC-4', due: '2028-06-22' },
      });
      const packetId = status.handoff!.packetId;
      const notice = await eventually(async () => sent.find((e) => e.template === 'handoff.notice.credentialsOffice'));
      expect(notice.to).toEqual({ role: 'credentialsOffice', ...CREDENTIALS_OFFICE });
      expect(notice.data).toMatchObject({
        readyOn: '2028-06-08',
        packetUrl: `http://127.0.0.1:8787/dashboard/handoffs/${input.candidateKey}/${packetId}`,
      });
      expect((await handoffs.listPending()).map((p) => p.packetId)).toEqual([packetId]);
      expect(
        (await handoffs.read(input.candidateKey, packetId))?.packet.recommendationSteps.map((s) => s.by.role),
      ).toEqual(['coach', 'candidate', 'pa']);

      await skipTo(env, '2028-06-12');
      expect(await send(EVENTS.recommendedToCtc)).toMatchObject({ step: 'recommended' });
      await eventually(async () => (await handoffs.listPending()).length === 0);
      // R-TIME-2: 90 days end on Sunday Sep 10; the candidate is told Friday Sep 8 (never later than the state's limit).
      expect((await h.query(recommendationStatusQuery)).ctcWindowEndsOn).toBe('2028-09-08');

      await skipTo(env, '2028-07-13');
      expect(await send(EVENTS.ctcStepsCompleted)).toMatchObject({ step: 'cleared' });
      expect(await h.result()).toEqual({ outcome: 'cleared', recommendedOn: '2028-06-12', clearedOn: '2028-07-13' });

      const templates = sent.map((e) => e.template);
      expect(templates).toContain('ctcWindow.reminder.candidate'); // 60 days before 10 September
      expect(templates).toContain('cleared.notice.candidate');
      expect(templates.filter((t) => t.includes('.escalation.'))).toEqual([]);
      expect(templates.filter((t) => t === 'handoff.notice.credentialsOffice')).toHaveLength(1);
      expect(new Set(sent.map((e) => e.idempotencyKey)).size).toBe(sent.length);
      expect(sent.every((e) => e.idempotencyKey.startsWith(`${h.workflowId}:`))).toBe(true);
      expect(readdirSync(join(dataDir, 'archives', input.candidateKey))).toEqual(['2028-07-13.recommendation.json']);
    });
  });

  it('R-REC-3: an out-of-order or malformed step is rejected before it enters history, naming the step due and who owes it', async () => {
    await withRecordWorkers(env, async ({ startRecommendation }) => {
      const h = await startRecommendation(recommendationInput(uniqueId('jamal')));
      expect(await reason(h.executeUpdate(recordRecommendationEventUpdate, { args: [EVENTS.paVerified] }))).toMatch(
        /step 3 \(R-REC-3\) and cannot come before step 1: .*the coach owes 'coachVerified'/,
      );
      expect(
        await reason(
          h.executeUpdate(recordRecommendationEventUpdate, {
            args: [{ type: 'coachVerified', checklistSigned: true } as never],
          }),
        ),
      ).toMatch(/invalid event: hoursConfirmed/);
      expect(
        await reason(
          h.executeUpdate(recordRecommendationEventUpdate, {
            args: [{ ...EVENTS.coachVerified, by: { role: 'supervisor', id: 'dana' } }],
          }),
        ),
      ).toMatch(/recorded by coach, not by 'supervisor'/);
      const history = await h.fetchHistory();
      const kinds = history.events?.map((e) => Object.keys(e).find((k) => k.endsWith('EventAttributes'))) ?? [];
      expect(kinds.filter((k) => k?.startsWith('workflowExecutionUpdate'))).toEqual([]);
      expect((await h.query(recommendationStatusQuery)).step).toBe(1);
    });
  });

  it('R-REC-1 R-REC-2: a stalled step reminds its owner when it opens and 2 days before it is due, then escalates to the PA', async () => {
    await withRecordWorkers(env, async ({ startRecommendation, sent }) => {
      const h = await startRecommendation(recommendationInput(uniqueId('jamal')));
      await eventually(async () => sent.length > 0);
      expect(sent.map((e) => [e.template, e.to.role])).toEqual([['recommendationStep.reminder.coach', 'coach']]);
      await h.executeUpdate(recordRecommendationEventUpdate, { args: [EVENTS.coachVerified] }); // step 2 opens today, due in 21 days
      await skipTo(env, '2028-06-25');
      const toCandidate = sent.filter((e) => e.template === 'recommendationStep.reminder.candidate');
      expect(toCandidate.map((e) => new Date(e.at).toISOString().slice(0, 10))).toEqual(['2028-06-01', '2028-06-20']);
      const escalations = sent.filter((e) => e.template === 'recommendationStep.escalation.pa');
      expect(escalations).toHaveLength(1);
      expect(escalations[0]).toMatchObject({
        to: { role: 'pa' },
        data: { step: 2, dueBy: '2028-06-22', daysOverdue: 1 },
      });
      // A query sees the workflow's clock as of its last turn (the escalation, 23 June): one day overdue.
      expect((await h.query(recommendationStatusQuery)).due).toMatchObject({
        owner: 'candidate',
        due: '2028-06-22',
        overdueDays: 1,
      });
    });
  });

  it('R-REC-5: the 90-day window reminds the candidate, the lapse notice goes to candidate and PA, and a late completion still clears', async () => {
    await withRecordWorkers(env, async ({ startRecommendation, sent }) => {
      const h = await startRecommendation(recommendationInput(uniqueId('jamal')));
      for (const e of [
        EVENTS.coachVerified,
        EVENTS.candidateDocumentsSubmitted,
        EVENTS.paVerified,
        EVENTS.recommendedToCtc,
      ]) {
        await h.executeUpdate(recordRecommendationEventUpdate, { args: [e] });
      }
      await skipTo(env, '2028-08-31'); // the window (1 June + 90 days) ended on 30 August
      const status = await eventually(async () => {
        const s = await h.query(recommendationStatusQuery);
        return s.step === 'lapsed' ? s : undefined;
      });
      expect(status).toMatchObject({ lapsedOn: '2028-08-30', recommendedOn: '2028-06-01' });
      const reminders = sent
        .filter((e) => e.template === 'ctcWindow.reminder.candidate')
        .map((e) => new Date(e.at).toISOString().slice(0, 10));
      // 60, 30 and 7 days before Aug 30; the first falls on Saturday, Jul 1, so it goes the Friday before.
      expect(reminders).toEqual(['2028-06-30', '2028-07-31', '2028-08-23']);
      const lapse = await eventually(async () => {
        const l = sent.filter((e) => e.template.startsWith('ctcWindow.notice.'));
        return l.length === 2 ? l : undefined;
      });
      expect(lapse.map((e) => [e.template, e.to.role])).toEqual([
        ['ctcWindow.notice.candidate', 'candidate'],
        ['ctcWindow.notice.pa', 'pa'],
      ]);

      await skipTo(env, '2028-09-20');
      await h.executeUpdate(recordRecommendationEventUpdate, { args: [EVENTS.ctcStepsCompleted] });
      expect(await h.result()).toEqual({
        outcome: 'cleared',
        recommendedOn: '2028-06-01',
        clearedOn: '2028-09-20',
        lapsedOn: '2028-08-30',
      });
      expect(sent.filter((e) => e.template.startsWith('ctcWindow.notice.'))).toHaveLength(2);
    });
  });

  it('R-REC-5: a lapsed chain with neither completion nor renewal ends as lapsed after its wait, and is archived', async () => {
    await withRecordWorkers(env, async ({ startRecommendation, dataDir }) => {
      const input = recommendationInput(uniqueId('jamal'));
      const h = await startRecommendation(input);
      for (const e of [
        EVENTS.coachVerified,
        EVENTS.candidateDocumentsSubmitted,
        EVENTS.paVerified,
        EVENTS.recommendedToCtc,
      ]) {
        await h.executeUpdate(recordRecommendationEventUpdate, { args: [e] });
      }
      expect(await h.result()).toEqual({ outcome: 'lapsed', recommendedOn: '2028-06-01', lapsedOn: '2028-08-30' });
      expect(existsSync(join(dataDir, 'archives', input.candidateKey, '2029-08-30.recommendation.json'))).toBe(true);
    });
  });
});
