// The handoff packet and the archive on the local store (a temp dir): the JSON validates, the HTML
// escapes, writes are once-only, the office's queue lists what is not yet recommended, and no IIP
// goal text is anywhere (R-IIP-5).
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApplicationFailure } from '@temporalio/common';
import { ZHandoffPacket, handoffInput } from '../../domain/recommendation/handoff';
import { applyStep, initialRecommendationState, type TRecommendationEvent } from '../../domain/recommendation/steps';
import { rossier } from '../../domain/policy/policy';
import { createHandoffActivities, createLocalHandoffStore } from '../../activities/handoff';
import { createArchiveActivities, createLocalArchiveStore } from '../../activities/archive';
import { GOAL_MARKER, completeState, readyReview } from '../support/completion-fixtures';

const tempDir = () => mkdtempSync(join(tmpdir(), 'casc-handoff-'));

function readyInput(candidateId = 'jamal1') {
  const events: TRecommendationEvent[] = [
    {
      type: 'coachVerified',
      checklistSigned: true,
      hoursConfirmed: true,
      proficiencyConfirmed: true,
      portfolioScoreConfirmed: true,
      date: '2028-06-03',
    },
    {
      type: 'candidateDocumentsSubmitted',
      coachingLogs: true,
      learningLogs: true,
      programEvaluation: true,
      portalAccount: true,
      pascOrCoe: true,
      hrLetter: true,
      checklistSigned: true,
      crrSent: true,
      date: '2028-06-09',
    },
    {
      type: 'paVerified',
      finalChecklistSigned: true,
      hrLetterVerified: true,
      pascVerified: true,
      crrCompleted: true,
      date: '2028-06-12',
      by: { role: 'pa', id: 'tran' },
    },
  ];
  const state = events.reduce((s, e) => applyStep(s, e, e.date!), initialRecommendationState('2028-06-01'));
  const start = completeState(candidateId).start;
  return handoffInput({
    candidateKey: `rossier-${candidateId}`,
    candidate: start.candidate,
    programName: rossier.name,
    policyId: rossier.id,
    completion: readyReview(),
    state,
  });
}

