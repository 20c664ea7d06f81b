// The lifecycle's decision core (domain/lifecycle/core.ts), driven directly: the commands it asks
// for, in order, and the patch questions it asks — what both interpreters (the Temporal workflow and
// the in-memory engine) carry out.
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../domain/calendar/dates';
import { getBuiltinPolicy } from '../../domain/policy/policy';
import {
  absorbLifecycle,
  decideLifecycle,
  initialLifecycleCore,
  type TLifecycleCommand,
  type TLifecycleCore,
  type TLifecycleEnv,
} from '../../domain/lifecycle/core';
import type { TLifecycleInput } from '../../domain/lifecycle/input';
import type { TCandidateState } from '../../domain/lifecycle/state';
import { GLORIA, jamal } from '../support/fixtures';
import { completeState } from '../support/completion-fixtures';

const policy = getBuiltinPolicy('rossier');
const at = (date: string, time = '09:00') => zonedInstant(date, time, policy.timeZone);
const links = { portalUrl: 'http://127.0.0.1:8787' };
const WORKFLOW_ID = 'candidate-rossier-jamal';

function env(input: TLifecycleInput, asked: string[] = []): TLifecycleEnv {
  return { input, workflowId: WORKFLOW_ID, patched: (id) => (asked.push(id), true), continueAsNewSuggested: false };
}

/** Decides until the core waits (or sleeps), answering every send as delivered; returns every command in order. */
function wake(
  core: TLifecycleCore,
  nowMs: number,
  e: TLifecycleEnv,
): { core: TLifecycleCore; commands: TLifecycleCommand[]; wakeAt?: number } {
  const commands: TLifecycleCommand[] = [];
  for (let i = 0; i < 20; i++) {
    const d = decideLifecycle(core, nowMs, e);
    core = d.state;
    for (const c of d.commands) {
      commands.push(c);
      // The interpreter sleeps here; the next decision is at the wake-up.
      if (c.kind === 'sleep') return { core, commands, wakeAt: c.untilMs };
      if (c.kind === 'send') {
        const results = c.intents.map((n) => ({ idempotencyKey: `${WORKFLOW_ID}:${n.key}`, status: 'sent' as const }));
        core = absorbLifecycle(core, { kind: 'sent', intents: c.intents, results, sentAtMs: nowMs }, nowMs, {
          policy,
          workflowId: WORKFLOW_ID,
        }).state;
      }
    }
    if (d.wait) return { core, commands, ...(d.wakeAt !== undefined ? { wakeAt: d.wakeAt } : {}) };
  }
  throw new Error('the core never waited');
}

const start = jamal({ candidateId: 'jamal', enrolledOn: '2026-06-15', coach: GLORIA });
const input: TLifecycleInput = { start, policy, links };

