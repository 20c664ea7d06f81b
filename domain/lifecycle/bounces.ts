// R-NOT (delivery; not in domain.md): mail to an address SES reported undeliverable is held until
// the PA corrects it. Held intents are neither sent nor added to `notified`, so the planner plans
// them again at the next wake; once contactCorrected changes the address (and wakes the workflow),
// they go out to the corrected one. A reminder the deadline has overtaken in the meantime is
// superseded as usual (planner.ts: only the latest due reminder is sent).
import type { TRecipient } from '../notifications/recipients';
import type { TNotificationIntent } from './planner';
import type { TCandidateState } from './state';
import { undeliverableOf } from './state';
import { recipient } from './people';

export interface THeld {
  send: TNotificationIntent[];
  held: TNotificationIntent[];
}

/** The record's addresses (lower case) marked undeliverable now. */
export function undeliverableAddresses(state: TCandidateState): Set<string> {
  const out = new Set<string>();
  for (const mark of undeliverableOf(state)) {
    const person = recipient(state, mark.role);
    if (person) out.add(person.email.toLowerCase());
  }
  return out;
}

/**
 * Splits what is due into what may go out and what waits for a corrected address. An intent whose
 * addressee is undeliverable is held whole; a copy (cc) to an undeliverable address is dropped from
 * an intent that still goes out, so the addressee is not kept waiting for someone else's mailbox
 * (SES would only bounce the copy again).
 */
export function holdUndeliverable(state: TCandidateState, intents: readonly TNotificationIntent[]): THeld {
  const bad = undeliverableAddresses(state);
  if (bad.size === 0) return { send: [...intents], held: [] };
  const isBad = (r: TRecipient) => bad.has(r.email.toLowerCase());
  const send: TNotificationIntent[] = [];
  const held: TNotificationIntent[] = [];
  for (const intent of intents) {
    if (isBad(intent.to)) {
      held.push(intent);
      continue;
    }
    if (intent.cc?.some(isBad)) {
      const cc = intent.cc.filter((r) => !isBad(r));
      const { cc: _dropped, ...rest } = intent;
      send.push(cc.length > 0 ? { ...rest, cc } : rest);
      continue;
    }
    send.push(intent);
  }
  return { send, held };
}
