// Signing in from an email. `/portal/t/<token>` checks the link (signature, expiry, not used)
// before anything is stored, parks it in a short HttpOnly cookie and moves to `/portal/signin`, so
// the token leaves the address bar at once. There one button ("Continue as Dana") consumes the
// link and starts the session: mail scanners that pre-open links cannot use up a one-time link,
// and nobody can be signed in as someone else by a link planted in a page (login CSRF).
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { mintTaskToken, personIdOf, verifyTaskToken } from '../../activities/email/task-links';
import type { TTaskLinkClaims } from '../../domain/portal/task-link';
import type { AppContext, AppEnv } from '../app-env';
import type { AppCandidateService } from '../candidates';
import { html, type Html } from '../dashboard/html';
import { portalPage } from './layout';
import type { SignInMailer } from './mailer';
import { resolveLinkHolder } from './people';
import type { RateLimit } from './rate-limit';
import {
  clearSession,
  csrfTokenFor,
  csrfValid,
  issueSession,
  readSession,
  secureCookies,
  type TPortalKeys,
} from './session';
import type { UsedLinkStore } from './used-links';

export const PENDING_COOKIE = 'casc_pending';
/** "Email me a new link" always takes at least this long, sent or not. */
const ANSWER_FLOOR_MS = 300;
export const PRE_COOKIE = 'casc_pre';

export interface SignInDeps {
  candidates: AppCandidateService;
  keys: TPortalKeys;
  usedLinks: UsedLinkStore;
  /** Sends "email me a new link"; absent means the page says to ask the program office. */
  mailer?: SignInMailer;
  /** Where new links point (CASC_PORTAL_URL). */
  portalUrl: string;
  linkTtlDays: number;
  limits: { perClient: RateLimit; perAddress: RateLimit };
  now: () => number;
  /** Is OIDC staff sign-in configured (a button on the sign-in page)? */
  oidc: boolean;
  /** Local only: the dev sign-in page is offered. */
  devSignIn: boolean;
}

/** A pre-session CSRF value: a random cookie, and a form field derived from it. */
export function preSessionCsrf(c: AppContext, keys: TPortalKeys): string {
  let value = getCookie(c, PRE_COOKIE);
  if (!value || !/^[A-Za-z0-9_-]{22}$/.test(value)) {
    value = randomBytes(16).toString('base64url');
    setCookie(c, PRE_COOKIE, value, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: secureCookies(c),
      path: '/',
      maxAge: 3600,
    });
  }
  return csrfTokenFor(keys, `pre:${value}`);
}
export const preSessionCsrfValid = (c: AppContext, keys: TPortalKeys, presented: unknown) => {
  const value = getCookie(c, PRE_COOKIE);
  return !!value && csrfValid(keys, `pre:${value}`, presented);
};

const ZNewLinkForm = z.object({
  email: z.email({ error: 'Enter your email address, e.g. dana@example.org' }).max(254),
  _csrf: z.string(),
  _link: z.string().max(4000).optional(),
});

