// Every link resolves (issue #15 item 5): every email template is rendered with sample data, its
// portal URLs turned into task links by the real activity code for the person it is addressed to,
// and every URL in the email is opened as that person through the real app: 200, a page for them.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withTaskLinks } from '../../activities/email/task-links';
import { createLocalHandoffStore } from '../../activities/handoff';
import { renderHandoffHtml } from '../../activities/handoff-html';
import { buildHandoffPacket, handoffInput } from '../../domain/recommendation/handoff';
import {
  renderTemplate,
  TEMPLATE_IDS,
  templateDefinition,
  type TRecipient,
  type TTemplateId,
} from '../../domain/notifications';
import { rossier } from '../../domain/policy/policy';
import { applyStep, initialRecommendationState } from '../../domain/recommendation/steps';
import { createApp } from '../../functions/app';
import { memoryAuditSink } from '../../functions/audit';
import { localJwtAuthenticator } from '../../functions/auth/local-jwt';
import { memoryUsedLinks } from '../../functions/portal/used-links';
import { samples } from '../email/fixtures/samples';
import { fakeCandidates, NOW, startFor } from '../api/support/fake-candidates';
import { JWT } from '../api/support/tokens';
import { readyReview } from '../support/completion-fixtures';

const SECRET = 'every-link-secret-0123456789abcdefgh';
const BASE = 'http://127.0.0.1:8787';
const K = 'rossier-ana';
const PACKET = '2028-06-12-0123456789ab';

/** Where each kind of link in a message goes, as the domain writes it (lifecycle/obligations.ts and friends). */
function portalPathFor(template: TTemplateId, field: string, sampleUrl: string): string | undefined {
  const byField: Record<string, string> = {
    applicationUrl: `/portal/${K}/application`,
    candidateUrl: `/dashboard/candidates/${K}`,
    orientationUrl: `/portal/${K}/orientation`,
    iipUrl: `/portal/${K}/iip/1`,
    approvalUrl: `/portal/${K}/iip/1/approve`,
    assessmentUrl: `/portal/${K}/assessments/endYear1`,
    portfolioUrl: `/portal/${K}/portfolio`,
    resultsUrl: `/portal/${K}/portfolio`,
    presentationUrl: `/portal/${K}/portfolio`,
    submitUrl: `/portal/${K}/assignments/2`,
    detailsUrl: `/portal/${K}/assignments`,
    logUrl: `/portal/${K}/hours`,
    milestoneUrl: `/portal/${K}/milestones/${/milestones\/([A-Za-z0-9_-]+)/.exec(sampleUrl)?.[1] ?? ''}`,
    statusUrl: `/portal/${K}/timeline`,
    completionUrl: `/portal/${K}/completion`,
    packetUrl: `/dashboard/handoffs/${K}/${PACKET}`,
    helpUrl: `/portal/${K}`,
    dashboardUrl: `/portal?program=rossier`,
    planUrl: `/portal/${K}/academic-watch`,
    meetingUrl: `/portal/${K}/academic-watch`,
    joinUrl: template.startsWith('workshop') ? `/portal/${K}/workshops/budget` : `/portal/${K}/sessions/2`,
  };
  if (field === 'stepUrl') return `/portal/${K}/recommendation/step-${/rec\/(\d)/.exec(sampleUrl)?.[1] ?? '0'}`;
  if (field === 'ctcUrl') return undefined; // the state's own site
  // A generic deadline reminder links to the page of whatever is due (iip, portfolio, hours…).
  if (field === 'actionUrl')
    return { iip: `/portal/${K}/iip/1`, portfolio: `/portal/${K}/portfolio`, hours: `/portal/${K}/hours` }[
      /\/([a-z]+)\?/.exec(sampleUrl)?.[1] ?? ''
    ];
  return byField[field];
}

