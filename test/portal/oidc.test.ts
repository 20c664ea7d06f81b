// Issue #15 item 1, staff sign-in with OIDC, end to end against a real OpenID provider
// (oidc-provider on 127.0.0.1): the browser's hops are followed by hand with its cookies, so what
// is asserted is what a browser would see — the cookies' attributes, where each redirect goes, and
// the session the portal then reads.
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppEnv } from '../../functions/app-env';
import { OIDC_PENDING_COOKIE, oidcRoutes } from '../../functions/portal/oidc';
import { readSession, SESSION_COOKIE, type TPortalKeys } from '../../functions/portal/session';
import { startOidcProvider, TestBrowser, type TTestProvider } from '../support/oidc-provider';

const keys: TPortalKeys = { secret: 'portal-test-secret-0123456789abcdef0123' };
const ACCOUNTS = {
  'dana-pa': { name: 'Dana Lee', 'cognito:groups': ['pa'], 'custom:programId': 'riverside' },
  'cruz-office': {
    name: 'Ana Cruz',
    'cognito:groups': ['readers', 'credentialsOffice', 'pa'],
    'custom:programId': 'riverside',
  },
  'dc-coord': { name: 'Sam Ortiz', 'cognito:groups': ['districtCoordinator'], 'custom:districtId': 'lakeview_usd' },
  // Writes its own `custom:role` (a user-writable attribute) and is in no group.
  'self-made-pa': { name: 'Eve Self', 'custom:role': 'pa', 'custom:programId': 'riverside' },
};

let provider: TTestProvider;
let server: ServerType;
let appOrigin: string;

