// The academicWatch workflow on its own, on the time-skipping server: the core's commands carried out
// by the real interpreter, with a parent that does not exist, so every signal to it fails.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { rossier } from '../../domain/policy/policy';
import type { TWatchInput } from '../../domain/risk/watch-core';
import { watchEventUpdate, watchStatusQuery } from '../../workflows/watch-messages';
import type { academicWatch } from '../../workflows';
import { createTimeSkippingEnv } from '../support/time-skipping';
import { withWorkers } from '../support/harness';
import { uniqueId } from '../support/fixtures';
import { skipTo } from '../support/clock';

let env: TestWorkflowEnvironment;
beforeEach(async () => {
  env = await createTimeSkippingEnv('2026-06-15T16:00:00Z'); // 09:00 Pacific
});
afterEach(async () => {
  await env?.teardown();
});

const input = (parentWorkflowId: string): TWatchInput => ({
  candidateKey: 'rossier-watch-only',
  parentWorkflowId,
  policy: rossier,
  portalUrl: 'http://127.0.0.1:8787',
  people: {
    candidate: { role: 'candidate', name: 'Carlos Rivera', email: 'carlos@example.org' },
    coach: { role: 'coach', name: 'Gloria Sharp', email: 'gloria.sharp@example.org' },
    pa: { role: 'pa', name: 'Pat Admin', email: 'pat@example.org' },
  },
  evidence: ['Session 1 assignment missing'],
  missingCount: 1,
  lateCount: 0,
});

describe('academicWatch workflow: the parent signal is carried out and its failure surfaced', () => {
  it('R-AW-2 R-TIME-3: a missed revised deadline is escalated at 07:00 although the parent could not be told; the watch status names the failed signal; closing completes the watch', async () => {
    await withWorkers(env, async ({ taskQueue, sent }) => {
      const missingParent = uniqueId('no-such-parent');
      const workflowId = uniqueId('academic-watch');
      const watch = await env.client.workflow.start<typeof academicWatch>('academicWatch', {
        taskQueue,
        workflowId,
        args: [input(missingParent)],
      });
      await watch.executeUpdate(watchEventUpdate, {
        args: [
          {
            type: 'actionPlanAgreed',
            goals: ['Catch up'],
            revisedDeadlines: [{ item: 'Session 1 assignment', due: '2026-06-17' }],
            agreedInWriting: true,
          },
        ],
      });
      await skipTo(env, '2026-06-18', '08:00');
      const status = await watch.query(watchStatusQuery);
      expect(status.atRisk).toBe(true);
      expect(status.parentSignalProblem?.date).toBe('2026-06-18');
      expect(status.parentSignalProblem?.progress).toEqual({ atRisk: true, closed: false });
      expect(status.parentSignalProblem?.reason).toBe('Unable to signal external workflow because it was not found');
      expect(
        sent.map((e) => `${new Date(Math.floor(e.at / 60_000) * 60_000).toISOString()} ${e.template} → ${e.to.role}`),
      ).toEqual([
        '2026-06-15T16:00:00.000Z academicWatch.notice.pa → pa',
        '2026-06-15T16:00:00.000Z academicWatch.notice.candidate → candidate',
        '2026-06-15T16:00:00.000Z remediationPlan.notice.candidate → candidate',
        '2026-06-15T16:00:00.000Z remediationPlan.notice.coach → coach',
        // R-INT-1: three days before the revised deadline is already past: reminded at once.
        '2026-06-15T16:00:00.000Z revisedDeadline.reminder.candidate → candidate',
        // R-TIME-3: the deadline day ended at 00:00; the escalation waited for 07:00 Pacific.
        '2026-06-18T14:00:00.000Z revisedDeadline.escalation.pa → pa',
        '2026-06-18T14:00:00.000Z atRisk.notice.candidate → candidate',
      ]);
      // Keys are scoped to this watch run (a later watch for the same candidate reuses the workflow id).
      expect(sent[0]?.idempotencyKey).toBe(`${watch.workflowId}:${watch.firstExecutionRunId}:opened:pa`);

      await watch.executeUpdate(watchEventUpdate, { args: [{ type: 'watchClosed', note: 'resolved' }] });
      const result = await watch.result();
      expect(result.outcome).toBe('closed');
      expect(result.watch.stage).toBe('closed');
    });
  }, 120_000);
});
