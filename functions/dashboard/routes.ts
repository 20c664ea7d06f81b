// /dashboard: server-rendered pages for people. A browser signs in locally by opening any page with
// `?token=<jwt>` once (`npm run cli -- token --role pa`, or the link the dev stack prints): the token
// is checked, moved into an HttpOnly SameSite=Strict cookie and dropped from the address bar.
import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { AppContext, AppEnv } from '../app-env';
import type { AuditSink } from '../audit';
import { ZCandidateKey } from '../auth/principal';
import { DASHBOARD_COOKIE } from '../auth/dashboard-cookie';
import { authorize, eventTypesFor, type TAction } from '../auth/policy';
import { eventTitle } from '../portal/forms';
import { disclosesIip, redactStatusFor } from '../auth/redact';
import { zodIssues, type AppCandidateService } from '../candidates';
import { ZCandidateFilter } from '../visibility';
import { atRiskBody } from './at-risk';
import { candidateBody } from './candidate-page';
import { html, page, type Html, type TLayout } from './html';
import { overviewBody } from './overview';
import { queueBody } from './queue';

export interface DashboardDeps {
  candidates: AppCandidateService;
  audit: AuditSink;
  now: () => number;
}

const ZPageQuery = ZCandidateFilter.pick({ program: true, cohort: true, pageToken: true });

export function dashboardPage(c: AppContext, status: 200 | 400 | 401 | 403 | 404 | 409, layout: TLayout, body: Html) {
  c.header('Cache-Control', 'no-store');
  c.header(
    'Content-Security-Policy',
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  );
  c.header('X-Content-Type-Options', 'nosniff');
  return c.html(page(layout, body), status);
}

export function signInPage(c: AppContext, message: string) {
  return dashboardPage(
    c,
    401,
    { title: 'Sign in' },
    html`<p role="alert">${message}</p>
<p>Open the link in one of your emails from the program to sign in, or <a href="/portal/signin">ask for a new link</a>.
Program staff can also sign in with their program account from that page.</p>`,
  );
}

export function dashboardRoutes({ candidates, audit, now }: DashboardDeps) {
  const r = new Hono<AppEnv>();
  const deps = { candidates, now };

  const layout = (c: AppContext, title: string, current?: TLayout['current']): TLayout => {
    const p = c.get('principal');
    const may = (kind: 'dashboard.overview' | 'dashboard.atRisk' | 'dashboard.queue') => authorize(p, { kind }).allow;
    return {
      title,
      current,
      who: `${c.get('session')?.name ?? p.sub} (${p.role})`,
      nav: { overview: may('dashboard.overview'), atRisk: may('dashboard.atRisk'), queue: may('dashboard.queue') },
    };
  };
  const refuse = (c: AppContext, action: TAction) => {
    const d = authorize(c.get('principal'), action);
    return d.allow
      ? undefined
      : dashboardPage(
          c,
          d.status,
          layout(c, d.status === 404 ? 'Not found' : 'Not allowed'),
          html`<p role="alert">${d.reason}</p>`,
        );
  };

  // A verified ?token= becomes the cookie, and the URL loses it (history, referrers, screenshots).
  r.use('*', async (c, next) => {
    const token = c.req.query('token');
    if (token === undefined) return next();
    setCookie(c, DASHBOARD_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/dashboard',
      secure: new URL(c.req.url).protocol === 'https:',
      maxAge: 12 * 3600,
    });
    const url = new URL(c.req.url);
    url.searchParams.delete('token');
    return c.redirect(url.pathname + url.search, 303);
  });

  r.get('/', (c) => {
    const p = c.get('principal');
    if (p.role === 'candidate' && p.candidateKeys?.[0])
      return c.redirect(`/dashboard/candidates/${encodeURIComponent(p.candidateKeys[0])}`, 303);
    if (p.role === 'credentialsOffice') return c.redirect('/dashboard/queue', 303);
    return c.redirect('/dashboard/overview', 303);
  });

  r.get('/logout', (c) => {
    deleteCookie(c, DASHBOARD_COOKIE, { path: '/dashboard' });
    return dashboardPage(c, 200, { title: 'Signed out' }, html`<p>You are signed out.</p>`);
  });

  const listPage = (
    path: string,
    kind: 'dashboard.overview' | 'dashboard.atRisk' | 'dashboard.queue',
    title: string,
    current: TLayout['current'],
    body: typeof overviewBody,
  ) =>
    r.get(path, async (c) => {
      const denied = refuse(c, { kind });
      if (denied) return denied;
      // An HTML form sends its empty fields too: empty means "no filter".
      const q = ZPageQuery.safeParse(Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== '')));
      if (!q.success)
        return dashboardPage(
          c,
          400,
          layout(c, 'Bad filter'),
          html`<ul role="alert">${zodIssues(q.error).map((i) => html`<li>${i.path}: ${i.message}</li>`)}</ul>`,
        );
      return dashboardPage(c, 200, layout(c, title, current), await body(deps, c.get('principal'), q.data));
    });
  listPage('/overview', 'dashboard.overview', 'Cohort overview', 'overview', overviewBody);
  listPage('/at-risk', 'dashboard.atRisk', 'At risk', 'atRisk', atRiskBody);
  listPage('/queue', 'dashboard.queue', 'Credentials office queue', 'queue', queueBody);

  r.get('/candidates/:key', async (c) => {
    const key = c.req.param('key');
    if (!ZCandidateKey.safeParse(key).success)
      return dashboardPage(c, 404, layout(c, 'Not found'), html`<p role="alert">no candidate ${key}</p>`);
    const denied = refuse(c, { kind: 'candidate.read', candidateKey: key });
    if (denied) return denied;
    const p = c.get('principal');
    const view = redactStatusFor(p.role, await candidates.status(key));
    if (disclosesIip(view))
      await audit.record({
        at: new Date(now()).toISOString(),
        action: 'iip.read',
        role: p.role,
        sub: p.sub,
        candidateKey: key,
        via: 'dashboard',
      });
    // The PA acts here (admit, assign, defer…): each event the role may record opens its form.
    const actions = eventTypesFor(p.role);
    const actionList = actions.length
      ? html`<section aria-labelledby="actions-h"><h2 id="actions-h">Record for this candidate</h2><ul class="actions" data-testid="actions">${actions.map((t) => html`<li><a class="button" href="/portal/${key}/record/${t}">${eventTitle(t)}</a></li>`)}</ul></section>`
      : html``;
    return dashboardPage(
      c,
      200,
      layout(c, view.people.candidate.name, 'candidate'),
      html`${actionList}${candidateBody(view)}`,
    );
  });

  return r;
}
