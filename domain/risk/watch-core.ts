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
import { addDays, localDateOf } from '../calendar/dates';
import { ZCandidateEvent } from '../events';
import type { TAbsorbed, TDecision, TPatchOracle, TSendCommand, TSendResult } from '../engine/commands';
import type { TNotificationIntent } from '../lifecycle/planner';
import { firstName } from '../lifecycle/people';
import { quietUntil } from './notices';
import type { TRecipient } from '../notifications/recipients';
import { WATCH_QUIET_HOURS } from '../patches';
import type { TProgramPolicy } from '../policy/policy';
import {
  applyWatchEvent,
  missedItems,
  nextWatchMoment,
  openWatch,
  rejectWatchEvent,
  remindersDue,
  WATCH_EVENT_TYPES,
  type TWatchEvent,
  type TWatchState,
} from './watch';

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

/** Child → parent (watchProgressSignal): R-AW-2 at-risk changed, or the PA closed the watch. */
export interface TWatchProgress {
  atRisk: boolean;
  closed: boolean;
}

export interface TWatchResult {
  outcome: 'closed';
  watch: TWatchState;
}

/** Tell the parent; the decision's later commands do not wait for it (see the contract above). */
export interface TSignalParentCommand {
  kind: 'signalParent';
  progress: TWatchProgress;
}

export type TWatchCommand =
  | TSendCommand
  | TSignalParentCommand
  /** Sleep until then, whatever arrives meanwhile (R-TIME-3: a notice due at night waits for the morning). */
  | { kind: 'sleep'; untilMs: number }
  | { kind: 'complete'; result: TWatchResult };

export type TWatchMessage =
  /** A watch event from a client (validated here: the update's validator and handler both ask). */
  | { kind: 'event'; event: unknown }
  | TSendResult
  | { kind: 'parentSignalled'; progress: TWatchProgress }
  | { kind: 'parentSignalFailed'; progress: TWatchProgress; reason: string };

type TWatchStage =
  | 'opening'
  | 'openingNotice'
  | 'top'
  | 'plan'
  | 'reminders'
  | 'missed'
  | 'atRisk'
  | 'escalation'
  | 'wait'
  | 'closing'
  | 'complete'
  | 'done';

type TRevisedItem = TWatchState['items'][number];

export interface TDeliveryProblem {
  date: string;
  template: string;
  recipientRole: string;
  reason: string;
}

export interface TWatchCore {
  watch: TWatchState;
  /** Where this wake-up stands. */
  stage: TWatchStage;
  /** Keys of the notices handed to the email activity (each goes out once, whatever the answer). */
  sent: string[];
  /** At-risk changes an event made, told to the parent at the next decision. */
  pendingSignals: TWatchProgress[];
  /** Signals to the parent started and not yet answered. */
  signalsInFlight: number;
  /** How many of those answers this wake-up waits for before going on (its own signal and any before it). */
  parentAnswersAwaited: number;
  /** R-AW-2: the missed revised deadlines being escalated this wake-up. */
  missed?: TRevisedItem[];
  /** Notices the email activity could not deliver (shown in the status). */
  deliveryProblems: TDeliveryProblem[];
  /** The last signal the parent did not receive (shown in the status; the parent's flags may be stale). */
  parentSignalProblem?: { date: string; progress: TWatchProgress; reason: string };
}

/** What the watchStatus query answers: the watch, plus what did not reach its recipient. */
export type TWatchStatus = TWatchState & Pick<TWatchCore, 'deliveryProblems' | 'parentSignalProblem'>;

const today = (nowMs: number, policy: TProgramPolicy) => localDateOf(nowMs, policy.timeZone);

export function initialWatchCore(input: TWatchInput, nowMs: number): TWatchCore {
  const watch = openWatch(today(nowMs, input.policy), input.evidence);
  return {
    watch,
    stage: 'opening',
    sent: [],
    pendingSignals: [],
    signalsInFlight: 0,
    parentAnswersAwaited: 0,
    deliveryProblems: [],
  };
}

