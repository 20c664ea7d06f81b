// The dashboard in Debian Chromium (playwright-core), served by @hono/node-server over the real
// dev server + worker + local SES. Screenshots land in test-results/browser/ (gitignored).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDateOf } from '../../domain/calendar/dates';
import { ZCandidateStart, type TCandidateStartInput } from '../../domain/lifecycle/candidate';
import type { TCandidateEvent } from '../../domain/events';
import { createApp } from '../../functions/app';
import { fileAuditSink } from '../../functions/audit';
import { localJwtAuthenticator } from '../../functions/auth/local-jwt';
import { startDevStack, type DevStack } from '../support/dev-stack';
import { eventually } from '../support/eventually';
import { uniqueId } from '../support/fixtures';
import { JWT, tokenFor } from '../api/support/tokens';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = resolve(__dirname, '../../test-results/browser');
const today = () => localDateOf(Date.now(), 'America/Los_Angeles');
const PROGRAM = uniqueId('dash').toLowerCase();
const key = (id: string) => `${PROGRAM}-${id}`;
const GOAL = 'Lead a data cycle on chronic absence with the attendance team';
const HOSTILE = 'Eve <img src=x onerror="document.title=1">';

let stack: DevStack;
let server: ServerType;
let base: string;
let context: BrowserContext;
let page: Page;
let userDataDir: string;

const start = (id: string, input: Partial<TCandidateStartInput>) =>
  stack.candidates.start(
    ZCandidateStart.parse({
      programId: PROGRAM,
      candidateId: id,
      cohortStart: '2026-08-03',
      assignmentStart: addDays(today(), -10),
      candidate: { name: `Person ${id}`, email: `${id}@example.org` },
      programAdministrator: { name: 'Dr. Tran', email: 'pa.tran@example.edu' },
      ...input,
    }),
  );

async function signIn(claims: Parameters<typeof tokenFor>[0], path = '/dashboard') {
  await context.clearCookies();
  await page.goto(`${base}${path}?token=${await tokenFor(claims)}`);
  expect(new URL(page.url()).searchParams.has('token')).toBe(false);
}
const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} is missing: apt-get install -y chromium (scripts/ensure-deps.sh does it with CASC_NEED_BROWSER=1)`,
    );
  mkdirSync(SHOTS, { recursive: true });
  stack = await startDevStack();
  const app = createApp({
    candidates: stack.candidates,
    authenticate: localJwtAuthenticator(JWT),
    audit: fileAuditSink(join(stack.dataDir, 'audit.jsonl')),
  });
  const port = await new Promise<number>((ok) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => ok(info.port));
  });
  base = `http://127.0.0.1:${port}`;

  // Carlos is past the 120-day admission deadline (R-ADM-1); Jamal is in year 1 with hours,
  // assessments and an IIP; Eve's name tries to inject markup.
  await start('carlos', {
    assignmentStart: addDays(today(), -130),
    candidate: { name: 'Carlos Sanchez', email: 'carlos@example.org' },
  });
  await start('jamal', {
    assignmentStart: addDays(today(), -60),
    enrolledOn: addDays(today(), -40),
    candidate: { name: 'Jamal Jackson', email: 'jamal@example.org' },
  });
  await start('eve', { candidate: { name: HOSTILE, email: 'eve@example.org' } });
  const scores = (n: number) => ({ cpsel1: n, cpsel2: 2, cpsel3: 3, cpsel4: 2, cpsel5: 2, cpsel6: 3 });
  const events: TCandidateEvent[] = [
    {
      type: 'coachAssigned',
      date: addDays(today(), -35),
      coach: { name: 'Gloria Sharp', email: 'gloria@example.org' },
    },
    { type: 'coachingLogged', hours: 2, date: addDays(today(), -20) },
    { type: 'coachingLogged', hours: 2.5, date: addDays(today(), -5) },
    { type: 'learningLogged', hours: 3, category: 'cpselSession', date: addDays(today(), -10) },
    { type: 'assessmentSubmitted', window: 'pre', rater: 'candidate', scores: scores(2) },
    { type: 'assessmentSubmitted', window: 'pre', rater: 'coach', scores: scores(1) },
    {
      type: 'iipSubmitted',
      year: 1,
      goals: [
        { cpsel: 'cpsel1', goal: GOAL },
        { cpsel: 'cpsel2', goal: 'Coach two new teachers' },
        { cpsel: 'cpsel4', goal: 'Family outreach plan' },
      ],
    },
  ];
  for (const event of events) await stack.candidates.recordEvent(key('jamal'), event);
  // Visibility is eventually consistent: wait until every workflow has published its deadline.
  await eventually(async () => {
    const { candidates } = await stack.candidates.list({ program: PROGRAM }, { kind: 'program' });
    return candidates.length === 3 && candidates.find((c) => c.key === key('carlos'))?.overdue ? true : undefined;
  });

  userDataDir = mkdtempSync(join(tmpdir(), 'casc-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = context.pages()[0] ?? (await context.newPage());
  // playwright-core has no test runner defaults: without these a missing element waits forever.
  page.setDefaultTimeout(15_000);
  page.setDefaultNavigationTimeout(30_000);
}, 180_000);

