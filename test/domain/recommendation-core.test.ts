// The recommendation chain's decision core (domain/recommendation/core.ts), pure: each test feeds it
// steps and command results at given instants and checks the exact commands, recipients and wake-up.
import { describe, expect, it } from 'vitest';
import { zonedInstant, type TLocalDate } from '../../domain/calendar/dates';
import type { TCandidateEvent } from '../../domain/events';
import { RECOMMENDATION_STEPS } from '../support/recommendation-steps';
import { rossier } from '../../domain/policy/policy';
import {
  absorbRecommendation,
  carriedOf,
  decideRecommendation,
  initialRecommendationCore,
  recommendationStatus,
  type TRecommendationCommand,
  type TRecommendationCore,
  type TRecommendationInput,
  type TRecommendationMessage,
} from '../../domain/recommendation/core';
import { recommendationInput } from '../support/completion-fixtures';

const PARENT = 'candidate-rossier-jamal1';
const WORKFLOW = 'recommendation-rossier-jamal1';
const PACKET = '2028-06-08-abcdef123456';
const input: TRecommendationInput = { ...recommendationInput('jamal1'), parentWorkflowId: PARENT };
const at = (date: TLocalDate, time = '08:00') => zonedInstant(date, time, rossier.timeZone);
const always = () => true;

const PROGRAM = 'USC Rossier Clear Administrative Services Credential';
const COACH = { role: 'coach', name: 'Gloria Sharp', email: 'gloria.sharp@example.org' };
const CANDIDATE = { role: 'candidate', name: 'Jamal <b>Jackson</b>', email: 'jamal.jackson@example.org' };
const OFFICE = { role: 'credentialsOffice', name: 'Rossier Credentials Office', email: 'credentials@example.edu' };
const PA = { role: 'pa', name: 'Dr. Tran', email: 'pa.tran@example.edu' };
const PORTAL = 'http://127.0.0.1:8787';

const STEP = {
  ...RECOMMENDATION_STEPS,
  paVerified: { ...RECOMMENDATION_STEPS.paVerified, by: { role: 'pa', id: 'tran' } },
} satisfies Record<string, TCandidateEvent>;

/** Absorbs a step recorded on `date` (at 10:00), asserting it is accepted. */
function record(
  core: TRecommendationCore,
  event: TCandidateEvent,
  date: TLocalDate,
  into: TRecommendationInput = input,
): TRecommendationCore {
  const absorbed = absorbRecommendation(core, { kind: 'event', event: { ...event, date } }, at(date, '10:00'), into);
  expect(absorbed.rejection).toBeUndefined();
  return absorbed.state;
}

/** One turn, as an interpreter runs it: decide until quiet, every command succeeding. */
function turn(start: TRecommendationCore, nowMs: number, into: TRecommendationInput = input) {
  let core = start;
  const commands: TRecommendationCommand[] = [];
  for (;;) {
    const d = decideRecommendation(core, nowMs, into, always);
    core = d.state;
    if (d.commands.length === 0) return { core, commands, wakeAt: d.wakeAt };
    for (const c of d.commands) {
      commands.push(c);
      if (c.kind === 'complete') return { core, commands, wakeAt: d.wakeAt };
      const reply: TRecommendationMessage | undefined =
        c.kind === 'send'
          ? { kind: 'sent', intents: c.intents, results: [], sentAtMs: nowMs, workflowId: WORKFLOW }
          : c.kind === 'createHandoffPacket'
            ? { kind: 'handoffStored', packet: { packetId: PACKET, jsonPath: 'j.json', htmlPath: 'h.html' } }
            : c.kind === 'markHandoffRecommended'
              ? { kind: 'handoffMarked' }
              : c.kind === 'signalParent'
                ? { kind: 'parentSignalled', key: c.key }
                : undefined;
      if (reply) core = absorbRecommendation(core, reply, nowMs, into).state;
    }
  }
}