export function watchStatus(core: TWatchCore): TWatchStatus {
  return {
    ...core.watch,
    deliveryProblems: core.deliveryProblems,
    ...(core.parentSignalProblem ? { parentSignalProblem: core.parentSignalProblem } : {}),
  };
}

/** What an accepted watch event answers (the watchEventUpdate's result). */
export interface TWatchEventReply {
  accepted: true;
  stage: TWatchState['stage'];
}

export function absorbWatch(
  core: TWatchCore,
  message: TWatchMessage,
  nowMs: number,
  input: TWatchInput,
): TAbsorbed<TWatchCore, TWatchEventReply> {
  const date = today(nowMs, input.policy);
  switch (message.kind) {
    case 'event': {
      const parsed = ZCandidateEvent.safeParse(message.event);
      if (!parsed.success || !(WATCH_EVENT_TYPES as readonly string[]).includes(parsed.data.type)) {
        const detail = parsed.success
          ? `'${parsed.data.type}' is not an academic-watch event`
          : parsed.error.issues.map((i) => `${i.path.join('.') || '(event)'}: ${i.message}`).join('; ');
        return { state: core, rejection: { type: 'InvalidEvent', message: `invalid event: ${detail}` } };
      }
      const event = parsed.data as TWatchEvent;
      const reason = rejectWatchEvent(core.watch, event, date);
      if (reason) return { state: core, rejection: { type: 'EventNotAllowed', message: reason } };
      const watch = applyWatchEvent(core.watch, event, date);
      // R-INT-2: an extension lifts at-risk; the parent is told at once (parentSignalsNow).
      const pendingSignals =
        watch.atRisk !== core.watch.atRisk
          ? [...core.pendingSignals, { atRisk: watch.atRisk, closed: false }]
          : core.pendingSignals;
      return { state: { ...core, watch, pendingSignals }, reply: { accepted: true, stage: watch.stage } };
    }
    case 'sent':
    case 'sendFailed': {
      const sentOn = today(message.sentAtMs, input.policy);
      const problem = (n: TNotificationIntent, reason: string): TDeliveryProblem => ({
        date: sentOn,
        template: n.template,
        recipientRole: n.to.role,
        reason,
      });
      // The email activity answers one result per notice, in the batch's order.
      const problems =
        message.kind === 'sendFailed'
          ? message.intents.map((n) => problem(n, message.reason))
          : message.intents.flatMap((n, i) => {
              const r = message.results[i];
              return r?.status === 'failedPermanently'
                ? [problem(n, [r.reason, r.detail].filter(Boolean).join(': ') || 'rejected by SES')]
                : [];
            });
      return { state: problems.length ? { ...core, deliveryProblems: [...core.deliveryProblems, ...problems] } : core };
    }
    case 'parentSignalled':
    case 'parentSignalFailed': {
      // Signals are answered in the order they were sent.
      const answered = {
        ...core,
        signalsInFlight: Math.max(0, core.signalsInFlight - 1),
        parentAnswersAwaited: Math.max(0, core.parentAnswersAwaited - 1),
      };
      if (message.kind === 'parentSignalled') return { state: answered };
      return {
        state: { ...answered, parentSignalProblem: { date, progress: message.progress, reason: message.reason } },
      };
    }
  }
}

/** The parent signals an absorbed event made due: carry them out at once (R-AW-2, R-INT-2: the parent's at-risk flag follows the watch). */
export function parentSignalsNow(core: TWatchCore): { state: TWatchCore; commands: TSignalParentCommand[] } {
  if (!core.pendingSignals.length) return { state: core, commands: [] };
  const commands = core.pendingSignals.map((progress): TSignalParentCommand => ({ kind: 'signalParent', progress }));
  return { state: { ...core, pendingSignals: [], signalsInFlight: core.signalsInFlight + commands.length }, commands };
}

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
