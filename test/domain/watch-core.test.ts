// The academic watch's decision core (domain/risk/watch-core.ts), without Temporal: what it sends, to
// whom and when, when it tells the parent and when it looks again. The clock and the patch answer
// are arguments, so every expected instant is exact.
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../domain/calendar/dates';
import { rossier } from '../../domain/policy/policy';
import { WATCH_QUIET_HOURS } from '../../domain/patches';
import {
  absorbWatch,
  decideWatch,
  initialWatchCore,
  parentSignalsNow,
  watchStatus,
  type TWatchCommand,
  type TWatchCore,
  type TWatchInput,
} from '../../domain/risk/watch-core';
import type { TSendCommand } from '../../domain/engine/commands';
import { nextWatchMoment, remindersDue } from '../../domain/risk/watch';

const TZ = 'America/Los_Angeles';
const pacific = (date: string, time: string) => zonedInstant(date, time, TZ);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

const candidate = { role: 'candidate' as const, name: 'Carlos Rivera', email: 'carlos@example.org' };
const coach = { role: 'coach' as const, name: 'Gloria Tan', email: 'gloria@example.org' };
const pa = { role: 'pa' as const, name: 'Pat Admin', email: 'pat@example.org' };
const input: TWatchInput = {
  candidateKey: 'rossier-carlos',
  parentWorkflowId: 'candidate-rossier-carlos',
  policy: rossier,
  portalUrl: 'https://portal.example.org',
  people: { candidate, coach, pa },
  evidence: ['Session 1 assignment missing', 'Session 2 assignment missing'],
  missingCount: 2,
  lateCount: 0,
};
const PLAN_URL = 'https://portal.example.org/portal/rossier-carlos/academic-watch';
const CANDIDATE_URL = 'https://portal.example.org/dashboard/candidates/rossier-carlos';
const always = () => true;
const never = () => false;

/** Patch oracle that records what it was asked. */
function oracle(answer: boolean) {
  const asked: string[] = [];
  return { asked, patched: (id: string) => (asked.push(id), answer) };
}
const sends = (commands: TWatchCommand[]) => commands.filter((c): c is TSendCommand => c.kind === 'send');
/** What a send command carries, in the order sent: key, template, recipient role, cc roles. */
const line = (n: TSendCommand['intents'][number]) =>
  `${n.key} ${n.template} → ${n.to.role}${n.cc ? ` cc ${n.cc.map((r) => r.role).join(',')}` : ''}`;
const summary = (commands: TWatchCommand[]) =>
  commands.map((c) => (c.kind === 'send' ? { send: c.intents.map(line) } : c));
const absorbSent = (core: TWatchCore, commands: TWatchCommand[], at: number) =>
  sends(commands).reduce((c, s) => {
    const results = s.intents.map((n) => ({ idempotencyKey: `w:r:${n.key}`, status: 'sent' }));
    return absorbWatch(c, { kind: 'sent', intents: s.intents, results, sentAtMs: at }, at, input).state;
  }, core);
const event = (core: TWatchCore, e: unknown, at: number) => {
  const absorbed = absorbWatch(core, { kind: 'event', event: e }, at, input);
  expect(absorbed.rejection).toBeUndefined();
  return absorbed.state;
};
const PLAN = {
  type: 'actionPlanAgreed',
  date: '2026-12-01',
  goals: ['Complete the assignments for CPSEL sessions 1–3'],
  revisedDeadlines: [
    { item: 'Session 1 assignment', due: '2027-01-15' },
    { item: 'Session 2 assignment', due: '2027-01-29' },
    { item: 'Session 3 assignment', due: '2027-02-12' },
  ],
  agreedInWriting: true,
};
const PLAN_KEY = 'plan:Session 1 assignment@2027-01-15|Session 2 assignment@2027-01-29|Session 3 assignment@2027-02-12';