const PEOPLE: Partial<Record<TRecipient['role'], TRecipient>> = {
  candidate: { role: 'candidate', name: 'Ana Díaz', email: 'ana@example.org' },
  coach: { role: 'coach', name: 'Lee Park', email: 'lee.park@example.org' },
  supervisor: { role: 'supervisor', name: 'Sam Ortiz', email: 'sam.ortiz@example.org' },
  pa: { role: 'pa', name: 'Pat Tran', email: 'pat.tran@example.edu' },
  director: { role: 'director', name: 'Dana Director', email: 'director@example.edu' },
  credentialsOffice: { role: 'credentialsOffice', name: 'Credentials Office', email: 'credentials@example.edu' },
  districtCoordinator: { role: 'districtCoordinator', name: 'Dee Coordinator', email: 'dee@district.example.org' },
  instructor: { role: 'instructor', name: 'Ivy Instructor', email: 'ivy@example.edu' },
};
const EXPECTED_NAME: Record<string, string> = {
  director: 'Director',
  credentialsOffice: 'Credentials office',
  districtCoordinator: 'District coordinator',
  instructor: 'Session instructor',
};

/** Replaces each URL field of sample data (at any depth) with the portal URL the domain would write. */
function withPortalUrls(template: TTemplateId, value: unknown, field = ''): unknown {
  if (typeof value === 'string' && /^https:\/\/casc\.example\.edu\//.test(value)) {
    const path = portalPathFor(template, field, value);
    if (!path) throw new Error(`no portal page known for ${template}.${field}: add it to portalPathFor`);
    return `https://portal-of-the-day.example.edu${path}`;
  }
  if (Array.isArray(value)) return value.map((v) => withPortalUrls(template, v, field));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withPortalUrls(template, v, k)]));
  return value;
}

async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'casc-links-'));
  const handoffs = createLocalHandoffStore(dir);
  const steps = [
    {
      type: 'coachVerified',
      checklistSigned: true,
      hoursConfirmed: true,
      proficiencyConfirmed: true,
      portfolioScoreConfirmed: true,
    },
    {
      type: 'candidateDocumentsSubmitted',
      coachingLogs: true,
      learningLogs: true,
      programEvaluation: true,
      portalAccount: true,
      pascOrCoe: true,
      hrLetter: true,
      checklistSigned: true,
      crrSent: true,
    },
    { type: 'paVerified', finalChecklistSigned: true, hrLetterVerified: true, pascVerified: true, crrCompleted: true },
  ] as const;
  const state = steps.reduce((s, e) => applyStep(s, e, '2028-06-12'), initialRecommendationState('2028-06-01'));
  const packet = buildHandoffPacket(
    handoffInput({
      candidateKey: K,
      candidate: { name: PEOPLE.candidate!.name, email: PEOPLE.candidate!.email },
      programName: rossier.name,
      policyId: rossier.id,
      completion: readyReview(),
      state,
    }),
    PACKET,
  );
  await handoffs.save(packet, renderHandoffHtml(packet));
  const person = (r: TRecipient) => ({ name: r.name, email: r.email });
  const candidates = fakeCandidates([
    startFor('rossier', 'ana', {
      candidate: person(PEOPLE.candidate!),
      coach: person(PEOPLE.coach!),
      supervisor: person(PEOPLE.supervisor!),
      programAdministrator: person(PEOPLE.pa!),
    }),
  ]);
  const app = createApp({
    candidates,
    authenticate: localJwtAuthenticator(JWT),
    audit: memoryAuditSink(),
    now: () => NOW,
    portal: { keys: { secret: SECRET }, usedLinks: memoryUsedLinks(), portalUrl: BASE, linkTtlDays: 14, handoffs },
  });
  return app;
}

/** Opens a URL as a browser would: follows redirects, keeps cookies, clicks "Continue as …". */
async function open(
  app: Awaited<ReturnType<typeof setup>>,
  url: string,
  jar = new Map<string, string>(),
): Promise<{ status: number; body: string; path: string }> {
  let path = new URL(url).pathname + new URL(url).search;
  const send = async (p: string, form?: Record<string, string>) => {
    const res = await app.request(`${BASE}${p}`, {
      method: form ? 'POST' : 'GET',
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    for (const c of res.headers.getSetCookie()) {
      const [name, value] = c.split(';')[0]!.split('=');
      if (/max-age=0/i.test(c) || !value) jar.delete(name!);
      else jar.set(name!, value);
    }
    return res;
  };
  for (let hops = 0; hops < 6; hops++) {
    const res = await send(path);
    if (res.status === 303 || res.status === 302) {
      path = res.headers.get('location')!;
      continue;
    }
    const body = await res.text();
    if (path === '/portal/signin' && res.status === 200) {
      const csrf = /name="_csrf" value="([^"]+)"/.exec(body)![1]!;
      const done = await send('/portal/signin', { _csrf: csrf });
      path = done.headers.get('location') ?? path;
      continue;
    }
    return { status: res.status, body, path };
  }
  throw new Error(`too many redirects for ${url}`);
}

