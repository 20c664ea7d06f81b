// The Temporal Web UI of the local dev server (pinned CLI) pointed at our codec server with
// --ui-codec-endpoint, driven in Chromium. What the CLI allows: the endpoint flag only; the
// cluster-level "include credentials" is false and has no flag, so the UI sends the staff cookie
// only when the browser's own codec setting is used ("Use my browser setting" + "Include
// cross-origin credentials", kept in the UI's localStorage). Proven here: without the cookie the
// guard refuses (401) and the page shows no plaintext; with it the page shows the decoded input.
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Hono } from 'hono';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AesGcmCodec } from '../../codec/aes-gcm-codec';
import { clientDataConverter } from '../../codec/data-converter';
import { memoryKeyProvider } from '../../codec/keys';
import { codecServerRoutes } from '../../functions/codec-server';
import { createLocalDevServer } from '../support/dev-server-start';
import { toolPaths } from '../support/tools';

const CHROMIUM = '/usr/bin/chromium';
const SECRET = 'Xiomara Quetzal-Bramblewood';
const codec = new AesGcmCodec(memoryKeyProvider());
const seen: { cookie: boolean; status: number }[] = [];

let server: ServerType;
let env: TestWorkflowEnvironment;
let browser: Browser;
let ui: string;
let endpoint: string;
let workflowId: string;

async function freePort(): Promise<number> {
  const probe = serve({ fetch: () => new Response(), hostname: '127.0.0.1', port: 0 });
  await new Promise((r) => probe.once('listening', r));
  const { port } = probe.address() as AddressInfo;
  await new Promise((r) => probe.close(r));
  return port;
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (scripts/ensure-deps.sh does it)`);
  const uiPort = await freePort();
  ui = `http://127.0.0.1:${uiPort}`;
  const app = new Hono();
  app.use('/codec/*', async (c, next) => {
    await next();
    if (c.req.method === 'POST')
      seen.push({ cookie: Boolean(c.req.header('cookie')?.includes('casc_session=staff')), status: c.res.status });
  });
  // A stand-in for the app's staff sign-in: the session cookie or nothing.
  const guard = codecServerRoutes(codec, {
    uiOrigins: [ui],
    guard: async (c, next) =>
      c.req.header('cookie')?.includes('casc_session=staff') ? next() : c.json({ error: 'sign in as staff' }, 401),
  });
  app.route('/codec', guard);
  server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise((r) => server.once('listening', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/codec`;

  env = await createLocalDevServer({
    server: {
      executable: { type: 'existing-path', path: toolPaths().temporalCli },
      ui: true,
      uiPort,
      extraArgs: ['--ui-codec-endpoint', endpoint],
    },
    client: { dataConverter: clientDataConverter(codec) },
  });
  workflowId = `web-ui-${Date.now().toString(36)}`;
  // No worker needed: the UI shows the start input of a workflow that is still waiting for one.
  await env.client.workflow.start('candidateLifecycle', {
    taskQueue: 'nobody-polls',
    workflowId,
    args: [{ candidate: { name: SECRET } }],
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  await warmUp();
}, 240_000);

/**
 * The first load of the UI (its bundle compiled by a cold browser, the server's first describe) took
 * more than 30 s under CI load: wait here, reloading until the workflow's page shows its id, so each
 * test measures the codec call and not the cold start.
 */
async function warmUp() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const deadline = Date.now() + 150_000;
  for (;;) {
    try {
      await page.goto(`${ui}/namespaces/default/workflows/${workflowId}`, { timeout: 60_000 });
      await page.getByText(workflowId).first().waitFor({ timeout: 30_000 });
      break;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
  await context.close();
}

afterAll(async () => {
  await browser?.close();
  await env?.teardown();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
});

async function openWorkflow(opts: { cookie: boolean; browserSetting: boolean }) {
  const context = await browser.newContext();
  if (opts.cookie)
    await context.addCookies([
      { name: 'casc_session', value: 'staff', domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Lax' },
    ]);
  if (opts.browserSetting) {
    await context.addInitScript((codecEndpoint: string) => {
      localStorage.setItem('overrideRemoteCodecConfiguration', 'true');
      localStorage.setItem('includeCredentials', 'true');
      localStorage.setItem('endpoint', JSON.stringify(codecEndpoint));
    }, endpoint);
  }
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  const before = seen.length;
  await page.goto(`${ui}/namespaces/default/workflows/${workflowId}`);
  await page.getByText(workflowId).first().waitFor();
  // The page has asked the codec server (and had its answer) before it renders the input.
  await expect.poll(() => seen.length > before, { timeout: 30_000 }).toBe(true);
  return { page, context, requests: () => seen.slice(before) };
}

/** The UI's own answer to a refused decode: its error banner and the input still encrypted. */
async function refusedShown(page: Page) {
  await page.getByText('Codec Server could not connect').first().waitFor({ state: 'attached' });
  await page.getByText(Buffer.from('binary/encrypted').toString('base64')).first().waitFor();
}

describe('Temporal Web UI with the codec server (local dev server)', () => {
  it('FERPA (issue 17.1): with only --ui-codec-endpoint the UI calls the codec without the staff cookie: 401, and no plaintext on the page', async () => {
    const { page, context, requests } = await openWorkflow({ cookie: true, browserSetting: false });
    expect(requests()[0]).toEqual({ cookie: false, status: 401 });
    await refusedShown(page);
    expect(await page.locator('body').innerText()).not.toContain(SECRET);
    await context.close();
  }, 120_000);

  it('FERPA (issue 17.1): with the browser setting "include cross-origin credentials" a signed-in staff member sees the decoded input', async () => {
    const { page, context, requests } = await openWorkflow({ cookie: true, browserSetting: true });
    await page.getByText(SECRET).first().waitFor();
    expect(requests()[0]).toEqual({ cookie: true, status: 200 });
    await context.close();
  }, 120_000);

  it('FERPA (issue 17.1): the same browser setting without a staff session decodes nothing (401)', async () => {
    const { page, context, requests } = await openWorkflow({ cookie: false, browserSetting: true });
    expect(requests()[0]).toEqual({ cookie: false, status: 401 });
    await refusedShown(page);
    expect(await page.locator('body').innerText()).not.toContain(SECRET);
    await context.close();
  }, 120_000);
});