const start = () => initialRecommendationCore(input, at('2028-06-01'));
/** Steps 1–3 recorded (Jun 1, 5, 8), the packet not yet stored. */
const ready = () =>
  record(
    record(
      record(turn(start(), at('2028-06-01')).core, STEP.coachVerified, '2028-06-01'),
      STEP.candidateDocumentsSubmitted,
      '2028-06-05',
    ),
    STEP.paVerified,
    '2028-06-08',
  );
/** Through Step 4 (Jun 10), every effect carried out. */
const recommended = () =>
  turn(
    record(turn(ready(), at('2028-06-08', '10:00')).core, STEP.recommendedToCtc, '2028-06-10'),
    at('2028-06-10', '10:00'),
  ).core;

describe('recommendation core: steps (absorb)', () => {
  it('R-REC-1 R-REC-2: steps are accepted in order only; out of order is EventNotAllowed naming the step due, a malformed step InvalidEvent; a rejection leaves the core as it was', () => {
    const core = start();
    const now = at('2028-06-01');
    const absorb = (event: unknown) => absorbRecommendation(core, { kind: 'event', event }, now, input);
    expect(absorb(STEP.paVerified)).toEqual({
      state: core,
      rejection: {
        type: 'EventNotAllowed',
        message:
          "'paVerified' is step 3 (R-REC-3) and cannot come before step 1: step 1 (R-REC-1) is due: the coach owes 'coachVerified' (sign the IIP checklist and send it to the PA; confirm hours, proficiency and the portfolio score) by 2028-06-15",
      },
    });
    expect(absorb({ ...STEP.coachVerified, date: '2028-06-02' }).rejection).toEqual({
      type: 'EventNotAllowed',
      message: 'date 2028-06-02 is in the future (today is 2028-06-01)',
    });
    expect(absorb({ ...STEP.coachVerified, by: { role: 'candidate' } }).rejection).toEqual({
      type: 'InvalidEvent',
      message: 'invalid event: by.id: Invalid input: expected string, received undefined',
    });
    const accepted = absorb(STEP.coachVerified);
    expect(accepted.reply).toEqual({ accepted: true, type: 'coachVerified', date: '2028-06-01', step: 2 });
    expect(accepted.state.state.completed.step1).toEqual({ date: '2028-06-01', by: { role: 'coach' } });
  });

  it('R-CMP-1 R-REC-1: Step 1 is refused while the completion review the chain started with is not ready', () => {
    const base = recommendationInput('jamal1');
    const notReady: TRecommendationInput = {
      ...base,
      completion: {
        ...base.completion,
        ready: false,
        items: base.completion.items.map((i, n) => (n === 0 ? { ...i, met: false } : i)),
      },
    };
    const first = base.completion.items[0]!;
    const absorbed = absorbRecommendation(
      initialRecommendationCore(notReady, at('2028-06-01')),
      { kind: 'event', event: STEP.coachVerified },
      at('2028-06-01'),
      notReady,
    );
    expect(absorbed.rejection).toEqual({
      type: 'EventNotAllowed',
      message: `completion review is not complete, so the recommendation cannot begin: missing ${first.label} (${first.rule}, owed by ${first.owner})`,
    });
  });
});

