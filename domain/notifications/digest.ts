// The weekly digest (policy.notifications.digest): one email per coach and per program
// administrator listing their candidates' deadlines of the next two weeks and their risks, in place
// of the many single reminders those roles would otherwise get. Pure: the activity gathers the
// candidates' status, the workflow decides when; both call in here.
import {
  addDays,
  compareDates,
  localDateOf,
  toEpochDay,
  weekdayOf,
  zonedInstant,
  type TLocalDate,
} from '../calendar/dates';
import type { TProgramPolicy } from '../policy/policy';
import type { TNotificationIntent } from './plan';
import { templateDefinition } from './catalogue';
import type { TOutgoingEmail } from './outgoing';
import type { TRecipient, TRecipientRole } from './recipients';
import { firstName } from '../lifecycle/people';

/** Deadlines due within this many days (and every overdue one) appear in a digest. */
export const DIGEST_HORIZON_DAYS = 14;
/** The roles that read a digest instead of single reminders. */
export const DIGEST_ROLES: readonly TRecipientRole[] = ['coach', 'pa'];
// Template limits (domain/notifications/templates/digest.ts): stay inside them rather than fail.
const MAX_UPCOMING = 20;
const MAX_CANDIDATES = 500;
const MAX_LABEL = 200;

interface TPersonRef {
  name: string;
  email: string;
}

/**
 * What the digest reads of one candidate: a subset of the `status` query result
 * (domain/lifecycle/status.ts), so a TCandidateStatus can be passed as it is. IIP goals, scores and
 * the timeline are deliberately not part of it (R-IIP-5: no IIP content leaves the portal).
 */
export interface TDigestSource {
  phase: string;
  people: { candidate: TPersonRef; coach: TPersonRef | null; programAdministrator: TPersonRef };
  nextDeadlines: readonly { label: string; due: TLocalDate; overdue: boolean }[];
  flags: { earlyWarning: boolean; academicWatch: boolean; atRisk: boolean };
  hours: { pace: { coaching: { behind: boolean }; learning: { behind: boolean } } | null };
}

export interface TDigestEntry {
  /** First name and last initial only ("Jamal J."): the details are behind the dashboard link. */
  candidateName: string;
  upcoming: { label: string; due: TLocalDate; overdue: boolean }[];
  flags: { earlyWarning: boolean; academicWatch: boolean; atRisk: boolean };
  hoursBehind: ('coaching' | 'learning')[];
}

export interface TDigestGroup {
  role: 'coach' | 'pa';
  to: TRecipient;
  candidates: TDigestEntry[];
}

/** "Jamal Jackson" → "Jamal J."; a single name stays as it is. */
export function minimizedName(fullName: string): string {
  const parts = fullName.trim().split(/\s+/).filter(Boolean);
  const first = parts[0] ?? fullName.trim();
  const last = parts.length > 1 ? parts[parts.length - 1] : undefined;
  const initial = last ? [...last].find((ch) => /\p{L}/u.test(ch)) : undefined;
  return initial ? `${first} ${initial.toUpperCase()}.` : first;
}

export function digestEntry(source: TDigestSource, asOf: TLocalDate): TDigestEntry {
  const horizon = addDays(asOf, DIGEST_HORIZON_DAYS);
  const upcoming = source.nextDeadlines
    .filter((d) => compareDates(d.due, horizon) <= 0)
    .map((d) => ({ label: d.label.slice(0, MAX_LABEL), due: d.due, overdue: compareDates(d.due, asOf) < 0 }))
    .sort((a, b) => compareDates(a.due, b.due))
    .slice(0, MAX_UPCOMING);
  const pace = source.hours.pace;
  return {
    candidateName: minimizedName(source.people.candidate.name),
    upcoming,
    flags: {
      earlyWarning: source.flags.earlyWarning,
      academicWatch: source.flags.academicWatch,
      atRisk: source.flags.atRisk,
    },
    hoursBehind: pace ? (['coaching', 'learning'] as const).filter((k) => pace[k].behind) : [],
  };
}

const flagged = (e: TDigestEntry) =>
  e.flags.earlyWarning || e.flags.academicWatch || e.flags.atRisk || e.hoursBehind.length > 0;
const urgency = (e: TDigestEntry) =>
  (e.flags.atRisk ? 8 : 0) +
  (e.flags.academicWatch ? 4 : 0) +
  (e.flags.earlyWarning ? 2 : 0) +
  (e.upcoming.some((u) => u.overdue) ? 1 : 0);

/**
 * One group per coach (their own candidates only) and one per program administrator (every
 * candidate naming them). A candidate with nothing due and no risk is left out; a reader whose
 * candidates are all on track still gets a group, and with it a short "nothing this week".
 */
