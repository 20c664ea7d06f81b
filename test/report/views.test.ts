// The report pages through the Hono sub-app (app.request): who may see which report, the district
// view without IIP content (R-IIP-5), accessible SVG charts with their numbers in tables, downloads.
import { Hono } from 'hono';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { getBuiltinPolicy } from '../../domain/policy/policy';
import type { AppEnv } from '../../functions/app-env';
import type { TPrincipal } from '../../functions/auth/principal';
import { reportRoutes } from '../../functions/reports/routes';
import { ZProgramReport } from '../../domain/report/schema';
import { AS_OF_MS, cohortStatuses, SECRET_GOAL } from './cohort';
import { fakeReportService } from './support/fake-service';

function appFor(principal: TPrincipal) {
  const service = fakeReportService(cohortStatuses());
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('principal', principal);
    await next();
  });
  app.route(
    '/reports',
    reportRoutes({ candidates: service, resolvePolicy: (id) => getBuiltinPolicy(id), now: () => AS_OF_MS }),
  );
  return { app, service };
}

const PA: TPrincipal = { sub: 'pa-tran', role: 'pa', programId: 'rossier' };
const COORDINATOR: TPrincipal = {
  sub: 'dc-1',
  role: 'districtCoordinator',
  districtId: 'lausd',
  candidateKeys: ['rossier-c0'],
};
const get = async (principal: TPrincipal, path: string) => {
  const res = await appFor(principal).app.request(path);
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    disposition: res.headers.get('content-disposition'),
    body: await res.text(),
  };
};

describe('report pages (issue 19)', () => {
  it("issue 19: the PA's program report shows every section, SVG charts with title, desc and a table, and download links", async () => {
    const res = await get(PA, '/reports/program?cohort=2026');
    expect(res.status).toBe(200);
    expect(res.body).toContain('<h1>Program report — rossier 2026</h1>');
    expect(res.body).toContain('10 candidates (6 closed, included)');
    const svgs = res.body.match(/<svg role="img" aria-labelledby="[^"]+"/g) ?? [];
    expect(svgs.length).toBe(4); // phases, hours year 1, hours year 2, CPSEL growth
    expect(res.body).toContain(
      '<title id="r-phase-t">Candidates by phase</title><desc id="r-phase-d">year2 3, recommended 1, cleared 4, withdrawn 2</desc>',
    );
    expect(res.body).toContain('<caption>Candidates by phase</caption>');
    expect(res.body).toContain(
      '<tr><th scope="row">Coaching</th><td>40</td><td>9</td><td>10</td><td>30</td><td>40</td><td>42</td><td>50</td><td>35</td><td>4</td></tr>',
    );
    expect(res.body).toContain('href="/reports/program?program=rossier&amp;cohort=2026&amp;format=csv"');
    expect(res.body).toContain('href="/reports/summary?program=rossier&amp;cohort=2026"');
    expect(res.body).not.toContain(SECRET_GOAL);
  });

  it('issue 19: CSV and JSON downloads are attachments with the whole report', async () => {
    const csv = await get(PA, '/reports/program?program=rossier&cohort=2026&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.type).toBe('text/csv; charset=utf-8');
    expect(csv.disposition).toBe('attachment; filename="casc-report-rossier-2026-2028-12-01.csv"');
    const rows = parse(csv.body) as string[][];
    expect(rows.find((r) => r[4] === 'completion' && r[5] === 'onTime')?.[7]).toBe('4');
    const json = await get(PA, '/reports/program?program=rossier&cohort=2026&format=json');
    const report = ZProgramReport.parse(JSON.parse(json.body));
    expect(report.candidates.total).toBe(10);
  });

  it('issue 19: the printable accreditation summary carries print CSS and the figures a review asks for', async () => {
    const res = await get(PA, '/reports/summary?cohort=2026');
    expect(res.status).toBe(200);
    expect(res.body).toContain('@media print');
    expect(res.body).toContain(
      '<tr><th scope="row">Completed on time / late</th><td>4 / 1 (on-time rate 50 %)</td></tr>',
    );
    expect(res.body).toContain(
      '<tr><th scope="row">Coaching hours, year 1</th><td>median 40 (IQR 30–42); 4 of 9 below 40</td></tr>',
    );
  });

  it("R-IIP-5: the district coordinator sees their district's figures and never IIP content", async () => {
    const res = await get(COORDINATOR, '/reports/district?program=rossier&cohort=2026');
    expect(res.status).toBe(200);
    expect(res.body).toContain('<h1>District report — lausd, rossier 2026</h1>');
    expect(res.body).toContain('5 candidates (4 closed, included)');
    expect(res.body).not.toContain(SECRET_GOAL);
    expect(res.body).not.toMatch(/example\.org|Candidate c\d/);
    const json = await get(COORDINATOR, '/reports/district?program=rossier&cohort=2026&format=json');
    expect(json.body).not.toContain(SECRET_GOAL);
    expect(json.body).not.toContain('"goals"');
    expect(JSON.parse(json.body)).toMatchObject({ districtId: 'lausd', candidates: { total: 5 } });
  });

  it("issue 19: a coordinator may not open another district's report or the program's; a PA of another program may not open this one", async () => {
    expect((await get(COORDINATOR, '/reports/district?program=rossier&cohort=2026&district=pasadena')).status).toBe(
      403,
    );
    expect((await get(COORDINATOR, '/reports/program?program=rossier&cohort=2026')).status).toBe(403);
    expect((await get({ ...PA, programId: 'csula' }, '/reports/program?program=rossier&cohort=2026')).status).toBe(403);
    expect(
      (await get({ ...PA, programId: 'csula' }, '/reports/district?program=rossier&cohort=2026&district=lausd')).status,
    ).toBe(403);
    expect((await get(PA, '/reports/district?program=rossier&cohort=2026&district=lausd')).status).toBe(200);
    expect(
      (
        await get(
          { sub: 'c', role: 'candidate', candidateKeys: ['rossier-c0'] },
          '/reports/program?program=rossier&cohort=2026',
        )
      ).status,
    ).toBe(403);
  });

  it("issue 19: the director's page (a director whose token names no program) lists every program of the cohort; a program's PA is refused", async () => {
    const res = await get({ sub: 'dir', role: 'director' }, '/reports/director?cohort=2026');
    expect(res.status).toBe(200);
    expect(res.body).toContain('<tr><th scope="row">csula</th><td>1</td>');
    expect(res.body).toContain(
      '<tr><th scope="row">rossier</th><td>10</td><td>4</td><td>1</td><td>2</td><td>30 %</td><td>80 %</td>',
    );
    expect((await get(PA, '/reports/director?cohort=2026')).status).toBe(403);
  });

  it('issue 19: a bad query is a 400 page naming the field', async () => {
    const res = await get(PA, '/reports/program?cohort=26&format=xml');
    expect(res.status).toBe(400);
    expect(res.body).toContain('cohort: expected a cohort year like 2026');
    expect(res.body).toContain('format: expected format html, csv or json');
  });
});

describe('report cache (issue 19)', () => {
  it('issue 19: the page and its downloads share one load for the same scope; another scope loads its own', async () => {
    const { app, service } = appFor(PA);
    await app.request('/reports/program?cohort=2026');
    await app.request('/reports/program?cohort=2026&format=csv');
    await app.request('/reports/summary?cohort=2026');
    expect(service.calls.status).toHaveLength(10);
    await app.request('/reports/program?cohort=2026&district=lausd');
    expect(service.calls.status).toHaveLength(20);
  });
});
