// The academic watch for one candidate (R-AW-1, R-AW-2, R-INT-1), a child of candidateLifecycle.
// It tells the PA (with the evidence) and the candidate, waits for a remediation plan agreed in
// writing, shares it with candidate and coach, reminds before each revised deadline and, when one
// is missed, sets at-risk on the parent and escalates to the PA. The PA closes or extends it.
import { ApplicationFailure, condition, getExternalWorkflowHandle, patched, proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import type { createEmailActivities } from '../activities/email';
import { ZCandidateEvent } from '../domain/events';
import { addDays, localDateOf } from '../domain/dates';
import type { TRecipient } from '../domain/notifications/recipients';
import type { TProgramPolicy } from '../domain/policy';
import { applyWatchEvent, missedItems, nextWatchMoment, openWatch, rejectWatchEvent, remindersDue, WATCH_EVENT_TYPES, type TWatchEvent, type TWatchState } from '../domain/watch';
import { firstName } from '../domain/lifecycle/people';
import { quietUntil } from '../domain/lifecycle/risk-notices';
import { WATCH_QUIET_HOURS } from './patches';
import { watchEventUpdate, watchProgressSignal, watchStatusQuery } from './watch-messages';

type EmailActivities = ReturnType<typeof createEmailActivities>;
type TBatch = Parameters<EmailActivities['sendNotifications']>[0];

export interface TWatchInput {
  candidateKey: string;
  parentWorkflowId: string;
  policy: TProgramPolicy;
  portalUrl: string;
  people: { candidate: TRecipient; coach?: TRecipient; pa: TRecipient };
  evidence: string[];
  missingCount: number;
  lateCount: number;
}

export async function academicWatch(input: TWatchInput): Promise<{ outcome: 'closed'; watch: TWatchState }> {
  const { policy, people } = input;
  const { sendNotifications } = proxyActivities<EmailActivities>({
    taskQueue: `${workflowInfo().taskQueue}-email`,
    startToCloseTimeout: '2 minutes',
    retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '30 minutes', nonRetryableErrorTypes: ['EmailInvalidBatch'] },
  });
  const today = () => localDateOf(Date.now(), policy.timeZone);
  let watch = openWatch(today(), input.evidence);
  let changed = false;
  const sent = new Set<string>();
  const first = (r: TRecipient) => firstName(r.name);
  const base = (r: TRecipient) => ({ firstName: first(r), programName: policy.name });
  const candidateUrl = `${input.portalUrl}/dashboard/candidates/${input.candidateKey}`;
  const planUrl = `${input.portalUrl}/portal/${input.candidateKey}/academic-watch`;

  setHandler(watchStatusQuery, () => watch);
  setHandler(
    watchEventUpdate,
    (e) => {
      const before = watch.atRisk;
      watch = applyWatchEvent(watch, e, today());
      changed = true;
      if (before !== watch.atRisk) void tellParent();
      return { accepted: true as const, stage: watch.stage };
    },
    {
      validator: (raw) => {
        const parsed = ZCandidateEvent.safeParse(raw);
        if (!parsed.success || !(WATCH_EVENT_TYPES as readonly string[]).includes(parsed.data.type)) {
          const detail = parsed.success ? `'${parsed.data.type}' is not an academic-watch event` : parsed.error.issues.map((i) => `${i.path.join('.') || '(event)'}: ${i.message}`).join('; ');
          throw ApplicationFailure.nonRetryable(`invalid event: ${detail}`, 'InvalidEvent');
        }
        const reason = rejectWatchEvent(watch, parsed.data as TWatchEvent, today());
        if (reason) throw ApplicationFailure.nonRetryable(reason, 'EventNotAllowed');
      },
    },
  );

  // The parent may have continued-as-new since it started us: signal its latest run by id.
  async function tellParent(closed = false) {
    await getExternalWorkflowHandle(input.parentWorkflowId).signal(watchProgressSignal, { atRisk: watch.atRisk, closed });
  }
  async function send(items: { key: string; template: string; to: TRecipient; data: Record<string, unknown>; cc?: TRecipient[] }[]) {
    const fresh = items.filter((i) => !sent.has(i.key));
    if (!fresh.length) return;
    const { workflowId } = workflowInfo();
    await sendNotifications(fresh.map((i) => ({ idempotencyKey: `${workflowId}:${workflowInfo().firstExecutionRunId}:${i.key}`, template: i.template, data: i.data, to: i.to, ...(i.cc ? { cc: i.cc } : {}) })) as TBatch);
    for (const i of fresh) sent.add(i.key);
  }
  // R-TIME-3 (patched): a watch notice or an at-risk escalation due at night waits for the morning.
  async function morning() {
    const until = quietUntil(Date.now(), policy);
    if (until !== undefined && patched(WATCH_QUIET_HOURS)) await sleep(Math.max(1, until - Date.now()));
  }

  // R-AW-1: the PA coordinates a plan; the candidate is told too.
  await morning();
  await send([
    { key: 'opened:pa', template: 'academicWatch.notice.pa', to: people.pa, data: { ...base(people.pa), candidateName: people.candidate.name, reportedBy: ['coach', 'instructor'], evidence: input.evidence.length ? input.evidence : ['See the candidate record'], planDueBy: addDays(today(), 14), candidateUrl } },
    { key: 'opened:candidate', template: 'academicWatch.notice.candidate', to: people.candidate, data: { ...base(people.candidate), missingCount: input.missingCount, lateCount: input.lateCount, meetingUrl: planUrl } },
  ]);

  while (watch.stage !== 'closed') {
    if (watch.stage === 'monitoring' && watch.agreedOn) {
      // R-INT-1: the written plan is shared with the candidate and the coach.
      const revisedDeadlines = watch.items.map((i) => ({ item: i.item, dueDate: i.due }));
      const planKey = `plan:${watch.items.map((i) => `${i.item}@${i.due}`).join('|')}`;
      await send([
        { key: `${planKey}:candidate`, template: 'remediationPlan.notice.candidate', to: people.candidate, data: { ...base(people.candidate), agreedOn: watch.agreedOn, revisedDeadlines, planUrl } },
        ...(people.coach ? [{ key: `${planKey}:coach`, template: 'remediationPlan.notice.coach', to: people.coach, data: { ...base(people.coach), candidateFirstName: first(people.candidate), agreedOn: watch.agreedOn, revisedDeadlines, planUrl } }] : []),
      ]);
      await send(remindersDue(watch, Date.now(), policy).map((i) => ({ key: `remind:${i.item}@${i.due}`, template: 'revisedDeadline.reminder.candidate', to: people.candidate, data: { ...base(people.candidate), item: i.item, dueDate: i.due, planUrl } })));
      if (missedItems(watch, Date.now(), policy).length) await morning();
      const missed = missedItems(watch, Date.now(), policy);
      if (missed.length && !watch.atRisk) {
        watch = { ...watch, atRisk: true }; // R-AW-2
        await tellParent();
      }
      if (missed.length) {
        const missedKey = missed.map((i) => `${i.item}@${i.due}`).join('|');
        const missedList = missed.map((i) => ({ item: i.item, dueDate: i.due }));
        await send([
          { key: `missed:${missedKey}`, template: 'revisedDeadline.escalation.pa', to: people.pa, data: { ...base(people.pa), candidateName: people.candidate.name, missed: missedList, candidateUrl } },
          // R-AW-2: the candidate and coach are told as well, in the same batch (no new command).
          { key: `atRisk:${missedKey}:candidate`, template: 'atRisk.notice.candidate', to: people.candidate, data: { ...base(people.candidate), missed: missedList, planUrl }, ...(people.coach ? { cc: [people.coach] } : {}) },
        ]);
      }
    }
    changed = false;
    const next = nextWatchMoment(watch, Date.now(), policy);
    if (next !== undefined) await condition(() => changed, Math.max(1, next - Date.now()));
    else await condition(() => changed);
  }
  await tellParent(true);
  return { outcome: 'closed', watch };
}
