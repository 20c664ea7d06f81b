// R-REM-1: a milestone reminder's link opens a working page: signed in from the task link (real
// tokens, real cookies, the real Hono app; only the candidate service is the in-memory fake), the
// candidate sees the milestoneSubmitted form with the milestone fixed by the link, and posting it
// records exactly that event; a supervisor's page offers no form (not in the role table).
import { describe, expect, it } from 'vitest';
import { personIdOf, withTaskLinks } from '../../activities/email/task-links';
import { createApp } from '../../functions/app';
import { memoryAuditSink } from '../../functions/audit';
import { localJwtAuthenticator } from '../../functions/auth/local-jwt';
import { memoryUsedLinks } from '../../functions/portal/used-links';
import { fakeCandidates, NOW, startFor } from '../api/support/fake-candidates';
import { JWT } from '../api/support/tokens';

const SECRET = 'milestone-page-secret-0123456789abcd';
const BASE = 'http://127.0.0.1:8787';
const KEY = 'rossier-ana';
const ANA = { role: 'candidate' as const, name: 'Ana Díaz', email: 'ana@example.org' };
const SAM = { role: 'supervisor' as const, name: 'Sam Ortiz', email: 'sam.ortiz@example.org' };
const PAGE = `/portal/${KEY}/milestones/ilp-y1-inquiry-goal`;

function setup() {
  const candidates = fakeCandidates([
    startFor('rossier', 'ana', {
      candidate: { name: ANA.name, email: ANA.email },
      supervisor: { name: SAM.name, email: SAM.email },
    }),
  ]);
  const app = createApp({
    candidates,
    authenticate: localJwtAuthenticator(JWT),
    audit: memoryAuditSink(),
    now: () => NOW,
    portal: { keys: { secret: SECRET }, usedLinks: memoryUsedLinks(), portalUrl: BASE, linkTtlDays: 14 },
  });
  const jar = new Map<string, string>();
  const req = async (path: string, form?: Record<string, string>) => {
    const headers: Record<string, string> = {
      cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
      ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    };
    const res = await app.request(`${BASE}${path}`, {
      method: form ? 'POST' : 'GET',
      headers,
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    for (const c of res.headers.getSetCookie()) {
      const [name, value] = c.split(';')[0]!.split('=');
      if (/max-age=0/i.test(c) || !value) jar.delete(name!);
      else jar.set(name!, value);
    }
    return res;
  };
  const signInFromLink = async (to: typeof ANA | typeof SAM) => {
    const { url } = await withTaskLinks(
      { url: `https://old-portal.example${PAGE}` },
      to,
      false,
      { portalUrl: BASE, secret: SECRET, ttlDays: 14 },
      NOW,
    );
    await req(new URL(url).pathname);
    const signin = await (await req('/portal/signin')).text();
    const done = await req('/portal/signin', { _csrf: csrfOf(signin) });
    return done.headers.get('location');
  };
  return { candidates, req, signInFromLink };
}
const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';

describe('R-REM-1: the milestone page', () => {
  it('the candidate opens the reminder link, sees the form with the milestone fixed, and records it', async () => {
    const { candidates, req, signInFromLink } = setup();
    expect(await signInFromLink(ANA)).toBe(PAGE);
    const res = await req(PAGE);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Record a program milestone as handed in');
    expect(page).toContain('<input type="hidden" name="milestoneId" value="ilp-y1-inquiry-goal">');
    const posted = await req(`/portal/${KEY}/record/milestoneSubmitted`, {
      _csrf: csrfOf(page),
      _idem: 'milestone-idem-1',
      milestoneId: 'ilp-y1-inquiry-goal',
      note: 'Cells 1–4 reviewed with my coach',
      date: '2026-11-20',
    });
    expect(posted.status).toBe(200);
    expect(await posted.text()).toContain('Milestone “ilp-y1-inquiry-goal” recorded as handed in for 2026-11-20.');
    expect(candidates.events).toEqual([
      {
        key: KEY,
        event: {
          type: 'milestoneSubmitted',
          milestoneId: 'ilp-y1-inquiry-goal',
          note: 'Cells 1–4 reviewed with my coach',
          date: '2026-11-20',
          by: { role: 'candidate', id: personIdOf(SECRET, ANA.email) },
        },
      },
    ]);
  });

  it("a supervisor's page for the milestone answers but offers no form (the role table gives them none)", async () => {
    const { req, signInFromLink } = setup();
    await signInFromLink(SAM);
    const res = await req(PAGE);
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain('name="milestoneId"');
    expect((await req(`/portal/${KEY}/milestones/not a slug`)).status).toBe(404);
  });
});
