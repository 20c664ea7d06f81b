// How each event changes a candidate's record. `rejectEvent` is the update validator's rule book:
// it runs before anything enters history, so a bad or out-of-phase event leaves no trace.
// `applyEvent` assumes `rejectEvent` said yes and returns a new state (inputs are never mutated).
import type { TCandidateEvent, TContactRole } from '../events';
import type { TLocalDate } from '../calendar/dates';
import { compareDates } from '../calendar/dates';
import { CPSEL_STANDARDS } from './cpsel';
import { panelPasses } from './assessment';
import type { TProgramPolicy } from '../policy/policy';
import { withdrawalRefund, type TKeyDates } from '../calendar/deadlines';
import type { TCandidateState, TPhase, TYearHours } from './state';
import { TERMINAL_PHASES, undeliverableOf } from './state';
import { recipient } from './people';
import { CONTACT_FIELDS } from '../roles';

export interface TEventContext {
  /** Today in the program's time zone (the workflow's deterministic clock). */
  today: TLocalDate;
  /** First day of program year 2; hours and sessions are attributed to a year by date. */
  year2Start: TLocalDate;
  refundWindowEnds: TLocalDate;
  policy: TProgramPolicy;
  keyDates: TKeyDates;
}

/** R-APL-1: coach + candidate → PA → Director → Associate Dean. */
export const APPEAL_LEVELS = ['coachAndCandidate', 'pa', 'director', 'associateDean'] as const;

const ACTIVE: readonly TPhase[] = ['enrolled', 'year1', 'year2'];
const IN_PROGRAM: readonly TPhase[] = ['enrolled', 'year1', 'year2', 'completionReview'];

/** R-EXT-2: whether a one-year extension was granted on or after `date` (what was judged before it may be redone). */
const extendedSince = (state: TCandidateState, date: TLocalDate): boolean =>
  state.shifts.some((s) => s.kind === 'extension' && compareDates(s.from, date) >= 0);

const phaseList = (phases: readonly TPhase[]) => phases.join(', ');
const onlyIn = (state: TCandidateState, phases: readonly TPhase[], what: string): string | undefined =>
  phases.includes(state.phase)
    ? undefined
    : `${what} is not allowed in phase '${state.phase}' (allowed in: ${phaseList(phases)})`;

export function eventDate(event: TCandidateEvent, ctx: TEventContext): TLocalDate {
  return event.date ?? ctx.today;
}

export function programYearOf(date: TLocalDate, ctx: TEventContext): 1 | 2 {
  return compareDates(date, ctx.year2Start) < 0 ? 1 : 2;
}

