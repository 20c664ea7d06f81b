// The portal's page frame: the same look as the dashboard, a navigation that shows each role only
// what it can open, the signed-in person's name and a sign-out button (a POST with its CSRF token).
import type { AppContext } from '../app-env';
import { authorize } from '../auth/policy';
import { BASE_STYLE, html, htmlDocument, type Html } from '../dashboard/html';
import { principalOf, type TPortalSession } from './session';
import { FORM_STYLE } from './forms';

const PORTAL_STYLE = `
.lede { font-size: 1.1em; } .muted { color: #555; }
.form-section { border-top: 1px solid #c9c9c9; margin-top: 24px; } .event-form input[type=date], .event-form input[type=number] { font: inherit; padding: 4px; }
.tasks { list-style: none; padding: 0; } .tasks li { border: 1px solid #c9c9c9; border-radius: 6px; padding: 8px 12px; margin: 8px 0; }
.tasks li.overdue-task { border-left: 6px solid #b50909; } .tasks .due { font-size: .9em; }
form.event { max-width: 720px; } form.event .field { margin: 12px 0; display: flex; flex-direction: column; gap: 4px; }
form.event fieldset { border: 1px solid #c9c9c9; border-radius: 6px; margin: 12px 0; padding: 8px 12px; }
form.event input[type=text], form.event input[type=email], form.event input[type=number], form.event input[type=date], form.event select, form.event textarea { font: inherit; padding: 6px; max-width: 100%; }
form.event textarea { min-height: 5em; } .error, .field-error { color: #b50909; font-weight: bold; }
.error-summary { border: 3px solid #b50909; padding: 8px 12px; border-radius: 6px; margin: 12px 0; }
.success { border: 3px solid #1d6b2f; padding: 8px 12px; border-radius: 6px; margin: 12px 0; }
button, .button { font: inherit; padding: 8px 16px; background: #153e75; color: #fff; border: 0; border-radius: 4px; cursor: pointer; text-decoration: none; display: inline-block; }
button:focus, a:focus, input:focus, select:focus, textarea:focus { outline: 3px solid #f5a623; outline-offset: 2px; }
header form { display: inline; margin: 0; } header button { background: #fff; color: #153e75; padding: 2px 10px; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; list-style: none; padding: 0; }
`;

export interface TPortalLayout {
  title: string;
  session?: TPortalSession;
  /** The session's CSRF token, for the sign-out button. */
  csrf?: string;
}

export function portalDocument({ title, session, csrf }: TPortalLayout, body: Html): string {
  const p = session ? principalOf(session) : undefined;
  const may = (kind: 'dashboard.overview' | 'dashboard.atRisk' | 'dashboard.queue' | 'roster.import') =>
    p ? authorize(p, { kind }).allow : false;
  const header = session
    ? html`<nav aria-label="Portal"><ul>
    <li><a href="/portal">My tasks</a></li>
    ${may('dashboard.overview') && p?.role === 'pa' ? html`<li><a href="/dashboard/overview">Cohort overview</a></li><li><a href="/dashboard/at-risk">At risk</a></li>` : ''}
    ${may('dashboard.queue') ? html`<li><a href="/portal/handoffs">Handoffs</a></li>` : ''}
    ${may('roster.import') ? html`<li><a href="/portal/roster">Roster upload</a></li>` : ''}
    ${p ? reportLink(p.role, p.programId) : ''}
  </ul></nav>
  <span class="who">Signed in as ${session.name || session.role} (${roleName(session.role)})</span>
  ${csrf ? html`<form method="post" action="/portal/signout"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit">Sign out</button></form>` : ''}`
    : html``;
  return htmlDocument(title, BASE_STYLE + PORTAL_STYLE + FORM_STYLE, header, body);
}

export function portalPage(
  c: AppContext,
  status: 200 | 400 | 401 | 403 | 404 | 409 | 410 | 429,
  layout: TPortalLayout,
  body: Html,
): Response {
  c.header('Cache-Control', 'no-store');
  c.header(
    'Content-Security-Policy',
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  );
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
  return c.html(portalDocument(layout, body), status);
}

/** The newest cohort: programs start in the fall (R-ADM-4). */
const currentCohort = (nowMs = Date.now()) => {
  const d = new Date(nowMs);
  return d.getUTCMonth() >= 7 ? d.getUTCFullYear() : d.getUTCFullYear() - 1;
};

function reportLink(role: string, programId: string | undefined) {
  const cohort = currentCohort();
  if (role === 'pa' && programId)
    return html`<li><a href="/reports/program?program=${programId}&amp;cohort=${cohort}">Reports</a></li>`;
  if (role === 'director') return html`<li><a href="/reports/director?cohort=${cohort}">Reports</a></li>`;
  if (role === 'districtCoordinator') return html`<li><a href="/reports/district?cohort=${cohort}">Reports</a></li>`;
  return '';
}

const ROLE_NAMES: Record<string, string> = {
  candidate: 'candidate',
  coach: 'induction coach',
  supervisor: 'site supervisor',
  instructor: 'session instructor',
  pa: 'program administrator',
  director: 'director',
  credentialsOffice: 'credentials office',
  districtCoordinator: 'district coordinator',
};
export const roleName = (role: string): string => ROLE_NAMES[role] ?? role;
