// Roster upload in the browser's form (multipart), through the real app: the same per-row errors
// as the API and CLI, nothing started on any error, and a second upload starts nobody twice.
import { describe, expect, it } from 'vitest';
import { withTaskLinks } from '../../activities/email/task-links';
import { createApp } from '../../functions/app';
import { memoryAuditSink } from '../../functions/audit';
import { localJwtAuthenticator } from '../../functions/auth/local-jwt';
import { memoryUsedLinks } from '../../functions/portal/used-links';
import { createPolicyResolver } from '../../functions/policies';
import { fakeCandidates, NOW, startFor } from '../api/support/fake-candidates';
import { JWT } from '../api/support/tokens';

const SECRET = 'roster-upload-secret-0123456789abcdef';
const BASE = 'http://127.0.0.1:8787';
const PA = { role: 'pa' as const, name: 'Dr. Tran', email: 'pa.tran@example.edu' };
const HEADER = 'programId,candidateId,cohortStart,assignmentStart,candidateName,candidateEmail,paName,paEmail';

async function signedInPa() {
  const candidates = fakeCandidates([startFor('rossier', 'seed')]);
  const app = createApp({
    candidates,
    authenticate: localJwtAuthenticator(JWT),
    audit: memoryAuditSink(),
    now: () => NOW,
    portal: { keys: { secret: SECRET }, usedLinks: memoryUsedLinks(), portalUrl: BASE, linkTtlDays: 14 },
    reports: { resolvePolicy: createPolicyResolver(), cacheMs: 0 },
  });
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [name, value] = c.split(';')[0]!.split('=');
      if (value) jar.set(name!, value);
      else jar.delete(name!);
    }
    return res;
  };
  const link = await withTaskLinks(
    { u: 'https://old.example/dashboard/candidates/rossier-seed' },
    PA,
    false,
    { portalUrl: BASE, secret: SECRET, ttlDays: 14 },
    NOW,
  );
  keep(await app.request(link.u));
  const page = await keep(await app.request(`${BASE}/portal/signin`, { headers: { cookie: cookie() } })).text();
  const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)![1]!;
  keep(
    await app.request(`${BASE}/portal/signin`, {
      method: 'POST',
      headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' },
      body: `_csrf=${encodeURIComponent(csrfOf(page))}`,
    }),
  );
  const formPage = await (await app.request(`${BASE}/portal/roster`, { headers: { cookie: cookie() } })).text();
  const upload = async (csv: string) => {
    const form = new FormData();
    form.set('_csrf', csrfOf(formPage));
    form.set('roster', new File([csv], 'roster.csv', { type: 'text/csv' }));
    const res = await app.request(`${BASE}/portal/roster`, {
      method: 'POST',
      headers: { cookie: cookie() },
      body: form,
    });
    return { status: res.status, body: await res.text() };
  };
  const get = (path: string) => app.request(`${BASE}${path}`, { headers: { cookie: cookie() } });
  return { candidates, formPage, upload, get };
}

describe('roster upload in the browser (issue #15 item 4)', () => {
  it('R-ADM-1: a roster with errors lists each bad row and column and starts nobody', async () => {
    const { candidates, formPage, upload } = await signedInPa();
    expect(formPage).toContain('<label for="roster-file">Roster file (CSV, as your spreadsheet exports it)</label>');
    const res = await upload(
      `${HEADER}\nrossier,ana,2026-08-03,2026-06-15,Ana Díaz,ana@example.org,Dr. Tran,pa.tran@example.edu\nrossier,ben,2026-08-03,June 15,Ben Okafor,not-an-email,Dr. Tran,pa.tran@example.edu\n`,
    );
    expect(res.status).toBe(400);
    expect(res.body).toContain('The roster has 2 problems; nobody was started.');
    expect(
      [...res.body.matchAll(/<tr><td>(\d+)<\/td><td>(\d+|—)<\/td><td>([A-Za-z.]+)<\/td>/g)].map((m) => [
        m[1],
        m[2],
        m[3],
      ]),
    ).toEqual([
      ['2', '3', 'assignmentStart'],
      ['2', '3', 'candidateEmail'],
    ]);
    expect(candidates.started).toEqual([]);
  });

  it('a clean roster starts each candidate once; uploading it again starts nobody twice', async () => {
    const { candidates, upload } = await signedInPa();
    const csv = `${HEADER}\nrossier,ana,2026-08-03,2026-06-15,Ana Díaz,ana@example.org,Dr. Tran,pa.tran@example.edu\n`;
    const first = await upload(csv);
    expect(first.status).toBe(200);
    expect(first.body).toContain('1 started, 0 already enrolled, 0 failed.');
    const second = await upload(csv);
    expect(second.body).toContain('0 started, 1 already enrolled, 0 failed.');
    expect(candidates.started.map((s) => s.candidateId)).toEqual(['ana']);
  });

  it('the PA opens the program report from the portal, signed in by the same session', async () => {
    const { formPage, get } = await signedInPa();
    const link = /href="(\/reports\/program\?program=rossier&amp;cohort=\d{4})">Reports</.exec(formPage)?.[1];
    expect(link).toBeDefined();
    const res = await get(link!.replace('&amp;', '&'));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<svg');
    expect((await get('/reports/program?program=other&cohort=2026')).status).toBe(403);
  });
});
