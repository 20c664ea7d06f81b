// The signed-in portal: My tasks, a page for every task an email links to, and the form round
// trip for every event a role may record (CSRF-checked, idempotent, audited, errors in words).
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import type { TEventType } from '../../domain/events';
import { EVENT_TYPES } from '../../domain/events';
import type { TCandidateStatus } from '../../domain/lifecycle/status';
import type { TTask, TTaskSummary } from '../../domain/portal/tasks';
import type { AppContext, AppEnv } from '../app-env';
import type { AuditSink } from '../audit';
import { ZCandidateKey } from '../auth/principal';
import { authorize, eventTypesFor, isProgramStaff } from '../auth/policy';
import { disclosesIip, redactStatusFor } from '../auth/redact';
import { ServiceError, type AppCandidateService } from '../candidates';
import { html, type Html } from '../dashboard/html';
import { ZIdempotencyKey } from '../routes/candidates';
import { describeEvent, eventTitle, parseEventForm, renderEventForm } from './forms';
import { portalPage } from './layout';
import { mapLimit, programKeys } from './people';
import { byDue, sectionHtml, summary } from './sections';
import { csrfTokenFor, csrfValid, type TPortalKeys, type TPortalSession } from './session';
import { taskView, type TFormOffer } from './task-views';

export interface PortalPageDeps {
  candidates: AppCandidateService;
  keys: TPortalKeys;
  audit: AuditSink;
  now: () => number;
}

type TMyTask = TTask & { candidateKey: string; candidateName: string };

const newIdempotencyKey = () => randomBytes(12).toString('base64url');