describe('lifecycle decision core', () => {
  it('R-REM-1 R-HRS-1 R-TIME-2: the first wake asks each first-wake patch once, in the recorded order, and the answers stay in the record', () => {
    const asked: string[] = [];
    const first = wake(initialLifecycleCore(input), at('2026-06-15', '07:00'), env(input, asked));
    expect(asked).toEqual(['more-reminders', 'hours-reminders', 'reminders-2026-12']);
    const r = first.core.record;
    expect([r.moreReminders, r.hoursReminders, r.milestoneReminders, r.coachingCadence, r.weekendDeadlines]).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    // The next wake asks nothing again.
    const again: string[] = [];
    wake(first.core, at('2026-06-16', '07:00'), env(input, again));
    expect(again).toEqual([]);
  });

  it('search attributes are upserted first and only when they change', () => {
    const first = wake(initialLifecycleCore(input), at('2026-06-15', '07:00'), env(input));
    expect(first.commands[0]).toEqual({
      kind: 'upsertSearchAttributes',
      values: {
        program: 'rossier',
        cohortYear: 2026,
        phase: 'enrolled',
        flags: [],
        nextDeadline: expect.any(Number) as number,
      },
    });
    const second = wake(first.core, at('2026-06-15', '07:05'), env(input));
    expect(second.commands.filter((c) => c.kind === 'upsertSearchAttributes')).toEqual([]);
  });

  it('R-TIME-3: it sleeps until the next moment it computed, never a daily poll, and sends nothing at 07:00', () => {
    const first = wake(initialLifecycleCore(input), at('2026-06-15', '07:00'), env(input));
    expect(first.commands.filter((c) => c.kind === 'send')).toEqual([]);
    // The next moment it computed: the first reminder, at the policy's 08:00 send time.
    expect(first.wakeAt).toBe(at('2026-07-01', '08:00'));
  });

  it('R-ADM-1: a malformed event is refused as InvalidEvent, an out-of-phase one as EventNotAllowed; the record is unchanged', () => {
    const core = initialLifecycleCore(input);
    const bad = absorbLifecycle(
      core,
      { kind: 'event', event: { type: 'coachingLogged', hours: -1 } as never },
      at('2026-06-16'),
      { policy, workflowId: WORKFLOW_ID },
    );
    expect(bad.rejection?.type).toBe('InvalidEvent');
    expect(bad.state).toBe(core);
    const applicant = initialLifecycleCore({ ...input, start: jamal({ candidateId: 'ada' }) });
    const early = absorbLifecycle(
      applicant,
      { kind: 'event', event: { type: 'panelPresented' } as never },
      at('2026-06-16'),
      { policy, workflowId: WORKFLOW_ID },
    );
    expect(early.rejection?.type).toBe('InvalidEvent');
    const notNow = absorbLifecycle(
      applicant,
      { kind: 'event', event: { type: 'iipApproved', year: 1, approver: 'coach' } as never },
      at('2026-06-16'),
      { policy, workflowId: WORKFLOW_ID },
    );
    expect(notNow.rejection?.type).toBe('EventNotAllowed');
    expect(notNow.state).toBe(applicant);
  });

  it('a send the email activity refused becomes a delivery problem for the PA; the message is not retried', () => {
    const core = initialLifecycleCore(input);
    const intent = {
      key: 'orientation:r7:candidate',
      template: 'orientation.reminder.candidate' as never,
      to: { role: 'candidate' as const, name: 'Jamal Jackson', email: 'jamal.jackson@example.org' },
      data: {},
    };
    const now = at('2026-07-01', '08:00');
    const after = absorbLifecycle(
      core,
      {
        kind: 'sent',
        intents: [intent],
        results: [
          {
            idempotencyKey: `${WORKFLOW_ID}:${intent.key}`,
            status: 'failedPermanently',
            reason: 'invalidMessage',
            detail: 'firstName: too long',
          },
        ],
        sentAtMs: now,
      },
      now,
      { policy, workflowId: WORKFLOW_ID },
    ).state.record;
    expect(after.notified).toEqual(['orientation:r7:candidate']);
    expect(after.deliveryProblems).toEqual([
      {
        date: '2026-07-01',
        template: 'orientation.reminder.candidate',
        recipientRole: 'candidate',
        reason: 'invalidMessage: firstName: too long',
      },
    ]);
    expect(after.timeline.filter((t) => t.kind === 'emailSent')).toEqual([]);
  });

  it('R-CMP-1 R-REC-1: a completion review that passes starts the recommendation chain once, then the phase is recommendation', () => {
    const ready = readyForRecommendation();
    const carried = { ...input, start: ready.start, carried: ready };
    const d = decideLifecycle(initialLifecycleCore(carried), at('2028-04-03'), env(carried));
    expect(d.commands.map((c) => c.kind)).toEqual(['upsertSearchAttributes']);
    const second = decideLifecycle(d.state, at('2028-04-03'), env(carried));
    const startCmd = second.commands.find((c) => c.kind === 'startRecommendation');
    expect(
      startCmd && startCmd.kind === 'startRecommendation'
        ? {
            key: startCmd.args.candidateKey,
            office: startCmd.args.credentialsOffice,
            ready: startCmd.args.completion.ready,
          }
        : undefined,
    ).toEqual({
      key: 'rossier-jamal',
      office: { name: 'Dr. Tran', email: 'pa.tran@example.edu' },
      ready: true,
    });
    expect(second.commands.map((c) => c.kind)).toEqual(['startRecommendation']);
    expect(second.wait).toBe(false);
    const next = decideLifecycle(second.state, at('2028-04-03'), env(carried));
    expect(next.state.record.phase).toBe('recommendation');
    expect(next.commands.some((c) => c.kind === 'startRecommendation')).toBe(false);
  });

  it('R-ADM-5: a withdrawn record is confirmed, archived and completed — in that order, once', () => {
    const core = initialLifecycleCore(input);
    const withdrawn = absorbLifecycle(
      core,
      { kind: 'event', event: { type: 'withdrawn', reason: 'Moved out of state' } as never },
      at('2026-06-20'),
      { policy, workflowId: WORKFLOW_ID },
    );
    expect(withdrawn.rejection).toBeUndefined();
    const end = wake(withdrawn.state, at('2026-06-20'), env(input));
    expect(end.commands.map((c) => c.kind)).toEqual([
      'upsertSearchAttributes',
      'send',
      'drainHandlers',
      'archive',
      'complete',
    ]);
    const sent = end.commands.find((c) => c.kind === 'send');
    expect(sent?.kind === 'send' ? sent.intents.map((n) => [n.template, n.to.role]) : []).toEqual([
      ['withdrawal.confirmation.candidate', 'candidate'],
    ]);
    expect(end.commands.at(-1)).toEqual({
      kind: 'complete',
      outcome: { phase: 'withdrawn', withdrawal: withdrawn.state.record.withdrawal },
    });
  });

  it('R-TIME-3: a withdrawal recorded at 22:06 waits out quiet hours (sleep to 07:00) before its confirmation', () => {
    const core = initialLifecycleCore(input);
    const night = at('2026-06-20', '22:06');
    const withdrawn = absorbLifecycle(
      core,
      { kind: 'event', event: { type: 'withdrawn', reason: 'Moved out of state' } as never },
      night,
      { policy, workflowId: WORKFLOW_ID },
    );
    const first = wake(withdrawn.state, night, env(input));
    expect(first.commands.map((c) => c.kind)).toEqual(['upsertSearchAttributes', 'sleep']);
    const sleepCmd = first.commands[1]!;
    expect(sleepCmd.kind === 'sleep' ? sleepCmd.untilMs : 0).toBe(at('2026-06-21', '07:00'));
    const morning = wake(first.core, at('2026-06-21', '07:00'), env(input));
    expect(morning.commands.map((c) => c.kind)).toEqual(['send', 'drainHandlers', 'archive', 'complete']);
  });

  it('R-NOT (delivery): mail to an address SES bounced is held — not sent, not marked notified — until the PA corrects it', () => {
    const core = initialLifecycleCore(input);
    const ctx = { policy, workflowId: WORKFLOW_ID };
    const bounced = absorbLifecycle(
      core,
      {
        kind: 'event',
        event: { type: 'emailBounced', role: 'candidate', bounce: 'bounce', sesMessageId: 'ses-1' } as never,
      },
      at('2026-06-20'),
      ctx,
    );
    expect(bounced.rejection).toBeUndefined();
    const withdrawn = absorbLifecycle(
      bounced.state,
      { kind: 'event', event: { type: 'withdrawn', reason: 'Moved out of state' } as never },
      at('2026-06-20'),
      ctx,
    ).state;
    const end = wake(withdrawn, at('2026-06-20'), env(input));
    expect(end.commands.map((c) => c.kind)).toEqual(['upsertSearchAttributes', 'drainHandlers', 'archive', 'complete']);
    expect(end.core.record.notified).toEqual([]);
  });
});

/** A record in completion review with every item met (test/support/completion-fixtures.ts). */
function readyForRecommendation(): TCandidateState {
  return { ...completeState('jamal'), phase: 'completionReview' };
}
