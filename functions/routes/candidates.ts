// /candidates: start a candidate, list and filter them (visibility), read one's status (redacted
// for the caller's role, IIP reads audited) and record events. Bad input is a 400 naming each bad
// field and changes nothing; the workflow's own validator answers 409 for an out-of-phase event.
import { Hono } from 'hono';
import { z } from 'zod';
import { ZCandidateStart } from '../../domain/lifecycle/candidate';
import { ZCandidateEvent } from '../../domain/events';
import type { AppEnv } from '../app-env';
import type { AuditSink } from '../audit';
import { ZCandidateKey } from '../auth/principal';
import { deniedJson } from '../auth/middleware';
import { listScope } from '../auth/policy';
import { disclosesIip, redactStatusFor } from '../auth/redact';
import { zodIssues, type AppCandidateService } from '../candidates';
import { ZCandidateFilter } from '../visibility';
import { readJson } from './body';

/** An Idempotency-Key header (or a portal form's hidden key): it becomes the Temporal update id. */
export const ZIdempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{8,100}$/);

export interface CandidateRouteDeps {
  candidates: AppCandidateService;
  audit: AuditSink;
  now: () => number;
}

export function candidateRoutes({ candidates, audit, now }: CandidateRouteDeps) {
  const r = new Hono<AppEnv>();

  r.post('/', async (c) => {
    const body = await readJson(c);
    if (body === undefined) return c.json({ error: 'request body must be JSON' }, 400);
    const parsed = ZCandidateStart.safeParse(body);
    if (!parsed.success) return c.json({ error: 'invalid candidate', issues: zodIssues(parsed.error) }, 400);
    const denied = deniedJson(c, { kind: 'candidate.start', programId: parsed.data.programId });
    if (denied) return denied;
    return c.json(await candidates.start(parsed.data), 201);
  });

  r.get('/', async (c) => {
    const parsed = ZCandidateFilter.safeParse(c.req.query());
    if (!parsed.success) return c.json({ error: 'invalid filter', issues: zodIssues(parsed.error) }, 400);
    const denied = deniedJson(c, { kind: 'candidate.list' });
    if (denied) return denied;
    return c.json(await candidates.list(parsed.data, listScope(c.get('principal')), now()));
  });

  r.get('/:key', async (c) => {
    const key = c.req.param('key');
    if (!ZCandidateKey.safeParse(key).success) return c.json({ error: `no candidate ${key}` }, 404);
    const denied = deniedJson(c, { kind: 'candidate.read', candidateKey: key });
    if (denied) return denied;
    const principal = c.get('principal');
    const view = redactStatusFor(principal.role, await candidates.status(key));
    if (disclosesIip(view))
      await audit.record({
        at: new Date(now()).toISOString(),
        action: 'iip.read',
        role: principal.role,
        sub: principal.sub,
        candidateKey: key,
        via: 'api',
      });
    return c.json(view);
  });

  r.post('/:key/events', async (c) => {
    const key = c.req.param('key');
    const body = await readJson(c);
    if (body === undefined) return c.json({ error: 'request body must be JSON' }, 400);
    const parsed = ZCandidateEvent.safeParse(body);
    if (!parsed.success) return c.json({ error: 'invalid event', issues: zodIssues(parsed.error) }, 400);
    if (!ZCandidateKey.safeParse(key).success) return c.json({ error: `no candidate ${key}` }, 404);
    const denied = deniedJson(c, { kind: 'candidate.event', candidateKey: key, event: parsed.data });
    if (denied) return denied;
    const idempotencyKey = c.req.header('idempotency-key');
    if (idempotencyKey !== undefined && !ZIdempotencyKey.safeParse(idempotencyKey).success)
      return c.json(
        {
          error: 'invalid Idempotency-Key',
          issues: [{ path: 'Idempotency-Key', message: 'expected 8–100 characters of letters, digits, - or _' }],
        },
        400,
      );
    const principal = c.get('principal');
    // Who recorded it is the authenticated caller, never what the body claims.
    const event = { ...parsed.data, by: { role: principal.role, id: principal.sub.slice(0, 120) } };
    return c.json(await candidates.recordEvent(key, event, idempotencyKey ? { idempotencyKey } : {}), 200);
  });

  return r;
}
