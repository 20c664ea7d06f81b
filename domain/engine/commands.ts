// The shape every workflow's pure core shares (issue #18): `decide` looks at the state at one instant
// and returns the new state, the commands to carry out (in order) and when to look again; `absorb`
// takes in one message (an event, a child's signal, the result of a command) and returns the new
// state or why the message is refused. Both are pure: the clock is an argument, and so is the answer
// to "is this patch in effect?" (`patched()` in a workflow, always true in the in-memory engine).
// Interpreters — the Temporal workflows and the in-memory engine — carry the commands out and feed
// their results back through `absorb`. No program rule lives in an interpreter.
import { ZCandidateEvent, type TCandidateEvent } from '../events';
import type { TNotificationIntent } from '../lifecycle/planner';

/** `patched(id)` in a workflow; `() => true` for a run that starts today (the in-memory engine). */
export type TPatchOracle = (patchId: string) => boolean;

/** Send these notifications in one activity call; the result comes back as a `TSendResult`. */
export interface TSendCommand {
  kind: 'send';
  intents: TNotificationIntent[];
}

/** What the email activity answered for a send command, or why the whole batch failed. */
export type TSendResult =
  | { kind: 'sent'; intents: TNotificationIntent[]; results: TSendItemResult[]; sentAtMs: number }
  | { kind: 'sendFailed'; intents: TNotificationIntent[]; reason: string; sentAtMs: number };

export interface TSendItemResult {
  /** `${workflowId}:${intent.key}` */
  idempotencyKey: string;
  status: 'sent' | 'alreadySent' | 'failedPermanently' | (string & {});
  reason?: string;
  detail?: string;
}

/** Search attributes as plain values (the interpreter turns them into typed pairs). Upserted only when they change. */
export interface TUpsertSearchAttributesCommand {
  kind: 'upsertSearchAttributes';
  values: Record<string, string | number | boolean | string[] | Date | null>;
}

export interface TCancelChildCommand {
  kind: 'cancelChild';
  workflowId: string;
}

/** One decision of a workflow's core. */
export interface TDecision<S, C> {
  state: S;
  commands: C[];
  /** Epoch ms of the next moment this core wants to look again; undefined = only when a message arrives. */
  wakeAt?: number;
}

/** One absorbed message. A rejection leaves the state unchanged (the caller keeps the old one). */
export interface TAbsorbed<S, R = undefined> {
  state: S;
  rejection?: { type: 'InvalidEvent' | 'EventNotAllowed'; message: string };
  reply?: R;
}

/** The idempotency key of one notification: stable across retries, replays and engines. */
export const idempotencyKeyOf = (workflowId: string, intent: Pick<TNotificationIntent, 'key'>): string =>
  `${workflowId}:${intent.key}`;

/** The activity batch for a send command (the activity checks `data` against each template's schema). */
export function sendBatch(workflowId: string, intents: TNotificationIntent[]) {
  return intents.map((n) => ({
    idempotencyKey: idempotencyKeyOf(workflowId, n),
    template: n.template,
    data: n.data,
    to: n.to,
    cc: n.cc,
  }));
}

/** An event as a core receives it (unchecked): parsed with the vocabulary's schema, or refused naming every bad field. */
export function parseEvent(
  raw: unknown,
): { event: TCandidateEvent } | { rejection: NonNullable<TAbsorbed<unknown>['rejection']> } {
  const parsed = ZCandidateEvent.safeParse(raw);
  if (parsed.success) return { event: parsed.data };
  const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(event)'}: ${i.message}`).join('; ');
  return { rejection: { type: 'InvalidEvent', message: `invalid event: ${detail}` } };
}