export function buildDigestGroups(sources: readonly TDigestSource[], asOf: TLocalDate): TDigestGroup[] {
  const groups = new Map<string, TDigestGroup>();
  const groupFor = (role: 'coach' | 'pa', person: TPersonRef) => {
    const id = `${role}:${person.email.trim().toLowerCase()}`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { role, to: { role, name: person.name, email: person.email.trim() }, candidates: [] }));
    return g;
  };
  for (const source of sources) {
    const entry = digestEntry(source, asOf);
    const report = entry.upcoming.length > 0 || flagged(entry);
    const readers = [
      ...(source.people.coach ? [groupFor('coach', source.people.coach)] : []),
      groupFor('pa', source.people.programAdministrator),
    ];
    if (report) for (const g of readers) g.candidates.push(entry);
  }
  for (const g of groups.values()) {
    g.candidates.sort((a, b) => urgency(b) - urgency(a) || a.candidateName.localeCompare(b.candidateName));
    g.candidates.splice(MAX_CANDIDATES);
  }
  return [...groups.values()].sort((a, b) => a.role.localeCompare(b.role) || a.to.email.localeCompare(b.to.email));
}

/** ISO 8601 week of a date, e.g. "2026-W45": the digest's idempotency period. */
export function isoWeek(date: TLocalDate): string {
  const isoWeekday = weekdayOf(date) || 7;
  const thursday = addDays(date, 4 - isoWeekday);
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((toEpochDay(thursday) - toEpochDay(`${year}-01-01`)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The first digest moment strictly after `nowMs`: digest.weekday at sendAt, program time (DST-correct). */
export function nextDigestAt(nowMs: number, policy: TProgramPolicy): number {
  const { timeZone } = policy;
  const { sendAt, digest } = policy.notifications;
  const today = localDateOf(nowMs, timeZone);
  for (let i = 0; i <= 7; i++) {
    const day = addDays(today, i);
    if (weekdayOf(day) !== digest.weekday) continue;
    const at = zonedInstant(day, sendAt, timeZone);
    if (at > nowMs) return at;
  }
  throw new RangeError('no digest moment within eight days'); // unreachable: a weekday recurs every 7 days
}

export interface TDigestContext {
  programId: string;
  programName: string;
  asOf: TLocalDate;
  portalUrl: string;
}

export function digestIdempotencyKey(programId: string, asOf: TLocalDate, to: TRecipient): string {
  return `digest-${programId}:${isoWeek(asOf)}:${to.role}:${to.email.toLowerCase()}`;
}

/** The digest emails: one per group, keyed so a retried or replayed send goes out once a week. */
export function digestEmails(groups: readonly TDigestGroup[], ctx: TDigestContext): TOutgoingEmail[] {
  return groups.map((g) => {
    const data = {
      firstName: firstName(g.to.name),
      programName: ctx.programName,
      weekOf: ctx.asOf,
      candidates: g.candidates.map((c) => ({
        candidateName: c.candidateName,
        upcoming: c.upcoming.map((u) => ({
          item: u.overdue ? `${u.label.slice(0, MAX_LABEL - 10)} (overdue)` : u.label,
          dueDate: u.due,
        })),
        risks: [
          ...(['earlyWarning', 'academicWatch', 'atRisk'] as const).filter((f) => c.flags[f]),
          ...(c.hoursBehind.length > 0 ? (['hoursBehind'] as const) : []),
        ],
      })),
      // My tasks across the program's candidates (the link names the program, never a person).
      dashboardUrl: `${ctx.portalUrl}/portal?program=${ctx.programId}`,
    };
    const idempotencyKey = digestIdempotencyKey(ctx.programId, ctx.asOf, g.to);
    return g.role === 'coach'
      ? { idempotencyKey, template: 'weeklyDigest.notice.coach' as const, to: g.to, data }
      : { idempotencyKey, template: 'weeklyDigest.notice.pa' as const, to: g.to, data };
  });
}

/**
 * With the digest on, coaches and program administrators get no single *reminders*: those
 * deadlines are in their digest. Candidates (and supervisors, who get no digest) keep theirs, and
 * escalations and notices (early warning, academic watch, pace) still go out singly: they are urgent.
 */
export function digestFilter<T extends Pick<TNotificationIntent, 'template' | 'to'>>(
  intents: readonly T[],
  policy: TProgramPolicy,
): T[] {
  if (!policy.notifications.digest.enabled) return [...intents];
  return intents.filter(
    (n) => !(DIGEST_ROLES.includes(n.to.role) && templateDefinition(n.template).kind === 'reminder'),
  );
}
