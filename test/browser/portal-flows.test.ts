// One flow per role in Debian Chromium, each starting from a real email in the local SES inbox:
// open the email → follow its link → fill the form → submit → the workflow's state changed (query)
// → the next email arrives. Real dev server, real worker (links minted by the email activity at
// send time), real SES endpoint, the real app on @hono/node-server. Every page is checked by axe.
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { serve, type ServerType } from '@hono/node-server';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium, type TBrowser } from '../support/chromium';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  candidateKey,
  workflowIdFor,
  ZCandidateStart,
  type TCandidateStartInput,
} from '../../domain/lifecycle/candidate';
import { addDays, localDateOf } from '../../domain/calendar/dates';
import { rossier } from '../../domain/policy/policy';
import type { TLifecycleInput } from '../../domain/lifecycle/input';
import { createApp } from '../../functions/app';
import { fileAuditSink } from '../../functions/audit';
import { localJwtAuthenticator } from '../../functions/auth/local-jwt';
import { memoryUsedLinks } from '../../functions/portal/used-links';
import { createLocalHandoffStore } from '../../activities/handoff';
import { initialSearchAttributes, recommendationWorkflowId } from '../../workflows/contract';
import { completeState, CREDENTIALS_OFFICE } from '../support/completion-fixtures';
import { startDevStack, type DevStack } from '../support/dev-stack';
import { eventually } from '../support/eventually';
import type { StoredEmail } from '../support/ses-local';
import { uniqueId } from '../support/fixtures';
import { JWT } from '../api/support/tokens';

const SECRET = 'portal-e2e-secret-0123456789abcdef';
const today = () => localDateOf(Date.now(), 'America/Los_Angeles');

let stack: DevStack;
let server: ServerType;
let base: string;
let context: BrowserContext;
let page: Page;
let browser: TBrowser | undefined;
let app: ReturnType<typeof createApp> | undefined;
const axeViolations: string[] = [];

beforeAll(async () => {
  // The portal's port must be known before the worker mints links to it.
  const port = await new Promise<number>((ok) => {
    server = serve(
      {
        fetch: (req) => (app ? app.fetch(req) : new Response('starting', { status: 503 })),
        port: 0,
        hostname: '127.0.0.1',
      },
      (info: AddressInfo) => ok(info.port),
    );
  });
  base = `http://127.0.0.1:${port}`;
  stack = await startDevStack({ taskLinks: { portalUrl: base, secret: SECRET, ttlDays: 14 } });
  app = createApp({
    candidates: stack.candidates,
    authenticate: localJwtAuthenticator(JWT),
    audit: fileAuditSink(join(stack.dataDir, 'audit.jsonl')),
    portal: {
      keys: { secret: SECRET },
      usedLinks: memoryUsedLinks(),
      portalUrl: base,
      linkTtlDays: 14,
      handoffs: createLocalHandoffStore(join(stack.dataDir, 'handoffs')),
      devSignIn: true,
    },
  });
  browser = await launchChromium();
  ({ context, page } = browser);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  await stack?.stop();
});

const start = (id: string, input: Partial<TCandidateStartInput>) =>
  stack.candidates.start(
    ZCandidateStart.parse({
      programId: 'rossier',
      candidateId: id,
      cohortStart: '2026-08-03',
      assignmentStart: addDays(today(), -60),
      ...input,
    }),
  );

/** The first email to `address` whose subject matches, once it has arrived. */
const emailTo = (address: string, subject: RegExp) =>
  eventually<StoredEmail>(
    async () =>
      (await stack.ses.emails()).find(
        (e) => e.destination.to.some((t) => t.includes(address)) && subject.test(e.subject),
      ),
    60_000,
  );

