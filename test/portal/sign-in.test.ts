// Signing in from a task link, through the real Hono app (real tokens, real cookies; only the
// candidate service is the in-memory fake): expiry, tampering, a used link, CSRF, no enumeration.
import { describe, expect, it } from 'vitest';
import { mintTaskToken, personIdOf, withTaskLinks } from '../../activities/email/task-links';
import { createApp } from '../../functions/app';
import { memoryAuditSink } from '../../functions/audit';
import { localJwtAuthenticator } from '../../functions/auth/local-jwt';
import type { SignInMailer } from '../../functions/portal/mailer';
import { memoryUsedLinks } from '../../functions/portal/used-links';
import { fakeCandidates, NOW, startFor } from '../api/support/fake-candidates';
import { JWT } from '../api/support/tokens';

const SECRET = 'portal-test-secret-0123456789abcdef';
const BASE = 'http://127.0.0.1:8787';
const KEY = 'rossier-dana';
const DANA = { role: 'candidate' as const, name: 'Dana Lee', email: 'dana.lee@example.org' };
const COACH = { role: 'coach' as const, name: 'Gloria Ruiz', email: 'gloria.ruiz@example.org' };

function setup() {
  const candidates = fakeCandidates([
    startFor('rossier', 'dana', {
      candidate: { name: DANA.name, email: DANA.email },
      coach: { name: COACH.name, email: COACH.email },
    }),
    startFor('rossier', 'omar', {
      candidate: { name: 'Omar Haddad', email: 'omar@example.org' },
      coach: { name: COACH.name, email: COACH.email },
    }),
    startFor('rossier', 'ines', { candidate: { name: 'Ines Park', email: 'ines@example.org' } }),
  ]);
  const sent: { to: string; url: string }[] = [];
  const mailer: SignInMailer = { sendSignInLink: async (to, url) => void sent.push({ to: to.email, url }) };
  const app = createApp({
    candidates,
    authenticate: localJwtAuthenticator(JWT),
    audit: memoryAuditSink(),
    now: () => NOW,
    portal: { keys: { secret: SECRET }, usedLinks: memoryUsedLinks(), portalUrl: BASE, linkTtlDays: 14, mailer },
  });
  return { app, candidates, sent };
}

/** A tiny cookie jar: the app's Set-Cookie headers, sent back like a browser would. */
class Browser {
  jar = new Map<string, string>();
  constructor(private app: ReturnType<typeof setup>['app']) {}
  async req(path: string, init: { method?: string; form?: Record<string, string>; origin?: string } = {}) {
    const headers: Record<string, string> = {};
    if (this.jar.size) headers.cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await this.app.request(`${init.origin ?? BASE}${path}`, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, value] = pair!.split('=');
      if (/max-age=0/i.test(c) || value === '') this.jar.delete(name!);
      else this.jar.set(name!, value!);
    }
    return res;
  }
}

const linkFor = async (to: typeof DANA | typeof COACH, path: string, nowMs = NOW) => {
  const data = await withTaskLinks(
    { url: `https://old-portal.example/${path.replace(/^\//, '')}` },
    to,
    false,
    { portalUrl: BASE, secret: SECRET, ttlDays: 14 },
    nowMs,
  );
  return new URL(data.url).pathname;
};
const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';

async function signIn(b: Browser, linkPath: string) {
  const opened = await b.req(linkPath);
  const page = await (await b.req('/portal/signin')).text();
  const done = await b.req('/portal/signin', { form: { _csrf: csrfOf(page) } });
  return { opened, page, done };
}