/** A watch opened on Nov 16, 2026 at 09:00 whose plan (three revised deadlines) was agreed and shared on Dec 1. */
function monitoring(): TWatchCore {
  const opened = pacific('2026-11-16', '09:00');
  let core = initialWatchCore(input, opened);
  const d1 = decideWatch(core, opened, input, always);
  core = absorbSent(d1.state, d1.commands, opened);
  core = decideWatch(core, opened, input, always).state; // waits: no plan yet
  const agreed = pacific('2026-12-01', '09:00');
  core = event(core, PLAN, agreed);
  const d2 = decideWatch(core, agreed, input, always);
  core = absorbSent(d2.state, d2.commands, agreed);
  return decideWatch(core, agreed, input, always).state;
}

describe('academic watch core: opening (R-AW-1)', () => {
  it('R-AW-1: the PA is told with the evidence and a plan due in 14 days, the candidate with the counts and the meeting link; then the watch waits for a plan, with no wake-up', () => {
    const at = pacific('2026-11-16', '09:00');
    const { asked, patched } = oracle(true);
    const d = decideWatch(initialWatchCore(input, at), at, input, patched);
    expect(d.wait).toBe(false);
    expect(d.commands).toEqual([
      {
        kind: 'send',
        intents: [
          {
            key: 'opened:pa',
            template: 'academicWatch.notice.pa',
            to: pa,
            data: {
              firstName: 'Pat',
              programName: rossier.name,
              candidateName: 'Carlos Rivera',
              reportedBy: ['coach', 'instructor'],
              evidence: ['Session 1 assignment missing', 'Session 2 assignment missing'],
              planDueBy: '2026-11-30',
              candidateUrl: CANDIDATE_URL,
            },
          },
          {
            key: 'opened:candidate',
            template: 'academicWatch.notice.candidate',
            to: candidate,
            data: {
              firstName: 'Carlos',
              programName: rossier.name,
              missingCount: 2,
              lateCount: 0,
              meetingUrl: PLAN_URL,
            },
          },
        ],
      },
    ]);
    // Daytime: the quiet-hours patch is not asked (recorded histories keep their markers).
    expect(asked).toEqual([]);
    const after = decideWatch(absorbSent(d.state, d.commands, at), at, input, patched);
    expect(after).toMatchObject({ commands: [], wait: true });
    expect(after.wakeAt).toBeUndefined();
  });

  it('R-AW-1 R-TIME-3: a watch opened at 00:00 sleeps until 07:00 Pacific, then tells the PA and the candidate; without the patch it tells them at once', () => {
    const midnight = pacific('2026-11-17', '00:00');
    const { asked, patched } = oracle(true);
    const d = decideWatch(initialWatchCore(input, midnight), midnight, input, patched);
    expect(d.commands).toEqual([{ kind: 'sleep', untilMs: Date.parse('2026-11-17T15:00:00.000Z') }]);
    expect(asked).toEqual([WATCH_QUIET_HOURS]);
    const morning = decideWatch(d.state, Date.parse('2026-11-17T15:00:00.000Z'), input, patched);
    const opening = [
      {
        send: ['opened:pa academicWatch.notice.pa → pa', 'opened:candidate academicWatch.notice.candidate → candidate'],
      },
    ];
    expect(summary(morning.commands)).toEqual(opening);

    const unpatched = decideWatch(initialWatchCore(input, midnight), midnight, input, never);
    expect(summary(unpatched.commands)).toEqual(opening);
  });

  it('R-AW-1: a notice handed over is never sent again, whatever the email activity answered', () => {
    const at = pacific('2026-11-16', '09:00');
    const d = decideWatch(initialWatchCore(input, at), at, input, always);
    const intents = sends(d.commands)[0]!.intents;
    const failed = absorbWatch(
      d.state,
      { kind: 'sendFailed', intents, reason: 'EmailInvalidBatch: bad data', sentAtMs: at },
      at,
      input,
    ).state;
    const again = decideWatch(failed, at + 60_000, input, always);
    expect(again.commands).toEqual([]);
    expect(watchStatus(failed).deliveryProblems).toEqual([
      {
        date: '2026-11-16',
        template: 'academicWatch.notice.pa',
        recipientRole: 'pa',
        reason: 'EmailInvalidBatch: bad data',
      },
      {
        date: '2026-11-16',
        template: 'academicWatch.notice.candidate',
        recipientRole: 'candidate',
        reason: 'EmailInvalidBatch: bad data',
      },
    ]);
  });
});

