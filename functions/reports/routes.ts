// /reports: the program report pages as a Hono sub-app the portal mounts behind its sign-in (the
// caller is `c.get('principal')`). Every page and download asks policy.ts first; every figure comes
// from the one report function (domain/report/program-report.ts) over every candidate, closed and
// archived ones included (load.ts). Pages: the PA's program report, the director's across
// programs, a district coordinator's for their district, and a printable accreditation summary.
import { Hono } from 'hono';
import { z } from 'zod';
import { ZProgramId } from '../../domain/lifecycle/candidate';
import type { TProgramReport, TReportScope } from '../../domain/report/program-report';
import type { AppContext, AppEnv } from '../app-env';
import { authorize, type TAction } from '../auth/policy';
import { zodIssues } from '../candidates';
import { dashboardPage } from '../dashboard/routes';
import { html, type Html } from '../dashboard/html';
import { reportFileName, reportToCsv, reportToJson } from './export';
import type { ReportLoaderDeps } from './load';
import { buildReport } from './service';
import { directorSections, downloadLinks, REPORT_STYLE, reportSections, summarySection } from './views';

export interface ReportRouteDeps extends ReportLoaderDeps {
  /**
   * How long a computed report is reused for the same scope (default 10 min). Loading queries every
   * candidate's workflow (minutes for thousands, bench/RESULTS.md), so the page, its CSV, JSON and
   * summary share one load; concurrent requests share one in flight. 0 turns it off.
   */
  cacheMs?: number;
}

const ZDistrict = z.string().regex(/^[a-z0-9_-]{1,40}$/, { error: 'expected a district id' });
// Unknown parameters (a sign-in token, tracking) are ignored, not refused.
const ZQuery = z.object({
  program: ZProgramId.optional(),
  cohort: z
    .string({ error: 'expected ?cohort=YEAR' })
    .regex(/^(19|20|21)\d{2}$/, { error: 'expected a cohort year like 2026' })
    .transform(Number),
  district: ZDistrict.optional(),
  format: z.enum(['html', 'csv', 'json'], { error: 'expected format html, csv or json' }).default('html'),
});
type TQuery = z.output<typeof ZQuery>;

