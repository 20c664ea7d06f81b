// The credential-recommendation chain (R-REC-1…5) as a pure decision core (issue #18). The Temporal
// workflow (workflows/credentialRecommendation.ts) and the in-memory engine both interpret it:
// `absorbRecommendation` takes in one message (a step event, the result of a command) and
// `decideRecommendation` says what to do next at one instant. The clock is always an argument.
//
// Decide until quiet. One turn (a wake-up: a timer, or a step that arrived) is a short sequence of
// decisions, because some commands need the result of an earlier one (the office's notice carries
// the stored packet's id). The interpreter:
//   1. reads the clock and calls `decideRecommendation`;
//   2. carries out the decision's commands in order, awaiting each and feeding its result back
//      through `absorbRecommendation` (steps may arrive meanwhile and are absorbed too);
//   3. calls `decideRecommendation` again, with the clock read again, until a decision has no
//      commands: then the turn is over and the interpreter sleeps until `wakeAt` (none: until a
//      message arrives). A `complete` command ends the run instead.
// The core keeps its place within the turn in `stage`, so the sequence is exactly the one the
// workflow issued before it had a core — packet, office notice, packet marked recommended, cleared
// notice, progress signals to the parent, then the end of the chain or the turn's reminders — and
// the recorded histories replay unchanged. A step absorbed during a turn is acted on in the turn
// after (the interpreter wakes at once), never by going back within the turn.
import { type TDecision, type TPatchOracle } from '../engine/commands';
import { handoffInput } from './handoff';
import type { TNotificationIntent } from '../lifecycle/planner';
import { planObligationNotices } from '../notifications/plan';
import { RECOMMENDATION_WEEKEND_DEADLINES } from '../patches';
import { advanceRecommendation, lapsedWaitOver, nextRecommendationChangeAt } from './steps';
import { recommendationMessage, recommendationObligations } from './obligations';
import {
  recommendationContext,
  todayOf,
  type TRecommendationCarried,
  type TRecommendationCommand,
  type TRecommendationCore,
  type TRecommendationInput,
  type TRecommendationProgress,
  type TRecommendationStage,
  type TRecommendationOutcome,
  type TRecommendationArchive,
} from './core-types';

export * from './core-types';
export { absorbRecommendation } from './absorb';

// ── decide ──

/** Progress the parent has not heard yet, in order; Step 3 waits for its packet (the parent records its id) unless the packet failed. */
export function progressDue(core: TRecommendationCarried): [string, TRecommendationProgress][] {
  const { state, handoff, handoffProblem, progressSent } = core;
  const out: [string, TRecommendationProgress][] = [];
  for (const n of [1, 2, 3, 4] as const) {
    const done = state.completed[`step${n}`];
    if (done)
      out.push([
        `step${n}`,
        { step: n, date: done.date, ...(n === 3 && handoff ? { packetId: handoff.packetId } : {}) },
      ]);
  }
  if (state.renewals > 0 && state.recommendedOn)
    out.push([`step4.r${state.renewals}`, { step: 4, date: state.recommendedOn, renewal: state.renewals }]);
  if (state.lapsedOn) out.push([`lapsed.w${state.renewals}`, { step: 'lapsed', date: state.lapsedOn }]);
  if (state.clearedOn) out.push(['cleared', { step: 'cleared', date: state.clearedOn }]);
  return out.filter(
    ([key]) =>
      !progressSent.includes(key) && (key !== 'step3' || handoff !== undefined || handoffProblem !== undefined),
  );
}

const minFinite = (...ts: (number | undefined)[]): number | undefined => {
  const finite = ts.filter((t): t is number => t !== undefined && Number.isFinite(t));
  return finite.length > 0 ? Math.min(...finite) : undefined;
};

/**
 * One decision (see "Decide until quiet" above). A decision without commands ends the turn: sleep
 * until `wakeAt`, or until a message when it has none. One patch is asked, once per chain at its
 * first decision: 'recommendation-weekend-deadlines' (R-TIME-2), kept in the state.
 */
