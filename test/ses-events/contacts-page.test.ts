// R-NOT (delivery; not in domain.md): the PA's correction task links to a portal page that works:
// opened from a signed task link as the PA, it offers the contactCorrected form for that person, and
// submitting it records exactly the correction (real app, fake candidate service).
import { describe, expect, it } from 'vitest';
import { withTaskLinks } from '../../activities/email/task-links';
import { createApp } from '../../functions/app';
import { memoryAuditSink } from '../../functions/audit';
import { localJwtAuthenticator } from '../../functions/auth/local-jwt';
import { memoryUsedLinks } from '../../functions/portal/used-links';
import { fakeCandidates, NOW, startFor } from '../api/support/fake-candidates';
import { JWT } from '../api/support/tokens';

const SECRET = 'contacts-page-secret-0123456789abcdef';
const BASE = 'http://127.0.0.1:8787';
const K = 'rossier-ana';
const PA = { role: 'pa' as const, name: 'Pat Tran', email: 'pat.tran@example.edu' };

function setup() {
  const candidates = fakeCandidates([
    startFor('rossier', 'ana', {
      coach: { name: 'Lee Park', email: 'lee.park@example.org' },
      programAdministrator: { name: PA.name, email: PA.email },
    }),
  ]);
  const app = createApp({
    candidates,
    authenticate: localJwtAuthenticator(JWT),
    audit: memoryAuditSink(),
    now: () => NOW,
    portal: { keys: { secret: SECRET }, usedLinks: memoryUsedLinks(), portalUrl: BASE, linkTtlDays: 14 },
  });
  return { app, candidates };
}

/** A browser: follows redirects, keeps cookies, confirms the sign-in page. */
function browser(app: ReturnType<typeof setup>['app']) {
  const jar = new Map<string, string>();
  const send = async (p: string, form?: Record<string, string>) => {
    const res = await app.request(`${BASE}${p}`, {
      method: form ? 'POST' : 'GET',
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    for (const c of res.headers.getSetCookie()) {
      const [name, value] = c.split(';')[0]!.split('=');
      if (/max-age=0/i.test(c) || !value) jar.delete(name!);
      else jar.set(name!, value);
    }
    return res;
  };
  async function open(
    url: string,
    form?: Record<string, string>,
  ): Promise<{ status: number; body: string; path: string }> {
    let path = new URL(url, BASE).pathname + new URL(url, BASE).search;
    let res = await send(path, form);
    for (let hops = 0; hops < 6; hops++) {
      if (res.status === 303 || res.status === 302) {
        path = res.headers.get('location')!;
        res = await send(path);
        continue;
      }
      const body = await res.text();
      if (path === '/portal/signin' && res.status === 200) {
        const csrf = /name="_csrf" value="([^"]+)"/.exec(body)![1]!;
        res = await send('/portal/signin', { _csrf: csrf });
        continue;
      }
      return { status: res.status, body, path };
    }
    throw new Error(`too many redirects for ${url}`);
  }
  return { open };
}

describe("the correction task's page", () => {
  it('R-NOT: the PA opens /portal/<key>/contacts/coach from a task link, sees the correction form for the coach, and records the new address', async () => {
    const { app, candidates } = setup();
    const { url } = (await withTaskLinks(
      { url: `${BASE}/portal/${K}/contacts/coach` },
      PA,
      false,
      { portalUrl: BASE, secret: SECRET, ttlDays: 14 },
      NOW,
    )) as { url: string };
    const b = browser(app);
    const page = await b.open(url);
    expect({ status: page.status, path: page.path }).toEqual({ status: 200, path: `/portal/${K}/contacts/coach` });
    expect(page.body).toContain('Correct an email address');
    expect(page.body).toContain(`<form method="post" action="/portal/${K}/record/contactCorrected"`);
    expect(page.body).toContain('<input type="hidden" name="role" value="coach">');
    expect(page.body).toContain('The correct email address');

    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const idem = /name="_idem" value="([^"]+)"/.exec(page.body)![1]!;
    const done = await b.open(`/portal/${K}/record/contactCorrected`, {
      _csrf: csrf,
      _idem: idem,
      role: 'coach',
      email: ' lee.park@district.org ',
    });
    expect(done.status).toBe(200);
    expect(done.body).toContain('The coach’s email address corrected; held emails go out to it.');
    expect(candidates.events).toEqual([
      {
        key: K,
        event: {
          type: 'contactCorrected',
          role: 'coach',
          email: 'lee.park@district.org',
          by: { role: 'pa', id: expect.any(String) },
        },
      },
    ]);

    // A path for nobody is a 404, not a form.
    expect((await b.open(`/portal/${K}/contacts/janitor`)).status).toBe(404);
  });
});