describe('recommendation core: decisions', () => {
  it('R-REC-1: the first turn reminds the coach the day Step 1 opens, then sleeps until 2 days before it is due (Jun 13, 08:00)', () => {
    const t = turn(start(), at('2028-06-01'));
    expect(t.commands).toEqual([
      {
        kind: 'send',
        intents: [
          {
            key: 'rec.step1.2028-06-01:r14:coach',
            template: 'recommendationStep.reminder.coach',
            to: COACH,
            data: {
              firstName: 'Gloria',
              programName: PROGRAM,
              candidateName: 'Jamal <b>Jackson</b>',
              dueBy: '2028-06-15',
              stepUrl: `${PORTAL}/portal/rossier-jamal1/recommendation/step-1`,
            },
          },
        ],
      },
    ]);
    expect(t.wakeAt).toBe(at('2028-06-13'));
    expect(t.core.state.notified).toEqual(['rec.step1.2028-06-01:r14:coach']);
    expect(t.core.stage).toBe('top');
  });

  it('R-REC-3: READY TO RECOMMEND, decision by decision: store the packet; then email the office its link; then tell the parent steps 1–3 (3 with the packet id); then remind the office of Step 4', () => {
    const now = at('2028-06-08', '10:00');
    let core = ready();
    const decide = () => {
      const d = decideRecommendation(core, now, input, always);
      core = d.state;
      return d;
    };

    const packet = decide();
    expect(packet.commands).toHaveLength(1);
    const [create] = packet.commands;
    expect(create?.kind).toBe('createHandoffPacket');
    if (create?.kind !== 'createHandoffPacket') return;
    expect(create.packetInput.readyOn).toBe('2028-06-08');
    expect(create.packetInput.program).toEqual({ id: 'rossier', name: PROGRAM, policyId: rossier.id });
    expect(create.packetInput.steps.map((s) => [s.step, s.date, s.by])).toEqual([
      [1, '2028-06-01', { role: 'coach' }],
      [2, '2028-06-05', { role: 'candidate' }],
      [3, '2028-06-08', { role: 'pa', id: 'tran' }],
    ]);
    core = absorbRecommendation(
      core,
      { kind: 'handoffStored', packet: { packetId: PACKET, jsonPath: 'j.json', htmlPath: 'h.html' } },
      now,
      input,
    ).state;
    expect(core.handoff).toEqual({
      packetId: PACKET,
      jsonPath: 'j.json',
      htmlPath: 'h.html',
      packetUrl: `${PORTAL}/dashboard/handoffs/rossier-jamal1/${PACKET}`,
    });

    const notice = decide();
    expect(notice.commands).toEqual([
      {
        kind: 'send',
        intents: [
          {
            key: `handoff.${PACKET}:credentialsOffice`,
            template: 'handoff.notice.credentialsOffice',
            to: OFFICE,
            data: {
              firstName: 'Rossier',
              programName: PROGRAM,
              candidateName: 'Jamal <b>Jackson</b>',
              readyOn: '2028-06-08',
              packetUrl: `${PORTAL}/dashboard/handoffs/rossier-jamal1/${PACKET}`,
            },
          },
        ],
      },
    ]);
    core = absorbRecommendation(
      core,
      {
        kind: 'sent',
        intents: notice.commands[0]!.kind === 'send' ? notice.commands[0]!.intents : [],
        results: [],
        sentAtMs: now,
        workflowId: WORKFLOW,
      },
      now,
      input,
    ).state;

    expect(decide().commands).toEqual([
      { kind: 'signalParent', parentWorkflowId: PARENT, key: 'step1', progress: { step: 1, date: '2028-06-01' } },
      { kind: 'signalParent', parentWorkflowId: PARENT, key: 'step2', progress: { step: 2, date: '2028-06-05' } },
      {
        kind: 'signalParent',
        parentWorkflowId: PARENT,
        key: 'step3',
        progress: { step: 3, date: '2028-06-08', packetId: PACKET },
      },
    ]);
    expect(core.progressSent).toEqual(['step1', 'step2', 'step3']);

    const plan = decide();
    expect(plan.commands).toEqual([
      {
        kind: 'send',
        intents: [
          {
            key: 'rec.step4.2028-06-08:r14:credentialsOffice',
            template: 'recommendationStep.reminder.credentialsOffice',
            to: OFFICE,
            data: {
              firstName: 'Rossier',
              programName: PROGRAM,
              candidateName: 'Jamal <b>Jackson</b>',
              dueBy: '2028-06-22',
              stepUrl: `${PORTAL}/portal/rossier-jamal1/recommendation/step-4`,
            },
          },
        ],
      },
    ]);
    core = absorbRecommendation(
      core,
      {
        kind: 'sent',
        intents: plan.commands[0]!.kind === 'send' ? plan.commands[0]!.intents : [],
        results: [],
        sentAtMs: now,
        workflowId: WORKFLOW,
      },
      now,
      input,
    ).state;
    const end = decide();
    expect(end).toEqual({ state: { ...core, stage: 'top' }, commands: [], wakeAt: at('2028-06-20') });
    expect(end.state.planWakeAt).toBeUndefined();
  });

  it('R-REC-3: a packet that can never validate becomes the PA-visible handoff problem: no office notice, and step 3 reaches the parent without a packet id', () => {
    const now = at('2028-06-08', '10:00');
    const first = decideRecommendation(ready(), now, input, always);
    const failed = absorbRecommendation(
      first.state,
      {
        kind: 'handoffFailed',
        reason: 'createHandoffPacket: invalid input: ✖ a handoff needs a complete completion review',
      },
      now,
      input,
    ).state;
    expect(failed.handoffProblem).toBe(
      'createHandoffPacket: invalid input: ✖ a handoff needs a complete completion review',
    );
    const rest = turn(failed, now);
    expect(
      rest.commands.map((c) =>
        c.kind === 'send' ? c.intents.map((n) => n.key) : c.kind === 'signalParent' ? c.progress : c.kind,
      ),
    ).toEqual([
      { step: 1, date: '2028-06-01' },
      { step: 2, date: '2028-06-05' },
      { step: 3, date: '2028-06-08' },
      ['rec.step4.2028-06-08:r14:credentialsOffice'],
    ]);
    // Never asked again: the problem is kept until the PA acts outside the chain.
    expect(turn(rest.core, at('2028-06-09')).commands).toEqual([]);
  });

  it('R-REC-4: after Step 4 the packet is marked recommended (it leaves the office queue), the parent hears step 4, and the chain sleeps until the 60-day CTC reminder (Jul 10, 08:00)', () => {
    const t = turn(
      record(turn(ready(), at('2028-06-08', '10:00')).core, STEP.recommendedToCtc, '2028-06-10'),
      at('2028-06-10', '10:00'),
    );
    expect(t.commands).toEqual([
      {
        kind: 'markHandoffRecommended',
        args: { candidateKey: 'rossier-jamal1', packetId: PACKET, recommendedOn: '2028-06-10' },
      },
      { kind: 'signalParent', parentWorkflowId: PARENT, key: 'step4', progress: { step: 4, date: '2028-06-10' } },
    ]);
    expect(t.core.handoff?.recommendedMarked).toBe(true);
    expect(t.wakeAt).toBe(at('2028-07-10'));
  });

  it('R-REC-5: completion clears the chain: the candidate is told, the parent hears cleared, the record is archived, and the run completes with the outcome', () => {
    const core = record(recommended(), STEP.ctcStepsCompleted, '2028-07-01');
    const t = turn(core, at('2028-07-01', '10:00'));
    const outcome = { outcome: 'cleared', recommendedOn: '2028-06-10', clearedOn: '2028-07-01' };
    expect(t.commands).toEqual([
      {
        kind: 'send',
        intents: [
          {
            key: 'cleared:candidate',
            template: 'cleared.notice.candidate',
            to: CANDIDATE,
            data: { firstName: 'Jamal', programName: PROGRAM, clearedOn: '2028-07-01' },
          },
        ],
      },
      {
        kind: 'signalParent',
        parentWorkflowId: PARENT,
        key: 'cleared',
        progress: { step: 'cleared', date: '2028-07-01' },
      },
      {
        kind: 'archive',
        args: {
          key: 'rossier-jamal1',
          source: 'recommendation',
          archivedOn: '2028-07-01',
          record: {
            input,
            state: { ...t.core.state },
            handoff: t.core.handoff,
            handoffProblem: undefined,
            deliveryProblems: [],
            outcome,
          },
        },
      },
      { kind: 'complete', outcome },
    ]);
    expect(t.core.state.notified.at(-1)).toBe('cleared:candidate');
  });

  it('R-REC-5: the window (to Sep 8) lapses at midnight Sep 9 (the parent hears it), the lapse notice goes to the candidate and the PA at 08:00 on the next working day (Monday, Sep 11); a renewal opens window w1; with none, the chain ends lapsed a year later', () => {
    const r7 = turn(recommended(), at('2028-09-01'));
    expect(
      r7.commands.flatMap((c) => (c.kind === 'send' ? c.intents.map((n) => `${n.key} → ${n.to.email}`) : [])),
    ).toEqual(['rec.ctcWindow.w0:r7:candidate → jamal.jackson@example.org']);
    expect(r7.wakeAt).toBe(at('2028-09-09', '00:00'));

    const lapse = turn(r7.core, at('2028-09-09', '00:00'));
    expect(lapse.commands).toEqual([
      {
        kind: 'signalParent',
        parentWorkflowId: PARENT,
        key: 'lapsed.w0',
        progress: { step: 'lapsed', date: '2028-09-08' },
      },
    ]);
    expect(lapse.core.state).toMatchObject({ step: 'lapsed', lapsedOn: '2028-09-08' });
    // Sep 9 is a Saturday: the notice waits for Monday.
    expect(lapse.wakeAt).toBe(at('2028-09-11'));

    const notice = turn(lapse.core, at('2028-09-11'));
    expect(
      notice.commands.flatMap((c) => (c.kind === 'send' ? c.intents.map((n) => [n.key, n.template, n.to]) : [])),
    ).toEqual([
      ['rec.ctcWindow.w0:escalation:candidate', 'ctcWindow.notice.candidate', CANDIDATE],
      ['rec.ctcWindow.w0:escalation:pa', 'ctcWindow.notice.pa', PA],
    ]);
    expect(notice.wakeAt).toBe(at('2029-09-08', '00:00'));

    const renewed = turn(record(notice.core, STEP.recommendedToCtc, '2028-09-20'), at('2028-09-20', '10:00'));
    expect(renewed.commands).toEqual([
      {
        kind: 'signalParent',
        parentWorkflowId: PARENT,
        key: 'step4.r1',
        progress: { step: 4, date: '2028-09-20', renewal: 1 },
      },
    ]);
    expect(renewed.core.state).toMatchObject({ step: 'recommended', recommendedOn: '2028-09-20', renewals: 1 });

    const end = turn(notice.core, at('2029-09-08', '00:00'));
    expect(end.commands.map((c) => c.kind)).toEqual(['archive', 'complete']);
    expect(end.commands.at(-1)).toEqual({
      kind: 'complete',
      outcome: { outcome: 'lapsed', recommendedOn: '2028-06-10', lapsedOn: '2028-09-08' },
    });
  });

  it('turn order: a step that arrives while the turn sends its reminders is acted on in the next turn, never by going back within this one (the order the recorded histories replay)', () => {
    const before = turn(
      record(turn(start(), at('2028-06-01')).core, STEP.coachVerified, '2028-06-01'),
      at('2028-06-01', '10:00'),
    ).core;
    const now = at('2028-06-05', '10:00');
    let core = record(before, STEP.candidateDocumentsSubmitted, '2028-06-05');
    // The parent hears step 2, then the PA is reminded of Step 3 (opens Jun 5).
    expect(decideRecommendation(core, now, input, always).commands.map((c) => c.kind)).toEqual(['signalParent']);
    core = decideRecommendation(core, now, input, always).state;
    const plan = decideRecommendation(core, now, input, always);
    expect(plan.commands.map((c) => (c.kind === 'send' ? c.intents.map((n) => n.key) : c.kind))).toEqual([
      ['rec.step3.2028-06-05:r7:pa'],
    ]);
    // Step 3 arrives while that send is out:
    core = record(plan.state, STEP.paVerified, '2028-06-05');
    core = absorbRecommendation(
      core,
      {
        kind: 'sent',
        intents: plan.commands[0]!.kind === 'send' ? plan.commands[0]!.intents : [],
        results: [],
        sentAtMs: now,
        workflowId: WORKFLOW,
      },
      now,
      input,
    ).state;
    expect(core.state.notified).toContain('rec.step3.2028-06-05:r7:pa');
    expect(core.state.step).toBe(4);
    const quiet = decideRecommendation(core, now, input, always);
    expect(quiet.commands).toEqual([]);
    expect(quiet.state.stage).toBe('top');
    expect(decideRecommendation(quiet.state, now + 1, input, always).commands.map((c) => c.kind)).toEqual([
      'createHandoffPacket',
    ]);
  });

  it('without a parent, progress is only marked sent: no signal goes out', () => {
    const alone: TRecommendationInput = recommendationInput('jamal1');
    const core = record(
      turn(initialRecommendationCore(alone, at('2028-06-01')), at('2028-06-01'), alone).core,
      STEP.coachVerified,
      '2028-06-01',
      alone,
    );
    const t = turn(core, at('2028-06-01', '10:00'), alone);
    expect(t.commands.map((c) => c.kind)).toEqual(['send']);
    expect(t.core.progressSent).toEqual(['step1']);
  });
});

