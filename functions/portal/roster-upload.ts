// Roster upload in the browser (the PA): the same checks as `POST /roster` and the CLI — every row
// checked first, any problem listed per row and column, nothing started until all rows are right.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppContext, AppEnv } from '../app-env';
import { authorize } from '../auth/policy';
import type { AppCandidateService } from '../candidates';
import { html, type Html } from '../dashboard/html';
import { importRoster } from '../roster/import';
import { ROSTER_COLUMNS, rowsFromCsv, validateRoster, type TRosterIssue } from '../roster/roster';
import { portalPage } from './layout';
import { csrfTokenFor, csrfValid, type TPortalKeys, type TPortalSession } from './session';

export const ROSTER_UPLOAD_LIMIT = 5 * 1024 * 1024;

export function rosterUploadRoutes({
  candidates,
  keys,
  maxRows,
}: {
  candidates: AppCandidateService;
  keys: TPortalKeys;
  maxRows: number;
}) {
  const r = new Hono<AppEnv>();
  const frame = (c: AppContext, title: string) => {
    const session = c.get('session') as TPortalSession;
    return { title, session, csrf: csrfTokenFor(keys, session.sid) };
  };
  const form = (
    c: AppContext,
    error?: string,
  ): Html => html`<form method="post" action="/portal/roster" enctype="multipart/form-data" class="event">
  <input type="hidden" name="_csrf" value="${csrfTokenFor(keys, (c.get('session') as TPortalSession).sid)}">
  <div class="field"><label for="roster-file">Roster file (CSV, as your spreadsheet exports it)</label>
  <input id="roster-file" name="roster" type="file" accept=".csv,text/csv" required ${error ? html`aria-invalid="true" aria-describedby="roster-error"` : ''}>
  ${error ? html`<span id="roster-error" class="field-error">${error}</span>` : ''}</div>
  <p class="muted">Columns: ${ROSTER_COLUMNS.join(', ')}. Required: programId, candidateId, cohortStart, assignmentStart, candidateName, candidateEmail, paName, paEmail. Importing the same file twice starts nobody twice.</p>
  <button type="submit">Check and import</button>
</form>`;
  const denied = (c: AppContext) =>
    authorize(c.get('principal'), { kind: 'roster.import' }).allow
      ? undefined
      : portalPage(
          c,
          403,
          frame(c, 'Not allowed'),
          html`<p role="alert" class="error">Only the program administrator imports rosters.</p>`,
        );
  const issues = (list: readonly TRosterIssue[]) =>
    html`<div class="error-summary" role="alert"><p><strong>The roster has ${list.length} problem${list.length === 1 ? '' : 's'}; nobody was started.</strong> Fix them in the spreadsheet and upload it again.</p>
<table data-testid="roster-errors"><thead><tr><th scope="col">Row</th><th scope="col">Line</th><th scope="col">Column</th><th scope="col">Problem</th></tr></thead>
<tbody>${list.map((i) => html`<tr><td>${i.row}</td><td>${i.line ?? '—'}</td><td>${i.field}</td><td>${i.message}</td></tr>`)}</tbody></table></div>`;

  r.get('/', (c) => denied(c) ?? portalPage(c, 200, frame(c, 'Roster upload'), form(c)));
  r.post(
    '/',
    bodyLimit({
      maxSize: ROSTER_UPLOAD_LIMIT,
      onError: (c) =>
        portalPage(
          c as AppContext,
          400,
          frame(c as AppContext, 'Roster upload'),
          form(c as AppContext, 'The file is larger than 5 MB; split it into smaller files.'),
        ),
    }),
    async (c) => {
      const no = denied(c);
      if (no) return no;
      const body = await c.req.parseBody();
      if (!csrfValid(keys, (c.get('session') as TPortalSession).sid, body._csrf))
        return portalPage(
          c,
          403,
          frame(c, 'Please try again'),
          html`<p role="alert" class="error">This form was not sent from the portal's page.</p>`,
        );
      const file = body.roster;
      if (!(file instanceof File) || file.size === 0)
        return portalPage(c, 400, frame(c, 'Roster upload'), form(c, 'Choose the roster file to upload.'));
      const read = rowsFromCsv(await file.text());
      if (!read.ok) return portalPage(c, 400, frame(c, 'Roster upload'), html`${issues(read.errors)}${form(c)}`);
      const checked = validateRoster(read.rows, candidates.policyProblem, maxRows);
      if (!checked.ok) return portalPage(c, 400, frame(c, 'Roster upload'), html`${issues(checked.errors)}${form(c)}`);
      const principal = c.get('principal');
      const outside: TRosterIssue[] = checked.rows.flatMap(({ row, line, start }) => {
        const d = authorize(principal, { kind: 'candidate.start', programId: start.programId });
        return d.allow ? [] : [{ row, ...(line !== undefined ? { line } : {}), field: 'programId', message: d.reason }];
      });
      if (outside.length) return portalPage(c, 400, frame(c, 'Roster upload'), html`${issues(outside)}${form(c)}`);
      const report = await importRoster(checked.rows, { start: candidates.start });
      return portalPage(
        c,
        report.failed ? 409 : 200,
        frame(c, 'Roster imported'),
        html`<div class="success" role="status" data-testid="roster-imported"><p><strong>${report.started} started, ${report.skipped} already enrolled, ${report.failed} failed.</strong></p></div>
<table><thead><tr><th scope="col">Row</th><th scope="col">Candidate</th><th scope="col">Result</th></tr></thead>
<tbody>${report.rows.map((x) => html`<tr><td>${x.row}</td><td><a href="/dashboard/candidates/${x.key}">${x.key}</a></td><td>${x.result}${x.reason ? ` (${x.reason})` : ''}</td></tr>`)}</tbody></table>
<p>Each new candidate's workflow is running: the first reminders go out as their deadlines near.</p>`,
      );
    },
  );
  return r;
}
