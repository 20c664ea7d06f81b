// The people an obligation concerns, as mail recipients. Only what a message needs leaves here.
import type { TRecipient, TRecipientRole } from '../notifications/recipients';
import { personInRole } from '../roles';
import type { TCandidateState } from './state';

export function recipient(state: TCandidateState, role: TRecipientRole): TRecipient | undefined {
  const person = personInRole(state.start, role);
  return person ? { role, name: person.name, email: person.email } : undefined;
}

// Honorifics people put before their name: "Dr. Tran" is greeted as "Dr. Tran", never "Dr.".
const TITLES = new Set([
  'dr',
  'mr',
  'mrs',
  'ms',
  'mx',
  'miss',
  'prof',
  'professor',
  'rev',
  'fr',
  'sr',
  'sister',
  'brother',
  'dean',
  'superintendent',
  'principal',
  'coach',
]);

/**
 * How a message greets a person: the first name ("Dana Lee" → "Dana"), or the whole name when it
 * starts with a title ("Dr. Tran", "Dr. Maria Tran"); never longer than the name (limits.ts).
 */
export function firstName(name: string): string {
  const known = greetings.get(name);
  if (known !== undefined) return known;
  const greeting = greetingOf(name);
  if (greetings.size >= REMEMBERED_NAMES) greetings.clear();
  greetings.set(name, greeting);
  return greeting;
}

// Every planned message greets its recipient, so a decision asks for the same few names many times
// (a regex split each): remembered, bounded (a pure function of the name).
const REMEMBERED_NAMES = 10_000;
const greetings = new Map<string, string>();

function greetingOf(name: string): string {
  const tokens = name.trim().split(/\s+/).filter(Boolean);
  const first = tokens[0] ?? name.trim();
  const isTitle = TITLES.has(first.replace(/\.$/, '').toLowerCase());
  return isTitle && tokens.length > 1 ? tokens.join(' ') : first;
}