describe('handoff packet (R-REC-3 → R-REC-4)', () => {
  it('R-REC-3: READY TO RECOMMEND stores a validated JSON record and an escaped HTML summary of every verification item', async () => {
    const dir = tempDir();
    const { createHandoffPacket } = createHandoffActivities({ store: createLocalHandoffStore(dir) });
    const result = await createHandoffPacket(readyInput());
    expect(result.packetId).toMatch(/^2028-06-12-[0-9a-f]{12}$/);
    expect(result.jsonPath).toBe(`${dir}/rossier-jamal1/${result.packetId}.json`);

    const packet = ZHandoffPacket.parse(JSON.parse(readFileSync(result.jsonPath, 'utf8')));
    expect(packet).toMatchObject({
      candidateKey: 'rossier-jamal1',
      candidate: { email: 'jamal.jackson@example.org' },
      program: { id: 'rossier', policyId: 'rossier' },
      readyOn: '2028-06-12',
      experienceYears: 2,
      credentialDocument: 'pasc',
      hours: { year1: { coaching: 42, learning: 63 } },
      portfolio: { year1Review: { passed: true }, presentation: { panelScores: [3, 4, 3] } },
    });
    expect(packet.recommendationSteps.map((s) => [s.step, s.date, s.by.role])).toEqual([
      [1, '2028-06-03', 'coach'],
      [2, '2028-06-09', 'candidate'],
      [3, '2028-06-12', 'pa'],
    ]);
    expect(packet.verification).toHaveLength(readyReview().items.length);
    expect(packet.verification.find((v) => v.id === 'experience')).toMatchObject({
      verifiedOn: '2028-05-20',
      verifiedBy: 'program administrator',
    });

    const html = readFileSync(result.htmlPath, 'utf8');
    expect(html).toContain('Jamal &lt;b&gt;Jackson&lt;/b&gt;');
    expect(html).not.toContain('<b>Jackson');
    expect(html).toContain('R-CMP-2');
    expect(html).not.toMatch(/<script/i);
  });

  it('R-IIP-5: neither the packet nor its summary carries IIP goal text', async () => {
    const dir = tempDir();
    const result = await createHandoffActivities({ store: createLocalHandoffStore(dir) }).createHandoffPacket(
      readyInput(),
    );
    for (const file of [result.jsonPath, result.htmlPath])
      expect(readFileSync(file, 'utf8')).not.toContain(GOAL_MARKER);
  });

  it('R-REC-3: writes are once-only: a retried activity returns the same packet and never overwrites it', async () => {
    const dir = tempDir();
    const { createHandoffPacket } = createHandoffActivities({ store: createLocalHandoffStore(dir) });
    const first = await createHandoffPacket(readyInput());
    writeFileSync(first.htmlPath, 'tampered'); // proves the second call does not write again
    const again = await createHandoffPacket(readyInput());
    expect(again).toEqual({ ...first, created: false });
    expect(readFileSync(first.htmlPath, 'utf8')).toBe('tampered');
    expect(readdirSync(join(dir, 'rossier-jamal1')).sort()).toEqual([
      `${first.packetId}.html`,
      `${first.packetId}.json`,
    ]);
  });

  it('R-REC-4: the office queue lists packets until the recommendation to the CTC is recorded', async () => {
    const dir = tempDir();
    const store = createLocalHandoffStore(dir);
    const { createHandoffPacket, markHandoffRecommended } = createHandoffActivities({ store });
    const a = await createHandoffPacket(readyInput('amy'));
    const b = await createHandoffPacket(readyInput('ben'));
    expect((await store.listPending()).map((p) => [p.candidateKey, p.packetId, p.readyOn])).toEqual([
      ['rossier-amy', a.packetId, '2028-06-12'],
      ['rossier-ben', b.packetId, '2028-06-12'],
    ]);
    await markHandoffRecommended({ candidateKey: 'rossier-amy', packetId: a.packetId, recommendedOn: '2028-06-19' });
    await markHandoffRecommended({ candidateKey: 'rossier-amy', packetId: a.packetId, recommendedOn: '2028-06-19' });
    expect((await store.listPending()).map((p) => p.candidateKey)).toEqual(['rossier-ben']);
    expect((await store.read('rossier-amy', a.packetId))?.packet.candidateKey).toBe('rossier-amy');
  });

  it('R-REC-3: an input that is not ready, or a key that is not a candidate key, is rejected as non-retryable', async () => {
    const { createHandoffPacket } = createHandoffActivities({ store: createLocalHandoffStore(tempDir()) });
    const notReady = { ...readyInput(), completion: { ...readyReview(), ready: false } };
    await expect(createHandoffPacket(notReady as never)).rejects.toSatisfy(
      (e: unknown) => e instanceof ApplicationFailure && e.nonRetryable === true && /ready/.test(e.message),
    );
    await expect(createHandoffPacket({ ...readyInput(), candidateKey: '../etc' })).rejects.toBeInstanceOf(
      ApplicationFailure,
    );
  });
});

describe('archive', () => {
  it("archives a closed workflow's whole record once, under <key>/<date>.json (Temporal keeps closed histories only for the retention period)", async () => {
    const dir = tempDir();
    const { archiveCandidateRecord } = createArchiveActivities({ store: createLocalArchiveStore(dir) });
    const record = { state: completeState(), outcome: 'cleared' };
    const first = await archiveCandidateRecord({ key: 'rossier-jamal1', record, archivedOn: '2028-10-01' });
    expect(first).toEqual({ location: join(dir, 'rossier-jamal1', '2028-10-01.json'), created: true });
    expect(await archiveCandidateRecord({ key: 'rossier-jamal1', record, archivedOn: '2028-10-01' })).toMatchObject({
      created: false,
    });
    const child = await archiveCandidateRecord({
      key: 'rossier-jamal1',
      record: { step: 'cleared' },
      archivedOn: '2028-10-01',
      source: 'recommendation',
    });
    expect(child.location).toBe(join(dir, 'rossier-jamal1', '2028-10-01.recommendation.json'));
    const saved = JSON.parse(readFileSync(first.location, 'utf8'));
    expect(saved).toMatchObject({
      schema: 'casc.archive/v1',
      candidateKey: 'rossier-jamal1',
      archivedOn: '2028-10-01',
      record: { outcome: 'cleared' },
    });
    await expect(archiveCandidateRecord({ key: 'bad/../key', record })).rejects.toBeInstanceOf(ApplicationFailure);
  });
});