describe('academic watch core: events (validation)', () => {
  const at = pacific('2026-11-23', '09:00');
  const opened = () => initialWatchCore(input, pacific('2026-11-16', '09:00'));
  it('R-AW-1: a plan not agreed in writing is refused as EventNotAllowed with the validator’s message; the state is unchanged', () => {
    const core = opened();
    const r = absorbWatch(
      core,
      { kind: 'event', event: { ...PLAN, date: '2026-11-23', agreedInWriting: false } },
      at,
      input,
    );
    expect(r.rejection).toEqual({
      type: 'EventNotAllowed',
      message: 'the remediation plan must be agreed in writing (R-AW-1)',
    });
    expect(r.state).toBe(core);
  });
  it('R-AW-1: a lifecycle event that is not a watch event is refused as InvalidEvent', () => {
    const r = absorbWatch(opened(), { kind: 'event', event: { type: 'assignmentSubmitted', session: 1 } }, at, input);
    expect(r.rejection).toEqual({
      type: 'InvalidEvent',
      message: "invalid event: 'assignmentSubmitted' is not an academic-watch event",
    });
  });
  it('R-AW-1: completing an item before a plan exists, and dating an event in the future, are refused', () => {
    expect(
      absorbWatch(
        opened(),
        { kind: 'event', event: { type: 'revisedItemCompleted', item: 'Session 1 assignment' } },
        at,
        input,
      ).rejection,
    ).toEqual({
      type: 'EventNotAllowed',
      message: 'there is no agreed plan yet',
    });
    const tomorrow = {
      type: 'interventionNoted',
      date: '2026-11-24',
      step: 'informationGathered',
      note: 'Met the coach',
    };
    expect(absorbWatch(opened(), { kind: 'event', event: tomorrow }, at, input).rejection).toEqual({
      type: 'EventNotAllowed',
      message: 'date 2026-11-24 is in the future (today is 2026-11-23)',
    });
  });
  it('R-AW-1: an event of the wrong shape is refused as InvalidEvent, naming the field', () => {
    expect(
      absorbWatch(opened(), { kind: 'event', event: { type: 'interventionNoted', step: 'chat', note: 'y' } }, at, input)
        .rejection,
    ).toEqual({
      type: 'InvalidEvent',
      message: 'invalid event: step: Invalid option: expected one of "informationGathered"|"resubmissionInvited"',
    });
  });
  it('R-AW-1: an event accepted answers with the watch stage', () => {
    const r = absorbWatch(opened(), { kind: 'event', event: PLAN }, pacific('2026-12-01', '09:00'), input);
    expect(r.reply).toEqual({ accepted: true, stage: 'monitoring' });
    expect(r.state.watch.items.map((i) => i.item)).toEqual([
      'Session 1 assignment',
      'Session 2 assignment',
      'Session 3 assignment',
    ]);
  });
});