function taskLinkIn(email: StoredEmail): string {
  const url = /https?:\/\/[^\s"<>]+\/portal\/t\/[A-Za-z0-9._-]+/.exec(email.body.text ?? '')?.[0];
  if (!url) throw new Error(`no task link in "${email.subject}"`);
  expect(url.startsWith(`${base}/portal/t/`)).toBe(true);
  return url;
}

/** Axe on the current page: nothing serious or critical. Collected, asserted per flow. */
async function axe(label: string) {
  const result = await new AxeBuilder({ page }).analyze();
  for (const v of result.violations)
    if (v.impact === 'serious' || v.impact === 'critical') axeViolations.push(`${label}: ${v.id} (${v.nodes.length})`);
}

/** As the person the email is for: a fresh browser, the link, then "Continue as …". */
async function openAs(email: StoredEmail, name: string) {
  await context.clearCookies();
  await page.goto(taskLinkIn(email));
  expect(new URL(page.url()).pathname).toBe('/portal/signin');
  await axe('sign-in');
  await page.getByRole('button', { name: `Continue as ${name}` }).click();
  await page.waitForLoadState();
  expect(page.url()).not.toContain('/portal/t/');
}

async function submitAndExpectRecorded(button: string) {
  await page.getByRole('button', { name: button }).click();
  await page.waitForLoadState();
  await expect.poll(() => page.getByTestId('recorded').count()).toBe(1);
  await axe('recorded');
}

describe('the portal, one flow per role, from real emails', () => {
  it('R-ADM-1 R-ONB-1: the PA opens the overdue-admission email, admits the candidate, then assigns a coach from the next email', async () => {
    const id = uniqueId('ana');
    const pa = `pa-${id}@example.edu`;
    const { key } = await start(id, {
      assignmentStart: addDays(today(), -125),
      candidate: { name: 'Ana Díaz', email: `${id}@example.org` },
      programAdministrator: { name: 'Pat Tran', email: pa },
    });
    const overdue = await emailTo(pa, /admission/i);
    expect(overdue.body.text).toContain('Hello Pat');
    await openAs(overdue, 'Pat Tran');
    expect(new URL(page.url()).pathname).toBe(`/dashboard/candidates/${key}`);
    await axe('candidate page');
    await page.getByRole('link', { name: 'Admit the candidate' }).click();
    await page.getByLabel('Enrolled on').fill(addDays(today(), -20));
    await axe('admit form');
    await submitAndExpectRecorded('Admit the candidate');
    expect((await stack.candidates.status(key)).milestones.enrolledOn).toBe(addDays(today(), -20));

    const match = await emailTo(pa, /coach/i);
    await openAs(match, 'Pat Tran');
    await page.getByRole('link', { name: 'Assign a coach' }).click();
    await page.getByLabel("Coach's name").fill('Gloria Ruiz');
    await page.getByLabel("Coach's email address").fill(`coach-${id}@example.org`);
    await submitAndExpectRecorded('Assign this coach');
    expect((await stack.candidates.status(key)).people.coach).toEqual({
      name: 'Gloria Ruiz',
      email: `coach-${id}@example.org`,
    });
    expect(axeViolations).toEqual([]);
  }, 180_000);

  it('R-IIP-1 R-IIP-3 R-HRS-1 R-ASM-1: the candidate submits the IIP; the supervisor approves it; the coach approves, logs hours and rates end of year 1', async () => {
    const id = uniqueId('ben');
    const people = {
      candidate: { name: 'Ben Okafor', email: `${id}@example.org` },
      coach: { name: 'Gloria Ruiz', email: `coach-${id}@example.org` },
      supervisor: { name: 'Sam Lee', email: `sup-${id}@example.org` },
    };
    const { key } = await start(id, {
      enrolledOn: addDays(today(), -50),
      ...people,
      programAdministrator: { name: 'Pat Tran', email: `pa-${id}@example.edu` },
    });

    const iipStart = await emailTo(people.candidate.email, /IIP|Induction Plan/i);
    await openAs(iipStart, 'Ben Okafor');
    expect(new URL(page.url()).pathname).toBe(`/portal/${key}/iip/1`);
    await axe('iip form');
    for (const [i, [std, goal]] of [
      ['cpsel1', 'Build a shared vision for literacy'],
      ['cpsel2', 'Coach two new teachers'],
      ['cpsel4', 'A family outreach plan'],
    ].entries()) {
      await page.locator(`[name="goals.${i}.cpsel"]`).selectOption(std!);
      await page.locator(`[name="goals.${i}.goal"]`).fill(goal!);
    }
    // Recorded a week late: the plan was agreed with the coach eight days ago, so approval is due in six.
    await page.locator('form[action$="/record/iipSubmitted"] [name="date"]').fill(addDays(today(), -8));
    await submitAndExpectRecorded('Submit the IIP');
    expect((await stack.candidates.status(key)).iip.year1.goals.map((g) => g.cpsel)).toEqual([
      'cpsel1',
      'cpsel2',
      'cpsel4',
    ]);

    const approve = await emailTo(people.supervisor.email, /approv/i);
    expect(approve.body.text).not.toContain('Build a shared vision');
    await openAs(approve, 'Sam Lee');
    expect(new URL(page.url()).pathname).toBe(`/portal/${key}/iip/1/approve`);
    await submitAndExpectRecorded('Approve the IIP');
    expect((await stack.candidates.status(key)).iip.year1.supervisorApprovedOn).toBe(today());
    expect((await stack.candidates.status(key)).iip.year1.submittedOn).toBe(addDays(today(), -8));

    const coachMail = await emailTo(people.coach.email, /approv/i);
    await openAs(coachMail, 'Gloria Ruiz');
    await submitAndExpectRecorded('Approve the IIP');
    expect((await stack.candidates.status(key)).iip.year1.coachApprovedOn).toBe(today());
    await page.goto(`${base}/portal/${key}/hours`);
    await page.getByLabel('Coaching hours').fill('1.5');
    const form = page.locator(`form[action="/portal/${key}/record/coachingLogged"]`);
    const sent = {
      hours: '1.5',
      _csrf: await form.locator('[name="_csrf"]').inputValue(),
      _idem: await form.locator('[name="_idem"]').inputValue(),
    };
    await submitAndExpectRecorded('Record coaching hours');
    // The same form sent again (a double click, a resubmit after Back) is recorded once.
    const again = await page.request.post(`${base}/portal/${key}/record/coachingLogged`, { form: sent });
    expect(again.status()).toBe(200);
    expect((await stack.candidates.status(key)).hours.year1.coaching.logged).toBe(1.5);

    await page.goto(`${base}/portal/${key}/assessments/endYear1`);
    for (const std of ['cpsel1', 'cpsel2', 'cpsel3', 'cpsel4', 'cpsel5', 'cpsel6'])
      await page.locator(`[name="scores.${std}"]`).selectOption('3');
    await axe('assessment form');
    await submitAndExpectRecorded('Submit the ratings');
    const rated = (await stack.candidates.status(key)).assessments.filter((a) => a.window === 'endYear1');
    expect(rated.map((a) => [a.rater, a.scores.cpsel1])).toEqual([['coach', 3]]);
    expect(axeViolations).toEqual([]);
  }, 240_000);

  it('R-REC-3 R-REC-4: the credentials office opens the handoff email, verifies and recommends to the CTC', async () => {
    const record = completeState(uniqueId('cleo'));
    const key = candidateKey(record.start.programId, record.start.candidateId);
    const office = { ...CREDENTIALS_OFFICE, email: `co-${record.start.candidateId}@example.edu` };
    const input: TLifecycleInput = {
      start: record.start,
      policy: rossier,
      links: { portalUrl: 'http://old-portal.example' },
      carried: record,
      credentialsOffice: office,
    };
    await stack.env.client.workflow.start('candidateLifecycle', {
      taskQueue: stack.taskQueue,
      workflowId: workflowIdFor(key),
      args: [input],
      typedSearchAttributes: initialSearchAttributes(record.start),
    });
    await eventually(async () =>
      (
        await stack.env.client.workflow
          .getHandle(recommendationWorkflowId(key))
          .describe()
          .catch(() => undefined)
      )?.status.name === 'RUNNING'
        ? true
        : undefined,
    );
    await stack.candidates.recordEvent(key, {
      type: 'coachVerified',
      checklistSigned: true,
      hoursConfirmed: true,
      proficiencyConfirmed: true,
      portfolioScoreConfirmed: true,
    });
    await stack.candidates.recordEvent(key, {
      type: 'candidateDocumentsSubmitted',
      coachingLogs: true,
      learningLogs: true,
      programEvaluation: true,
      portalAccount: true,
      pascOrCoe: true,
      hrLetter: true,
      checklistSigned: true,
      crrSent: true,
    });
    await stack.candidates.recordEvent(key, {
      type: 'paVerified',
      finalChecklistSigned: true,
      hrLetterVerified: true,
      pascVerified: true,
      crrCompleted: true,
    });

    const handoff = await emailTo(office.email, /^READY TO RECOMMEND: /);
    await openAs(handoff, 'Credentials office');
    expect(new URL(page.url()).pathname).toMatch(new RegExp(`^/dashboard/handoffs/${key}/`));
    await axe('handoff packet');
    await page.getByRole('link', { name: 'Verify and recommend to CTC' }).click();
    await page.getByLabel('I verified and approved the HR letter').check();
    await page.getByLabel('I verified and approved the credential document (PASC or COE)').check();
    await axe('step 4 form');
    await submitAndExpectRecorded('Recommend to the CTC');
    expect((await stack.candidates.status(key)).recommendation?.recommendedOn).toBe(today());
    // The packet leaves the office's queue.
    await eventually(async () =>
      (await createLocalHandoffStore(join(stack.dataDir, 'handoffs')).listPending()).length === 0 ? true : undefined,
    );
    await page.goto(`${base}/portal/handoffs`);
    await expect.poll(() => page.getByText('No packet is waiting').count()).toBe(1);
    expect(axeViolations).toEqual([]);
  }, 180_000);

  it('every other portal page passes axe (0 serious or critical), and a form is operable by keyboard alone', async () => {
    const id = uniqueId('dee');
    const { key } = await start(id, {
      enrolledOn: addDays(today(), -30),
      candidate: { name: 'Dee Ng', email: `${id}@example.org` },
      programAdministrator: { name: 'Pat Tran', email: `pa-${id}@example.edu` },
    });
    await context.clearCookies();
    for (const path of ['/portal/signin', '/portal', '/auth/dev?role=pa&program=rossier']) {
      await page.goto(`${base}${path}`);
      await axe(`signed out ${path}`);
    }
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState();
    expect(new URL(page.url()).pathname).toBe('/portal');
    for (const path of [
      '/portal',
      '/portal/roster',
      '/portal/handoffs',
      `/portal/${key}`,
      `/portal/${key}/timeline`,
      `/portal/${key}/hours`,
      `/portal/${key}/academic-watch`,
      `/portal/${key}/record/deferred`,
      '/portal/signout',
    ]) {
      const res = await page.goto(`${base}${path}`);
      expect({ path, status: res?.status() }).toEqual({ path, status: 200 });
      await axe(path);
    }
    // Keyboard only: Tab from the top reaches the deferral form's submit button, and Enter sends it.
    await page.goto(`${base}/portal/${key}/record/deferred`);
    const reached: string[] = [];
    for (let i = 0; i < 40 && !reached.includes('BUTTON:Defer the candidate'); i++) {
      await page.keyboard.press('Tab');
      reached.push(
        String(
          await page.evaluate("`${document.activeElement?.tagName}:${document.activeElement?.innerText ?? ''}`.trim()"),
        ),
      );
    }
    expect(reached).toContain('BUTTON:Defer the candidate');
    expect(axeViolations).toEqual([]);
  }, 120_000);
});
