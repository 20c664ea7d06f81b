// The HTTP API (and, later, the dashboard pages): one Hono app served by @hono/node-server locally
// and by the Lambda handler in AWS. Bad input is a 400 naming each bad field and changes nothing.
import { Hono, type Context } from 'hono';
import { ZCandidateStart } from '../domain/candidate';
import { ZCandidateEvent } from '../domain/events';
import { ServiceError, zodIssues, type CandidateService } from './candidates';

export interface AppDeps {
  candidates: CandidateService;
}

export function createApp({ candidates }: AppDeps) {
  const app = new Hono();

  app.get('/health', (c) => c.json({ ok: true }));

  app.post('/candidates', async (c) => {
    const body = await readJson(c);
    if (body === undefined) return c.json({ error: 'request body must be JSON' }, 400);
    const parsed = ZCandidateStart.safeParse(body);
    if (!parsed.success) return c.json({ error: 'invalid candidate', issues: zodIssues(parsed.error) }, 400);
    const started = await candidates.start(parsed.data);
    return c.json(started, 201);
  });

  app.get('/candidates/:id', async (c) => c.json(await candidates.status(c.req.param('id'))));

  app.post('/candidates/:id/events', async (c) => {
    const body = await readJson(c);
    if (body === undefined) return c.json({ error: 'request body must be JSON' }, 400);
    const parsed = ZCandidateEvent.safeParse(body);
    if (!parsed.success) return c.json({ error: 'invalid event', issues: zodIssues(parsed.error) }, 400);
    return c.json(await candidates.recordEvent(c.req.param('id'), parsed.data), 200);
  });

  app.onError((err, c) => {
    if (err instanceof ServiceError) {
      const status = err.kind === 'notFound' ? 404 : err.kind === 'conflict' ? 409 : 400;
      return c.json({ error: err.message, ...(err.issues ? { issues: err.issues } : {}) }, status);
    }
    // No request details in logs: bodies carry education records.
    console.error(`unhandled ${c.req.method} ${c.req.routePath}: ${err instanceof Error ? err.name + ': ' + err.message : 'error'}`);
    return c.json({ error: 'internal error' }, 500);
  });

  return app;
}

async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    return undefined;
  }
}