export function signInRoutes(deps: SignInDeps) {
  const { keys, usedLinks } = deps;
  const r = new Hono<AppEnv>();

  const newLinkForm = (c: AppContext, oldToken: string | undefined, error?: string, email = '') => {
    const csrf = preSessionCsrf(c, keys);
    return html`<form method="post" action="/portal/new-link" class="event" novalidate>
  <input type="hidden" name="_csrf" value="${csrf}">
  ${oldToken ? html`<input type="hidden" name="_link" value="${oldToken}">` : ''}
  <div class="field">
    <label for="email">Your email address</label>
    <input id="email" name="email" type="email" autocomplete="email" value="${email}" required ${error ? html`aria-invalid="true" aria-describedby="email-error"` : ''}>
    ${error ? html`<span id="email-error" class="field-error">${error}</span>` : ''}
  </div>
  <button type="submit">Email me a new link</button>
</form>`;
  };

  const linkProblem = (c: AppContext, status: 400 | 410, title: string, why: Html, oldToken?: string) =>
    portalPage(c, status, { title }, html`<p class="lede">${why}</p>${newLinkForm(c, oldToken)}${staffOptions()}`);

  const staffOptions = () =>
    html`${deps.oidc ? html`<p>Program staff: <a href="/auth/oidc/start">sign in with your program account</a>.</p>` : ''}${deps.devSignIn ? html`<p>Local development: <a href="/auth/dev">dev sign-in</a>.</p>` : ''}`;

  r.get('/t/:token', async (c) => {
    const token = c.req.param('token');
    const check = await verifyTaskToken(keys.secret, token, deps.now());
    if (!check.ok && check.reason === 'invalid')
      return linkProblem(
        c,
        400,
        'This link does not work',
        html`The link is incomplete or was changed. Ask for a new one and we will email it to you.`,
      );
    if (!check.ok)
      return linkProblem(
        c,
        410,
        'This link has expired',
        html`Links from our emails work for a limited time. Ask for a new one and we will email it to you.`,
        token,
      );
    const { claims } = check;
    if (await usedLinks.wasUsed(claims.jti)) {
      // Opening the same email twice on a device that is still signed in as its person just works.
      const session = await readSession(c, keys);
      if (session && session.sub === claims.pid) return c.redirect(claims.pth, 303);
      return linkProblem(
        c,
        410,
        'This link was already used',
        html`Each link signs you in once. Ask for a new one and we will email it to you.`,
        token,
      );
    }
    setCookie(c, PENDING_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: secureCookies(c),
      path: '/portal',
      maxAge: 600,
    });
    return c.redirect('/portal/signin', 303);
  });

  const pending = async (c: AppContext): Promise<{ token: string; claims: TTaskLinkClaims } | undefined> => {
    const token = getCookie(c, PENDING_COOKIE);
    if (!token) return undefined;
    const check = await verifyTaskToken(keys.secret, token, deps.now());
    return check.ok ? { token, claims: check.claims } : undefined;
  };

  r.get('/signin', async (c) => {
    const p = await pending(c);
    if (!p) return signInHome(c);
    const who = await resolveLinkHolder(deps.candidates, keys.secret, p.claims, false);
    if (!who.ok)
      return portalPage(
        c,
        403,
        { title: 'This link is not for you any more' },
        html`<p class="lede">${who.reason}</p>`,
      );
    const csrf = csrfTokenFor(keys, `link:${p.claims.jti}`);
    return portalPage(
      c,
      200,
      { title: `Welcome, ${who.person.name}` },
      html`<p class="lede">You are signing in to the CASC induction portal as <strong>${who.person.name}</strong>.</p>
<form method="post" action="/portal/signin"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit">Continue as ${who.person.name}</button></form>
<p class="muted">Not you? Close this page; nothing has changed.</p>`,
    );
  });

  r.post('/signin', async (c) => {
    const p = await pending(c);
    const body = await c.req.parseBody();
    if (!p)
      return linkProblem(
        c,
        410,
        'This sign-in has timed out',
        html`Open the link in your email again, or ask for a new one.`,
      );
    if (!csrfValid(keys, `link:${p.claims.jti}`, body._csrf))
      return portalPage(
        c,
        403,
        { title: 'Please try again' },
        html`<p class="lede">This form was not sent from the page we showed you. Open the link in your email again.</p>`,
      );
    const who = await resolveLinkHolder(deps.candidates, keys.secret, p.claims);
    if (!who.ok)
      return portalPage(
        c,
        403,
        { title: 'This link is not for you any more' },
        html`<p class="lede">${who.reason}</p>`,
      );
    if (!(await usedLinks.consume(p.claims.jti, p.claims.exp, deps.now()))) {
      deleteCookie(c, PENDING_COOKIE, { path: '/portal' });
      return linkProblem(
        c,
        410,
        'This link was already used',
        html`Each link signs you in once. Ask for a new one and we will email it to you.`,
        p.token,
      );
    }
    deleteCookie(c, PENDING_COOKIE, { path: '/portal' });
    const { person } = who;
    await issueSession(c, keys, {
      sub: p.claims.pid,
      role: person.role,
      name: person.name,
      via: 'taskLink',
      ...(person.programId ? { programId: person.programId } : {}),
      ...(person.candidateKeys ? { candidateKeys: person.candidateKeys } : {}),
    });
    return c.redirect(p.claims.pth, 303);
  });

  const signInHome = (c: AppContext) =>
    portalPage(
      c,
      401,
      { title: 'Sign in' },
      html`<p class="lede">Every email from the program has a link that signs you in to the task it is about. If yours has expired, enter your address and we will email you a new one.</p>
${newLinkForm(c, undefined)}${staffOptions()}`,
    );

  r.post('/new-link', async (c) => {
    const body = await c.req.parseBody();
    const form = ZNewLinkForm.safeParse(body);
    if (!form.success || !preSessionCsrfValid(c, keys, body._csrf)) {
      const emailIssue = form.success ? undefined : form.error.issues.find((i) => i.path[0] === 'email')?.message;
      if (emailIssue)
        return portalPage(
          c,
          400,
          { title: 'Email me a new link' },
          newLinkForm(
            c,
            typeof body._link === 'string' ? body._link : undefined,
            emailIssue,
            typeof body.email === 'string' ? body.email : '',
          ),
        );
      return portalPage(
        c,
        403,
        { title: 'Please try again' },
        html`<p class="lede">This form was not sent from the page we showed you.</p>${newLinkForm(c, undefined)}`,
      );
    }
    const client = c.req.header('x-forwarded-for')?.split(',')[0]?.trim() || 'local';
    const address = form.data.email.trim().toLowerCase();
    if (
      !deps.limits.perClient.take(`c:${client}`, deps.now()) ||
      !deps.limits.perAddress.take(`a:${address}`, deps.now())
    )
      return portalPage(
        c,
        429,
        { title: 'Please wait a little' },
        html`<p class="lede">Too many requests for new links. Try again in a few minutes.</p>`,
      );
    // The same answer whether or not the address is on file (no account enumeration), and the
    // same time too: the work is padded to a fixed floor (awaited: Lambda freezes after answering).
    const started = Date.now();
    await sendFreshLink(address, form.data._link).catch(() => undefined);
    await new Promise((done) => setTimeout(done, Math.max(0, ANSWER_FLOOR_MS - (Date.now() - started))));
    return portalPage(
      c,
      200,
      { title: 'Check your email' },
      html`<p class="lede">If ${form.data.email} is the address we have for this link, a new link is on its way. It works once, for ${deps.linkTtlDays} days.</p>`,
    );
  });

  async function sendFreshLink(address: string, oldToken: string | undefined): Promise<void> {
    if (!oldToken || !deps.mailer) return;
    const check = await verifyTaskToken(keys.secret, oldToken, deps.now());
    if (check.ok === false && check.reason === 'invalid') return;
    const claims = check.claims;
    if (personIdOf(keys.secret, address) !== claims.pid) return;
    const who = await resolveLinkHolder(deps.candidates, keys.secret, claims, false);
    if (!who.ok) return;
    const token = await mintTaskToken(
      { secret: keys.secret, ttlDays: deps.linkTtlDays },
      { role: claims.rol, email: address },
      claims.pth,
      deps.now(),
    );
    const expires = new Date(deps.now() + deps.linkTtlDays * 86_400_000).toISOString().slice(0, 10);
    await deps.mailer.sendSignInLink(
      { email: address, name: who.person.name },
      `${deps.portalUrl}/portal/t/${token}`,
      expires,
    );
  }

  r.get('/signout', async (c) => {
    const session = await readSession(c, keys);
    if (!session) return portalPage(c, 200, { title: 'Signed out' }, html`<p class="lede">You are signed out.</p>`);
    const csrf = csrfTokenFor(keys, session.sid);
    return portalPage(
      c,
      200,
      { title: 'Sign out', session, csrf },
      html`<form method="post" action="/portal/signout"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit">Sign out now</button></form>`,
    );
  });

  r.post('/signout', async (c) => {
    const session = await readSession(c, keys);
    const body = await c.req.parseBody();
    if (session && !csrfValid(keys, session.sid, body._csrf))
      return portalPage(
        c,
        403,
        { title: 'Please try again' },
        html`<p class="lede">This form was not sent from the page we showed you.</p>`,
      );
    clearSession(c);
    return portalPage(
      c,
      200,
      { title: 'Signed out' },
      html`<p class="lede">You are signed out. Links in your emails sign you in again.</p>`,
    );
  });

  return r;
}
