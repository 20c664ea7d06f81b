// My tasks: what each person owes for one candidate, with the portal page to do it on. Derived from
// the same open obligations that drive the reminders (lifecycle/obligations.ts), so the list can
// never disagree with the emails: a task is a reminder someone would get, or an overdue escalation.
import { compareDates, type TLocalDate } from '../calendar/dates';
import type { TKeyDates } from '../calendar/deadlines';
import type { TProgramPolicy } from '../policy/policy';
import type { TRecipientRole } from '../notifications/recipients';
import type { TCandidateState } from '../lifecycle/state';
import { openObligations, type TPlannedMessage } from '../lifecycle/obligations';
import { candidateKey } from '../lifecycle/candidate';
import { taskPathOf } from './task-link';
import { localDateOf } from '../calendar/dates';
import { computeLifecycleDates } from '../lifecycle/dates';
import { undeliverableOf } from '../lifecycle/state';
import type { TContactRole } from '../events';

/** What the `tasks` query answers: one candidate's open tasks, lighter than the whole status. */
export interface TTaskSummary {
  key: string;
  candidateName: string;
  tasks: TTask[];
}

export function taskSummary(state: TCandidateState, policy: TProgramPolicy, nowMs: number): TTaskSummary {
  const { keyDates } = computeLifecycleDates(state, policy);
  return {
    key: candidateKey(state.start.programId, state.start.candidateId),
    candidateName: state.start.candidate.name,
    tasks: openTasks(state, policy, keyDates, localDateOf(nowMs, policy.timeZone)),
  };
}

export interface TTask {
  /** The obligation's id (stable), e.g. `iip1.approval.r0`. */
  id: string;
  rule: string;
  label: string;
  due: TLocalDate;
  overdue: boolean;
  /** Whose task it is (a mail role: candidate, coach, supervisor, pa, director…). */
  role: TRecipientRole;
  /** The portal page that does it. */
  path: string;
}

const BASE = 'https://portal.invalid';

function firstTaskPath(value: unknown): string | undefined {
  if (typeof value === 'string') return taskPathOf(value);
  if (Array.isArray(value)) return value.map(firstTaskPath).find(Boolean);
  if (value && typeof value === 'object') return Object.values(value).map(firstTaskPath).find(Boolean);
  return undefined;
}

export function openTasks(
  state: TCandidateState,
  policy: TProgramPolicy,
  keyDates: TKeyDates,
  today: TLocalDate,
): TTask[] {
  const key = candidateKey(state.start.programId, state.start.candidateId);
  const out: TTask[] = [];
  const seen = new Set<string>();
  const add = (
    o: { id: string; rule: string; label: string; due: TLocalDate },
    m: TPlannedMessage,
    overdue: boolean,
    label = o.label,
  ) => {
    const id = `${o.id}:${m.to.role}`;
    if (seen.has(id)) return;
    seen.add(id);
    out.push({
      id: o.id,
      rule: o.rule,
      label,
      due: o.due,
      overdue,
      role: m.to.role,
      path: firstTaskPath(m.data) ?? `/portal/${key}`,
    });
  };
  out.push(...correctionTasks(state));
  for (const o of openObligations(state, policy, keyDates, { portalUrl: BASE }, today)) {
    const overdue = compareDates(o.due, today) < 0;
    for (const m of o.reminders(0)) add(o, m, overdue);
    // Whoever is escalated to owes a follow-up once the deadline has passed (the PA, the director).
    if (overdue) for (const m of o.escalation(0)) add(o, m, true, `Follow up: ${o.label}`);
  }
  return out.sort(
    (a, b) => Number(b.overdue) - Number(a.overdue) || compareDates(a.due, b.due) || a.label.localeCompare(b.label),
  );
}

const WHOSE: Record<TContactRole, string> = {
  candidate: "the candidate's",
  coach: "the coach's",
  supervisor: "the site supervisor's",
  pa: "the Program Administrator's",
  director: "the director's",
};

/** The portal page that corrects one person's address (functions/portal/task-views.ts 'contacts'). */
export const contactsPath = (key: string, role: TContactRole): string => `/portal/${key}/contacts/${role}`;

/**
 * R-NOT (delivery; not in domain.md): while SES reports someone's address undeliverable, the PA (and
 * the director, when the record has one) owes its correction; their mail is held until then.
 */
export function correctionTasks(state: TCandidateState): TTask[] {
  const key = candidateKey(state.start.programId, state.start.candidateId);
  const owners: TRecipientRole[] = state.start.director ? ['pa', 'director'] : ['pa'];
  return undeliverableOf(state).flatMap((mark) =>
    owners.map((role) => ({
      id: `contact.${mark.role}`,
      rule: 'R-NOT',
      label: `Correct ${WHOSE[mark.role]} email address (${mark.bounce === 'complaint' ? 'marked as spam' : 'undeliverable'})`,
      due: mark.date,
      overdue: false,
      role,
      path: contactsPath(key, mark.role),
    })),
  );
}