beforeAll(async () => {
  // The app's port is needed for the provider's client registration, and the provider's issuer for
  // the app's routes: listen first, add the routes once both are known.
  const app = new Hono<AppEnv>();
  server = serve({ fetch: (req) => app.fetch(req), port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
  appOrigin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const redirectUri = `${appOrigin}/auth/oidc/callback`;
  provider = await startOidcProvider({ redirectUri, accounts: ACCOUNTS });
  const { issuer, clientId, clientSecret } = provider;
  app.route('/auth/oidc', oidcRoutes({ keys, oidc: { issuer, clientId, clientSecret, redirectUri } }));
  // Stands in for the portal: shows the session the cookie carries.
  app.get('/portal/*', async (c) => c.json({ path: c.req.path, session: (await readSession(c, keys)) ?? null }));
  app.get('/portal', async (c) => c.json({ path: c.req.path, session: (await readSession(c, keys)) ?? null }));
});

afterAll(async () => {
  await provider?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

const start = (next: string) => `${appOrigin}/auth/oidc/start?${new URLSearchParams({ next })}`;

describe('staff sign-in with OIDC (#15.1)', () => {
  it('#15.1 a PA in the pa group signs in: session cookie HttpOnly, SameSite=Lax, Path=/; role and program exactly the account’s; lands on next', async () => {
    const browser = new TestBrowser();
    const first = await browser.get(start('/portal/riverside-c1/tasks'));
    expect(first.status).toBe(302);
    expect(new URL(first.headers.get('location')!).origin).toBe(provider.issuer);
    const pending = browser.setCookieHeader(first, OIDC_PENDING_COOKIE)!;
    expect(pending).toMatch(/HttpOnly/i);
    expect(pending).toMatch(/SameSite=Lax/i);
    expect(pending).toMatch(/Path=\/auth\/oidc(;|$)/);
    expect(pending).toMatch(/Max-Age=600(;|$)/);

    const { callback } = await browser.throughProvider(first, 'dana-pa');
    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe('/portal/riverside-c1/tasks');
    const cookie = browser.setCookieHeader(callback, SESSION_COOKIE)!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\/(;|$)/);
    expect(cookie).toMatch(/Max-Age=43200(;|$)/);
    // The pending sign-in is consumed.
    expect(browser.setCookieHeader(callback, OIDC_PENDING_COOKIE)).toMatch(/Max-Age=0/);

    const landed = await browser.get(`${appOrigin}/portal/riverside-c1/tasks`);
    const body = (await landed.json()) as { session: Record<string, unknown> };
    const { sid, ...session } = body.session;
    expect(typeof sid).toBe('string');
    expect(session).toEqual({ sub: 'dana-pa', role: 'pa', name: 'Dana Lee', programId: 'riverside', via: 'oidc' });
  });

  it('#15.1 the role is the first staff group; a district coordinator is scoped to their district', async () => {
    const office = new TestBrowser();
    await office.throughProvider(await office.get(start('/portal')), 'cruz-office');
    const officeSession = (
      (await (await office.get(`${appOrigin}/portal`)).json()) as { session: Record<string, unknown> }
    ).session;
    expect([officeSession.role, officeSession.programId]).toEqual(['credentialsOffice', 'riverside']);

    const dc = new TestBrowser();
    await dc.throughProvider(await dc.get(start('/dashboard/overview')), 'dc-coord');
    const dcSession = ((await (await dc.get(`${appOrigin}/portal`)).json()) as { session: Record<string, unknown> })
      .session;
    expect([dcSession.role, dcSession.districtId, dcSession.programId]).toEqual([
      'districtCoordinator',
      'lakeview_usd',
      undefined,
    ]);
  });

  it('#15.1 a user who writes custom:role=pa but is in no group gets 403 and no session', async () => {
    const browser = new TestBrowser();
    const { callback } = await browser.throughProvider(await browser.get(start('/portal')), 'self-made-pa');
    expect(callback.status).toBe(403);
    expect(await callback.text()).toContain('Your account has no program role; ask the program office.');
    expect(browser.setCookieHeader(callback, SESSION_COOKIE)).toBeUndefined();
    expect(browser.cookie(appOrigin, SESSION_COOKIE)).toBeUndefined();
  });

  it('#15.1 login CSRF: an attacker’s callback (their code and state) opened in a victim’s browser is refused and sets no session', async () => {
    const attacker = new TestBrowser();
    const { callbackUrl } = await attacker.throughProvider(await attacker.get(start('/portal')), 'dana-pa', {
      stopBeforeCallback: true,
    });
    const victim = new TestBrowser();
    await victim.get(start('/portal')); // the victim has a sign-in of their own pending
    const refused = await victim.get(callbackUrl);
    expect(refused.status).toBe(400);
    const page = await refused.text();
    expect(page).toContain('does not belong to the sign-in this browser started');
    expect(page).toContain('href="/auth/oidc/start?next=%2Fportal">Try again</a>');
    expect(victim.setCookieHeader(refused, SESSION_COOKIE)).toBeUndefined();

    // With no pending sign-in at all (expired cookie, other browser): refused the same way.
    const stranger = new TestBrowser();
    const noPending = await stranger.get(callbackUrl);
    expect(noPending.status).toBe(400);
    expect(await noPending.text()).toContain('took longer than 10 minutes, or was started in another browser');
    expect(stranger.setCookieHeader(noPending, SESSION_COOKIE)).toBeUndefined();
  });

  it('#15.1 a callback whose state was altered is refused and sets no session', async () => {
    const browser = new TestBrowser();
    const { callbackUrl } = await browser.throughProvider(await browser.get(start('/portal')), 'dana-pa', {
      stopBeforeCallback: true,
    });
    const altered = new URL(callbackUrl);
    altered.searchParams.set('state', 'x'.repeat(43));
    const refused = await browser.get(altered.href);
    expect(refused.status).toBe(400);
    expect(browser.setCookieHeader(refused, SESSION_COOKIE)).toBeUndefined();
  });

  it('#15.1 PKCE: a code replayed under a later sign-in’s state (without its own verifier) is refused by the token endpoint', async () => {
    const browser = new TestBrowser();
    const { callbackUrl } = await browser.throughProvider(await browser.get(start('/portal')), 'dana-pa', {
      stopBeforeCallback: true,
    });
    const second = await browser.get(start('/portal'));
    const secondState = new URL(second.headers.get('location')!).searchParams.get('state')!;
    const replay = new URL(callbackUrl);
    replay.searchParams.set('state', secondState);
    const refused = await browser.get(replay.href);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('The sign-in could not be completed. Please start again.');
    expect(browser.setCookieHeader(refused, SESSION_COOKIE)).toBeUndefined();
  });

  it('#15.1 a pending sign-in older than 10 minutes is refused even if the browser still sends its cookie', async () => {
    const browser = new TestBrowser();
    const { callbackUrl } = await browser.throughProvider(await browser.get(start('/portal')), 'dana-pa', {
      stopBeforeCallback: true,
    });
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 10 * 60_000 + 1_000 });
    try {
      const late = await browser.get(callbackUrl);
      expect(late.status).toBe(400);
      expect(await late.text()).toContain('took longer than 10 minutes, or was started in another browser');
      expect(browser.setCookieHeader(late, SESSION_COOKIE)).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });

  it('#15.1 a next of https://evil.example/ (or //evil.example) is ignored: the user lands on /portal', async () => {
    for (const next of ['https://evil.example/', '//evil.example/portal', '/portal//evil.example', '/\\evil.example']) {
      const browser = new TestBrowser();
      const { callback } = await browser.throughProvider(await browser.get(start(next)), 'dana-pa');
      expect([next, callback.status, callback.headers.get('location')]).toEqual([next, 303, '/portal']);
    }
  });

  it('#15.1 a sign-in refused at the provider shows plain words and a Try again link, and stores nothing', async () => {
    const browser = new TestBrowser();
    const { callback } = await browser.throughProvider(await browser.get(start('/reports/cohort')), 'dana-pa', {
      abort: true,
    });
    expect(callback.status).toBe(400);
    const page = await callback.text();
    expect(page).toContain('The sign-in was cancelled or refused.');
    expect(page).toContain('href="/auth/oidc/start?next=%2Freports%2Fcohort">Try again</a>');
    expect(browser.setCookieHeader(callback, SESSION_COOKIE)).toBeUndefined();
  });

  it('#15.1 a provider that does not answer gives a plain-words page (502) and sets no cookie', async () => {
    const closed = serve({ fetch: () => new Response('x'), port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => (closed.listening ? resolve() : closed.once('listening', () => resolve())));
    const deadIssuer = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const oidc = { issuer: deadIssuer, clientId: 'c', redirectUri: `${appOrigin}/auth/oidc/callback` };
    const app = new Hono<AppEnv>().route('/auth/oidc', oidcRoutes({ keys, oidc }));
    const res = await app.request('http://127.0.0.1/auth/oidc/start?next=/dashboard/queue');
    expect(res.status).toBe(502);
    const page = await res.text();
    expect(page).toContain('The sign-in service is not answering right now. Please try again in a minute.');
    expect(page).toContain('href="/auth/oidc/start?next=%2Fdashboard%2Fqueue">Try again</a>');
    expect(res.headers.getSetCookie()).toEqual([]);
  });
});
