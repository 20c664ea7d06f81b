// Issue #17.5: who may record what, asserted for every role × every event type through the HTTP
// API (real tokens, real app; the candidate service is the in-memory fake). Each cell's expected
// answer comes from the role table (eventTypesFor); the totals and the rules' own cells are pinned
// so a change to the table shows up here.
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, type TCandidateEvent, type TEventType } from '../../domain/events';
import { API_ROLES, type TApiRole } from '../../functions/auth/principal';
import { eventTypesFor, isProgramStaff } from '../../functions/auth/policy';
import { VALID } from '../support/valid-events';
import { fakeCandidates, startFor } from './support/fake-candidates';
import { appWith, bearer, tokenFor } from './support/tokens';

const KEY = 'rossier-c001';
const RATERS = ['candidate', 'coach', 'supervisor'] as const;

/** The event as this role would send it: raters and approvers speak for themselves (R-ASM-1, R-IIP-3). */
function eventFor(role: TApiRole, type: TEventType): TCandidateEvent {
  const e = structuredClone(VALID[type].event);
  if (e.type === 'assessmentSubmitted')
    e.rater = (RATERS as readonly string[]).includes(role) ? (role as (typeof RATERS)[number]) : 'coach';
  if (e.type === 'iipApproved') e.approver = role === 'supervisor' ? 'supervisor' : 'coach';
  return e;
}

async function statusOf(role: TApiRole, type: TEventType): Promise<number> {
  // An applicant, so that admission is in phase too (the fake refuses it otherwise, with 409).
  const candidates = fakeCandidates([startFor('rossier', 'c001', { enrolledOn: undefined })]);
  const { app } = appWith(candidates);
  const token = await tokenFor({
    sub: `${role}-1`,
    role,
    ...(isProgramStaff(role) ? { programId: 'rossier' } : { candidateKeys: [KEY] }),
  });
  const res = await app.request(`/candidates/${KEY}/events`, {
    method: 'POST',
    headers: bearer(token, { 'content-type': 'application/json' }),
    body: JSON.stringify(eventFor(role, type)),
  });
  // Nothing is recorded unless the answer is 200.
  expect({ role, type, recorded: candidates.events.length }).toEqual({
    role,
    type,
    recorded: res.status === 200 ? 1 : 0,
  });
  return res.status;
}

describe('role × event type (every cell)', () => {
  it(`all ${API_ROLES.length} roles × ${EVENT_TYPES.length} event types answer as the role table says: 200 allowed, 403 not`, async () => {
    const cells: string[] = [];
    for (const role of API_ROLES) {
      const allowed = new Set(eventTypesFor(role));
      for (const type of EVENT_TYPES) {
        const status = await statusOf(role, type);
        expect({ role, type, status }).toEqual({ role, type, status: allowed.has(type) ? 200 : 403 });
        if (status === 200) cells.push(`${role}:${type}`);
      }
    }
    expect(cells.length).toBe(62);
    // R-REM-1: a policy milestone is recorded by the candidate, the coach or the PA.
    expect(cells.filter((c) => c.endsWith(':milestoneSubmitted'))).toEqual([
      'candidate:milestoneSubmitted',
      'coach:milestoneSubmitted',
      'pa:milestoneSubmitted',
    ]);
    // R-NOT (delivery): no person records a bounce (the SES-events consumer does); the PA and director correct addresses.
    expect(cells.filter((c) => c.endsWith(':emailBounced'))).toEqual([]);
    expect(cells.filter((c) => c.endsWith(':contactCorrected'))).toEqual([
      'pa:contactCorrected',
      'director:contactCorrected',
    ]);
    // The rules' own cells: only the credentials office recommends to the CTC (R-REC-4); the
    // candidate records exactly these; employer-side roles record nothing.
    expect(cells.filter((c) => c.endsWith(':recommendedToCtc'))).toEqual(['credentialsOffice:recommendedToCtc']);
    expect(cells.filter((c) => c.startsWith('candidate:')).sort()).toEqual(
      [
        'appealFiled',
        'assessmentSubmitted',
        'candidateDocumentsSubmitted',
        'ctcStepsCompleted',
        'iipRevised',
        'iipSubmitted',
        'learningLogged',
        'milestoneSubmitted',
      ].map((t) => `candidate:${t}`),
    );
    expect(cells.filter((c) => c.startsWith('districtCoordinator:'))).toEqual([]);
  }, 60_000);

  it("R-ASM-1 R-IIP-3: a coach cannot record the supervisor's rating or approval", async () => {
    const candidates = fakeCandidates([startFor('rossier', 'c001')]);
    const { app } = appWith(candidates);
    const token = await tokenFor({ sub: 'coach-1', role: 'coach', candidateKeys: [KEY] });
    const post = (event: TCandidateEvent) =>
      app.request(`/candidates/${KEY}/events`, {
        method: 'POST',
        headers: bearer(token, { 'content-type': 'application/json' }),
        body: JSON.stringify(event),
      });
    expect(
      (
        await post({
          ...(VALID.assessmentSubmitted.event as Extract<TCandidateEvent, { type: 'assessmentSubmitted' }>),
          rater: 'supervisor',
        })
      ).status,
    ).toBe(403);
    expect((await post({ type: 'iipApproved', year: 1, approver: 'supervisor' })).status).toBe(403);
    expect(candidates.events).toEqual([]);
  });
});
