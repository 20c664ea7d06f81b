// What the candidate (or someone for them) still owes, with its deadline and the messages that go
// out before it (reminders) and after it (escalation). Derived from state on every wake — never
// stored — so an event that fulfils an obligation silences its reminders at once.
import { addDays, compareDates, daysBetween, maxDate, type TLocalDate } from '../calendar/dates';
import type { TKeyDates } from '../calendar/deadlines';
import { sessionName } from '../calendar/sessions';
import type { TProgramPolicy } from '../policy/policy';
import type { TAssessmentWindow, TRater } from './cpsel';
import type { TRecipientRole } from '../notifications/recipients';
import type { TTemplateId } from '../notifications/catalogue';
import { candidateKey } from './candidate';
import type { TLinks } from './input';
import { firstName, recipient } from './people';
import { completionReview } from './completion';
import { completionDue, completionObligations } from './completion-obligations';
import {
  coachPreAssessmentDue,
  coachPreAssessmentObligation,
  milestoneObligations,
  moreObligations,
} from './more-obligations';
import { coachingCadenceObligations } from './coaching-cadence';
import type { TObligation, TPlannedMessage } from './obligation';
import { owedFrom, type TCandidateState } from './state';

export type { TObligation, TPlannedMessage } from './obligation';

interface Ctx {
  state: TCandidateState;
  policy: TProgramPolicy;
  keyDates: TKeyDates;
  links: TLinks;
  today: TLocalDate;
}

const WINDOWS: readonly TAssessmentWindow[] = ['pre', 'endYear1', 'startYear2', 'endYear2'];
const RATERS: readonly TRater[] = ['candidate', 'coach', 'supervisor'];

function msg(ctx: Ctx, role: TRecipientRole, template: TTemplateId, data: Record<string, unknown>): TPlannedMessage[] {
  const to = recipient(ctx.state, role);
  if (!to) return [];
  return [{ template, to, data: { firstName: firstName(to.name), programName: ctx.policy.name, ...data } }];
}

// One decision asks for the same record's obligations twice (its search attributes, then its plan);
// records are never mutated, so the last answer is remembered per record object.
const lastAnswer = new WeakMap<
  TCandidateState,
  { policy: TProgramPolicy; keyDates: TKeyDates; links: TLinks; today: TLocalDate; found: TObligation[] }
>();

export function openObligations(
  state: TCandidateState,
  policy: TProgramPolicy,
  keyDates: TKeyDates,
  links: TLinks,
  today: TLocalDate,
): TObligation[] {
  const last = lastAnswer.get(state);
  if (
    last &&
    last.policy === policy &&
    last.keyDates === keyDates &&
    last.links.portalUrl === links.portalUrl &&
    last.today === today
  )
    return last.found;
  const found = obligationsOf(state, policy, keyDates, links, today);
  lastAnswer.set(state, { policy, keyDates, links, today, found });
  return found;
}

