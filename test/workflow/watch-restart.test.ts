// Patch watch-restart-waits (workflows/candidateLifecycle.ts, domain/patches.ts): when the PA closes
// an academic watch on a day the next one is already due, the closing watch may still hold its
// workflow id; the candidate's workflow waits for it to end instead of losing the new watch. The
// closing watch is held open until a start has been refused, so the race happens every run
// (test/support/races.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createTimeSkippingEnv } from '../support/time-skipping';
import { raceStep, refusedChildStarts, watchDueAgainAsItCloses } from '../support/races';
import { WATCH_RESTART_WAITS } from '../../workflows/patches';

let env: TestWorkflowEnvironment;
beforeEach(async () => {
  env = await createTimeSkippingEnv('2026-06-15T15:00:00Z');
});
afterEach(async () => {
  await env?.teardown();
});

/** The history's child starts, their outcomes, patch markers and timers, in order (not the old watch's end). */
function childStartSteps(history: temporal.api.history.v1.IHistory): string[] {
  return (history.events ?? []).flatMap((e) => {
    const step = raceStep(e);
    return step === undefined || step === 'activity' || step === 'update' ? [] : [step];
  });
}

describe('an academic watch due again as the PA closes the last one (time-skipping)', () => {
  it(`R-AW-1 ${WATCH_RESTART_WAITS}: the next watch starts once the closing one has ended, and its notices go out`, async () => {
    const race = await watchDueAgainAsItCloses(env);
    expect(race.closed.status).toBe('COMPLETED');
    expect(race.next.status).toBe('RUNNING');
    expect(race.next.runId).not.toBe(race.closed.runId);
    expect(race.status).toBe('RUNNING');

    // How many 100 ms waits the closing watch took depends on when it was let go; the shape does not:
    // the first refusal asks the patch, each refusal waits 100 ms, and the last start succeeds.
    const refused = refusedChildStarts(race.history);
    expect(refused).toBeGreaterThan(0);
    const steps = childStartSteps(race.history);
    const fromRefusal = steps.slice(steps.indexOf('refused') - 1);
    const fromLastWait = fromRefusal.slice(fromRefusal.indexOf('fired', fromRefusal.lastIndexOf('refused')) + 1);
    expect(fromRefusal).toEqual([
      'start',
      'refused',
      `patch ${WATCH_RESTART_WAITS}`,
      'timer',
      'fired',
      ...Array.from({ length: refused - 1 }, () => ['start', 'refused', 'timer', 'fired']).flat(),
      ...fromLastWait,
    ]);
    expect(fromLastWait.slice(0, 2)).toEqual(['start', 'started']);
    expect(steps.filter((s) => s === `patch ${WATCH_RESTART_WAITS}`)).toHaveLength(1);

    const notices = race.sent
      .filter((e) => e.template.startsWith('academicWatch.notice'))
      .map((e) => `${new Date(e.at).toISOString().slice(0, 10)} ${e.template}`);
    expect(notices).toEqual([
      '2026-11-17 academicWatch.notice.pa',
      '2026-11-17 academicWatch.notice.candidate',
      '2027-02-17 academicWatch.notice.pa',
      '2027-02-17 academicWatch.notice.candidate',
    ]);
    const second = race.sent.filter((e) => e.template === 'academicWatch.notice.pa')[1];
    expect(second?.data).toMatchObject({
      evidence: [
        'CASC 01: Developing a Shared Vision assignment missing (due 2026-10-19)',
        'CASC 02: Instructional Leadership in Action assignment missing (due 2026-11-16)',
        'CASC 03: Creating a Teaching & Learning Environment assignment missing (due 2027-01-18)',
        'CASC 04: Engaging Communities assignment missing (due 2027-02-15)',
      ],
      planDueBy: '2027-03-03',
    });
  }, 120_000);
});
