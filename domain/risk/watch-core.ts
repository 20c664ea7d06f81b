// The academic watch (R-AW-1, R-AW-2, R-INT-1, R-TIME-3) as a pure decision core (issue #18):
// `decideWatch` looks at the watch at one instant and says what to do — send, tell the parent, sleep
// out quiet hours, complete — and when to look again; `absorbWatch` takes in one message (a watch
// event, a send result, the outcome of a signal to the parent). The Temporal workflow
// (workflows/academicWatch.ts) and the in-memory engine both interpret it.
//
// A wake-up is a short sequence of decisions, because some commands must finish before the next
// decision (an email batch must have gone out; the parent must have heard that the candidate is at
// risk before the PA is told). The core keeps its place in `stage`; the interpreter calls
// `decideWatch` again after carrying out a decision's commands (reading the clock again) until a
// decision asks to wait. The stages follow, step for step, the order in which the workflow used to
// issue its commands, so recorded histories replay unchanged.
//
// Contract for interpreters:
// - `send`: one email batch, scoped to this watch run (`sendBatch(`${workflowId}:${firstRunId}`, …)`:
//   a later watch for the same candidate reuses the workflow id); the answer goes back through
//   `absorbWatch` as a TSendResult before the next decision.
// - `signalParent`: start the signal and go on with the other commands without waiting for it; feed
//   its outcome (`parentSignalled` / `parentSignalFailed`) back when it comes. A decision that needs it
//   delivered first waits for it (`wait: true`, no wakeAt) until the outcome is absorbed.
// - After absorbing an event, carry out `parentSignalsNow` at once, before answering the message: the
//   parent hears of an at-risk change the moment the event is recorded (and recorded histories have
//   the signal there, before the update's completion). `decideWatch` tells any still pending first.
// - `sleep`: sleep until then whatever arrives meanwhile (messages are absorbed, not decided on).
// - `complete`: let running message handlers and signals finish, then end with the result.
import { addDays } from '../calendar/dates';
import type { TDecision, TPatchOracle } from '../engine/commands';
import type { TNotificationIntent } from '../lifecycle/planner';
import { firstName } from '../lifecycle/people';
import type { TRecipient } from '../notifications/recipients';
import { WATCH_QUIET_HOURS } from '../patches';
import { quietUntil } from './notices';
import { missedItems, nextWatchMoment, remindersDue } from './watch';
import { parentSignalsNow } from './watch-absorb';
import {
  today,
  type TWatchCommand,
  type TWatchCore,
  type TWatchInput,
  type TWatchProgress,
  type TWatchStage,
} from './watch-core-types';

export * from './watch-core-types';
export { absorbWatch, parentSignalsNow } from './watch-absorb';

