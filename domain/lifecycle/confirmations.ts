// Messages an event owes the candidate at once: the confirmation of a deferral with the deadlines it
// moved (R-INT-2), and the next steps after a panel presentation that did not pass (R-PF-2); and the
// status confirmations: a one-year extension with the new completion date (R-EXT-1), a withdrawal
// with its refund statement (R-ADM-5). Keyed
// by the event's place in the record, so each goes out once; only for events dated within the last
// CONFIRM_WITHIN_DAYS days, so a workflow that picks up this code long after an event does not send
// a stale message about it. Like risk notices, they wait out quiet hours.
import { addDays, addMonths, compareDates, localDateOf, type TLocalDate } from '../calendar/dates';
import type { TProgramPolicy } from '../policy/policy';
import { candidateKey } from './candidate';
import type { TLinks } from './input';
import { computeLifecycleDates } from './dates';
import { openObligations } from './obligations';
import { firstName, recipient } from './people';
import type { TNotificationIntent } from './planner';
import { quietUntil } from '../risk/notices';
import type { TCandidateState } from './state';

/** An event recorded (or back-dated) up to two weeks ago still gets its message. */
export const CONFIRM_WITHIN_DAYS = 14;
/** How many of the candidate's next deadlines a deferral confirmation lists. */
const LISTED_DEADLINES = 5;

export interface TConfirmations {
  notices: TNotificationIntent[];
  /** Set when messages wait for the end of quiet hours. */
  wakeAt?: number;
}

function confirmationContext(state: TCandidateState, policy: TProgramPolicy, nowMs: number, links: TLinks) {
  const today = localDateOf(nowMs, policy.timeZone);
  const recent = (date: TLocalDate) => compareDates(date, addDays(today, -CONFIRM_WITHIN_DAYS)) >= 0;
  const candidate = recipient(state, 'candidate');
  const key = candidateKey(state.start.programId, state.start.candidateId);
  const url = (path: string) => `${links.portalUrl}/portal/${key}/${path}`;
  const cc = (...roles: ('coach' | 'pa')[]) => {
    const people = roles.map((r) => recipient(state, r)).filter((r) => r !== undefined);
    return people.length ? { cc: people } : {};
  };
  const base = { firstName: firstName(candidate?.name ?? ''), programName: policy.name };
  const notices: TNotificationIntent[] = [];
  const push = (k: string, n: Omit<TNotificationIntent, 'key' | 'to'>) => {
    const full = `${k}:candidate`;
    if (candidate && !state.notified.includes(full)) notices.push({ key: full, to: candidate, ...n });
  };
  const done = (): TConfirmations => {
    const quiet = quietUntil(nowMs, policy);
    if (quiet && notices.length) return { notices: [], wakeAt: quiet };
    return { notices };
  };
  return { today, recent, url, cc, base, push, done };
}

/** R-INT-2, R-PF-2 (patch event-confirmations). */
export function eventConfirmations(
  state: TCandidateState,
  policy: TProgramPolicy,
  nowMs: number,
  links: TLinks,
): TConfirmations {
  const { today, recent, url, cc, base, push, done } = confirmationContext(state, policy, nowMs, links);

  state.shifts.forEach((s, i) => {
    if (s.kind !== 'deferral' || !recent(s.from)) return;
    const { keyDates } = computeLifecycleDates(state, policy);
    const next = openObligations(state, policy, keyDates, links, today)
      .filter((o) => o.owner === 'candidate' && compareDates(o.due, today) >= 0)
      .sort((a, b) => compareDates(a.due, b.due))
      .slice(0, LISTED_DEADLINES)
      .map((o) => ({ item: o.label, dueDate: o.due }));
    const resumesOn = addMonths(s.from, s.months);
    push(`deferral.${i}`, {
      template: 'deferral.confirmation.candidate',
      data: {
        ...base,
        months: s.months,
        resumesOn,
        ...(next.length ? { shiftedDeadlines: next } : {}),
        statusUrl: url('timeline'),
      },
      ...cc('coach'),
    });
  });

  state.portfolio.presentations.forEach((p, i) => {
    if (p.passed || !recent(p.date)) return;
    push(`panel.${i}`, {
      template: 'portfolioPanel.notice.candidate',
      data: { ...base, presentedOn: p.date, resultsUrl: url('portfolio') },
      ...cc('coach', 'pa'),
    });
  });

  return done();
}

/**
 * R-EXT-1, R-ADM-5 (patch status-confirmations): a granted one-year extension, with the new
 * completion date (the last day of the moved recommendation month, R-REC-6); a withdrawal, with its
 * refund statement. The system does not hold fee amounts, so a refundable withdrawal names the rule
 * (fees less the non-refundable deposit) and the program office confirms the amount.
 */
export function statusConfirmations(
  state: TCandidateState,
  policy: TProgramPolicy,
  nowMs: number,
  links: TLinks,
): TConfirmations {
  const { recent, url, cc, base, push, done } = confirmationContext(state, policy, nowMs, links);

  state.shifts.forEach((s, i) => {
    if (s.kind !== 'extension' || !recent(s.from)) return;
    const { keyDates } = computeLifecycleDates(state, policy);
    push(`extension.${i}`, {
      template: 'extension.confirmation.candidate',
      data: {
        ...base,
        approvedOn: s.from,
        newCompletionDate: keyDates.recommendationTarget.due,
        statusUrl: url('timeline'),
      },
      ...cc('coach', 'pa'),
    });
  });

  const w = state.withdrawal;
  if (w && recent(w.date)) {
    push('withdrawal', {
      template: 'withdrawal.confirmation.candidate',
      data: {
        ...base,
        effectiveOn: w.date,
        refund: w.refundEligible
          ? { eligible: true }
          : { eligible: false, reason: w.droppedForMissingWork ? 'droppedForMissingWork' : 'afterFirstWeek' },
      },
      ...cc('coach', 'pa'),
    });
  }

  return done();
}