export function decideRecommendation(
  core: TRecommendationCore,
  nowMs: number,
  input: TRecommendationInput,
  patched: TPatchOracle,
): TDecision<TRecommendationCore, TRecommendationCommand> {
  const { policy } = input;
  const ctx = recommendationContext(input);
  const today = todayOf(nowMs, input);
  let c = core;
  const commands: TRecommendationCommand[] = [];
  const next = (stage: TRecommendationStage): TDecision<TRecommendationCore, TRecommendationCommand> => ({
    state: { ...c, stage },
    commands,
  });
  const quiet = (planWakeAt: number | undefined): TDecision<TRecommendationCore, TRecommendationCommand> => {
    const { planWakeAt: _kept, ...rest } = c;
    const wakeAt = minFinite(planWakeAt, nextRecommendationChangeAt(c.state, policy, nowMs));
    return { state: { ...rest, stage: 'top' }, commands, ...(wakeAt !== undefined ? { wakeAt } : {}) };
  };

  let stage = c.stage;
  for (;;) {
    switch (stage) {
      case 'top':
        // The calendar: a CTC window past its last day has lapsed (R-REC-5).
        // R-TIME-2 (patched): decided once, at the chain's first decision; continue-as-new carries it.
        if (c.state.weekendDeadlines === undefined)
          c = { ...c, state: { ...c.state, weekendDeadlines: patched(RECOMMENDATION_WEEKEND_DEADLINES) } };
        c = { ...c, state: advanceRecommendation(c.state, policy, nowMs) };
        stage = 'handoffPacket';
        continue;

      case 'handoffPacket':
        // R-REC-3 → R-REC-4: at READY TO RECOMMEND the packet is stored, once (or its problem shown).
        if (c.state.completed.step3 && !c.handoff && c.handoffProblem === undefined) {
          const packetInput = handoffInput({
            candidateKey: input.candidateKey,
            candidate: input.people.candidate,
            programName: policy.name,
            policyId: policy.id,
            completion: input.completion,
            state: c.state,
          });
          commands.push({ kind: 'createHandoffPacket', packetInput });
          return next('handoffNotice');
        }
        stage = 'handoffRecommended';
        continue;

      case 'handoffNotice': {
        // Right after the packet is stored: the credentials office gets its link.
        const { handoff } = c;
        const step3 = c.state.completed.step3;
        if (handoff && step3) {
          const data = {
            candidateName: input.people.candidate.name,
            readyOn: step3.date,
            packetUrl: handoff.packetUrl,
          };
          const notice = recommendationMessage(ctx, 'credentialsOffice', 'handoff.notice.credentialsOffice', data);
          const intents: TNotificationIntent[] = notice.map((m) => ({
            key: `handoff.${handoff.packetId}:${m.to.role}`,
            ...m,
          }));
          if (intents.length > 0) {
            commands.push({ kind: 'send', intents });
            return next('handoffRecommended');
          }
        }
        stage = 'handoffRecommended';
        continue;
      }

      case 'handoffRecommended': {
        // After Step 4 the packet leaves the office's queue.
        const step4 = c.state.completed.step4;
        if (step4 && c.handoff && !c.handoff.recommendedMarked) {
          const args = { candidateKey: input.candidateKey, packetId: c.handoff.packetId, recommendedOn: step4.date };
          commands.push({ kind: 'markHandoffRecommended', args });
          return next('clearedNotice');
        }
        stage = 'clearedNotice';
        continue;
      }

      case 'clearedNotice':
        if (c.state.step === 'cleared' && c.state.clearedOn) {
          const notice = recommendationMessage(ctx, 'candidate', 'cleared.notice.candidate', {
            clearedOn: c.state.clearedOn,
          });
          const intents: TNotificationIntent[] = notice
            .map((m) => ({ key: `cleared:${m.to.role}`, ...m }))
            .filter((n) => !c.state.notified.includes(n.key));
          if (intents.length > 0) {
            commands.push({ kind: 'send', intents });
            return next('progress');
          }
        }
        stage = 'progress';
        continue;

      case 'progress': {
        // Each change is signalled to the parent once (without a parent it is only marked sent).
        const due = progressDue(c);
        c = { ...c, progressSent: [...c.progressSent, ...due.map(([key]) => key)] };
        const parentWorkflowId = input.parentWorkflowId;
        if (parentWorkflowId && due.length > 0) {
          for (const [key, progress] of due) commands.push({ kind: 'signalParent', parentWorkflowId, key, progress });
          return next('end');
        }
        stage = 'end';
        continue;
      }

      case 'end': {
        // Cleared, or lapsed with the wait for a late completion or a renewal over: the chain ends.
        const s = c.state;
        if (s.step !== 'cleared' && !lapsedWaitOver(s, policy, nowMs)) {
          stage = 'plan';
          continue;
        }
        const outcome: TRecommendationOutcome = {
          outcome: s.step === 'cleared' ? 'cleared' : 'lapsed',
          recommendedOn: s.recommendedOn ?? today,
          ...(s.clearedOn ? { clearedOn: s.clearedOn } : {}),
          ...(s.lapsedOn ? { lapsedOn: s.lapsedOn } : {}),
        };
        const { carried: _carried, ...started } = input;
        const { handoff, handoffProblem, deliveryProblems } = c;
        const record: TRecommendationArchive = {
          input: started,
          state: s,
          handoff,
          handoffProblem,
          deliveryProblems,
          outcome,
        };
        commands.push({
          kind: 'archive',
          args: { key: input.candidateKey, source: 'recommendation', archivedOn: today, record },
        });
        commands.push({ kind: 'complete', outcome });
        return next('done');
      }

      case 'plan': {
        // The current step's reminders and escalation (R-REC-1…4), or the CTC window's (R-REC-5).
        const plan = planObligationNotices(recommendationObligations(c.state, ctx), policy, nowMs, c.state.notified);
        if (plan.due.length > 0) {
          commands.push({ kind: 'send', intents: plan.due });
          const { planWakeAt: _earlier, ...rest } = c;
          c = { ...rest, ...(plan.nextWakeAt !== undefined ? { planWakeAt: plan.nextWakeAt } : {}) };
          return next('sent');
        }
        return quiet(plan.nextWakeAt);
      }

      case 'sent':
        return quiet(c.planWakeAt);

      case 'done':
        return { state: c, commands };
    }
  }
}