/** One decision. Call again after carrying out its commands, until it returns `wait`. */
export function decideWatch(
  core: TWatchCore,
  nowMs: number,
  input: TWatchInput,
  patched: TPatchOracle,
): TDecision<TWatchCore, TWatchCommand> & { wait: boolean } {
  const { policy, people } = input;
  const commands: TWatchCommand[] = [];
  let c = core;
  const first = (r: TRecipient) => firstName(r.name);
  const base = (r: TRecipient) => ({ firstName: first(r), programName: policy.name });
  const candidateUrl = `${input.portalUrl}/dashboard/candidates/${input.candidateKey}`;
  const planUrl = `${input.portalUrl}/portal/${input.candidateKey}/academic-watch`;
  /** Tells the parent and waits for its answer before the next stage. */
  const signalAndWait = (progress: TWatchProgress) => {
    commands.push({ kind: 'signalParent', progress });
    c = { ...c, signalsInFlight: c.signalsInFlight + 1 };
    c = { ...c, parentAnswersAwaited: c.signalsInFlight };
  };
  /** Queues the notices not handed over before; true when there was one (the decision then ends). */
  const send = (intents: TNotificationIntent[]): boolean => {
    const sent = new Set(c.sent);
    const fresh = intents.filter((n) => !sent.has(n.key));
    if (!fresh.length) return false;
    commands.push({ kind: 'send', intents: fresh });
    c = { ...c, sent: [...c.sent, ...fresh.map((n) => n.key)] };
    return true;
  };
  /** R-TIME-3 (patched): true when a notice due now must wait for the morning (a sleep is queued). */
  const waitForMorning = (): boolean => {
    const until = quietUntil(nowMs, policy);
    if (until === undefined || !patched(WATCH_QUIET_HOURS)) return false;
    commands.push({ kind: 'sleep', untilMs: until });
    return true;
  };
  const next = (stage: TWatchStage) => ({ state: { ...c, stage }, commands, wait: false });
  const waitHere = (stage: TWatchStage, wakeAt?: number) => ({
    state: { ...c, stage },
    commands,
    ...(wakeAt !== undefined ? { wakeAt } : {}),
    wait: true,
  });

  // At-risk changes an event made and not told yet go first, without holding up the rest.
  const told = parentSignalsNow(c);
  commands.push(...told.commands);
  c = told.state;

  let stage = c.stage;
  for (;;) {
    const w = c.watch;
    switch (stage) {
      case 'opening':
        if (waitForMorning()) return next('openingNotice');
        stage = 'openingNotice';
        continue;
      case 'openingNotice': {
        // R-AW-1: the PA coordinates a plan (with the evidence); the candidate is told too.
        const opened = send([
          {
            key: 'opened:pa',
            template: 'academicWatch.notice.pa',
            to: people.pa,
            data: {
              ...base(people.pa),
              candidateName: people.candidate.name,
              reportedBy: ['coach', 'instructor'],
              evidence: input.evidence.length ? input.evidence : ['See the candidate record'],
              planDueBy: addDays(today(nowMs, policy), 14),
              candidateUrl,
            },
          },
          {
            key: 'opened:candidate',
            template: 'academicWatch.notice.candidate',
            to: people.candidate,
            data: {
              ...base(people.candidate),
              missingCount: input.missingCount,
              lateCount: input.lateCount,
              meetingUrl: planUrl,
            },
          },
        ]);
        if (opened) return next('top');
        stage = 'top';
        continue;
      }
      case 'top':
        stage = w.stage === 'closed' ? 'closing' : w.stage === 'monitoring' && w.agreedOn ? 'plan' : 'wait';
        continue;
      case 'plan': {
        // R-INT-1: the written plan is shared with the candidate and the coach (again when its dates change).
        const agreedOn = w.agreedOn!;
        const revisedDeadlines = w.items.map((i) => ({ item: i.item, dueDate: i.due }));
        const planKey = `plan:${w.items.map((i) => `${i.item}@${i.due}`).join('|')}`;
        const shared = send([
          {
            key: `${planKey}:candidate`,
            template: 'remediationPlan.notice.candidate',
            to: people.candidate,
            data: { ...base(people.candidate), agreedOn, revisedDeadlines, planUrl },
          },
          ...(people.coach
            ? [
                {
                  key: `${planKey}:coach`,
                  template: 'remediationPlan.notice.coach' as const,
                  to: people.coach,
                  data: {
                    ...base(people.coach),
                    candidateFirstName: first(people.candidate),
                    agreedOn,
                    revisedDeadlines,
                    planUrl,
                  },
                },
              ]
            : []),
        ]);
        if (shared) return next('reminders');
        stage = 'reminders';
        continue;
      }
      case 'reminders': {
        // R-INT-1: a reminder 3 days before each revised deadline, at the program's send time.
        const reminded = send(
          remindersDue(w, nowMs, policy).map((i) => ({
            key: `remind:${i.item}@${i.due}`,
            template: 'revisedDeadline.reminder.candidate',
            to: people.candidate,
            data: { ...base(people.candidate), item: i.item, dueDate: i.due, planUrl },
          })),
        );
        if (reminded) return next('missed');
        stage = 'missed';
        continue;
      }
      case 'missed':
        // R-TIME-3: a deadline passes at midnight; the escalation waits out quiet hours.
        if (missedItems(w, nowMs, policy).length && waitForMorning()) return next('atRisk');
        stage = 'atRisk';
        continue;
      case 'atRisk': {
        const missed = missedItems(w, nowMs, policy);
        c = { ...c, missed };
        if (missed.length && !w.atRisk) {
          // R-AW-2: a missed revised deadline puts the candidate at risk; the parent hears before the PA.
          c = { ...c, watch: { ...w, atRisk: true } };
          signalAndWait({ atRisk: true, closed: false });
          return next('escalation');
        }
        stage = 'escalation';
        continue;
      }
      case 'escalation': {
        if (c.parentAnswersAwaited > 0) return waitHere('escalation');
        const missed = c.missed ?? [];
        c = { ...c, missed: undefined };
        if (missed.length) {
          const missedKey = missed.map((i) => `${i.item}@${i.due}`).join('|');
          const missedList = missed.map((i) => ({ item: i.item, dueDate: i.due }));
          const escalated = send([
            {
              key: `missed:${missedKey}`,
              template: 'revisedDeadline.escalation.pa',
              to: people.pa,
              data: { ...base(people.pa), candidateName: people.candidate.name, missed: missedList, candidateUrl },
            },
            // R-AW-2: the candidate is told as well (coach copied), in the same batch.
            {
              key: `atRisk:${missedKey}:candidate`,
              template: 'atRisk.notice.candidate',
              to: people.candidate,
              data: { ...base(people.candidate), missed: missedList, planUrl },
              ...(people.coach ? { cc: [people.coach] } : {}),
            },
          ]);
          if (escalated) return next('wait');
        }
        stage = 'wait';
        continue;
      }
      case 'wait':
        // Until the next reminder or deadline, or until a message arrives.
        return waitHere('top', nextWatchMoment(w, nowMs, policy));
      case 'closing':
        // The PA closed the watch: the parent clears the flags.
        signalAndWait({ atRisk: w.atRisk, closed: true });
        return next('complete');
      case 'complete':
        if (c.parentAnswersAwaited > 0) return waitHere('complete');
        commands.push({ kind: 'complete', result: { outcome: 'closed', watch: w } });
        return waitHere('done');
      case 'done':
        return waitHere('done');
    }
  }
}
