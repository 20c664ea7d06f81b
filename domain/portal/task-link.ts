// What a task link names, and which URLs in a message are portal tasks. Pure: the activity mints
// the signed token from this when it sends (activities/email/task-links.ts), the portal verifies it
// (functions/portal/). The workflow only ever writes paths below its frozen portal URL; the origin a
// person's link opens is the worker's configured portal URL at send time.
import { z } from 'zod';
import { parseCandidateKey } from '../lifecycle/candidate';
import { ZRecipientRole } from '../notifications/recipients';

/** Paths a message may link to in the portal (everything else, e.g. the CTC's site, stays as is). */
const TASK_PATH = /^\/(portal|dashboard)(\/[A-Za-z0-9._~%/-]*)?(\?program=[a-z0-9_-]{1,40})?$/;

export const ZTaskPath = z
  .string()
  .max(300)
  .refine((p) => TASK_PATH.test(p) && !p.includes('..'), { error: 'not a portal path' });

/** The claims of a task link (a JWT signed with the portal link secret; short names keep URLs short). */
export const ZTaskLinkClaims = z.object({
  /** Who the link is for: their mail role … */
  rol: ZRecipientRole,
  /** … and an opaque id of their address (HMAC, never the address itself: URLs end up in logs). */
  pid: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  /** The candidate the task concerns, when it concerns one. */
  ck: z.string().max(105).optional(),
  /** Where the task is. */
  pth: ZTaskPath,
  jti: z.string().min(16).max(64),
  exp: z.number().int(),
  iat: z.number().int(),
});
export type TTaskLinkClaims = z.infer<typeof ZTaskLinkClaims>;

/** The program a program-wide link names (`/portal?program=rossier`). */
export function programOfPath(path: string): string | undefined {
  return /[?&]program=([a-z0-9_-]{1,40})$/.exec(path)?.[1];
}

/** The candidate key a portal path is about (`/portal/<key>/…`, `/dashboard/candidates/<key>`, `/dashboard/handoffs/<key>/…`). */
export function candidateKeyOfPath(path: string): string | undefined {
  const m = /^\/portal\/([^/]+)/.exec(path) ?? /^\/dashboard\/(?:candidates|handoffs)\/([^/]+)/.exec(path);
  const key = m?.[1];
  return key && key !== 't' && parseCandidateKey(key) ? key : undefined;
}

/**
 * The portal path of a URL a message carries, or undefined when it is not a portal task (another
 * site, or not a URL). Any origin counts: workflows started months ago carry the portal URL of
 * their day, and the link must open today's portal.
 */
export function taskPathOf(value: string): string | undefined {
  if (!/^https?:\/\//.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  // A program-wide link (the weekly digest) keeps its program; every other query is dropped.
  const program = url.searchParams.get('program');
  const path = (url.pathname.replace(/\/+$/, '') || '/') + (program ? `?program=${program}` : '');
  return ZTaskPath.safeParse(path).success ? path : undefined;
}