describe('task links (issue #15: sign-in from every email)', () => {
  it('a link minted at send time points at the configured portal, names no address, and drops the token from the address bar on opening', async () => {
    const { app } = setup();
    const path = await linkFor(DANA, `/portal/${KEY}/iip/1`);
    expect(path).toMatch(/^\/portal\/t\/[\w-]+\.[\w-]+\.[\w-]+$/);
    const claims = Buffer.from(path.split('.')[1]!, 'base64url').toString();
    expect(claims).not.toContain(DANA.email);
    expect(claims).not.toContain(DANA.name);
    const b = new Browser(app);
    const opened = await b.req(path);
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe('/portal/signin');
    expect(opened.headers.getSetCookie()).toEqual([
      expect.stringMatching(/^casc_pending=[^;]+; Max-Age=600; Path=\/portal; HttpOnly; SameSite=Lax$/),
    ]);
  });

  it('Continue signs the person in with an HttpOnly, SameSite=Lax session cookie and opens the task', async () => {
    const { app } = setup();
    const b = new Browser(app);
    const { page, done } = await signIn(b, await linkFor(DANA, `/portal/${KEY}/iip/1`));
    expect(page).toContain('Continue as Dana Lee');
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`/portal/${KEY}/iip/1`);
    const session = done.headers.getSetCookie().find((c) => c.startsWith('casc_session='));
    expect(session).toMatch(/; Max-Age=43200; Path=\/; HttpOnly; SameSite=Lax$/);
    const task = await b.req(`/portal/${KEY}/iip/1`);
    expect(task.status).toBe(200);
    const body = await task.text();
    expect(body).toContain('Year 1 Individual Induction Plan');
    expect(body).toContain('Signed in as Dana Lee (candidate)');
  });

  it('the session cookie is Secure whenever the portal is not plain-http localhost', async () => {
    const { app } = setup();
    const b = new Browser(app);
    const path = await linkFor(DANA, `/portal/${KEY}`);
    await b.req(path, { origin: 'https://induction.example.edu' });
    const page = await (await b.req('/portal/signin', { origin: 'https://induction.example.edu' })).text();
    const done = await b.req('/portal/signin', {
      form: { _csrf: csrfOf(page) },
      origin: 'https://induction.example.edu',
    });
    expect(done.headers.getSetCookie().find((c) => c.startsWith('casc_session='))).toMatch(
      /; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
  });

  it('a used link does not sign anyone in again; on the device already signed in as its person it just opens the task', async () => {
    const { app } = setup();
    const path = await linkFor(DANA, `/portal/${KEY}/hours`);
    const first = new Browser(app);
    await signIn(first, path);
    const again = await first.req(path);
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(`/portal/${KEY}/hours`);
    const other = new Browser(app);
    const replay = await other.req(path);
    expect(replay.status).toBe(410);
    const text = await replay.text();
    expect(text).toContain('This link was already used');
    expect(text).toContain('Email me a new link');
    expect(other.jar.has('casc_session')).toBe(false);
  });

  it('an expired link shows "email me a new link" and stores nothing', async () => {
    const { app } = setup();
    const path = await linkFor(DANA, `/portal/${KEY}`, NOW - 15 * 86_400_000);
    const b = new Browser(app);
    const res = await b.req(path);
    expect(res.status).toBe(410);
    const text = await res.text();
    expect(text).toContain('This link has expired');
    expect(text).toContain('name="_link"');
    expect([...b.jar.keys()]).toEqual(['casc_pre']);
  });

  it('a tampered link is refused before anything is stored', async () => {
    const { app } = setup();
    const path = await linkFor(DANA, `/portal/${KEY}`);
    const [h, p, s] = path.replace('/portal/t/', '').split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, rol: 'pa' })).toString('base64url');
    const b = new Browser(app);
    const res = await b.req(`/portal/t/${h}.${forged}.${s}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('This link does not work');
    expect(b.jar.has('casc_pending')).toBe(false);
    expect(b.jar.has('casc_session')).toBe(false);
  });

  it("login CSRF: Continue without the page's token signs nobody in and leaves the link unused", async () => {
    const { app } = setup();
    const path = await linkFor(DANA, `/portal/${KEY}`);
    const b = new Browser(app);
    await b.req(path);
    const forged = await b.req('/portal/signin', { form: { _csrf: 'not-the-token' } });
    expect(forged.status).toBe(403);
    expect(b.jar.has('casc_session')).toBe(false);
    const real = await signIn(new Browser(app), path);
    expect(real.done.status).toBe(303);
  });

  it("a coach signed in from one candidate's link sees every candidate whose record names them", async () => {
    const { app } = setup();
    const b = new Browser(app);
    await signIn(b, await linkFor(COACH, `/portal/${KEY}/iip/1/approve`));
    const tasks = await (await b.req('/portal')).text();
    expect(tasks).toContain('Hello Gloria Ruiz.');
    expect(tasks).toContain('href="/portal/rossier-dana"');
    expect(tasks).toContain('href="/portal/rossier-omar"');
    expect(tasks).not.toContain('rossier-ines');
    expect((await b.req('/portal/rossier-ines')).status).toBe(404);
  });

  it('a link for someone who no longer holds the role is refused', async () => {
    const { app } = setup();
    const stranger = { role: 'coach' as const, name: 'Old Coach', email: 'old.coach@example.org' };
    const b = new Browser(app);
    await b.req(await linkFor(stranger, `/portal/${KEY}`));
    const res = await b.req('/portal/signin');
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('no longer has this task');
  });
});

describe('email me a new link', () => {
  it("answers the same whether or not the address is on file, and mails only the link's own person", async () => {
    const { app, sent } = setup();
    const expired = (await linkFor(DANA, `/portal/${KEY}/hours`, NOW - 20 * 86_400_000)).replace('/portal/t/', '');
    const ask = async (email: string) => {
      const b = new Browser(app);
      const page = await (await b.req(`/portal/t/${expired}`)).text();
      const res = await b.req('/portal/new-link', { form: { _csrf: csrfOf(page), _link: expired, email } });
      return { status: res.status, text: (await res.text()).replace(email, '<address>') };
    };
    const known = await ask(DANA.email);
    const unknown = await ask('nobody@example.org');
    expect(known.status).toBe(200);
    expect(unknown).toEqual(known);
    expect(sent.map((s) => s.to)).toEqual([DANA.email]);
    const fresh = new URL(sent[0]!.url);
    expect(fresh.origin).toBe(BASE);
    const b = new Browser(app);
    const { done } = await signIn(b, fresh.pathname);
    expect(done.headers.get('location')).toBe(`/portal/${KEY}/hours`);
  });

  it('is rate limited per address, and a bad address is an error beside the field', async () => {
    const { app } = setup();
    const b = new Browser(app);
    const page = await (await b.req('/portal/signin')).text();
    const bad = await b.req('/portal/new-link', { form: { _csrf: csrfOf(page), email: 'not-an-address' } });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain(
      '<span id="email-error" class="field-error">Enter your email address, e.g. dana@example.org</span>',
    );
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (await b.req('/portal/new-link', { form: { _csrf: csrfOf(page), email: 'dana.lee@example.org' } })).status,
      );
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});

describe('forms on a session', () => {
  it("a form post without the session's CSRF token records nothing", async () => {
    const { app, candidates } = setup();
    const b = new Browser(app);
    await signIn(b, await linkFor(COACH, `/portal/${KEY}/hours`));
    const res = await b.req(`/portal/${KEY}/record/coachingLogged`, { form: { hours: '1.5', _idem: 'abcdefgh12345' } });
    expect(res.status).toBe(403);
    expect(candidates.events).toEqual([]);
  });

  it('a coach logs 1.5 coaching hours from the form; the event carries who recorded it', async () => {
    const { app, candidates } = setup();
    const b = new Browser(app);
    await signIn(b, await linkFor(COACH, `/portal/${KEY}/hours`));
    const page = await (await b.req(`/portal/${KEY}/hours`)).text();
    const res = await b.req(`/portal/${KEY}/record/coachingLogged`, {
      form: { hours: '1.5', _csrf: csrfOf(page), _idem: 'abcdefgh12345' },
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('data-testid="recorded"');
    expect(candidates.events).toEqual([
      {
        key: KEY,
        event: { type: 'coachingLogged', hours: 1.5, by: { role: 'coach', id: personIdOf(SECRET, COACH.email) } },
      },
    ]);
  });

  it('the JSON API never accepts a write on the session cookie alone', async () => {
    const { app, candidates } = setup();
    const b = new Browser(app);
    await signIn(b, await linkFor(COACH, `/portal/${KEY}/hours`));
    const res = await app.request(`${BASE}/candidates/${KEY}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: [...b.jar].map(([k, v]) => `${k}=${v}`).join('; ') },
      body: JSON.stringify({ type: 'coachingLogged', hours: 2 }),
    });
    expect(res.status).toBe(401);
    expect(candidates.events).toEqual([]);
  });

  it('mints distinct one-time links per message and none when others are copied', async () => {
    const settings = { portalUrl: BASE, secret: SECRET, ttlDays: 14 };
    const data = {
      a: `https://x.example/portal/${KEY}/iip/1`,
      b: 'https://www.ctc.ca.gov/',
      c: [`https://x.example/dashboard/candidates/${KEY}`],
    };
    const solo = await withTaskLinks(data, DANA, false, settings, NOW);
    expect(solo.a).toMatch(/^http:\/\/127\.0\.0\.1:8787\/portal\/t\//);
    expect(solo.b).toBe('https://www.ctc.ca.gov/');
    expect(solo.c[0]).not.toBe(solo.a);
    const copied = await withTaskLinks(data, DANA, true, settings, NOW);
    expect(copied).toEqual({
      a: `${BASE}/portal/${KEY}/iip/1`,
      b: 'https://www.ctc.ca.gov/',
      c: [`${BASE}/dashboard/candidates/${KEY}`],
    });
    expect(await mintTaskToken(settings, DANA, '/portal', NOW)).not.toEqual(
      await mintTaskToken(settings, DANA, '/portal', NOW),
    );
  });
});
