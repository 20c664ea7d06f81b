// Every recorded history (scripts/record-histories.ts) must replay against the current workflow
// code: a change that reorders, adds or removes commands for workflows already running fails here,
// not in production. Such a change needs patched() (README, "Changing a workflow safely").
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { temporal } from '@temporalio/proto';
import { DeterminismViolationError } from '@temporalio/workflow';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { bundleWorkflows, workflowBundle } from '../../simulator/time-skipping';
import { zonedInstant } from '../../domain/dates';
import * as patches from '../../workflows/patches';
import { simulationWorkerDataConverter } from '../../codec/data-converter';

const { DEFERRAL_PAUSES_PACE, EVENT_CONFIRMATIONS, PACE_FOLLOWS_CALENDAR, STATUS_CONFIRMATIONS } = patches;
const TZ = 'America/Los_Angeles';

const DIR = resolve(__dirname, 'histories');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json.gz')).sort();

// Files hold protobufjs' JSON form, gzipped; fromObject turns it back into a History message (with
// Long event ids, which the replayer takes as is).
function raw(file: string, dir = DIR): TRawHistory {
  return JSON.parse(gunzipSync(readFileSync(join(dir, file))).toString('utf8')) as TRawHistory;
}
function load(file: string, dir = DIR): temporal.api.history.v1.History {
  return temporal.api.history.v1.History.fromObject(raw(file, dir));
}

// The JSON form's few fields the patch checks read (payload data is base64 JSON).
interface TRawPayloads { payloads?: { data?: string }[] }
interface TRawHistory {
  events: {
    eventTime?: { seconds?: string };
    markerRecordedEventAttributes?: { markerName?: string; details?: Record<string, TRawPayloads> };
    activityTaskScheduledEventAttributes?: { activityType?: { name?: string }; input?: TRawPayloads };
  }[];
}
const decode = (p?: TRawPayloads): unknown => JSON.parse(Buffer.from(p?.payloads?.[0]?.data ?? 'bnVsbA==', 'base64').toString('utf8'));
/** The patch ids a history's workflow recorded (patched() writes a core_patch marker the first time). */
const patchIds = (h: TRawHistory) =>
  h.events.flatMap((e) => (e.markerRecordedEventAttributes?.markerName === 'core_patch' ? [(decode(e.markerRecordedEventAttributes.details?.['patch-data']) as { id: string }).id] : []));
/** Templates of the email batches scheduled in [fromMs, toMs). */
const emailsBetween = (h: TRawHistory, fromMs: number, toMs: number) =>
  h.events.flatMap((e) => {
    const a = e.activityTaskScheduledEventAttributes;
    const t = Number(e.eventTime?.seconds ?? 0) * 1000;
    if (a?.activityType?.name !== 'sendNotifications' || t < fromMs || t >= toMs) return [];
    return (decode(a.input) as { template: string }[]).map((n) => n.template);
  });