describe('academic watch core: the plan and its deadlines (R-INT-1)', () => {
  it('R-INT-1: the agreed plan goes to the candidate and the coach with the revised deadlines; then the watch sleeps until the first reminder, Jan 12 08:00 Pacific', () => {
    const opened = pacific('2026-11-16', '09:00');
    let core = initialWatchCore(input, opened);
    const d0 = decideWatch(core, opened, input, always);
    core = decideWatch(absorbSent(d0.state, d0.commands, opened), opened, input, always).state;
    const agreed = pacific('2026-12-01', '09:00');
    core = event(core, PLAN, agreed);
    const d = decideWatch(core, agreed, input, always);
    const revisedDeadlines = [
      { item: 'Session 1 assignment', dueDate: '2027-01-15' },
      { item: 'Session 2 assignment', dueDate: '2027-01-29' },
      { item: 'Session 3 assignment', dueDate: '2027-02-12' },
    ];
    expect(d.commands).toEqual([
      {
        kind: 'send',
        intents: [
          {
            key: `${PLAN_KEY}:candidate`,
            template: 'remediationPlan.notice.candidate',
            to: candidate,
            data: {
              firstName: 'Carlos',
              programName: rossier.name,
              agreedOn: '2026-12-01',
              revisedDeadlines,
              planUrl: PLAN_URL,
            },
          },
          {
            key: `${PLAN_KEY}:coach`,
            template: 'remediationPlan.notice.coach',
            to: coach,
            data: {
              firstName: 'Gloria',
              programName: rossier.name,
              candidateFirstName: 'Carlos',
              agreedOn: '2026-12-01',
              revisedDeadlines,
              planUrl: PLAN_URL,
            },
          },
        ],
      },
    ]);
    const waiting = decideWatch(absorbSent(d.state, d.commands, agreed), agreed, input, always);
    expect(waiting.commands).toEqual([]);
    expect(waiting.wait).toBe(true);
    expect(iso(waiting.wakeAt)).toBe('2027-01-12T16:00:00.000Z');
  });

  it('R-INT-1: at 08:00 three days before a revised deadline the candidate is reminded once; the next look is when that deadline day ends (Jan 16 00:00 Pacific)', () => {
    const at = Date.parse('2027-01-12T16:00:00.000Z');
    const d = decideWatch(monitoring(), at, input, always);
    expect(d.commands).toEqual([
      {
        kind: 'send',
        intents: [
          {
            key: 'remind:Session 1 assignment@2027-01-15',
            template: 'revisedDeadline.reminder.candidate',
            to: candidate,
            data: {
              firstName: 'Carlos',
              programName: rossier.name,
              item: 'Session 1 assignment',
              dueDate: '2027-01-15',
              planUrl: PLAN_URL,
            },
          },
        ],
      },
    ]);
    const next = decideWatch(absorbSent(d.state, d.commands, at), at, input, always);
    expect(next.commands).toEqual([]);
    expect(iso(next.wakeAt)).toBe('2027-01-16T08:00:00.000Z');
    // A minute before 08:00 nothing is due yet.
    expect(decideWatch(monitoring(), at - 60_000, input, always).commands).toEqual([]);
  });
});

describe('academic watch core: the reminder of a revised deadline falls on a working day (R-INT-1, R-TIME-2)', () => {
  // Due Tuesday, Jan 19, 2027: three days before is Saturday, Jan 16.
  const tuesday = (core: TWatchCore) => ({
    ...core.watch,
    items: [{ item: 'Session 1 assignment', due: '2027-01-19' }],
  });

  it('R-INT-1 R-TIME-2: three days before a Tuesday deadline is a Saturday, so the candidate is reminded the Friday before at 08:00; with remindOnWorkdays false (policies recorded before the setting), on the Saturday', () => {
    const w = tuesday(monitoring());
    const friday = pacific('2027-01-15', '08:00');
    expect(iso(nextWatchMoment(w, pacific('2027-01-10', '09:00'), rossier))).toBe(iso(friday));
    expect(remindersDue(w, friday - 60_000, rossier)).toEqual([]);
    expect(remindersDue(w, friday, rossier).map((i) => i.item)).toEqual(['Session 1 assignment']);
    const anyDay = { ...rossier, notifications: { ...rossier.notifications, remindOnWorkdays: false } };
    expect(iso(nextWatchMoment(w, pacific('2027-01-10', '09:00'), anyDay))).toBe(iso(pacific('2027-01-16', '08:00')));
    expect(remindersDue(w, friday, anyDay)).toEqual([]);
  });
});

