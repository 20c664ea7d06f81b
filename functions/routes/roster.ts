// POST /roster: a roster as CSV (text/csv) or a JSON array of the same columns. All rows are
// checked first; any problem is a 400 listing every bad row and column, and nothing is started.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../app-env';
import { deniedJson } from '../auth/middleware';
import { authorize } from '../auth/policy';
import type { AppCandidateService } from '../candidates';
import { importRoster } from '../roster/import';
import { rowsFromCsv, rowsFromJson, validateRoster, type TRosterIssue } from '../roster/roster';
import { mediaTypeOf, readJson } from './body';

export interface RosterRouteDeps {
  candidates: AppCandidateService;
  /** Rows per request: each is a workflow start, and an API request has ~29 s in Lambda. */
  maxRows: number;
}

export function rosterRoutes({ candidates, maxRows }: RosterRouteDeps) {
  const r = new Hono<AppEnv>();
  r.post(
    '/',
    bodyLimit({
      maxSize: 5 * 1024 * 1024,
      onError: (c) => c.json({ error: 'the roster is larger than 5 MB; split it' }, 413),
    }),
    async (c) => {
      const denied = deniedJson(c, { kind: 'roster.import' });
      if (denied) return denied;
      const type = mediaTypeOf(c);
      let read;
      if (type === 'text/csv') read = rowsFromCsv(await c.req.text());
      else if (type === 'application/json') {
        const body = await readJson(c);
        if (body === undefined) return c.json({ error: 'request body must be JSON' }, 400);
        read = rowsFromJson(body);
      } else return c.json({ error: 'send the roster as text/csv or application/json' }, 415);
      if (!read.ok) return c.json({ error: 'the roster has errors; nothing was started', errors: read.errors }, 400);

      const checked = validateRoster(read.rows, candidates.policyProblem, maxRows);
      if (!checked.ok)
        return c.json({ error: 'the roster has errors; nothing was started', errors: checked.errors }, 400);
      const principal = c.get('principal');
      const outside: TRosterIssue[] = checked.rows.flatMap(({ row, line, start }) => {
        const decision = authorize(principal, { kind: 'candidate.start', programId: start.programId });
        return decision.allow
          ? []
          : [{ row, ...(line !== undefined ? { line } : {}), field: 'programId', message: decision.reason }];
      });
      if (outside.length) return c.json({ error: 'the roster has errors; nothing was started', errors: outside }, 400);

      const report = await importRoster(checked.rows, { start: candidates.start });
      // A failed start (not a duplicate) leaves the others started; re-running the import is safe.
      return c.json(report, report.failed > 0 ? 502 : 200);
    },
  );
  return r;
}