describe('every link in every email opens a page for its reader', () => {
  it(`all ${TEMPLATE_IDS.length} templates: each portal link, opened by the addressee, answers 200 with a page signed in as them; greetings use the name`, async () => {
    const app = await setup();
    const opened: string[] = [];
    for (const id of TEMPLATE_IDS) {
      const def = templateDefinition(id);
      const to = PEOPLE[def.recipientRole]!;
      const data = await withTaskLinks(
        withPortalUrls(id, samples[id]),
        to,
        false,
        { portalUrl: BASE, secret: SECRET, ttlDays: 14 },
        NOW,
      );
      const email = renderTemplate(id, data, { recipient: to });
      expect(email.text, id).toMatch(/^Hello [A-Z][a-zà-ÿ]+,/m);
      expect(email.text, id).not.toMatch(/Hello (Dr|Mr|Mrs|Ms)\.?,/);
      const urls = [
        ...new Set([...(email.text.match(/https?:\/\/[^\s"<>)]+/g) ?? [])].filter((u) => u.startsWith(BASE))),
      ];
      for (const url of urls) {
        const page = await open(app, url);
        expect({ id, url: page.path, status: page.status }).toEqual({ id, url: page.path, status: 200 });
        expect(page.body, `${id} → ${page.path}`).toContain(`Signed in as ${EXPECTED_NAME[to.role] ?? to.name}`);
        opened.push(`${id} ${page.path.replace(K, 'K').replace(PACKET, 'P')}`);
      }
    }
    // Every template that asks someone to act links them to a portal page; the one exception does
    // its task on the state's own site (the CTC's steps, R-REC-5) and links there.
    const withoutLinks = TEMPLATE_IDS.filter((id) => !opened.some((o) => o.startsWith(`${id} `)));
    expect(
      withoutLinks.filter(
        (id) => templateDefinition(id).kind !== 'notice' && templateDefinition(id).kind !== 'confirmation',
      ),
    ).toEqual(['ctcWindow.reminder.candidate']);
  }, 60_000);

  it('a copied message carries plain portal links: each reader opens them with their own session', async () => {
    const app = await setup();
    for (const id of TEMPLATE_IDS) {
      const def = templateDefinition(id);
      for (const ccRole of def.ccRoles ?? []) {
        const reader = PEOPLE[ccRole]!;
        const data = await withTaskLinks(
          withPortalUrls(id, samples[id]),
          PEOPLE[def.recipientRole]!,
          true,
          { portalUrl: BASE, secret: SECRET, ttlDays: 14 },
          NOW,
        );
        const email = renderTemplate(id, data, { recipient: PEOPLE[def.recipientRole]! });
        expect(email.text, id).not.toContain('/portal/t/');
        const jar = new Map<string, string>();
        // The copied reader signed in earlier from a link of their own.
        const own = await withTaskLinks(
          { u: `https://x.example/portal/${K}` },
          reader,
          false,
          { portalUrl: BASE, secret: SECRET, ttlDays: 14 },
          NOW,
        );
        expect((await open(app, own.u, jar)).status).toBe(200);
        for (const url of (email.text.match(/https?:\/\/[^\s"<>)]+/g) ?? []).filter((u) => u.startsWith(BASE))) {
          const page = await open(app, url, jar);
          expect({ id, ccRole, path: page.path, status: page.status }).toEqual({
            id,
            ccRole,
            path: page.path,
            status: 200,
          });
        }
      }
    }
  }, 60_000);
});
