// Turns the candidate's risk standing into flags and notices: early warning (R-EW-1), the start of
// an academic watch (R-AW-1), deferral (R-INT-2) and hours pace (R-HRS-3). Notices are keyed by
// episode (the n-th early warning, the n-th pace slip), so each is sent once however often the
// workflow wakes, and again only after the candidate recovered and slipped anew.
import {
  addDays,
  compareDates,
  daysBetween,
  localDateOf,
  minutesOfDay,
  zonedInstant,
  type TLocalDate,
} from '../calendar/dates';
import { activeDeferral, paceDate } from '../calendar/deferral';
import { sessionName } from '../calendar/sessions';
import type { TProgramPolicy } from '../policy/policy';
import { paceStatus, type TPaceModel } from '../lifecycle/hours';
import { candidateKey } from '../lifecycle/candidate';
import type { TLinks } from '../lifecycle/input';
import { computeLifecycleDates } from '../lifecycle/dates';
import { firstName, recipient } from '../lifecycle/people';
import type { TNotificationIntent } from '../lifecycle/planner';
import {
  academicWatchHolds,
  assignmentStanding,
  earlyWarningHolds,
  hoursThisYear,
  nextAssignmentDeadlineAt,
  paceSlipDate,
  type THoursKind,
} from './risk';
import { owedFrom, type TCandidateState } from '../lifecycle/state';

export interface TRiskEvaluation {
  state: TCandidateState;
  notices: TNotificationIntent[];
  /** Set when an academic watch must start now: the evidence for the PA. */
  openWatch?: { evidence: string[]; missing: number; late: number };
  wakeAt?: number;
}

/** R-ADM/notifications policy: messages triggered by an event wait out the recipient's quiet hours. */
export function quietUntil(nowMs: number, policy: TProgramPolicy): number | undefined {
  const q = policy.notifications.quietHours;
  if (!q) return undefined;
  const tz = policy.timeZone;
  const today = localDateOf(nowMs, tz);
  const now = Math.floor((nowMs - zonedInstant(today, '00:00', tz)) / 60_000);
  const [start, end] = [minutesOfDay(q.start), minutesOfDay(q.end)];
  const quiet = start < end ? now >= start && now < end : now >= start || now < end;
  if (!quiet) return undefined;
  const endDay: TLocalDate = start > end && now >= start ? addDays(today, 1) : today;
  return zonedInstant(endDay, q.end, tz);
}

export interface TRiskOptions {
  /**
   * R-INT-2: a deferral pauses the hours pace — no pace slips or notices while it lasts, and its
   * days do not count toward the hours expected afterwards. Workflows started before this rule
   * existed ran without it; the workflow passes `patched('deferral-pauses-risk')` (see README).
   */
  deferralPausesPace?: boolean;
  /**
   * R-HRS-3: learning hours are expected as the program's sessions and workshops happen, not on a
   * straight line from the year's first day (domain/lifecycle/hours.ts). Patch 'pace-follows-calendar'.
   */
  paceFollowsCalendar?: boolean;
}