/** Why this event cannot be accepted now, or undefined when it can. */
export function rejectEvent(state: TCandidateState, event: TCandidateEvent, ctx: TEventContext): string | undefined {
  if (TERMINAL_PHASES.includes(state.phase)) return `the candidate is ${state.phase}; no further events are accepted`;
  const date = eventDate(event, ctx);
  if (compareDates(date, ctx.today) > 0) return `date ${date} is in the future (today is ${ctx.today})`;
  if (
    compareDates(date, state.start.assignmentStart) < 0 &&
    event.type !== 'experienceVerified' &&
    event.type !== 'credentialVerified'
  )
    return `date ${date} is before the administrative assignment began (${state.start.assignmentStart})`;

  switch (event.type) {
    case 'admitted':
      return onlyIn(state, ['applicant'], 'admission');
    case 'coachAssigned':
    case 'orientationAttended':
      if (event.type === 'orientationAttended' && state.orientationOn)
        return `orientation was already recorded on ${state.orientationOn}`;
      return onlyIn(state, ACTIVE, event.type);
    case 'supervisorAssigned':
      return undefined;
    case 'assessmentSubmitted': {
      const phases: readonly TPhase[] =
        event.window === 'pre'
          ? ['applicant', ...ACTIVE]
          : event.window === 'endYear1'
            ? ['year1', 'year2']
            : ['year2', 'completionReview'];
      const wrong = onlyIn(state, phases, `a '${event.window}' assessment`);
      if (wrong) return wrong;
      // R-EXT-2: an extension opens the windows again, so a rating recorded before it may be given anew (once).
      const dup = state.assessments.filter((a) => a.window === event.window && a.rater === event.rater).pop();
      if (!dup || extendedSince(state, dup.date)) return undefined;
      return `the ${event.rater}'s '${event.window}' assessment was already recorded on ${dup.date}`;
    }
    case 'iipSubmitted': {
      const wrong = onlyIn(state, event.year === 1 ? ACTIVE : ['year2'], `a year-${event.year} IIP`);
      if (wrong) return wrong;
      const year = event.year === 1 ? state.iip.year1 : state.iip.year2;
      if (year.submittedOn)
        return `the year-${event.year} IIP was already submitted on ${year.submittedOn}; use iipRevised to change it`;
      if (event.year === 2) {
        const overlap = event.goals.filter((g) => state.iip.year1.standards.includes(g.cpsel)).map((g) => g.cpsel);
        if (overlap.length)
          return `year-2 goals must cover the three standards not chosen in year 1 (R-IIP-2); already covered: ${overlap.join(', ')}`;
      }
      return undefined;
    }
    case 'iipApproved':
    case 'iipRevised': {
      const year = event.year === 1 ? state.iip.year1 : state.iip.year2;
      if (!year.submittedOn) return `the year-${event.year} IIP has not been submitted yet`;
      if (event.type === 'iipApproved') {
        const already = event.approver === 'coach' ? year.coachApprovedOn : year.supervisorApprovedOn;
        if (already)
          return `the ${event.approver} already approved this version of the year-${event.year} IIP on ${already}`;
      }
      if (event.type === 'iipRevised' && event.year === 2 && event.goals) {
        const overlap = event.goals.filter((g) => state.iip.year1.standards.includes(g.cpsel));
        if (overlap.length) return `year-2 goals must cover the standards not chosen in year 1 (R-IIP-2)`;
      }
      return onlyIn(state, IN_PROGRAM, event.type);
    }
    case 'coachingLogged':
    case 'learningLogged': {
      const wrong = onlyIn(
        state,
        IN_PROGRAM,
        `logging ${event.type === 'coachingLogged' ? 'coaching' : 'learning'} hours`,
      );
      if (wrong) return wrong;
      if (state.enrolledOn && compareDates(date, state.enrolledOn) < 0)
        return `hours dated ${date} are before enrollment (${state.enrolledOn})`;
      return undefined;
    }
    case 'withdrawn':
      return onlyIn(state, ['applicant', ...IN_PROGRAM, 'recommendation'], 'withdrawal');
    case 'portfolioReviewed':
      if (state.portfolio.year1Review?.passed)
        return `the year-1 portfolio review already passed on ${state.portfolio.year1Review.date}`;
      // R-EXT-2: a review still missing at completion review can be done then (the candidate can finish).
      return onlyIn(state, ['year1', 'year2', 'completionReview'], 'the year-1 portfolio review');
    case 'portfolioPresented': {
      const wrong = onlyIn(state, ['year2', 'completionReview'], 'the portfolio presentation');
      if (wrong) return wrong;
      const passed = state.portfolio.presentations.find((p) => p.passed);
      if (passed) return `the portfolio presentation already passed on ${passed.date}`;
      if (!event.panelScores && !event.medicalExemption)
        return 'a presentation needs the panel scores (2–3 reviewers) or a documented medical exemption (R-PF-2)';
      return undefined;
    }
    case 'experienceVerified':
    case 'credentialVerified':
      return onlyIn(state, ['applicant', ...IN_PROGRAM], event.type);
    case 'assignmentSubmitted': {
      const wrong = onlyIn(state, ['year1', 'year2', 'completionReview'], 'an assignment submission');
      if (wrong) return wrong;
      if (!ctx.keyDates.sessions.some((s) => s.number === event.session))
        return `the program has no session ${event.session}`;
      const earlier = state.assignments.find((a) => a.session === event.session);
      // A resubmission is expected after subpar work or a late submission the instructor did not accept.
      if (earlier && !earlier.subpar && !(earlier.late && !earlier.lateAccepted))
        return `session ${event.session}'s assignment was already submitted on ${earlier.date}`;
      return undefined;
    }
    case 'deferred': {
      const wrong = onlyIn(state, ['enrolled', 'year1', 'year2'], 'a deferral');
      if (wrong) return wrong;
      const used = state.shifts.filter((s) => s.kind === 'deferral').reduce((a, s) => a + s.months, 0);
      const max = ctx.policy.deadlines.maxDeferralMonths;
      return used + event.months > max
        ? `deferrals total at most ${max} months (R-INT-2); ${used} already used`
        : undefined;
    }
    case 'extensionGranted': {
      const wrong = onlyIn(state, IN_PROGRAM, 'an extension');
      if (wrong) return wrong;
      if (state.shifts.some((s) => s.kind === 'extension'))
        return 'the one-year extension was already granted (R-EXT-1)';
      const appeal = state.appeals.find((a) => a.subject === 'extension' && a.outcome === 'granted');
      return appeal
        ? undefined
        : 'a one-year extension needs a granted appeal on the subject "extension" (R-EXT-1, R-APL-1)';
    }
    case 'appealFiled':
      return state.appeals.some((a) => a.outcome === 'pending')
        ? 'an appeal is already pending; it must be decided first'
        : undefined;
    case 'appealDecided': {
      const pending = state.appeals.find((a) => a.outcome === 'pending');
      if (!pending) return 'there is no pending appeal';
      const expected = APPEAL_LEVELS[pending.decisions.length];
      return event.level === expected
        ? undefined
        : `the appeal is at step ${pending.decisions.length + 1} (${expected}), not ${event.level} (R-APL-1)`;
    }
    case 'emailBounced': {
      // R-NOT (delivery): the consumer resolved the role from the bounced address on this record.
      if (!recipient(state, event.role)) return `there is no ${event.role} on the record`;
      const mark = undeliverableOf(state).find((m) => m.role === event.role);
      return mark ? `the ${event.role}'s address is already marked undeliverable (since ${mark.date})` : undefined;
    }
    case 'contactCorrected': {
      const person = recipient(state, event.role);
      if (!person)
        return `there is no ${event.role} on the record${event.role === 'coach' || event.role === 'supervisor' ? `; assign one with ${event.role}Assigned` : ''}`;
      const marked = undeliverableOf(state).some((m) => m.role === event.role);
      // The same address again only makes sense to clear a mark (the mailbox was fixed, not the address).
      if (!marked && person.email.toLowerCase() === event.email.toLowerCase())
        return `${event.email} is already the ${event.role}'s address`;
      return undefined;
    }
    case 'milestoneSubmitted': {
      // R-REM-1: one of the policy's own milestones (seed 004's ILP cells), handed in while in the program.
      const milestone = ctx.policy.milestones.find((m) => m.id === event.milestoneId);
      if (!milestone) {
        const ids = ctx.policy.milestones.map((m) => m.id);
        return ids.length
          ? `the program has no milestone '${event.milestoneId}'; its milestones are: ${ids.join(', ')}`
          : `the program has no milestones ('${event.milestoneId}')`;
      }
      const wrong = onlyIn(state, IN_PROGRAM, 'a milestone submission');
      if (wrong) return wrong;
      const earlier = (state.milestones ?? []).filter((m) => m.id === event.milestoneId);
      const most = milestone.count?.max ?? 1;
      if (earlier.length >= most)
        return `'${event.milestoneId}' was already recorded ${most === 1 ? `on ${earlier[0]!.date}` : `${earlier.length} times (at most ${most})`}`;
      return undefined;
    }
    case 'actionPlanAgreed':
    case 'interventionNoted':
    case 'revisedItemCompleted':
    case 'watchClosed':
    case 'watchExtended':
      return state.watch.open
        ? `'${event.type}' belongs to the open academic watch; send it there`
        : `no academic watch is open for this candidate`;
    default:
      return `event '${event.type}' is not accepted in phase '${state.phase}'`;
  }
}