describe('academic watch core: a missed revised deadline (R-AW-2, R-TIME-3)', () => {
  /** Sessions 1 and 2 completed and reminders sent; session 3 (due Feb 12, 2027) still open. */
  function beforeSession3Deadline(): TWatchCore {
    let core = monitoring();
    core = event(
      core,
      { type: 'revisedItemCompleted', date: '2027-01-14', item: 'Session 1 assignment' },
      pacific('2027-01-14', '09:00'),
    );
    core = event(
      core,
      { type: 'revisedItemCompleted', date: '2027-01-28', item: 'Session 2 assignment' },
      pacific('2027-01-28', '09:00'),
    );
    const at = pacific('2027-02-09', '08:00');
    const d = decideWatch(core, at, input, always);
    expect(summary(d.commands)).toEqual([
      { send: ['remind:Session 3 assignment@2027-02-12 revisedDeadline.reminder.candidate → candidate'] },
    ]);
    const waiting = decideWatch(absorbSent(d.state, d.commands, at), at, input, always);
    expect(iso(waiting.wakeAt)).toBe('2027-02-13T08:00:00.000Z'); // Feb 13 00:00 Pacific
    return waiting.state;
  }

  it('R-AW-2 R-TIME-3: the deadline passes at 00:00; the watch sleeps until 07:00, tells the parent the candidate is at risk, and only once the parent has it escalates to the PA and tells the candidate (coach copied)', () => {
    const midnight = Date.parse('2027-02-13T08:00:00.000Z');
    const morning = Date.parse('2027-02-13T15:00:00.000Z');
    const { asked, patched } = oracle(true);
    const night = decideWatch(beforeSession3Deadline(), midnight, input, patched);
    expect(night.commands).toEqual([{ kind: 'sleep', untilMs: morning }]);
    expect(asked).toEqual([WATCH_QUIET_HOURS]);

    const atRisk = decideWatch(night.state, morning, input, patched);
    expect(atRisk.commands).toEqual([{ kind: 'signalParent', progress: { atRisk: true, closed: false } }]);
    expect(atRisk.state.watch.atRisk).toBe(true);
    // Until the parent has the signal, nothing else happens.
    const held = decideWatch(atRisk.state, morning, input, patched);
    expect(held).toMatchObject({ commands: [], wait: true });
    expect(held.wakeAt).toBeUndefined();

    const told = absorbWatch(
      held.state,
      { kind: 'parentSignalled', progress: { atRisk: true, closed: false } },
      morning,
      input,
    ).state;
    const escalation = decideWatch(told, morning, input, patched);
    const missed = [{ item: 'Session 3 assignment', dueDate: '2027-02-12' }];
    expect(escalation.commands).toEqual([
      {
        kind: 'send',
        intents: [
          {
            key: 'missed:Session 3 assignment@2027-02-12',
            template: 'revisedDeadline.escalation.pa',
            to: pa,
            data: {
              firstName: 'Pat',
              programName: rossier.name,
              candidateName: 'Carlos Rivera',
              missed,
              candidateUrl: CANDIDATE_URL,
            },
          },
          {
            key: 'atRisk:Session 3 assignment@2027-02-12:candidate',
            template: 'atRisk.notice.candidate',
            to: candidate,
            data: { firstName: 'Carlos', programName: rossier.name, missed, planUrl: PLAN_URL },
            cc: [coach],
          },
        ],
      },
    ]);
    // Nothing left to look at until a message arrives.
    const rest = decideWatch(absorbSent(escalation.state, escalation.commands, morning), morning, input, patched);
    expect(rest).toMatchObject({ commands: [], wait: true });
    expect(rest.wakeAt).toBeUndefined();
  });

  it('R-AW-2 R-TIME-3: without the quiet-hours patch (runs started before it) the parent is told at 00:00 with no sleep', () => {
    const midnight = Date.parse('2027-02-13T08:00:00.000Z');
    const d = decideWatch(beforeSession3Deadline(), midnight, input, never);
    expect(d.commands).toEqual([{ kind: 'signalParent', progress: { atRisk: true, closed: false } }]);
  });

  it('R-AW-2: the at-risk signal the parent never received is shown in the watch status, and the escalation still goes out', () => {
    const morning = Date.parse('2027-02-13T15:00:00.000Z');
    const atRisk = decideWatch(beforeSession3Deadline(), morning, input, always);
    const reason = 'Unable to signal external workflow because it was not found';
    const progress = { atRisk: true, closed: false };
    const failed = absorbWatch(atRisk.state, { kind: 'parentSignalFailed', progress, reason }, morning, input).state;
    expect(watchStatus(failed).parentSignalProblem).toEqual({ date: '2027-02-13', progress, reason });
    expect(summary(decideWatch(failed, morning, input, always).commands)).toEqual([
      {
        send: [
          'missed:Session 3 assignment@2027-02-12 revisedDeadline.escalation.pa → pa',
          'atRisk:Session 3 assignment@2027-02-12:candidate atRisk.notice.candidate → candidate cc coach',
        ],
      },
    ]);
  });

  it('R-AW-2 R-INT-2: an extension lifts at-risk and the parent is told as the event is recorded; then the plan with the new date is shared again and the next look is the new reminder', () => {
    const morning = Date.parse('2027-02-13T15:00:00.000Z');
    let core = decideWatch(beforeSession3Deadline(), morning, input, always).state;
    core = absorbWatch(
      core,
      { kind: 'parentSignalled', progress: { atRisk: true, closed: false } },
      morning,
      input,
    ).state;
    const e = decideWatch(core, morning, input, always);
    core = decideWatch(absorbSent(e.state, e.commands, morning), morning, input, always).state;

    const at = pacific('2027-02-16', '09:00');
    core = event(
      core,
      {
        type: 'watchExtended',
        date: '2027-02-16',
        revisedDeadlines: [{ item: 'Session 3 assignment', due: '2027-02-26' }],
      },
      at,
    );
    const urgent = parentSignalsNow(core);
    expect(urgent.commands).toEqual([{ kind: 'signalParent', progress: { atRisk: false, closed: false } }]);
    // Once carried out, the next decision does not tell the parent again.
    const d = decideWatch(urgent.state, at, input, always);
    expect(summary(d.commands)).toEqual([
      {
        send: [
          'plan:Session 1 assignment@2027-01-15|Session 2 assignment@2027-01-29|Session 3 assignment@2027-02-26:candidate remediationPlan.notice.candidate → candidate',
          'plan:Session 1 assignment@2027-01-15|Session 2 assignment@2027-01-29|Session 3 assignment@2027-02-26:coach remediationPlan.notice.coach → coach',
        ],
      },
    ]);
    const waiting = decideWatch(absorbSent(d.state, d.commands, at), at, input, always);
    expect(iso(waiting.wakeAt)).toBe('2027-02-23T16:00:00.000Z'); // Feb 23 08:00 Pacific
    // An engine that does not carry out parentSignalsNow gets the signal first in the next decision.
    expect(decideWatch(core, at, input, always).commands[0]).toEqual({
      kind: 'signalParent',
      progress: { atRisk: false, closed: false },
    });
  });
});

