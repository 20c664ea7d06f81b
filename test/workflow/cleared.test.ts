// The parent candidateLifecycle and its credentialRecommendation child together, on the
// time-skipping server. NEEDS THE LEAD'S WIRING (issue #6 report): the parent enters
// `recommendation` when completionReview(state) is ready and starts the child `recommendation-<key>`;
// clients send recommendation events to the child; the child's progress signal moves the parent to
// `recommended` and `cleared`; the status query has `completion` (the review); a closed parent
// archives its record. The two years up to completion review are proven by
// two-year-lifecycle.test.ts, so this starts from that record (carried, as continue-as-new does).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { TCandidateEvent } from '../../domain/events';
import type { TCompletionReview } from '../../domain/lifecycle/completion';
import { candidateKey, workflowIdFor } from '../../domain/lifecycle/candidate';
import { rossier } from '../../domain/policy/policy';
import { computeLifecycleDates } from '../../domain/lifecycle/dates';
import type { TCandidateState } from '../../domain/lifecycle/state';
import { statusQuery } from '../../workflows/messages';
import { recommendationWorkflowId, recordRecommendationEventUpdate } from '../../workflows/recommendation-messages';
import { createTimeSkippingEnv } from '../support/time-skipping';
import { eventually } from '../support/eventually';
import { withRecordWorkers } from '../support/record-workers';
import { uniqueId } from '../support/fixtures';
import { skipTo } from '../support/clock';
import { CREDENTIALS_OFFICE, completeState } from '../support/completion-fixtures';

let env: TestWorkflowEnvironment;
beforeEach(async () => {
  env = await createTimeSkippingEnv('2028-05-29T16:00:00Z'); // late May of year 2, 09:00 Pacific
});
afterEach(async () => {
  await env?.teardown();
});

/** Jamal's record at the end of year 2: every item of completion review met, every assignment in. */
function onTrackRecord(): TCandidateState {
  const state = completeState(uniqueId('jamal'));
  const { keyDates } = computeLifecycleDates(state, rossier);
  return {
    ...state,
    phase: 'year2',
    coachAssignedOn: '2026-06-25',
    orientationOn: '2026-08-10',
    assignments: keyDates.sessions.map((s) => ({
      session: s.number,
      date: s.date,
      late: false,
      lateAccepted: false,
      subpar: false,
    })),
  };
}

const STEPS: [string, TCandidateEvent][] = [
  [
    '2028-06-02',
    {
      type: 'coachVerified',
      checklistSigned: true,
      hoursConfirmed: true,
      proficiencyConfirmed: true,
      portfolioScoreConfirmed: true,
    },
  ],
  [
    '2028-06-06',
    {
      type: 'candidateDocumentsSubmitted',
      coachingLogs: true,
      learningLogs: true,
      programEvaluation: true,
      portalAccount: true,
      pascOrCoe: true,
      hrLetter: true,
      checklistSigned: true,
      crrSent: true,
    },
  ],
  [
    '2028-06-09',
    { type: 'paVerified', finalChecklistSigned: true, hrLetterVerified: true, pascVerified: true, crrCompleted: true },
  ],
  ['2028-06-16', { type: 'recommendedToCtc', hrLetterApproved: true, credentialDocumentApproved: true }],
];
/** The status fields the wiring adds (typed loosely until the lead's TCandidateStatus has them). */
type TWiredStatus = { phase: string; completion: TCompletionReview };

describe('from completion review to a cleared credential (parent + child)', () => {
  it('R-CMP-1 R-CMP-2 R-CMP-3 R-REC-1 R-REC-2 R-REC-3 R-REC-4 R-REC-5: an on-track candidate is recommended and reaches cleared; both records are archived', async () => {
    await withRecordWorkers(env, async ({ start, sent, handoffs, dataDir }) => {
      const record = onTrackRecord();
      const key = candidateKey(record.start.programId, record.start.candidateId);
      await start(record.start, rossier, { carried: record, credentialsOffice: CREDENTIALS_OFFICE });
      const parent = env.client.workflow.getHandle(workflowIdFor(key));
      const child = env.client.workflow.getHandle(recommendationWorkflowId(key));
      const phase = async () => ((await parent.query(statusQuery)) as unknown as TWiredStatus).phase;

      await skipTo(env, '2028-06-01', '09:00'); // completion review opens (R-REC-6) and finds nothing missing
      await eventually(async () => (await phase()) === 'recommendation');
      expect(((await parent.query(statusQuery)) as unknown as TWiredStatus).completion.ready).toBe(true);

      for (const [date, event] of STEPS) {
        await skipTo(env, date, '10:00');
        await child.executeUpdate(recordRecommendationEventUpdate, { args: [event] });
      }
      await eventually(async () => (await phase()) === 'recommended');
      const notice = sent.find((e) => e.template === 'handoff.notice.credentialsOffice');
      expect(notice?.to.email).toBe(CREDENTIALS_OFFICE.email);
      expect(await handoffs.listPending()).toEqual([]);

      await skipTo(env, '2028-07-20', '10:00');
      await child.executeUpdate(recordRecommendationEventUpdate, { args: [{ type: 'ctcStepsCompleted' }] });
      expect(await child.result()).toEqual({
        outcome: 'cleared',
        recommendedOn: '2028-06-16',
        clearedOn: '2028-07-20',
      });
      expect(await parent.result()).toMatchObject({ phase: 'cleared' });

      const templates = sent.map((e) => e.template);
      expect(templates).toContain('cleared.notice.candidate');
      expect(templates.filter((t) => t.includes('.escalation.'))).toEqual([]);
      expect(new Set(sent.map((e) => e.idempotencyKey)).size).toBe(sent.length);
      const archived = readdirSync(join(dataDir, 'archives', key));
      expect(archived).toContain('2028-07-20.recommendation.json');
      expect(archived).toContain('2028-07-20.json');
    });
  }, 120_000);

  it('R-CMP-1 R-CMP-2: the status lists what is missing and who owes it, the owners are reminded, and no recommendation starts', async () => {
    await withRecordWorkers(env, async ({ start, sent, dataDir }) => {
      const record = onTrackRecord();
      record.assessments = record.assessments.filter((a) => !(a.window === 'endYear2' && a.rater === 'supervisor'));
      record.verification = { ...record.verification, experience: undefined };
      const key = candidateKey(record.start.programId, record.start.candidateId);
      await start(record.start, rossier, { carried: record, credentialsOffice: CREDENTIALS_OFFICE });
      const parent = env.client.workflow.getHandle(workflowIdFor(key));

      await skipTo(env, '2028-06-02');
      const status = (await parent.query(statusQuery)) as unknown as TWiredStatus;
      expect(status.phase).toBe('completionReview');
      expect(status.completion.ready).toBe(false);
      expect(status.completion.items.filter((i) => !i.met).map((i) => [i.id, i.owner])).toEqual([
        ['proficiency.supervisor', 'supervisor'],
        ['experience', 'candidate'],
      ]);
      const reminded = sent.filter((e) => e.template.startsWith('completionMissing.reminder.')).map((e) => e.to.role);
      expect(reminded.sort()).toEqual(['candidate', 'supervisor']);
      await expect(env.client.workflow.getHandle(recommendationWorkflowId(key)).describe()).rejects.toThrow();
      expect(existsSync(join(dataDir, 'handoffs'))).toBe(false);
    });
  });
});
