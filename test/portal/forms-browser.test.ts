// The event forms in Debian Chromium with JavaScript switched off: a person finds every control by
// its label, a mistake comes back beside the field, and the corrected submission records exactly
// the event. axe-core checks every form (with its errors showing) for serious/critical violations.
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import AxeBuilder from '@axe-core/playwright';
import { Hono } from 'hono';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_TYPES, type TCandidateEvent, type TEventType } from '../../domain/events';
import { ZApiRole, type TApiRole } from '../../functions/auth/principal';
import { eventTypesFor } from '../../functions/auth/policy';
import { BASE_STYLE, html, trusted } from '../../functions/dashboard/html';
import { FORM_STYLE, describeEvent, eventTitle, parseEventForm, renderEventForm } from '../../functions/portal/forms';
import type { TFormBody } from '../../functions/portal/forms';

const CHROMIUM = '/usr/bin/chromium';
const recorded: TCandidateEvent[] = [];

const doc = (title: string, body: unknown) =>
  html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><style>${trusted(BASE_STYLE + FORM_STYLE)}</style></head>
<body><main id="main"><h1>${title}</h1>${body as string}</main></body></html>`.value;

/** A stand-in for the portal's routes: render, parse, re-render with errors or say what was recorded. */
function formApp() {
  const app = new Hono();
  const form = (
    type: TEventType,
    role: TApiRole,
    extra: { values?: TFormBody; errors?: Record<string, string> } = {},
  ) =>
    renderEventForm({
      type,
      role,
      action: `/form/${role}/${type}`,
      csrfToken: 'csrf',
      idempotencyKey: 'idem',
      values: extra.values as Record<string, string>,
      errors: extra.errors,
    });
  app.get('/form/:role/:type', (c) => {
    const role = ZApiRole.parse(c.req.param('role'));
    const type = c.req.param('type') as TEventType;
    const errors =
      c.req.query('errors') === '1'
        ? (parseEventForm(type, role, {}) as { errors?: Record<string, string> }).errors
        : undefined;
    return c.html(doc(eventTitle(type), form(type, role, { errors })));
  });
  app.get('/broken', (c) =>
    c.html(doc('Broken', html`<form method="post"><input type="text" name="x"><button>Go</button></form>`)),
  );
  app.post('/form/:role/:type', async (c) => {
    const role = ZApiRole.parse(c.req.param('role'));
    const type = c.req.param('type') as TEventType;
    const raw = await c.req.parseBody({ all: true });
    const body: TFormBody = Object.fromEntries(
      Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : String(v)]),
    );
    const result = parseEventForm(type, role, body);
    if (!result.ok)
      return c.html(doc(eventTitle(type), form(type, role, { values: body, errors: result.errors })), 422);
    recorded.push(result.event);
    return c.html(doc('Recorded', html`<p id="done">${describeEvent(result.event)}</p>`));
  });
  return app;
}

let server: ServerType;
let base: string;
let browser: Browser;
let noScript: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = serve({ fetch: formApp().fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  noScript = await browser.newContext({ javaScriptEnabled: false });
  page = await noScript.newPage();
  page.setDefaultTimeout(15_000);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
});

describe('event forms in Chromium, without JavaScript', () => {
  it('R-HRS-1: a coach types "abc", reads the error beside the field, corrects it and records 1.5 hours', async () => {
    await page.goto(`${base}/form/coach/coachingLogged`);
    await page.getByLabel('Coaching hours').fill('abc');
    await page.getByRole('button', { name: 'Record coaching hours' }).click();
    await expect(page.locator('.error-summary').innerText()).resolves.toContain(
      'Enter the hours as a number, e.g. 1.5',
    );
    const hours = page.getByLabel('Coaching hours');
    expect(await hours.getAttribute('aria-invalid')).toBe('true');
    expect(await hours.inputValue()).toBe('abc');
    await page.getByRole('link', { name: 'Enter the hours as a number, e.g. 1.5' }).click();
    expect(new URL(page.url()).hash).toBe('#coachingLogged-hours');
    await hours.fill('1.5');
    await page.getByLabel('The day it happened').fill('2026-12-02');
    // The button's words follow the hours only once the server has seen them (no JavaScript).
    await page.getByRole('button', { name: 'Record coaching hours' }).click();
    expect(await page.locator('#done').innerText()).toBe('1.5 hours of coaching recorded for 2026-12-02.');
    expect(recorded.at(-1)).toEqual({ type: 'coachingLogged', hours: 1.5, date: '2026-12-02' });
  });

  it('R-ASM-1: a coach rates the six standards by name at the end of year 1', async () => {
    await page.goto(`${base}/form/coach/assessmentSubmitted`);
    await page.getByLabel('Assessment window').selectOption({ label: 'End of year 1' });
    const levels = [
      '3 – Meets the standard',
      '2 – Approaching the standard',
      '4 – Exemplifies the standard',
      '1 – Directed toward the standard',
      '3 – Meets the standard',
    ];
    const standards = [
      'Development and Implementation of a Shared Vision',
      'Instructional Leadership',
      'Management and Learning Environment',
      'Family and Community Engagement',
      'Ethics and Integrity',
    ];
    for (const [i, s] of standards.entries()) await page.getByLabel(s).selectOption({ label: levels[i]! });
    await page.getByRole('button', { name: 'Submit the ratings' }).click();
    expect(await page.locator('#assessmentSubmitted-scores-cpsel6-error').textContent()).toBe(
      'Error: Choose a rubric level for External Context and Policy',
    );
    await page.getByLabel('External Context and Policy').selectOption({ label: '4 – Exemplifies the standard' });
    await page.getByRole('button', { name: 'Submit the ratings' }).click();
    expect(await page.locator('#done').innerText()).toBe(
      'End of year 1 ratings of the six CPSEL standards recorded (rater: the coach).',
    );
    expect(recorded.at(-1)).toEqual({
      type: 'assessmentSubmitted',
      window: 'endYear1',
      rater: 'coach',
      scores: { cpsel1: 3, cpsel2: 2, cpsel3: 4, cpsel4: 1, cpsel5: 3, cpsel6: 4 },
    });
  });

  it('R-REC-1: step 1 is a checklist; an unticked item is named, ticking it records the step', async () => {
    await page.goto(`${base}/form/coach/coachVerified`);
    await page.getByLabel('I signed the IIP checklist').check();
    await page.getByLabel('I confirm the coaching and professional learning hours').check();
    await page.getByLabel('I confirm progress towards proficiency').check();
    await page.getByRole('button', { name: 'Confirm step 1' }).click();
    expect(await page.locator('.error-summary li').allInnerTexts()).toEqual([
      'Tick this box once it is done: I confirm the Digital Portfolio presentation earned a score of 3 or above',
    ]);
    expect(await page.getByLabel('I signed the IIP checklist').isChecked()).toBe(true);
    await page.getByLabel('I confirm the Digital Portfolio presentation earned a score of 3 or above').check();
    await page.getByRole('button', { name: 'Confirm step 1' }).click();
    await page.locator('#done').waitFor();
    expect(recorded.at(-1)).toEqual({
      type: 'coachVerified',
      checklistSigned: true,
      hoursConfirmed: true,
      proficiencyConfirmed: true,
      portfolioScoreConfirmed: true,
    });
  });

  it('every control of a form is reached by Tab, in order, with no trap', async () => {
    await page.goto(`${base}/form/candidate/iipSubmitted`);
    // A date input takes one Tab per part (month, day, year): count each control once.
    const names: string[] = [];
    for (let i = 0; i < 30 && names.at(-1) !== 'BUTTON'; i++) {
      await page.keyboard.press('Tab');
      // A string expression: the project compiles without the DOM library.
      const name = await page.evaluate<string>(
        "document.activeElement?.tagName === 'BUTTON' ? 'BUTTON' : (document.activeElement?.name ?? '')",
      );
      if (name !== names.at(-1)) names.push(name);
    }
    expect(names).toEqual([
      'year',
      'goals.0.cpsel',
      'goals.0.goal',
      'goals.1.cpsel',
      'goals.1.goal',
      'goals.2.cpsel',
      'goals.2.goal',
      'date',
      'BUTTON',
    ]);
  });
});

describe('axe-core: every event form, errors showing, 0 serious or critical violations', () => {
  const role = (type: TEventType): TApiRole =>
    ZApiRole.options.find((r) => r !== 'pa' && eventTypesFor(r).includes(type)) ?? 'pa';
  let ctx: BrowserContext;
  let axePage: Page;
  beforeAll(async () => {
    ctx = await browser.newContext();
    axePage = await ctx.newPage();
  });
  afterAll(() => ctx?.close());
  const seriousAt = async (path: string) => {
    await axePage.goto(`${base}${path}`);
    const { violations } = await new AxeBuilder({ page: axePage })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .analyze();
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
  };

  it('the check finds an unlabelled control (a control experiment)', async () => {
    expect(await seriousAt('/broken')).toContain('label');
  });

  it.each(EVENT_TYPES)('%s', async (type) => {
    expect(await seriousAt(`/form/${role(type)}/${type}?errors=1`)).toEqual([]);
  });
});