export function portalPages({ candidates, keys, audit, now }: PortalPageDeps) {
  const r = new Hono<AppEnv>();
  const sessionOf = (c: AppContext): TPortalSession => c.get('session') as TPortalSession;
  const frame = (c: AppContext, title: string) => ({
    title,
    session: sessionOf(c),
    csrf: csrfTokenFor(keys, sessionOf(c).sid),
  });
  const refused = (c: AppContext, status: 403 | 404, reason: string) =>
    portalPage(
      c,
      status,
      frame(c, status === 404 ? 'Not found' : 'Not allowed'),
      html`<p role="alert" class="error">${reason}</p><p><a href="/portal">Back to My tasks</a></p>`,
    );

  /** Each candidate in the session's scope, by the light `tasks` query (My tasks is the busiest page). */
  async function tasksInScope(c: AppContext): Promise<TTaskSummary[]> {
    const s = sessionOf(c);
    const keys =
      s.candidateKeys ?? (isProgramStaff(s.role) && s.programId ? await programKeys(candidates, s.programId, 200) : []);
    return (await mapLimit(keys, 8, (k) => candidates.tasks(k).catch(() => undefined))).filter(
      (x): x is TTaskSummary => !!x,
    );
  }

  r.get('/', async (c) => {
    const s = sessionOf(c);
    // Every signed-in role is also a mail role: tasks are addressed to it by that name.
    const mine: TTask['role'] = s.role;
    const tasks: TMyTask[] = (await tasksInScope(c))
      .flatMap((st) =>
        st.tasks
          .filter((t) => t.role === mine)
          .map((t) => ({ ...t, candidateKey: st.key, candidateName: st.candidateName })),
      )
      .sort(byDue);
    const soon = tasks.slice(0, 50);
    return portalPage(
      c,
      200,
      frame(c, 'My tasks'),
      html`<p class="lede">Hello ${s.name}. ${tasks.length === 0 ? 'Nothing is due from you right now.' : `${tasks.length} task${tasks.length === 1 ? '' : 's'} ${tasks.length === 1 ? 'is' : 'are'} waiting for you, overdue first.`}</p>
${
  soon.length
    ? html`<ul class="tasks" data-testid="my-tasks">${soon.map(
        (t) =>
          html`<li class="${t.overdue ? 'overdue-task' : ''}"><a href="${t.path}">${t.label}</a>${s.role === 'candidate' ? '' : html` — ${t.candidateName}`}<br><span class="due">${t.overdue ? html`<span class="badge overdue">Overdue</span> was due ` : 'Due '}${t.due}</span></li>`,
      )}</ul>`
    : ''
}
${tasks.length > soon.length ? html`<p class="muted">${tasks.length - soon.length} later tasks are not shown.</p>` : ''}
${s.candidateKeys && s.role !== 'candidate' ? html`<h2>Your candidates</h2><ul>${s.candidateKeys.map((k) => html`<li><a href="/portal/${k}">${k}</a></li>`)}</ul>` : ''}
${s.role === 'candidate' && s.candidateKeys?.[0] ? html`<p><a class="button" href="/portal/${s.candidateKeys[0]}">My program</a></p>` : ''}`,
    );
  });

  const loadView = async (c: AppContext, key: string) => {
    const p = c.get('principal');
    const view = redactStatusFor(p.role, await candidates.status(key));
    if (disclosesIip(view))
      await audit.record({
        at: new Date(now()).toISOString(),
        action: 'iip.read',
        role: p.role,
        sub: p.sub,
        candidateKey: key,
        via: 'portal',
      });
    return view;
  };

  const formFor = (
    c: AppContext,
    key: string,
    offer: TFormOffer,
    status: TCandidateStatus,
    extra: {
      values?: Record<string, string | string[]>;
      errors?: Record<string, string>;
      formError?: string;
      idem?: string;
    } = {},
  ): Html =>
    html`<section class="form-section"><h2>${eventTitle(offer.type)}</h2>${renderEventForm({
      type: offer.type,
      role: c.get('principal').role,
      action: `/portal/${key}/record/${offer.type}`,
      csrfToken: csrfTokenFor(keys, sessionOf(c).sid),
      idempotencyKey: extra.idem ?? newIdempotencyKey(),
      ...(offer.preset ? { preset: offer.preset } : {}),
      ...(extra.values ? { values: extra.values } : {}),
      ...(extra.errors ? { errors: extra.errors } : {}),
      ...(extra.formError ? { formError: extra.formError } : {}),
      people: {
        candidateName: status.people.candidate.name,
        ...(status.people.coach ? { coachName: status.people.coach.name } : {}),
        ...(status.people.supervisor ? { supervisorName: status.people.supervisor.name } : {}),
      },
    })}</section>`;

  const candidateKeyOk = (c: AppContext, key: string) => {
    if (!ZCandidateKey.safeParse(key).success) return refused(c, 404, `No candidate ${key}.`);
    const d = authorize(c.get('principal'), { kind: 'candidate.read', candidateKey: key });
    return d.allow ? undefined : refused(c, d.status, d.reason);
  };

  r.get('/:key/record/:type', async (c) => {
    const key = c.req.param('key');
    const bad = candidateKeyOk(c, key);
    if (bad) return bad;
    const type = c.req.param('type') as TEventType;
    if (!EVENT_TYPES.includes(type) || !eventTypesFor(c.get('principal').role).includes(type))
      return refused(c, 404, 'There is no such form for your role.');
    const view = await loadView(c, key);
    return portalPage(
      c,
      200,
      frame(c, eventTitle(type)),
      html`${summary(view)}${formFor(c, key, { type, preset: presetFrom(c.req.query()) }, view)}`,
    );
  });

  r.post('/:key/record/:type', async (c) => {
    const key = c.req.param('key');
    const bad = candidateKeyOk(c, key);
    if (bad) return bad;
    const type = c.req.param('type') as TEventType;
    const principal = c.get('principal');
    if (!EVENT_TYPES.includes(type) || !eventTypesFor(principal.role).includes(type))
      return refused(c, 404, 'There is no such form for your role.');
    const body = (await c.req.parseBody({ all: true })) as Record<string, string | string[]>;
    if (!csrfValid(keys, sessionOf(c).sid, body._csrf))
      return refused(c, 403, 'This form was not sent from a page of the portal. Open the page again and resubmit.');
    const idem =
      typeof body._idem === 'string' && ZIdempotencyKey.safeParse(body._idem).success
        ? body._idem
        : newIdempotencyKey();
    const status = await candidates.status(key);
    const values = Object.fromEntries(Object.entries(body).filter(([k]) => !k.startsWith('_')));
    const offer = { type, preset: presetFrom(values as Record<string, string>) };
    const parsed = parseEventForm(type, principal.role, body);
    if (!parsed.ok)
      return portalPage(
        c,
        400,
        frame(c, eventTitle(type)),
        html`${summary(redactStatusFor(principal.role, status))}${formFor(c, key, offer, status, { values, errors: parsed.errors, idem })}`,
      );
    const event = { ...parsed.event, by: { role: principal.role, id: principal.sub.slice(0, 120) } };
    const decision = authorize(principal, { kind: 'candidate.event', candidateKey: key, event });
    if (!decision.allow) return refused(c, decision.status, decision.reason);
    try {
      const accepted = await candidates.recordEvent(key, event, { idempotencyKey: idem });
      await audit.record({
        at: new Date(now()).toISOString(),
        action: 'event.recorded',
        role: principal.role,
        sub: principal.sub,
        candidateKey: key,
        via: 'portal',
        eventType: type,
      });
      const after = redactStatusFor(principal.role, await candidates.status(key));
      const next = after.tasks
        .filter((t) => t.role === principal.role)
        .sort(byDue)
        .slice(0, 5);
      return portalPage(
        c,
        200,
        frame(c, 'Recorded'),
        html`<div class="success" role="status" data-testid="recorded"><p><strong>${describeEvent(event)}</strong></p><p>${after.people.candidate.name} is now in: ${accepted.phase}.</p></div>
<h2>What comes next</h2>${next.length ? html`<ul class="tasks">${next.map((t) => html`<li><a href="${t.path}">${t.label}</a> — due ${t.due}</li>`)}</ul>` : html`<p>Nothing else is due from you for ${after.people.candidate.name} right now.</p>`}
<p><a href="/portal/${key}">Back to ${after.people.candidate.name}</a> · <a href="/portal">My tasks</a></p>`,
      );
    } catch (err) {
      if (!(err instanceof ServiceError)) throw err;
      if (err.kind === 'notFound') return refused(c, 404, err.message);
      return portalPage(
        c,
        err.kind === 'conflict' ? 409 : 400,
        frame(c, eventTitle(type)),
        html`${summary(redactStatusFor(principal.role, status))}${formFor(c, key, offer, status, { values, formError: refusalInWords(err.message), idem: newIdempotencyKey() })}`,
      );
    }
  });

  r.get('/:key/*', async (c) => taskPage(c));
  r.get('/:key', async (c) => taskPage(c));

  async function taskPage(c: AppContext) {
    const key = c.req.param('key') ?? '';
    const bad = candidateKeyOk(c, key);
    if (bad) return bad;
    const segments = c.req.path.split('/').slice(3).filter(Boolean);
    const view = await loadView(c, key);
    const task = taskView(segments, c.get('principal').role, view);
    if (!task)
      return refused(
        c,
        404,
        'This page does not exist. It may come from an old email; your current tasks are on My tasks.',
      );
    return portalPage(
      c,
      200,
      frame(c, task.title),
      html`${summary(view)}<p>${task.intro}</p>
${task.sections.map((s) => sectionHtml(s, view))}
${task.forms.length ? task.forms.map((f) => formFor(c, key, f, view as unknown as TCandidateStatus)) : html`<p class="muted">There is nothing for you to record on this page.</p>`}`,
    );
  }

  return r;
}

/** Query or body values that fix a form field (year, window, session, category), never others. */
function presetFrom(q: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ['year', 'window', 'session', 'category']) {
    const v = q[k];
    if (typeof v === 'string' && /^[A-Za-z0-9]{1,20}$/.test(v)) out[k] = v;
  }
  return out;
}

/** The workflow's refusal, as the person reads it. */
function refusalInWords(message: string): string {
  return `This could not be recorded: ${message.replace(/^[a-z]/, (ch) => ch.toUpperCase())}`;
}