export function evaluateRisk(
  input: TCandidateState,
  policy: TProgramPolicy,
  nowMs: number,
  links: TLinks,
  options: TRiskOptions = {},
): TRiskEvaluation {
  let state = input;
  const { keyDates } = computeLifecycleDates(state, policy);
  const today = localDateOf(nowMs, policy.timeZone);
  const key = candidateKey(state.start.programId, state.start.candidateId);
  const url = (path: string) => `${links.portalUrl}/${path}`;
  const inYears = ['year1', 'year2', 'completionReview'].includes(state.phase);
  const wakes: number[] = [];
  let openWatch: TRiskEvaluation['openWatch'];

  const deferral = activeDeferral(state.shifts, today);
  const deferred = deferral !== undefined;
  const pausePace = options.deferralPausesPace === true && deferred;
  const standing = assignmentStanding(state, keyDates, nowMs);
  const session = (n: number) => keyDates.sessions.find((s) => s.number === n);
  const named = (n: number) => sessionName(session(n) ?? { number: n });
  const ew = inYears && earlyWarningHolds(standing, policy);
  const flags = { ...state.flags, deferred };
  let watch = state.watch;
  if (ew && !state.flags.earlyWarning) watch = { ...watch, earlyWarnings: watch.earlyWarnings + 1 };
  flags.earlyWarning = ew;
  // A watch the PA closed dealt with its sessions; only new missing or late work opens another.
  const uncovered = [...standing.missing, ...standing.late].filter((n) => !watch.covered.includes(n));
  if (inYears && !watch.open && uncovered.length > 0 && academicWatchHolds(standing, policy)) {
    const evidence = [
      ...standing.missing.map((n) => `${named(n)} assignment missing (due ${session(n)?.assignmentDue ?? '?'})`),
      ...standing.late.map((n) => `${named(n)} assignment submitted late`),
    ];
    openWatch = { evidence: evidence.slice(0, 30), missing: standing.missing.length, late: standing.late.length };
    watch = {
      ...watch,
      open: true,
      opened: watch.opened + 1,
      reason: standing.missing.length >= policy.risk.academicWatchMissing ? 'missing' : 'late',
      covered: [...new Set([...watch.covered, ...standing.missing, ...standing.late])],
    };
    flags.academicWatch = true;
  }
  const next = nextAssignmentDeadlineAt(state, keyDates, nowMs);
  if (next && inYears) wakes.push(next);

  let pace = state.pace;
  const inPacedYear = state.phase === 'year1' || state.phase === 'year2';
  const year = state.phase === 'year2' ? 2 : 1;
  // The day pace is measured at: today, or (deferral-aware) today less the deferred days this year.
  const yearStart = keyDates.programYears[year === 1 ? 'year1' : 'year2'].start;
  const deferralAware = options.deferralPausesPace ? paceDate(state.shifts, yearStart, today) : today;
  // R-TIME-1: a late enrollee's pace counts from enrollment — the days before it are not behind.
  const from = owedFrom(state);
  const notYetEnrolled =
    year === 1 && from && compareDates(from, yearStart) > 0
      ? Math.min(daysBetween(yearStart, from), Math.max(0, daysBetween(yearStart, deferralAware)))
      : 0;
  const paceDay = addDays(deferralAware, -notYetEnrolled);
  const pausedDays = daysBetween(paceDay, today);
  const model: TPaceModel = options.paceFollowsCalendar ? 'calendar' : 'linear';
  if (inPacedYear && pausePace) {
    // Nothing to reckon while the candidate is away; pace resumes the day the deferral ends.
    wakes.push(zonedInstant(deferral.until, policy.notifications.sendAt, policy.timeZone));
  } else if (inPacedYear) {
    for (const kind of ['coaching', 'learning'] as THoursKind[]) {
      const status = paceStatus(hoursThisYear(state, year, kind), paceDay, keyDates, policy, kind, model);
      const p = pace[kind];
      if (status.behind && !p.behind) pace = { ...pace, [kind]: { behind: true, slips: p.slips + 1 } };
      else if (!status.behind && p.behind) pace = { ...pace, [kind]: { ...p, behind: false } };
      const slip = !status.behind ? paceSlipDate(state, keyDates, policy, paceDay, kind, model) : undefined;
      if (slip) wakes.push(zonedInstant(addDays(slip, pausedDays), policy.notifications.sendAt, policy.timeZone));
    }
  }
  // The same record when nothing changed, so what was worked out for it (search attributes, obligations) still holds.
  if (JSON.stringify([flags, watch, pace]) !== JSON.stringify([state.flags, state.watch, state.pace]))
    state = { ...state, flags, watch, pace };

  // Notices for the episodes that are active now; the planner's `notified` set keeps them single.
  const notices: TNotificationIntent[] = [];
  const pa = recipient(state, 'pa');
  const push = (
    k: string,
    template: TNotificationIntent['template'],
    role: 'candidate' | 'coach',
    data: Record<string, unknown>,
    cc?: TNotificationIntent['cc'],
  ) => {
    const to = recipient(state, role);
    if (!to || state.notified.includes(`${k}:${role}`)) return;
    notices.push({
      key: `${k}:${role}`,
      template,
      to,
      data: { firstName: firstName(to.name), programName: policy.name, ...data },
      ...(cc ? { cc } : {}),
    });
  };
  if (state.flags.earlyWarning) {
    const missing = standing.missing.length >= policy.risk.earlyWarningMissing;
    const sessions = missing ? standing.missing : standing.subpar;
    const assignments = sessions
      .slice(0, 20)
      .map((n) => ({ item: `${named(n)} assignment`, dueDate: session(n)?.assignmentDue ?? today }));
    push(
      `earlyWarning.${state.watch.earlyWarnings}`,
      'earlyWarning.notice.candidate',
      'candidate',
      {
        reason: missing ? 'missingAssignments' : 'subparWork',
        assignments,
        detailsUrl: url(`portal/${key}/assignments`),
      },
      pa ? [pa] : undefined,
    );
  }
  if (inPacedYear && !pausePace) {
    for (const kind of ['coaching', 'learning'] as THoursKind[]) {
      if (!state.pace[kind].behind) continue;
      const status = paceStatus(hoursThisYear(state, year, kind), paceDay, keyDates, policy, kind, model);
      const data = {
        year,
        category: kind === 'coaching' ? 'coaching' : 'professionalLearning',
        loggedHours: hoursThisYear(state, year, kind),
        expectedHours: status.expected,
        yearTargetHours: kind === 'coaching' ? policy.hours.coachingPerYear : policy.hours.learningPerYear,
        asOf: today,
        logUrl: url(`portal/${key}/hours`),
      };
      const k = `pace.${kind}.y${year}.${state.pace[kind].slips}`;
      push(k, 'hoursPace.notice.candidate', 'candidate', data);
      push(k, 'hoursPace.notice.coach', 'coach', {
        ...data,
        candidateFirstName: firstName(state.start.candidate.name),
      });
    }
  }
  const quiet = quietUntil(nowMs, policy);
  if (quiet && notices.length) wakes.push(quiet);
  return {
    state,
    notices: quiet ? [] : notices,
    ...(openWatch ? { openWatch } : {}),
    ...(wakes.length ? { wakeAt: Math.min(...wakes) } : {}),
  };
}
