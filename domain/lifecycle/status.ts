// What the `status` query answers: phase, flags, the next deadlines and who owes them, hours by
// year and category against what the policy requires, assessments and the IIP. Derived from the
// record on every call, so it can never disagree with it. The IIP goals are included for the roles
// allowed to read them; the API strips them for everyone else (R-IIP-5).
import { candidateKey } from './candidate';
import { compareDates, localDateOf } from '../calendar/dates';
import type { TProgramPolicy } from '../policy/policy';
import { hoursShortfall, paceStatus, requiredHours } from './hours';
import { paceDate } from '../calendar/deferral';
import { computeLifecycleDates } from './dates';
import { openObligations } from './obligations';
import { completionReview } from './completion';
import type { TCandidateState, TYearHours } from './state';
import { undeliverableOf } from './state';
import { assignmentStanding } from '../risk/risk';
import { openTasks } from '../portal/tasks';

function yearHours(h: TYearHours, policy: TProgramPolicy) {
  const shortfall = hoursShortfall(h, policy);
  const learningTotal = Object.values(h.learning).reduce((a, b) => a + b, 0);
  return {
    coaching: { logged: h.coaching, required: policy.hours.coachingPerYear, short: shortfall.coaching },
    learning: {
      logged: learningTotal,
      required: policy.hours.learningPerYear,
      short: shortfall.learning,
      byCategory: Object.fromEntries(
        (Object.keys(h.learning) as (keyof TYearHours['learning'])[]).map((c) => [
          c,
          { logged: h.learning[c], required: policy.hours.learningCategories[c] ?? 0 },
        ]),
      ),
    },
  };
}

export function deriveStatus(state: TCandidateState, policy: TProgramPolicy, nowMs: number) {
  const today = localDateOf(nowMs, policy.timeZone);
  const { keyDates } = computeLifecycleDates(state, policy);
  const s = state.start;
  const obligations = openObligations(state, policy, keyDates, { portalUrl: '' }, today)
    .map((o) => ({
      id: o.id,
      rule: o.rule,
      label: o.label,
      due: o.due,
      owner: o.owner,
      overdue: compareDates(o.due, today) < 0,
    }))
    .sort((a, b) => compareDates(a.due, b.due));
  const currentYear = state.phase === 'year2' || state.phase === 'completionReview' ? 2 : 1;
  const thisYear = currentYear === 1 ? state.hours.year1 : state.hours.year2;
  const pacedOn = paceDate(state.shifts, keyDates.programYears[currentYear === 1 ? 'year1' : 'year2'].start, today);
  const inYears = state.phase === 'year1' || state.phase === 'year2';
  const learningLogged = Object.values(thisYear.learning).reduce((a, b) => a + b, 0);
  return {
    key: candidateKey(s.programId, s.candidateId),
    programId: s.programId,
    candidateId: s.candidateId,
    policyId: policy.id,
    cohortStart: s.cohortStart,
    /** The partner district, for per-district reports (issue 19); not personal data. */
    districtId: s.districtId ?? null,
    assignmentStart: s.assignmentStart,
    asOf: today,
    phase: state.phase,
    flags: state.flags,
    people: {
      candidate: s.candidate,
      coach: s.coach ?? null,
      supervisor: s.supervisor ?? null,
      programAdministrator: s.programAdministrator,
      director: s.director ?? null,
    },
    milestones: {
      admittedOn: state.admittedOn ?? null,
      enrolledOn: state.enrolledOn ?? null,
      coachAssignedOn: state.coachAssignedOn ?? null,
      orientationOn: state.orientationOn ?? null,
    },
    nextDeadlines: obligations,
    /** Each person's open tasks with the portal page to do them on (My tasks). */
    tasks: openTasks(state, policy, keyDates, today),
    keyDates: {
      admissionDue: keyDates.admissionDue,
      coachMatchDue: keyDates.coachMatchDue,
      orientationDue: keyDates.orientationDue,
      iip: keyDates.iip,
      assessments: keyDates.assessments,
      programYears: keyDates.programYears,
      portfolioPresentation: keyDates.portfolioPresentation,
      recommendationTarget: keyDates.recommendationTarget,
    },
    hours: {
      required: requiredHours(policy),
      year1: yearHours(state.hours.year1, policy),
      year2: yearHours(state.hours.year2, policy),
      pace: inYears
        ? {
            year: currentYear,
            // R-INT-2: a deferral's days do not count toward the hours expected (paused while it lasts).
            coaching: paceStatus(thisYear.coaching, pacedOn, keyDates, policy, 'coaching'),
            learning: paceStatus(learningLogged, pacedOn, keyDates, policy, 'learning'),
          }
        : null,
    },
    assessments: state.assessments,
    iip: state.iip,
    assignments: { submitted: state.assignments, ...assignmentStanding(state, keyDates, nowMs) },
    academicWatch: state.watch,
    appeals: state.appeals,
    shifts: state.shifts,
    portfolio: state.portfolio,
    verification: state.verification,
    deliveryProblems: state.deliveryProblems,
    /** R-NOT (delivery): whose address SES reported undeliverable; their mail waits for a correction. */
    undeliverable: undeliverableOf(state).map(({ role, bounce, date }) => ({ role, bounce, date })),
    timeline: state.timeline,
    withdrawal: state.withdrawal ?? null,
    // R-CMP-1…3: what is missing and who owes it (from year 2 on; before that almost everything is).
    completion: ['year2', 'completionReview', 'recommendation', 'recommended', 'cleared'].includes(state.phase)
      ? completionReview(state, policy)
      : null,
    recommendation: state.recommendation ?? null,
  };
}

export type TCandidateStatus = ReturnType<typeof deriveStatus>;
