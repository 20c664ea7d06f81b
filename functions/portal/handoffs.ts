// The credentials office's desk: the queue of ready-to-recommend packets (R-REC-3) and each packet
// with the verify + recommend-to-CTC action (R-REC-4). The packet is the one the workflow's
// activity stored (activities/handoff.ts) — a local folder, or S3 in AWS.
import { Hono } from 'hono';
import type { HandoffStore } from '../../activities/handoff';
import { parseCandidateKey } from '../../domain/lifecycle/candidate';
import type { AppContext, AppEnv } from '../app-env';
import { authorize } from '../auth/policy';
import { html } from '../dashboard/html';
import { portalPage } from './layout';
import { csrfTokenFor, type TPortalKeys, type TPortalSession } from './session';

export function handoffRoutes({ handoffs, keys }: { handoffs: HandoffStore; keys: TPortalKeys }) {
  const queue = new Hono<AppEnv>();
  const packet = new Hono<AppEnv>();
  const frame = (c: AppContext, title: string) => {
    const session = c.get('session') as TPortalSession | undefined;
    return { title, ...(session ? { session, csrf: csrfTokenFor(keys, session.sid) } : {}) };
  };
  const inProgram = (c: AppContext, key: string) => {
    const p = c.get('principal');
    return (
      authorize(p, { kind: 'dashboard.queue' }).allow &&
      authorize(p, { kind: 'candidate.read', candidateKey: key }).allow
    );
  };

  queue.get('/', async (c) => {
    if (!authorize(c.get('principal'), { kind: 'dashboard.queue' }).allow)
      return portalPage(
        c,
        403,
        frame(c, 'Not allowed'),
        html`<p role="alert">Only the credentials office and the program administrator see handoffs.</p>`,
      );
    const pending = (await handoffs.listPending()).filter((h) => inProgram(c, h.candidateKey));
    return portalPage(
      c,
      200,
      frame(c, 'Ready to recommend'),
      pending.length
        ? html`<p class="lede">${pending.length} packet${pending.length === 1 ? '' : 's'} marked READY TO RECOMMEND by the program administrator, oldest first.</p>
<table data-testid="handoff-queue"><thead><tr><th scope="col">Candidate</th><th scope="col">Ready since</th><th scope="col">Packet</th></tr></thead>
<tbody>${pending.map((h) => html`<tr><td>${h.candidateName}</td><td>${h.readyOn}</td><td><a href="/dashboard/handoffs/${h.candidateKey}/${h.packetId}">Open packet ${h.packetId}</a></td></tr>`)}</tbody></table>`
        : html`<p class="empty" role="status">No packet is waiting. Packets arrive when the program administrator marks a candidate ready to recommend (R-REC-3).</p>`,
    );
  });

  packet.get('/:key/:packetId', async (c) => {
    const { key, packetId } = c.req.param();
    if (!parseCandidateKey(key) || !/^[a-z0-9-]{1,80}$/.test(packetId) || !inProgram(c, key))
      return portalPage(c, 404, frame(c, 'Not found'), html`<p role="alert">No such packet.</p>`);
    const found = await handoffs.read(key, packetId);
    if (!found) return portalPage(c, 404, frame(c, 'Not found'), html`<p role="alert">No such packet.</p>`);
    const p = found.packet;
    const mayRecommend = c.get('principal').role === 'credentialsOffice';
    return portalPage(
      c,
      200,
      frame(c, `Handoff packet: ${p.candidate.name}`),
      html`<p class="lede">Marked READY TO RECOMMEND on ${p.readyOn}. Verify the HR letter and the credential document, then recommend to the CTC (R-REC-4).</p>
<section aria-labelledby="packet-h"><h2 id="packet-h">Packet</h2><pre data-testid="packet">${JSON.stringify(p, null, 2)}</pre></section>
${mayRecommend ? html`<p><a class="button" href="/portal/${key}/recommendation/step-4">Verify and recommend to CTC</a></p>` : html`<p class="muted">The credentials office records the recommendation.</p>`}`,
    );
  });
  return { queue, packet };
}
