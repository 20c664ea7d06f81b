// Local development only (CASC_DEV_SIGN_IN=1, set by `npm start`, never in AWS): sign in as any
// role without an email. Staff pick a program; candidates, coaches and supervisors give the address
// a candidate's record holds, and get exactly the scope a task link would give them.
import { Hono } from 'hono';
import { z } from 'zod';
import { personIdOf } from '../../activities/email/task-links';
import { ZProgramId } from '../../domain/lifecycle/candidate';
import type { AppEnv } from '../app-env';
import { ZApiRole } from '../auth/principal';
import type { AppCandidateService } from '../candidates';
import { html } from '../dashboard/html';
import { portalPage, roleName } from './layout';
import { personInRole, programStatuses } from './people';
import { issueSession, type TPortalKeys } from './session';
import { preSessionCsrf, preSessionCsrfValid } from './sign-in';

const ZDevForm = z.object({
  role: ZApiRole,
  program: ZProgramId,
  email: z
    .email()
    .max(254)
    .optional()
    .or(z.literal('').transform(() => undefined)),
});
const PERSON_ROLES = ['candidate', 'coach', 'supervisor'] as const;

export function devSignInRoutes({ candidates, keys }: { candidates: AppCandidateService; keys: TPortalKeys }) {
  const r = new Hono<AppEnv>();
  r.get('/', (c) => {
    const q = c.req.query();
    const csrf = preSessionCsrf(c, keys);
    const opt = (v: string, sel?: string) =>
      html`<option value="${v}"${v === sel ? html` selected` : ''}>${roleName(v)}</option>`;
    return portalPage(
      c,
      200,
      { title: 'Dev sign-in (local only)' },
      html`<p class="lede">This page exists only on the local stack. In the real portal people sign in from the links in their emails, and staff with the program's account.</p>
<form method="post" action="/auth/dev" class="event">
  <input type="hidden" name="_csrf" value="${csrf}">
  <div class="field"><label for="role">Role</label><select id="role" name="role">${ZApiRole.options.map((r) => opt(r, q.role))}</select></div>
  <div class="field"><label for="program">Program</label><input id="program" name="program" type="text" value="${q.program ?? 'rossier'}"></div>
  <div class="field"><label for="email">Email on the candidate's record (candidate, coach, supervisor)</label><input id="email" name="email" type="email" value="${q.email ?? ''}"></div>
  <button type="submit">Sign in</button>
</form>`,
    );
  });
  r.post('/', async (c) => {
    const body = await c.req.parseBody();
    if (!preSessionCsrfValid(c, keys, body._csrf))
      return portalPage(
        c,
        403,
        { title: 'Please try again' },
        html`<p class="lede">Open <a href="/auth/dev">the dev sign-in page</a> again.</p>`,
      );
    const form = ZDevForm.safeParse(body);
    if (!form.success)
      return portalPage(
        c,
        400,
        { title: 'Dev sign-in' },
        html`<p role="alert" class="error">${form.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}</p>`,
      );
    const { role, program, email } = form.data;
    if ((PERSON_ROLES as readonly string[]).includes(role)) {
      if (!email)
        return portalPage(
          c,
          400,
          { title: 'Dev sign-in' },
          html`<p role="alert" class="error">A ${roleName(role)} signs in with the address on a candidate's record.</p>`,
        );
      const pid = personIdOf(keys.secret, email);
      const mine = (await programStatuses(candidates, program)).filter((s) => {
        const p = personInRole(s, role as (typeof PERSON_ROLES)[number]);
        return p && personIdOf(keys.secret, p.email) === pid;
      });
      if (mine.length === 0)
        return portalPage(
          c,
          404,
          { title: 'Dev sign-in' },
          html`<p role="alert" class="error">No candidate of ${program} has ${email} as their ${roleName(role)}.</p>`,
        );
      const name = personInRole(mine[0]!, role as (typeof PERSON_ROLES)[number])!.name;
      await issueSession(c, keys, { sub: pid, role, name, via: 'dev', candidateKeys: mine.map((s) => s.key) });
    } else {
      await issueSession(c, keys, {
        sub: `dev-${role}`,
        role,
        name: `Dev ${roleName(role)}`,
        via: 'dev',
        programId: program,
      });
    }
    return c.redirect('/portal', 303);
  });
  return r;
}