afterAll(async () => {
  await context?.close();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  await stack?.stop();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

describe('dashboard in Chromium', () => {
  it('R-ADM-1: the PA’s cohort overview counts by phase and flag and lists who is overdue; filtering is one click', async () => {
    await signIn({ sub: 'pa-tran', role: 'pa', programId: PROGRAM });
    expect(new URL(page.url()).pathname).toBe('/dashboard/overview');
    await page.getByLabel('Program').fill(PROGRAM);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/program=/);
    await expect.poll(() => page.getByTestId('count-total').textContent()).toBe('3');
    expect(await page.locator('td[data-phase="applicant"]').textContent()).toBe('2');
    expect(await page.locator('td[data-phase="year1"]').textContent()).toBe('1');
    expect(await page.locator('td[data-flag="atRisk"]').textContent()).toBe('0');
    expect(Number(await page.getByTestId('count-overdue').textContent())).toBeGreaterThanOrEqual(1);
    const overdue = page.getByTestId('overdue');
    await expect.poll(() => overdue.textContent()).toContain('Carlos Sanchez');
    expect(await overdue.textContent()).toMatch(/admission/i);
    // Names are escaped: the hostile name shows as text and injects nothing.
    expect(await page.getByTestId('candidates').textContent()).toContain(HOSTILE);
    expect(await page.locator('main img').count()).toBe(0);
    expect(await page.title()).toBe('Cohort overview · CASC induction');
    await shot('overview');
  });

  it('R-ADM-1: the at-risk list shows overdue candidates with what is overdue', async () => {
    await page.getByRole('link', { name: 'At risk' }).click();
    await page.waitForURL(/\/dashboard\/at-risk/);
    const row = page.getByTestId('at-risk').getByRole('row').filter({ hasText: 'Carlos Sanchez' });
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toMatch(/Overdue.*admission/i);
    await shot('at-risk');
  });

  it('R-HRS-3 / R-ASM-1 / R-IIP-5: the candidate page has the timeline, hours vs. pace chart, assessments by standard and rater, and the IIP (audited)', async () => {
    await page.goto(`${base}/dashboard/overview?program=${PROGRAM}`);
    await page.getByRole('link', { name: 'Jamal Jackson' }).first().click();
    await page.waitForURL(/\/dashboard\/candidates\//);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Jamal Jackson');
    const chart = page.getByRole('img', { name: /Hours logged vs\. pace/ });
    expect(await chart.isVisible()).toBe(true);
    expect(await page.locator('[data-testid="hours-chart"] polyline').count()).toBe(4);
    expect(
      await page
        .getByTestId('hours-table')
        .getByRole('row', { name: /Coaching/ })
        .textContent(),
    ).toContain('4.5 h');
    const pre = page.getByTestId('assessment-pre');
    expect(await pre.locator('td[data-rater="coach"][data-standard="cpsel1"]').textContent()).toBe('1');
    expect(await pre.locator('td[data-rater="candidate"][data-standard="cpsel1"]').textContent()).toBe('2');
    expect(await pre.locator('td[data-rater="supervisor"][data-standard="cpsel1"]').textContent()).toBe('—');
    expect(await page.getByTestId('iip').textContent()).toContain(GOAL);
    const timeline = page.getByTestId('timeline');
    expect(await timeline.locator('tr[data-kind="event"]').filter({ hasText: 'coachingLogged' }).count()).toBe(2);
    expect(await timeline.locator('tr[data-kind="deadline"]').count()).toBeGreaterThan(0);
    await shot('candidate-pa');
    await page.getByTestId('hours-chart').screenshot({ path: join(SHOTS, 'hours-chart.png') });
    const audit = readFileSync(join(stack.dataDir, 'audit.jsonl'), 'utf8');
    expect(audit).toContain(`"role":"pa","sub":"pa-tran","candidateKey":"${key('jamal')}","via":"dashboard"`);
  });

  it('R-IIP-5 / R-REC-4: the credentials office lands on its queue (empty, and says so) and never sees IIP goals', async () => {
    await signIn({ sub: 'cred-office', role: 'credentialsOffice', programId: PROGRAM });
    expect(new URL(page.url()).pathname).toBe('/dashboard/queue');
    expect(await page.getByTestId('queue-empty').textContent()).toContain('The queue is empty');
    expect(await page.getByRole('link', { name: 'Cohort overview' }).count()).toBe(0);
    await shot('queue-empty');
    await page.goto(`${base}/dashboard/candidates/${key('jamal')}`);
    expect(await page.getByTestId('iip-redacted').isVisible()).toBe(true);
    expect(await page.content()).not.toContain(GOAL);
    await shot('candidate-credentials-office');
  });

  it('a coach sees only their own candidates; others are not found; without a token the page asks to sign in', async () => {
    await signIn({ sub: 'coach-gloria', role: 'coach', candidateKeys: [key('jamal')] });
    expect(await page.getByTestId('count-total').textContent()).toBe('1');
    const res = await page.goto(`${base}/dashboard/candidates/${key('carlos')}`);
    expect(res?.status()).toBe(404);
    await context.clearCookies();
    const signedOut = await page.goto(`${base}/dashboard/overview`);
    expect(signedOut?.status()).toBe(401);
    expect(await page.getByRole('alert').textContent()).toContain('bearer token is required');
    await shot('sign-in');
  });
});
