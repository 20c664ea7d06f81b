// Issue #17.6: a global body limit. A body past it is refused with 413 before it is read whole, and
// nothing is recorded; a roster may be larger (5 MB), and no more.
import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, MAX_ROSTER_BYTES } from '../../functions/app';
import { fakeCandidates, startFor } from './support/fake-candidates';
import { appWith, bearer, tokenFor } from './support/tokens';

describe('request body limit', () => {
  it('an event body over 256 KB is a 413 and records nothing', async () => {
    const candidates = fakeCandidates([startFor('rossier', 'ana')]);
    const { app } = appWith(candidates);
    const token = await tokenFor({ sub: 'pa-1', role: 'pa', programId: 'rossier' });
    const body = JSON.stringify({ type: 'withdrawn', reason: 'x'.repeat(MAX_BODY_BYTES) });
    const res = await app.request('/candidates/rossier-ana/events', {
      method: 'POST',
      headers: bearer(token, { 'content-type': 'application/json', 'content-length': String(body.length) }),
      body,
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: 'the request body is larger than 256 KB' });
    expect(candidates.events).toEqual([]);
  });

  it('a roster may be up to 5 MB; a larger one is a 413 and starts nobody', async () => {
    const candidates = fakeCandidates();
    const { app } = appWith(candidates);
    const token = await tokenFor({ sub: 'pa-1', role: 'pa', programId: 'rossier' });
    const big = 'programId,candidateId\n' + 'x'.repeat(MAX_ROSTER_BYTES);
    const res = await app.request('/roster', {
      method: 'POST',
      headers: bearer(token, { 'content-type': 'text/csv', 'content-length': String(big.length) }),
      body: big,
    });
    expect(res.status).toBe(413);
    expect(candidates.started).toEqual([]);
    const medium = 'programId,candidateId\n' + 'y'.repeat(MAX_BODY_BYTES * 2);
    const ok = await app.request('/roster', {
      method: 'POST',
      headers: bearer(token, { 'content-type': 'text/csv', 'content-length': String(medium.length) }),
      body: medium,
    });
    expect(ok.status).toBe(400);
  });
});
