// The report pages in Debian Chromium: axe finds no accessibility violations on the program,
// district, director and summary pages, the charts are named images, and the printed summary
// hides the navigation. The sub-app is served over fixed statuses (no Temporal needed).
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { Page } from 'playwright-core';
import { CHROMIUM, launchChromium, type TBrowser } from '../support/chromium';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBuiltinPolicy } from '../../domain/policy/policy';
import type { AppEnv } from '../../functions/app-env';
import type { TPrincipal } from '../../functions/auth/principal';
import { reportRoutes } from '../../functions/reports/routes';
import { AS_OF_MS, cohortStatuses } from './cohort';
import { fakeReportService } from './support/fake-service';

// Who is signed in, per request (the portal's sign-in sets this in the real app).
const PRINCIPALS: Record<string, TPrincipal> = {
  pa: { sub: 'pa-tran', role: 'pa', programId: 'rossier' },
  director: { sub: 'dir', role: 'director' },
  district: { sub: 'dc-1', role: 'districtCoordinator', districtId: 'lausd' },
};
let server: ServerType;
let base: string;

let page: Page;
let browser: TBrowser | undefined;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('principal', PRINCIPALS[c.req.header('x-as') ?? 'pa']!);
    await next();
  });
  app.route(
    '/reports',
    reportRoutes({
      candidates: fakeReportService(cohortStatuses()),
      resolvePolicy: (id) => getBuiltinPolicy(id),
      now: () => AS_OF_MS,
    }),
  );
  const port = await new Promise<number>((ok) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => ok(info.port));
  });
  base = `http://127.0.0.1:${port}`;
  browser = await launchChromium();
  ({ page } = browser);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
});

async function open(as: string, path: string) {
  await page.setExtraHTTPHeaders({ 'x-as': as });
  const res = await page.goto(`${base}${path}`);
  expect(res?.status()).toBe(200);
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('report pages in Chromium (issue 19)', () => {
  it('issue 19: the program, district, director and summary pages are axe-clean; charts are named images', async () => {
    expect(await open('pa', '/reports/program?cohort=2026')).toEqual([]);
    expect(await page.getByRole('img', { name: 'Candidates by phase' }).count()).toBe(1);
    expect(await page.getByRole('img', { name: 'Year 1 hours against the requirement' }).count()).toBe(1);
    expect(await open('district', '/reports/district?program=rossier&cohort=2026')).toEqual([]);
    expect(await open('director', '/reports/director?cohort=2026')).toEqual([]);
    expect(await open('pa', '/reports/summary?cohort=2026')).toEqual([]);
  }, 180_000); // axe over four pages takes ~20 s on a busy 2-core machine

  it('issue 19: printed, the summary hides the header and navigation and keeps the figures', async () => {
    await page.setExtraHTTPHeaders({ 'x-as': 'pa' });
    await page.goto(`${base}/reports/summary?cohort=2026`);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header').isVisible()).toBe(false);
    expect(await page.locator('.no-print').isVisible()).toBe(false);
    expect(await page.getByRole('table', { name: 'Accreditation summary' }).isVisible()).toBe(true);
    const pdf = await page.pdf({ format: 'Letter' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });
  });
});