function addHours(
  h: TYearHours,
  event: Extract<TCandidateEvent, { type: 'coachingLogged' | 'learningLogged' }>,
): TYearHours {
  if (event.type === 'coachingLogged') return { ...h, coaching: h.coaching + event.hours };
  return { ...h, learning: { ...h.learning, [event.category]: h.learning[event.category] + event.hours } };
}

function summary(event: TCandidateEvent): string | undefined {
  switch (event.type) {
    case 'coachingLogged':
      return `${event.hours} h coaching`;
    case 'learningLogged':
      return `${event.hours} h ${event.category}`;
    case 'assessmentSubmitted':
      return `${event.window} by ${event.rater}`;
    case 'iipSubmitted':
    case 'iipApproved':
    case 'iipRevised':
      return `year ${event.year}${event.type === 'iipApproved' ? ` by ${event.approver}` : ''}`;
    case 'withdrawn':
      return 'withdrawn';
    case 'portfolioPresented':
      return event.medicalExemption !== undefined
        ? 'medical exemption'
        : `panel ${(event.panelScores ?? []).join(', ')}`;
    case 'emailBounced':
      return `${event.role} (${event.bounce})`;
    case 'contactCorrected':
      return event.role;
    case 'milestoneSubmitted':
      return event.milestoneId;
    default:
      return undefined;
  }
}