export function reportRoutes(deps: ReportRouteDeps) {
  const r = new Hono<AppEnv>();

  const layout = (c: AppContext, title: string) => {
    const p = c.get('principal');
    return { title, who: `${p.sub} (${p.role})` };
  };
  const show = (c: AppContext, title: string, body: Html, status: 200 | 400 | 403 | 404 = 200) =>
    dashboardPage(c, status, layout(c, title), html`${REPORT_STYLE}${body}`);
  const refuse = (c: AppContext, action: TAction) => {
    const d = authorize(c.get('principal'), action);
    return d.allow
      ? undefined
      : show(c, d.status === 404 ? 'Not found' : 'Not allowed', html`<p role="alert">${d.reason}</p>`, d.status);
  };
  const query = (c: AppContext): { ok: true; q: TQuery } | { ok: false; res: Response } => {
    const parsed = ZQuery.safeParse(c.req.query());
    if (parsed.success) return { ok: true, q: parsed.data };
    const issues = zodIssues(parsed.error);
    return {
      ok: false,
      res: show(
        c,
        'Bad request',
        html`<p role="alert">The report link is not valid:</p><ul>${issues.map((i) => html`<li>${i.path}: ${i.message}</li>`)}</ul>`,
        400,
      ),
    };
  };
  const exported = (c: AppContext, report: TProgramReport, format: 'csv' | 'json') => {
    c.header('Cache-Control', 'no-store');
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Content-Disposition', `attachment; filename="${reportFileName(report, format)}"`);
    c.header('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
    return c.body(format === 'csv' ? reportToCsv(report) : reportToJson(report));
  };
  // Aggregates over the whole program (never personal data): the loader lists the program, not the caller's candidates.
  const cacheMs = deps.cacheMs ?? 10 * 60_000;
  const cache = new Map<string, { at: number; report: Promise<TProgramReport> }>();
  const now = deps.now ?? Date.now;
  const load = (scope: TReportScope): Promise<TProgramReport> => {
    const key = JSON.stringify([scope.programId, scope.cohortYear, scope.districtId ?? null]);
    const hit = cache.get(key);
    if (hit && now() - hit.at < cacheMs) return hit.report;
    const report = buildReport(deps, scope, { kind: 'program', programId: scope.programId }).then((b) => b.report);
    if (cacheMs > 0) {
      cache.set(key, { at: now(), report });
      report.catch(() => cache.delete(key)); // a failed load is not remembered
    }
    return report;
  };

  const programPage = (path: '/program' | '/summary') =>
    r.get(path, async (c) => {
      const parsed = query(c);
      if (!parsed.ok) return parsed.res;
      const q = parsed.q;
      const programId = q.program ?? c.get('principal').programId;
      if (!programId)
        return show(c, 'Bad request', html`<p role="alert">Name the program: ?program=ID&amp;cohort=YEAR</p>`, 400);
      const action: TAction = q.district
        ? { kind: 'report.district', districtId: q.district }
        : { kind: 'report.program', programId };
      const denied =
        refuse(c, action) ??
        (q.district && c.get('principal').role !== 'districtCoordinator'
          ? refuse(c, { kind: 'report.program', programId })
          : undefined);
      if (denied) return denied;
      const report = await load({ programId, cohortYear: q.cohort, ...(q.district ? { districtId: q.district } : {}) });
      if (q.format !== 'html') return exported(c, report, q.format);
      const params = { program: programId, cohort: q.cohort, district: q.district };
      const what = `${programId} ${q.cohort}${q.district ? ` · district ${q.district}` : ''}`;
      if (path === '/summary') return show(c, `Accreditation summary — ${what}`, summarySection(report));
      return show(
        c,
        `Program report — ${what}`,
        html`${downloadLinks('/reports/program', params)}${reportSections(report)}`,
      );
    });
  programPage('/program');
  programPage('/summary');

  // A district coordinator's own district (from the token) unless another is named (then refused).
  r.get('/district', async (c) => {
    const parsed = query(c);
    if (!parsed.ok) return parsed.res;
    const q = parsed.q;
    const districtId = q.district ?? c.get('principal').districtId;
    if (!districtId || !q.program)
      return show(
        c,
        'Bad request',
        html`<p role="alert">Name the program and district: ?program=ID&amp;cohort=YEAR (the district comes from your sign-in)</p>`,
        400,
      );
    // Staff see a district of their own program only; a coordinator's scope is the district.
    const denied =
      refuse(c, { kind: 'report.district', districtId }) ??
      (c.get('principal').role !== 'districtCoordinator'
        ? refuse(c, { kind: 'report.program', programId: q.program })
        : undefined);
    if (denied) return denied;
    const report = await load({ programId: q.program, cohortYear: q.cohort, districtId });
    if (q.format !== 'html') return exported(c, report, q.format);
    return show(
      c,
      `District report — ${districtId}, ${q.program} ${q.cohort}`,
      html`${downloadLinks('/reports/district', { program: q.program, cohort: q.cohort, district: districtId })}${reportSections(report, 'd')}`,
    );
  });

  r.get('/director', async (c) => {
    const parsed = query(c);
    if (!parsed.ok) return parsed.res;
    const denied = refuse(c, { kind: 'report.director' });
    if (denied) return denied;
    const cohortYear = parsed.q.cohort;
    const programs = new Set<string>();
    let pageToken: string | undefined;
    do {
      const page = await deps.candidates.list(
        { cohort: cohortYear, pageSize: 100, ...(pageToken ? { pageToken } : {}) },
        { kind: 'program' },
      );
      for (const item of page.candidates) if (item.programId) programs.add(item.programId);
      pageToken = page.nextPageToken ?? undefined;
    } while (pageToken);
    const reports: TProgramReport[] = [];
    for (const programId of [...programs].sort()) reports.push(await load({ programId, cohortYear }));
    if (parsed.q.format === 'json') return c.json({ cohortYear, programs: reports });
    return show(c, `Programs report — cohort ${cohortYear}`, directorSections(reports, cohortYear));
  });

  return r;
}
