// The SES message tag that names the candidate a message is about, so a bounce or complaint SES
// reports later finds its way back to the candidate's record: the email activity writes it
// (activities/email/ses.ts), the SES-events consumer reads it (functions/ses-events/consumer.ts).
// The key is not personal data (`<programId>-<candidateId>`, domain/lifecycle/candidate.ts). SES tag values allow only ASCII letters,
// digits, '_' and '-', and at most 256 characters: every other character (and '_' itself) is
// written `_XX` (hex), so the value decodes to exactly the key; a key that would not fit is hex.
import { parseCandidateKey } from '../lifecycle/candidate';

export const CANDIDATE_TAG = 'candidate';

const MAX = 256;
// Candidate keys are ASCII (candidate.ts), so one character is one byte (pure: no Buffer here).
const hex = (s: string) => [...s].map((ch) => ch.charCodeAt(0).toString(16).padStart(2, '0')).join('');
const unhex = (h: string) => (h.match(/../g) ?? []).map((b) => String.fromCharCode(parseInt(b, 16))).join('');

export function encodeCandidateTag(key: string): string {
  const escaped = key.replace(/[^A-Za-z0-9-]/g, (ch) => `_${hex(ch).toUpperCase()}`);
  return escaped.length <= MAX ? escaped : `_h${hex(key)}`;
}

/** The candidate key a tag value names, or undefined when it is not one. */
export function decodeCandidateTag(value: string): string | undefined {
  let key: string;
  if (value.startsWith('_h')) {
    if (!/^_h(?:[0-9a-f]{2})+$/.test(value)) return undefined;
    key = unhex(value.slice(2));
  } else {
    if (!/^(?:[A-Za-z0-9-]|_[0-9A-F]{2})+$/.test(value)) return undefined;
    key = value.replace(/_([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  }
  return parseCandidateKey(key) ? key : undefined;
}

/**
 * The candidate a send is about, from its idempotency key (`<workflowId>:…`): the lifecycle
 * (`candidate-<key>`), its academic watch (`academic-watch-<key>`) and its recommendation chain
 * (`recommendation-<key>`). A program-wide message (the weekly digest) names no candidate.
 */
export function candidateKeyOfSend(idempotencyKey: string): string | undefined {
  const workflowId = idempotencyKey.split(':', 1)[0] ?? '';
  const m = /^(?:candidate|academic-watch|recommendation)-(.+)$/.exec(workflowId);
  const key = m?.[1];
  return key && parseCandidateKey(key) ? key : undefined;
}
