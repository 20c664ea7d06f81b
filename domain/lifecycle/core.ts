// The candidate's two years as a pure decision core (issue #18): `decideLifecycle` looks at the record
// at one instant and says what to do — start a child, send, upsert search attributes, continue as new,
// sleep, close — and when to look again; `absorbLifecycle` takes in one message (an event, a child's
// progress signal, a send result). The Temporal workflow (workflows/candidateLifecycle.ts) and the
// in-memory engine (simulator/memory) both interpret it, so they cannot disagree on a rule.
//
// A wake-up is a short sequence of decisions, because some commands must finish before the next
// decision (a child must have started; the day's emails must have gone out). The core keeps its place
// in `stage`; the interpreter calls `decideLifecycle` again after carrying out a decision's commands
// (and reading the clock again) until a decision asks to wait. This mirrors, step for step, the
// order in which the workflow used to issue commands, so recorded histories replay unchanged.
import { candidateKey } from './candidate';
import { hasDeferralBy } from '../calendar/deferral';
import { completionReview } from './completion';
import { type TDecision } from '../engine/commands';
import {
  COMPLETION_WAITS_FOR_STANDING,
  DEADLINES_OWED,
  DEFERRAL_PAUSES_PACE,
  EVENT_CONFIRMATIONS,
  HOURS_REMINDERS,
  MORE_REMINDERS,
  OWED_FROM_ENROLLMENT,
  PACE_FOLLOWS_CALENDAR,
  REMINDERS_2026_12,
  STATUS_CONFIRMATIONS,
  WORKING_DAYS,
} from '../patches';
import { eventConfirmations, statusConfirmations, type TConfirmations } from './confirmations';
import { holdUndeliverable } from './bounces';
import { recipient } from './people';
import { advanceByTime, nextPhaseChangeAt } from './phases';
import { planMoment } from './planner';
import { evaluateRisk } from '../risk/notices';
import { enrolledLate, standingInQuestion, TERMINAL_PHASES, type TCandidateState } from './state';
import type { TLifecycleCore, TLifecycleCommand, TLifecycleEnv, TStage } from './core-types';
import { todayOf } from './core-types';
import { searchAttributeReadings } from './search-attribute-values';

export * from './core-types';
export { absorbLifecycle } from './absorb';
export { searchAttributeValues } from './search-attribute-values';