describe('academic watch core: closing', () => {
  it('R-AW-1: the PA closes the watch; the parent is told (closed, at-risk as it stands) and, once it has the signal, the watch completes with its record', () => {
    const at = pacific('2027-03-01', '09:00');
    const core = event(
      monitoring(),
      { type: 'watchClosed', date: '2027-03-01', note: 'All revised items complete.' },
      at,
    );
    const d = decideWatch(core, at, input, always);
    expect(d.commands).toEqual([{ kind: 'signalParent', progress: { atRisk: false, closed: true } }]);
    expect(decideWatch(d.state, at, input, always)).toMatchObject({ commands: [], wait: true });
    const told = absorbWatch(
      d.state,
      { kind: 'parentSignalled', progress: { atRisk: false, closed: true } },
      at,
      input,
    ).state;
    const done = decideWatch(told, at, input, always);
    expect(done.commands).toEqual([{ kind: 'complete', result: { outcome: 'closed', watch: told.watch } }]);
    expect(told.watch.stage).toBe('closed');
    expect(told.watch.notes.at(-1)).toEqual({
      date: '2027-03-01',
      step: 'closed',
      note: 'All revised items complete.',
    });
    const late = { type: 'interventionNoted', step: 'informationGathered', note: 'Met the coach' };
    expect(absorbWatch(told, { kind: 'event', event: late }, at, input).rejection).toEqual({
      type: 'EventNotAllowed',
      message: 'the academic watch is closed',
    });
  });
});