export function applyEvent(state: TCandidateState, event: TCandidateEvent, ctx: TEventContext): TCandidateState {
  const date = eventDate(event, ctx);
  const next: TCandidateState = {
    ...state,
    timeline: [...state.timeline, { date, kind: event.type, detail: summary(event) }],
  };
  switch (event.type) {
    case 'admitted': {
      const enrolledOn = event.enrolledOn ?? date;
      return { ...next, phase: 'enrolled', admittedOn: date, enrolledOn };
    }
    case 'coachAssigned':
      return {
        ...next,
        start: { ...state.start, coach: event.coach },
        coachAssignedOn: date,
        ...clearMark(state, 'coach'),
      };
    case 'supervisorAssigned':
      return { ...next, start: { ...state.start, supervisor: event.supervisor }, ...clearMark(state, 'supervisor') };
    case 'emailBounced':
      return {
        ...next,
        undeliverable: [
          ...undeliverableOf(state),
          { role: event.role, bounce: event.bounce, date, sesMessageId: event.sesMessageId },
        ],
      };
    case 'contactCorrected':
      return { ...next, start: withEmail(state.start, event.role, event.email), ...clearMark(state, event.role) };
    case 'orientationAttended':
      return { ...next, orientationOn: date };
    case 'milestoneSubmitted':
      return {
        ...next,
        milestones: [
          ...(state.milestones ?? []),
          { id: event.milestoneId, date, ...(event.note ? { note: event.note } : {}) },
        ],
      };
    case 'assessmentSubmitted':
      return {
        ...next,
        assessments: [...state.assessments, { window: event.window, rater: event.rater, scores: event.scores, date }],
      };
    case 'iipSubmitted':
    case 'iipRevised': {
      const key = event.year === 1 ? 'year1' : 'year2';
      const year = state.iip[key];
      const goals = event.goals ?? year.goals;
      // R-IIP-3: every revision needs the coach's and the supervisor's approval again.
      const updated = {
        ...year,
        submittedOn: year.submittedOn ?? date,
        ...(event.type === 'iipRevised' ? { revisedOn: date } : {}),
        goals,
        standards: goals.map((g) => g.cpsel),
        coachApprovedOn: undefined,
        supervisorApprovedOn: undefined,
        revisions: year.revisions + (event.type === 'iipRevised' ? 1 : 0),
      };
      return { ...next, iip: { ...state.iip, [key]: updated } };
    }
    case 'iipApproved': {
      const key = event.year === 1 ? 'year1' : 'year2';
      const field = event.approver === 'coach' ? 'coachApprovedOn' : 'supervisorApprovedOn';
      return { ...next, iip: { ...state.iip, [key]: { ...state.iip[key], [field]: date } } };
    }
    case 'coachingLogged':
    case 'learningLogged': {
      const key = programYearOf(date, ctx) === 1 ? 'year1' : 'year2';
      return { ...next, hours: { ...state.hours, [key]: addHours(state.hours[key], event) } };
    }
    case 'withdrawn': {
      // R-ADM-5: refund (less the deposit) only within the window after program start, never after a drop for missing work.
      const dropped = event.droppedForMissingWork === true;
      const refund = withdrawalRefund(date, ctx.keyDates, dropped) === 'refundLessDeposit' ? 'lessDeposit' : 'none';
      return {
        ...next,
        phase: 'withdrawn',
        withdrawal: {
          date,
          reason: event.reason,
          refundEligible: refund === 'lessDeposit',
          refund,
          ...(dropped ? { droppedForMissingWork: true } : {}),
        },
      };
    }
    case 'portfolioReviewed':
      return { ...next, portfolio: { ...state.portfolio, year1Review: { date, passed: event.passed } } };
    case 'portfolioPresented': {
      const scores = event.panelScores ?? [];
      const exempt = event.medicalExemption !== undefined;
      const passed = exempt || panelPasses(scores, ctx.policy);
      const presentation = { date, panelScores: scores, medicalExemption: exempt, passed };
      return {
        ...next,
        portfolio: { ...state.portfolio, presentations: [...state.portfolio.presentations, presentation] },
      };
    }
    case 'assignmentSubmitted': {
      const session = ctx.keyDates.sessions.find((s) => s.number === event.session);
      const late = session ? compareDates(date, session.assignmentDue) > 0 : false;
      const entry = {
        session: event.session,
        date,
        late,
        lateAccepted: late && event.lateAccepted === true,
        subpar: event.subpar === true,
      };
      return { ...next, assignments: [...state.assignments.filter((a) => a.session !== event.session), entry] };
    }
    case 'deferred':
      return { ...next, shifts: [...state.shifts, { from: date, months: event.months, kind: 'deferral' }] };
    case 'extensionGranted':
      return { ...next, shifts: [...state.shifts, { from: date, months: event.months, kind: 'extension' }] };
    case 'appealFiled':
      return {
        ...next,
        appeals: [...state.appeals, { filedOn: date, subject: event.subject, decisions: [], outcome: 'pending' }],
      };
    case 'appealDecided': {
      const appeals = state.appeals.map((a) => {
        if (a.outcome !== 'pending') return a;
        const decisions = [
          ...a.decisions,
          {
            date,
            level: event.level,
            decision: event.decision,
            ...(event.by ? { by: `${event.by.role}:${event.by.id}` } : {}),
          },
        ];
        // 'escalated' takes the appeal to the next level; a grant or a denial closes it.
        const outcome =
          event.decision === 'escalated' && event.level !== 'associateDean'
            ? 'pending'
            : event.decision === 'granted'
              ? 'granted'
              : 'denied';
        return { ...a, decisions, outcome } as typeof a;
      });
      return { ...next, appeals };
    }
    case 'experienceVerified':
      return { ...next, verification: { ...state.verification, experience: { date, years: event.years } } };
    case 'credentialVerified':
      return { ...next, verification: { ...state.verification, credential: { date, document: event.document } } };
    default:
      return next;
  }
}

/**
 * R-NOT (delivery): a new person in the role, or a corrected address, ends the mark. Records with no
 * marks are returned without the field, so a record that never bounced keeps its shape.
 */
function clearMark(
  state: TCandidateState,
  role: TContactRole,
): Pick<TCandidateState, 'undeliverable'> | Record<string, never> {
  const marks = undeliverableOf(state);
  return marks.some((m) => m.role === role) ? { undeliverable: marks.filter((m) => m.role !== role) } : {};
}

function withEmail(start: TCandidateState['start'], role: TContactRole, email: string): TCandidateState['start'] {
  const field = CONTACT_FIELDS[role];
  const person = start[field];
  return person ? { ...start, [field]: { ...person, email } } : start;
}

/** Standards not yet chosen for the year-1 IIP: the year-2 IIP must take these (R-IIP-2). */
export function remainingStandards(state: TCandidateState) {
  return CPSEL_STANDARDS.filter((s) => !state.iip.year1.standards.includes(s));
}