/** One decision. Call again after carrying out its commands, until it returns `wait`. */
export function decideLifecycle(
  core: TLifecycleCore,
  nowMs: number,
  env: TLifecycleEnv,
): TDecision<TLifecycleCore, TLifecycleCommand> & { wait: boolean } {
  const { input, patched } = env;
  const { policy } = input;
  const key = candidateKey(input.start.programId, input.start.candidateId);
  const commands: TLifecycleCommand[] = [];
  let c = core;
  const set = (record: TCandidateState) => (c = { ...c, record });
  // An upsert ends the decision: the interpreter issues it before the core asks its next patch
  // question, so patch markers and upserts keep the order recorded histories have.
  const publish = (): boolean => {
    // The values depend only on the record and the day: the same record on the same day has them already.
    const day = todayOf(nowMs, policy);
    if (c.attributesOf && c.attributesOf.record === c.record && c.attributesOf.day === day) return false;
    const readings = searchAttributeReadings(c.record, policy, nowMs, input.links);
    let values = readings.all;
    // A session or workshop is not a deadline (patched: asked once, at a timer wake where counting it
    // changes the value — an update's task has no room for another marker; kept in the record).
    if (readings.owed.nextDeadline !== values.nextDeadline) {
      if (c.record.deadlinesOwed === undefined && env.timerWake === true)
        set({ ...c.record, deadlinesOwed: patched(DEADLINES_OWED) });
      if (c.record.deadlinesOwed === true) values = readings.owed;
    }
    const json = JSON.stringify(values);
    c = { ...c, attributesOf: { record: c.record, day } };
    if (json === c.lastAttributes) return false;
    commands.push({ kind: 'upsertSearchAttributes', values });
    c = { ...c, lastAttributes: json };
    return true;
  };
  const behind = (patchId: string, found: TConfirmations): TConfirmations =>
    (found.notices.length > 0 || found.wakeAt !== undefined) && patched(patchId) ? found : { notices: [] };
  const done = (stage: TStage, wakeAt?: number) => ({
    state: { ...c, stage },
    commands,
    ...(wakeAt !== undefined ? { wakeAt } : {}),
    wait: false,
  });

  let stage = c.stage;
  for (;;) {
    switch (stage) {
      case 'top': {
        if (TERMINAL_PHASES.includes(c.record.phase)) {
          stage = 'farewell';
          continue;
        }
        set(advanceByTime(c.record, policy, nowMs));
        let r = c.record;
        // R-TIME-1 (patched): decided once, for late enrollees only, and carried in the record.
        if (r.owedFromEnrollment === undefined && enrolledLate(r, policy))
          r = { ...r, owedFromEnrollment: patched(OWED_FROM_ENROLLMENT) };
        // R-REM-1 (patched): decided once, at the first wake.
        if (r.moreReminders === undefined) r = { ...r, moreReminders: patched(MORE_REMINDERS) };
        if (r.hoursReminders === undefined) r = { ...r, hoursReminders: patched(HOURS_REMINDERS) };
        // R-REM-1 R-HRS-1 R-TIME-2 (patched as one): milestones, the coaching cadence, working-day deadlines.
        if (r.milestoneReminders === undefined || r.coachingCadence === undefined || r.weekendDeadlines === undefined) {
          const on = patched(REMINDERS_2026_12);
          r = {
            ...r,
            milestoneReminders: r.milestoneReminders ?? on,
            coachingCadence: r.coachingCadence ?? on,
            weekendDeadlines: r.weekendDeadlines ?? on,
          };
        }
        // R-TIME-2 (patched): decided at the first deferral or extension.
        if (r.workingDayShifts === undefined && r.shifts.length > 0)
          r = { ...r, workingDayShifts: patched(WORKING_DAYS) };
        // R-CMP-4 (patched): decided the first time a watch or at-risk status meets completion review.
        if (r.standingHoldsCompletion === undefined && standingInQuestion(r))
          r = { ...r, standingHoldsCompletion: patched(COMPLETION_WAITS_FOR_STANDING) };
        set(r);
        if (publish()) return done('published');
        stage = 'published';
        continue;
      }
      case 'published': {
        if (TERMINAL_PHASES.includes(c.record.phase)) {
          stage = 'farewell';
          continue;
        }
        // R-CMP-1…3: completion review passes → the recommendation chain starts (once; it survives continue-as-new).
        if (c.record.phase === 'completionReview') {
          const review = completionReview(c.record, policy);
          if (review.ready) {
            const s = c.record.start;
            commands.push({
              kind: 'startRecommendation',
              args: {
                candidateKey: key,
                people: {
                  candidate: s.candidate,
                  coach: s.coach,
                  supervisor: s.supervisor,
                  programAdministrator: s.programAdministrator,
                  director: s.director,
                },
                completion: review,
                credentialsOffice: input.credentialsOffice ?? s.programAdministrator,
              },
            });
            return done('recommendationStarted');
          }
        }
        stage = 'risk';
        continue;
      }
      case 'recommendationStarted': {
        const d = todayOf(nowMs, policy);
        set({
          ...c.record,
          phase: 'recommendation',
          recommendation: { startedOn: d },
          timeline: [...c.record.timeline, { date: d, kind: 'phaseChanged', detail: 'recommendation' }],
        });
        stage = 'risk';
        continue;
      }
      case 'risk': {
        // patched() only once a deferral has begun: a candidate who never defers keeps the same history.
        const deferralPausesPace =
          hasDeferralBy(c.record.shifts, todayOf(nowMs, policy)) && patched(DEFERRAL_PAUSES_PACE);
        // Only where pace is evaluated (the program years): applicants' histories stay as they were.
        const paceFollowsCalendar =
          (c.record.phase === 'year1' || c.record.phase === 'year2') && patched(PACE_FOLLOWS_CALENDAR);
        const risk = evaluateRisk(c.record, policy, nowMs, input.links, { deferralPausesPace, paceFollowsCalendar });
        set(risk.state);
        c = { ...c, pending: { notices: risk.notices, wakeAts: [risk.wakeAt] } };
        if (risk.openWatch) {
          const r = c.record;
          const people = {
            candidate: recipient(r, 'candidate')!,
            pa: recipient(r, 'pa')!,
            ...(r.start.coach ? { coach: recipient(r, 'coach')! } : {}),
          };
          const w = risk.openWatch;
          commands.push({
            kind: 'startAcademicWatch',
            args: {
              candidateKey: key,
              portalUrl: input.links.portalUrl,
              people,
              ...w,
              evidence: w.evidence,
              missingCount: w.missing,
              lateCount: w.late,
            },
          });
          c = { ...c, pending: { ...c.pending!, watchEvidence: w.evidence } };
          return done('watchStarted');
        }
        stage = 'plan';
        continue;
      }
      case 'watchStarted': {
        const d = todayOf(nowMs, policy);
        const evidence = c.pending?.watchEvidence ?? [];
        set({
          ...c.record,
          timeline: [...c.record.timeline, { date: d, kind: 'academicWatchOpened', detail: evidence.join('; ') }],
        });
        stage = 'plan';
        continue;
      }
      case 'plan':
        if (publish()) return done('planPublished');
        stage = 'planPublished';
        continue;
      case 'planPublished': {
        const plan = planMoment(c.record, policy, nowMs, input.links);
        const confirmations = behind(EVENT_CONFIRMATIONS, eventConfirmations(c.record, policy, nowMs, input.links));
        const statusChanges = behind(STATUS_CONFIRMATIONS, statusConfirmations(c.record, policy, nowMs, input.links));
        const pending = c.pending ?? { notices: [], wakeAts: [] };
        // Mail to an address SES reported undeliverable waits (unsent, so planned again) until the PA corrects it.
        const due = holdUndeliverable(c.record, [
          ...pending.notices,
          ...confirmations.notices,
          ...statusChanges.notices,
          ...plan.due,
        ]).send;
        c = {
          ...c,
          pending: {
            notices: [],
            wakeAts: [...pending.wakeAts, plan.nextWakeAt, confirmations.wakeAt, statusChanges.wakeAt],
          },
        };
        if (due.length > 0) {
          commands.push({ kind: 'send', intents: due });
          return done('sent');
        }
        stage = 'end';
        continue;
      }
      case 'sent':
        stage = 'end';
        continue;
      case 'end': {
        // A new program year, or a long history, starts a fresh run with the record intact.
        const phase = c.record.phase;
        const crossedYear = c.runStartPhase !== phase && (phase === 'year2' || phase === 'completionReview');
        if (crossedYear || env.continueAsNewSuggested) {
          commands.push({ kind: 'drainHandlers' });
          return done('continueAsNew');
        }
        const wakeAts = [...(c.pending?.wakeAts ?? []), nextPhaseChangeAt(c.record, policy, nowMs)];
        const finite = wakeAts.filter((t): t is number => t !== undefined && Number.isFinite(t));
        c = { ...c, pending: undefined };
        return { ...done('top', finite.length ? Math.min(...finite) : undefined), wait: true };
      }
      case 'continueAsNew':
        commands.push({ kind: 'continueAsNew', carried: c.record });
        return { ...done('done'), wait: true };
      case 'farewell':
        if (publish()) return done('farewellPublished');
        stage = 'farewellPublished';
        continue;
      case 'farewellPublished': {
        // R-ADM-5: a withdrawal is confirmed, with its refund statement, before the record closes (after
        // quiet hours if it was recorded at night: nothing else can happen to a withdrawn record).
        const farewell = behind(STATUS_CONFIRMATIONS, statusConfirmations(c.record, policy, nowMs, input.links));
        if (farewell.wakeAt !== undefined) {
          commands.push({ kind: 'sleep', untilMs: farewell.wakeAt });
          return done('farewellAwake');
        }
        const notices = holdUndeliverable(c.record, farewell.notices).send;
        if (notices.length > 0) {
          commands.push({ kind: 'send', intents: notices });
          return done('finish');
        }
        stage = 'finish';
        continue;
      }
      case 'farewellAwake': {
        const notices = holdUndeliverable(
          c.record,
          statusConfirmations(c.record, policy, nowMs, input.links).notices,
        ).send;
        if (notices.length > 0) {
          commands.push({ kind: 'send', intents: notices });
          return done('finish');
        }
        stage = 'finish';
        continue;
      }
      case 'finish': {
        const r = c.record;
        // An academic watch outlives continue-as-new (ABANDON); when the candidate leaves, it ends too.
        if (r.watch.open) commands.push({ kind: 'cancelWatch' });
        // A withdrawal during the chain ends the chain too (it was started with ABANDON).
        if (r.phase === 'withdrawn' && r.recommendation && !r.recommendation.clearedOn)
          commands.push({ kind: 'cancelRecommendation' });
        commands.push({ kind: 'drainHandlers' });
        return done('archive');
      }
      case 'archive': {
        // Temporal keeps a closed history only for the namespace's retention period: archive the record.
        const r = c.record;
        commands.push({ kind: 'archive', key, record: r, archivedOn: todayOf(nowMs, policy) });
        commands.push({ kind: 'complete', outcome: { phase: r.phase, withdrawal: r.withdrawal } });
        return { ...done('done'), wait: true };
      }
      case 'done':
        return { state: c, commands, wait: true };
    }
  }
}