function obligationsOf(
  state: TCandidateState,
  policy: TProgramPolicy,
  keyDates: TKeyDates,
  links: TLinks,
  today: TLocalDate,
): TObligation[] {
  const ctx: Ctx = { state, policy, keyDates, links, today };
  const key = candidateKey(state.start.programId, state.start.candidateId);
  const candidateUrl = `${links.portalUrl}/dashboard/candidates/${key}`;
  const portal = (path: string) => `${links.portalUrl}/portal/${key}/${path}`;
  const candidateName = state.start.candidate.name;
  const candidateFirstName = firstName(candidateName);
  const coachFirstName = state.start.coach ? firstName(state.start.coach.name) : 'your coach';
  const out: TObligation[] = [];
  // R-TIME-2: invitations carry the program's time zone (Pacific stays implicit, as before).
  const zone = policy.timeZone === 'America/Los_Angeles' ? {} : { timeZone: policy.timeZone };
  const admitted = state.phase !== 'applicant';
  const inProgram = ['enrolled', 'year1', 'year2'].includes(state.phase);

  if (state.phase === 'applicant') {
    const due = keyDates.admissionDue;
    out.push({
      id: 'admission',
      kind: 'admission',
      rule: 'R-ADM-1',
      label: 'Admission (120 days from assignment start)',
      due,
      owner: 'candidate',
      reminders: () =>
        msg(ctx, 'candidate', 'admission.reminder.candidate', {
          assignmentStartDate: state.start.assignmentStart,
          admissionDeadline: due,
          applicationUrl: portal('application'),
        }),
      escalation: (d) =>
        msg(ctx, 'pa', 'admission.escalation.pa', {
          candidateName,
          admissionDeadline: due,
          daysOverdue: d,
          candidateUrl,
        }),
    });
  }

  if (admitted && inProgram && !state.coachAssignedOn && state.enrolledOn) {
    const due = keyDates.coachMatchDue;
    out.push({
      id: 'coachMatch',
      kind: 'coachMatch',
      rule: 'R-ONB-1',
      label: 'Coach paired (30 days from enrollment)',
      due,
      owner: 'pa',
      reminders: () =>
        msg(ctx, 'pa', 'coachMatch.reminder.pa', {
          candidateName,
          enrolledOn: state.enrolledOn,
          matchDeadline: due,
          candidateUrl,
        }),
      // Pairing is the PA's job, so a missed match goes up to the director (when the program named one).
      escalation: (d) =>
        msg(ctx, 'director', 'coachMatch.escalation.director', {
          candidateName,
          matchDeadline: due,
          daysOverdue: d,
          candidateUrl,
        }),
    });
  }

  if (admitted && inProgram && !state.orientationOn) {
    // R-TIME-1: a late enrollee has the program's first month from the day they enrolled.
    const from = owedFrom(state);
    const due = from
      ? maxDate(keyDates.orientationDue, addDays(from, policy.deadlines.orientationDays))
      : keyDates.orientationDue;
    out.push({
      id: 'orientation',
      kind: 'orientation',
      rule: 'R-ONB-2',
      label: 'Orientation (first month of the program)',
      due,
      owner: 'candidate',
      reminders: () =>
        msg(ctx, 'candidate', 'orientation.reminder.candidate', {
          orientationDeadline: due,
          orientationUrl: portal('orientation'),
        }),
      escalation: (d) =>
        msg(ctx, 'pa', 'orientation.escalation.pa', {
          candidateName,
          orientationDeadline: due,
          daysOverdue: d,
          candidateUrl,
        }),
    });
  }

  for (const year of [1, 2] as const) {
    const iip = year === 1 ? state.iip.year1 : state.iip.year2;
    const yearOpen = year === 1 ? admitted && inProgram : state.phase === 'year2';
    if (!yearOpen) continue;
    if (!iip.submittedOn) {
      const due = year === 1 ? keyDates.iip.year1.startBy : keyDates.iip.year2.startBy;
      out.push({
        id: `iip${year}.start`,
        kind: 'iipStart',
        overrideId: `iipStart:${year}`,
        rule: 'R-IIP-1',
        label: `Year ${year} IIP begun (60 days)`,
        due,
        owner: 'candidate',
        reminders: () => [
          ...msg(ctx, 'candidate', 'iipStart.reminder.candidate', {
            year,
            startBy: due,
            coachFirstName,
            iipUrl: portal(`iip/${year}`),
          }),
          ...msg(ctx, 'coach', 'iipStart.reminder.coach', {
            candidateFirstName,
            year,
            startBy: due,
            iipUrl: portal(`iip/${year}`),
          }),
        ],
        escalation: (d) =>
          msg(ctx, 'pa', 'iipStart.escalation.pa', { candidateName, year, startBy: due, daysOverdue: d, candidateUrl }),
      });
    } else if (!iip.coachApprovedOn || !iip.supervisorApprovedOn) {
      // R-IIP-3: goals and every revision approved by coach and supervisor; two weeks to approve.
      const due = addDays(iip.revisedOn ?? iip.submittedOn, 14);
      const awaiting = [...(iip.coachApprovedOn ? [] : ['coach']), ...(iip.supervisorApprovedOn ? [] : ['supervisor'])];
      const approvalUrl = portal(`iip/${year}/approve`);
      out.push({
        id: `iip${year}.approval.r${iip.revisions}`,
        kind: 'iipApproval',
        overrideId: `iipApproval:${year}`,
        rule: 'R-IIP-3',
        label: `Year ${year} IIP approved by ${awaiting.join(' and ')}`,
        due,
        owner: awaiting[0] === 'coach' ? 'coach' : 'supervisor',
        defaultDaysBefore: [7, 2],
        reminders: () => [
          ...(iip.coachApprovedOn
            ? []
            : msg(ctx, 'coach', 'iipApproval.reminder.coach', {
                candidateFirstName,
                year,
                isRevision: iip.revisions > 0,
                approveBy: due,
                goals: iip.goals.map((g) => ({ standard: g.cpsel, goal: g.goal })),
                approvalUrl,
              })),
          // R-IIP-5: the supervisor's message names no goal; they read the IIP in the portal.
          ...(iip.supervisorApprovedOn
            ? []
            : msg(ctx, 'supervisor', 'iipApproval.reminder.supervisor', {
                candidateFirstName,
                year,
                approveBy: due,
                approvalUrl,
              })),
        ],
        escalation: (d) =>
          msg(ctx, 'pa', 'iipApproval.escalation.pa', {
            candidateName,
            year,
            awaiting,
            approveBy: due,
            daysOverdue: d,
            candidateUrl,
            isRevision: iip.revisions > 0,
          }),
      });
    }
  }

  for (const window of WINDOWS) {
    const open =
      window === 'pre'
        ? state.phase !== 'withdrawn' && ['applicant', 'enrolled', 'year1'].includes(state.phase)
        : window === 'endYear1'
          ? state.phase === 'year1'
          : state.phase === 'year2';
    if (!open) continue;
    const w = keyDates.assessments[window];
    if (window !== 'pre' && compareDates(today, addDays(w.opens, -14)) < 0) continue;
    const unrated = RATERS.filter((r) => !state.assessments.some((a) => a.window === window && a.rater === r));
    // R-TIME-1 (patch 'reminders-2026-12'): a coach's pre-assessment may count from enrollment (more-obligations.ts).
    const coachDue =
      window === 'pre' && unrated.includes('coach') ? coachPreAssessmentDue(state, policy, keyDates, today) : undefined;
    if (coachDue !== undefined && coachDue !== 'notYet')
      out.push(coachPreAssessmentObligation(state, policy, coachDue, links));
    const missing = coachDue === undefined ? unrated : unrated.filter((r) => r !== 'coach');
    if (missing.length === 0) continue;
    const assessmentUrl = portal(`assessments/${window}`);
    out.push({
      id: `assessment.${window}`,
      kind: `${window === 'pre' ? 'preAssessment' : `${window}Assessment`}`,
      rule: 'R-ASM-2',
      label: `CPSEL ${window} assessment by ${missing.join(', ')}`,
      due: w.due,
      owner: missing[0] ?? 'candidate',
      reminders: () =>
        missing.flatMap((r) =>
          r === 'candidate'
            ? msg(ctx, 'candidate', 'assessmentWindow.reminder.candidate', { window, closesOn: w.due, assessmentUrl })
            : msg(ctx, r, `assessmentWindow.reminder.${r}` as TTemplateId, {
                candidateFirstName,
                window,
                closesOn: w.due,
                assessmentUrl,
              }),
        ),
      escalation: () =>
        msg(ctx, 'pa', 'assessmentWindow.escalation.pa', {
          candidateName,
          window,
          closedOn: w.due,
          missingRaters: missing,
          candidateUrl,
        }),
    });
  }

  if (state.phase === 'year1' || state.phase === 'year2') {
    const year = state.phase === 'year1' ? 1 : 2;
    for (const s of keyDates.sessions) {
      if (s.programYear !== year || compareDates(s.date, today) < 0) continue;
      out.push({
        id: `session.${s.number}`,
        kind: 'cpselSession',
        overrideId: `cpselSession:${s.number}`,
        rule: 'R-SES-1',
        label: sessionName(s),
        due: s.date,
        owner: 'candidate',
        defaultDaysBefore: [3],
        reminders: () =>
          msg(ctx, 'candidate', 'cpselSession.reminder.candidate', {
            session: {
              uid: `${key}.session.${s.number}@casc`,
              title: sessionName(s),
              startUtcMs: s.startsAt,
              endUtcMs: s.endsAt,
              joinUrl: portal(`sessions/${s.number}`),
              ...zone,
            },
            assignmentDueDate: s.assignmentDue,
          }),
        escalation: () => [],
      });
    }
    for (const s of keyDates.sessions) {
      if (
        s.programYear !== year ||
        compareDates(s.assignmentDue, today) < 0 ||
        state.assignments.some((a) => a.session === s.number)
      )
        continue;
      // Missing work is handled by early warning (R-EW-1), so an assignment has reminders, no escalation.
      out.push({
        id: `assignment.${s.number}`,
        kind: 'sessionAssignment',
        overrideId: `sessionAssignment:${s.number}`,
        rule: 'R-SES-1',
        label: `Assignment for ${sessionName(s)}`,
        due: s.assignmentDue,
        owner: 'candidate',
        defaultDaysBefore: [2],
        reminders: () =>
          msg(ctx, 'candidate', 'assignmentDue.reminder.candidate', {
            assignmentTitle: `${sessionName(s)} assignment`,
            dueDate: s.assignmentDue,
            submitUrl: portal(`assignments/${s.number}`),
          }),
        escalation: () => [],
      });
    }
    for (const w of keyDates.workshops) {
      if (w.programYear !== year || compareDates(w.date, today) < 0) continue;
      const part = w.part === 'A' || w.part === 'C' ? 1 : 2;
      out.push({
        id: `workshop.${w.topicId}.${w.part}`,
        kind: 'workshop',
        overrideId: `workshop:${w.topicId}`,
        rule: 'R-SES-2',
        label: `Workshop: ${w.title} (part ${w.part})`,
        due: w.date,
        owner: 'candidate',
        defaultDaysBefore: [3],
        reminders: () =>
          msg(ctx, 'candidate', 'workshop.reminder.candidate', {
            workshop: {
              uid: `${key}.workshop.${w.topicId}.${w.part}@casc`,
              title: w.title,
              startUtcMs: w.startsAt,
              endUtcMs: w.endsAt,
              joinUrl: portal(`workshops/${w.topicId}`),
              ...zone,
            },
            part,
          }),
        escalation: () => [],
      });
    }
  }
  out.push(...moreObligations(state, policy, keyDates, links));
  out.push(...milestoneObligations(state, policy, keyDates, links));
  out.push(...coachingCadenceObligations(state, policy, keyDates, links, today));
  if (state.phase === 'completionReview') {
    out.push(...completionObligations(state, policy, completionReview(state, policy), completionDue(keyDates), links));
  }
  return out;
}

export function daysOverdue(due: TLocalDate, today: TLocalDate): number {
  return Math.max(0, daysBetween(due, today));
}