describe('recommendation core: send results and carried state', () => {
  it('a send result merges into the current core (a step absorbed meanwhile is kept); a refused address and a failed batch become delivery problems dated the send day, appended', () => {
    const now = at('2028-06-01');
    const plan = decideRecommendation(start(), now, input, always);
    const intents = plan.commands[0]!.kind === 'send' ? plan.commands[0]!.intents : [];
    const meanwhile = record(plan.state, STEP.coachVerified, '2028-06-01');
    const refused = absorbRecommendation(
      meanwhile,
      {
        kind: 'sent',
        intents,
        results: [
          {
            idempotencyKey: `${WORKFLOW}:rec.step1.2028-06-01:r14:coach`,
            status: 'failedPermanently',
            reason: 'hardBounce',
            detail: 'mailbox does not exist',
          },
        ],
        sentAtMs: now,
        workflowId: WORKFLOW,
      },
      now,
      input,
    ).state;
    expect(refused.state.step).toBe(2);
    expect(refused.state.notified).toEqual(['rec.step1.2028-06-01:r14:coach']);
    expect(refused.deliveryProblems).toEqual([
      {
        date: '2028-06-01',
        template: 'recommendationStep.reminder.coach',
        recipientRole: 'coach',
        reason: 'hardBounce: mailbox does not exist',
      },
    ]);

    const later = at('2028-06-02');
    const batchFailed = absorbRecommendation(
      refused,
      {
        kind: 'sendFailed',
        intents,
        reason: 'EmailInvalidBatch: sendNotifications: invalid batch',
        sentAtMs: later,
        workflowId: WORKFLOW,
      },
      later,
      input,
    ).state;
    expect(batchFailed.deliveryProblems).toEqual([
      {
        date: '2028-06-01',
        template: 'recommendationStep.reminder.coach',
        recipientRole: 'coach',
        reason: 'hardBounce: mailbox does not exist',
      },
      {
        date: '2028-06-02',
        template: 'recommendationStep.reminder.coach',
        recipientRole: 'coach',
        reason: 'EmailInvalidBatch: sendNotifications: invalid batch',
      },
    ]);
    expect(recommendationStatus(batchFailed, input, later).deliveryProblems).toEqual(batchFailed.deliveryProblems);
  });

  it('continue-as-new carries exactly the recorded shape (state, handoff, handoffProblem, progressSent, deliveryProblems); a carried core resumes at the top of a turn with nothing repeated', () => {
    const core = recommended();
    const carried = carriedOf(core);
    expect(Object.keys(carried).sort()).toEqual([
      'deliveryProblems',
      'handoff',
      'handoffProblem',
      'progressSent',
      'state',
    ]);
    const next = initialRecommendationCore(
      { ...input, carried: JSON.parse(JSON.stringify(carried)) as typeof carried },
      at('2028-06-20'),
    );
    expect(next).toEqual({
      state: core.state,
      handoff: core.handoff,
      progressSent: ['step1', 'step2', 'step3', 'step4'],
      deliveryProblems: [],
      stage: 'top',
    });
    const t = turn(next, at('2028-06-20'));
    expect(t.commands).toEqual([]);
    expect(t.wakeAt).toBe(at('2028-07-10'));
  });
});