describe('replay corpus', () => {
  it('has a recorded history for each branch (on track, late admission, academic watch, deferral, withdrawal, failed panel, recommendation, lapse, continue-as-new)', () => {
    const branches = ['on-track.', 'late-admission.', 'carlos-late.carlos.academicWatch.', 'deferral.', 'withdrawal.', 'failed-panel.', 'jamal-on-track.jamal.credentialRecommendation.', 'lapse.lee.credentialRecommendation.', 'year-boundary.'];
    for (const branch of branches) {
      expect(files.some((f) => f.startsWith(branch)), `no ${branch}* history: run npx tsx scripts/record-histories.ts`).toBe(true);
    }
    expect(files.some((f) => /\.run2\.json\.gz$/.test(f)), 'no run after continue-as-new').toBe(true);
  });

  it('every recorded history replays against the current workflow code', async () => {
    const histories = files.map((file) => ({ workflowId: file.replace(/\.json\.gz$/, ''), history: load(file) }));
    const failures: string[] = [];
    // Through the payload codec, as production workers run: the corpus was recorded in plaintext (or
    // decoded by the simulator), and payloads not in binary/encrypted pass through unchanged.
    for await (const result of Worker.runReplayHistories({ workflowBundle: await workflowBundle(), dataConverter: simulationWorkerDataConverter() }, histories)) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.name}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('a workflow build that changes the command order fails replay with a DeterminismViolationError', async () => {
    const variant = await bundleWorkflows(resolve(__dirname, 'nondeterministic/index.ts'));
    const file = files.find((f) => f.startsWith('on-track.')) ?? files[0]!;
    await expect(Worker.runReplayHistory({ workflowBundle: variant }, load(file), 'nondeterministic')).rejects.toBeInstanceOf(DeterminismViolationError);
  }, 120_000);
});

// Each patched() id (workflows/patches.ts) keeps a history recorded before the change in
// test/replay/patches/<id>.before.*; the corpus holds one recorded after. Both must replay.
describe('patched() changes replay on both sides', () => {
  const PATCHES = resolve(__dirname, 'patches');
  const patchFiles = readdirSync(PATCHES).filter((f) => f.endsWith('.json.gz'));

  it('every patch id has a history recorded before the change', () => {
    for (const id of Object.values(patches)) expect(patchFiles.some((f) => f.startsWith(`${id}.before.`)), `no test/replay/patches/${id}.before.* history`).toBe(true);
  });

  const bothSides = async (id: string, afterPrefix: string) => {
    const beforeFile = patchFiles.find((f) => f.startsWith(`${id}.before.`))!;
    const afterFile = files.find((f) => f.startsWith(afterPrefix))!;
    const bundle = await workflowBundle();
    await Worker.runReplayHistory({ workflowBundle: bundle }, load(beforeFile, PATCHES), `${id}.before`);
    await Worker.runReplayHistory({ workflowBundle: bundle }, load(afterFile), `${id}.after`);
    return { before: raw(beforeFile, PATCHES), after: raw(afterFile) };
  };
  const pace = (templates: string[]) => templates.filter((t) => t.startsWith('hoursPace.'));

  it(`R-INT-2 R-HRS-3 ${DEFERRAL_PAUSES_PACE}: before the patch pace notices went out during the deferral, after it none (only its confirmation); both histories replay`, async () => {
    const { before, after } = await bothSides(DEFERRAL_PAUSES_PACE, 'deferral.');
    // The scenario's deferral: 2026-08-28 for three months (test/replay/scenarios/deferral.json).
    const during = [zonedInstant('2026-08-28', '00:00', TZ), zonedInstant('2026-11-28', '00:00', TZ)] as const;
    expect(patchIds(before)).not.toContain(DEFERRAL_PAUSES_PACE);
    expect(pace(emailsBetween(before, ...during))).not.toEqual([]);
    expect(patchIds(after)).toContain(DEFERRAL_PAUSES_PACE);
    // During the deferral only its confirmation (patch event-confirmations, sent the day it began).
    expect(emailsBetween(after, ...during)).toEqual(['deferral.confirmation.candidate']);
  }, 120_000);

  it(`R-HRS-3 ${PACE_FOLLOWS_CALENDAR}: before the patch on-track Jamal was told his learning hours were behind, after it not; both histories replay`, async () => {
    const { before, after } = await bothSides(PACE_FOLLOWS_CALENDAR, 'jamal-on-track.jamal.run1.');
    const year1 = [zonedInstant('2026-06-15', '00:00', TZ), zonedInstant('2027-08-01', '00:00', TZ)] as const;
    expect(patchIds(before)).not.toContain(PACE_FOLLOWS_CALENDAR);
    expect(pace(emailsBetween(before, ...year1)).length).toBeGreaterThanOrEqual(6);
    expect(patchIds(after)).toContain(PACE_FOLLOWS_CALENDAR);
    expect(pace(emailsBetween(after, ...year1))).toEqual([]);
  }, 120_000);

  it(`R-PF-2 ${EVENT_CONFIRMATIONS}: before the patch a failed panel presentation told the candidate nothing, after it the next steps once; both histories replay`, async () => {
    const { before, after } = await bothSides(EVENT_CONFIRMATIONS, 'failed-panel.fay.run2.');
    const all = [0, Number.MAX_SAFE_INTEGER] as const;
    expect(patchIds(before)).not.toContain(EVENT_CONFIRMATIONS);
    expect(emailsBetween(before, ...all).filter((t) => t === 'portfolioPanel.notice.candidate')).toEqual([]);
    expect(patchIds(after)).toContain(EVENT_CONFIRMATIONS);
    expect(emailsBetween(after, ...all).filter((t) => t === 'portfolioPanel.notice.candidate')).toEqual(['portfolioPanel.notice.candidate']);
  }, 120_000);

  it(`R-ADM-5 ${STATUS_CONFIRMATIONS}: before the patch a withdrawal closed the record without a word to the candidate, after it the confirmation once; both histories replay`, async () => {
    const { before, after } = await bothSides(STATUS_CONFIRMATIONS, 'withdrawal.chen.run1.');
    const all = [0, Number.MAX_SAFE_INTEGER] as const;
    const confirmations = (h: TRawHistory) => emailsBetween(h, ...all).filter((t) => t === 'withdrawal.confirmation.candidate');
    expect(patchIds(before)).not.toContain(STATUS_CONFIRMATIONS);
    expect(confirmations(before)).toEqual([]);
    expect(patchIds(after)).toContain(STATUS_CONFIRMATIONS);
    expect(confirmations(after)).toEqual(['withdrawal.confirmation.candidate']);
  }, 120_000);
});
