// R-REM-1: deadlines of domain.md that had no reminder or escalation — the year-1 portfolio review
// (R-PF-1), the year-2 panel (R-PF-2), the IIP revision after the end-of-year-1 benchmark (R-IIP-4,
// R-ASM-5) and the year's hours (R-HRS-1, R-HRS-2) — and
// the PA's task when no site supervisor is on file. Planned only for runs that took
// patch 'more-reminders' (state.moreReminders; the hours also need patch
// 'hours-reminders', state.hoursReminders), so running workflows keep their commands. The
// policy's own milestones (seed 004's ILP cells) are milestoneObligations, behind patch
// 'reminders-2026-12' (state.milestoneReminders).
import { addDays, compareDates, daysBetween, type TLocalDate } from '../calendar/dates';
import { preAssessmentDue, workdayWithin, type TKeyDates } from '../calendar/deadlines';
import { nextWorkday, previousWorkday } from '../calendar/dates';
import type { TProgramPolicy } from '../policy/policy';
import { candidateKey } from './candidate';
import type { TLinks } from './input';
import type { TObligation, TPlannedMessage } from './obligation';
import { firstName, recipient } from './people';
import { owedFrom, type TCandidateState } from './state';
import type { TRecipientRole } from '../notifications/recipients';
import type { TTemplateId } from '../notifications/catalogue';
import { formatHours } from '../notifications/format';
import { hoursShortfall } from './hours';

const CATEGORY_NAMES: Record<string, string> = {
  cpselSession: 'CPSEL sessions',
  jobAligned: 'job-aligned workshops',
  plc: 'cohort PLC',
  district: 'district-approved learning',
};

/** R-IIP-4: "revised promptly" after the benchmark — days after the last end-of-year-1 rating. */
export const IIP_REVISION_DAYS = 30;
/** A site supervisor should be on file within this many days of enrollment (IIP approvals need one). */
export const SUPERVISOR_ON_FILE_DAYS = 30;

export function moreObligations(
  state: TCandidateState,
  policy: TProgramPolicy,
  keyDates: TKeyDates,
  links: TLinks,
): TObligation[] {
  if (state.moreReminders !== true) return [];
  const key = candidateKey(state.start.programId, state.start.candidateId);
  const candidateUrl = `${links.portalUrl}/dashboard/candidates/${key}`;
  const portal = (path: string) => `${links.portalUrl}/portal/${key}/${path}`;
  const candidateName = state.start.candidate.name;
  const msg = (role: TRecipientRole, template: TTemplateId, data: Record<string, unknown>): TPlannedMessage[] => {
    const to = recipient(state, role);
    return to ? [{ template, to, data: { firstName: firstName(to.name), programName: policy.name, ...data } }] : [];
  };
  const escalate = (item: string, due: TLocalDate, owner: 'candidate' | 'coach' | 'supervisor' | 'pa') => (d: number) =>
    msg('pa', 'deadline.escalation.pa', { candidateName, item, dueDate: due, daysOverdue: d, owner, candidateUrl });
  const out: TObligation[] = [];
  const inYears = state.phase === 'year1' || state.phase === 'year2';

  if (['enrolled', 'year1', 'year2'].includes(state.phase) && !state.start.supervisor && state.enrolledOn) {
    const due = addDays(state.enrolledOn, SUPERVISOR_ON_FILE_DAYS);
    const item = 'Site supervisor on file (needed for IIP approvals and CPSEL ratings)';
    out.push({
      id: 'supervisorOnFile',
      kind: 'supervisorOnFile',
      rule: 'R-REM-1',
      label: item,
      due,
      owner: 'pa',
      reminders: () => [],
      escalation: escalate(item, due, 'pa'),
    });
  }

  // R-PF-1: the formal year-1 review by coach and supervisor, in the policy's review month.
  if (inYears && !state.portfolio.year1Review?.passed) {
    const due = keyDates.portfolioReview.due;
    const firstOfCandidate = firstName(candidateName);
    const portfolioUrl = portal('portfolio');
    out.push({
      id: 'portfolio.year1Review',
      kind: 'portfolioReview',
      rule: 'R-PF-1',
      label: 'Year-1 portfolio review by coach and supervisor',
      due,
      owner: 'coach',
      reminders: () => [
        ...msg('coach', 'portfolioReview.reminder.coach', {
          candidateFirstName: firstOfCandidate,
          reviewBy: due,
          portfolioUrl,
        }),
        ...msg('supervisor', 'portfolioReview.reminder.supervisor', {
          candidateFirstName: firstOfCandidate,
          reviewBy: due,
          portfolioUrl,
        }),
      ],
      escalation: escalate('Year-1 portfolio review by coach and supervisor (R-PF-1)', due, 'coach'),
    });
  }

  // R-PF-2: the year-2 panel presentation, by the end of the presentation month.
  if (state.phase === 'year2' && !state.portfolio.presentations.some((p) => p.passed)) {
    const due = keyDates.portfolioPresentation.due;
    const item = 'Portfolio presentation to the panel (each reviewer ≥ 3)';
    out.push({
      id: 'portfolio.presentation',
      kind: 'portfolioPresentation',
      rule: 'R-PF-2',
      label: item,
      due,
      owner: 'candidate',
      reminders: () =>
        msg('candidate', 'deadline.reminder.candidate', {
          item,
          dueDate: due,
          detail: 'Schedule it with your coach; a panel of 2–3 reviewers scores it, and every score must reach 3.',
          actionUrl: portal('portfolio'),
        }),
      escalation: escalate(`${item} (R-PF-2)`, due, 'candidate'),
    });
  }

  // R-IIP-4 / R-ASM-5: once all three end-of-year-1 ratings are in, the IIP is revised promptly
  // (in year 1: from year 2 on, the year-2 IIP is the plan the benchmark feeds).
  const benchmark = state.assessments.filter((a) => a.window === 'endYear1');
  if (state.phase === 'year1' && new Set(benchmark.map((a) => a.rater)).size === 3) {
    const last = benchmark
      .map((a) => a.date)
      .sort(compareDates)
      .pop()!;
    const revisedSince = state.iip.year1.revisedOn !== undefined && compareDates(state.iip.year1.revisedOn, last) >= 0;
    if (!revisedSince) {
      // R-TIME-2 (patch 'reminders-2026-12'): on a weekend, the Monday after.
      const due =
        state.weekendDeadlines === true
          ? nextWorkday(addDays(last, IIP_REVISION_DAYS))
          : addDays(last, IIP_REVISION_DAYS);
      const item = 'IIP revised after the end-of-year-1 benchmark';
      out.push({
        id: 'iip1.revision',
        kind: 'iipRevision',
        rule: 'R-IIP-4',
        label: item,
        due,
        owner: 'candidate',
        reminders: () =>
          msg('candidate', 'deadline.reminder.candidate', {
            item,
            dueDate: due,
            detail:
              'Review the benchmark results with your coach and revise your goals; coach and supervisor approve the revision.',
            actionUrl: portal('iip/1'),
          }),
        escalation: escalate(`${item} (R-IIP-4)`, due, 'candidate'),
      });
    }
  }
  // R-HRS-1 / R-HRS-2: year-1 hours count until year 2 begins (hours are attributed by date), so the
  // candidate is reminded, with the shortfall per category, in the last two weeks before it. Year 2's
  // hours are part of completion review (completion-obligations.ts), which reminds and escalates them.
  if (state.phase === 'year1' && state.hoursReminders === true) {
    const short = hoursShortfall(state.hours.year1, policy);
    const gaps = [
      ...(short.coaching > 0 ? [`coaching ${formatHours(short.coaching)} h`] : []),
      ...(short.learning > 0 ? [`professional learning ${formatHours(short.learning)} h`] : []),
      ...Object.entries(short.categories)
        .filter(([, n]) => (n ?? 0) > 0)
        .map(([c, n]) => `${CATEGORY_NAMES[c] ?? c} ${formatHours(n ?? 0)} h`),
    ];
    if (gaps.length > 0) {
      // R-TIME-2: the last working day before year 2 begins.
      const due = previousWorkday(addDays(keyDates.programYears.year2.start, -1));
      const item = `Year 1 hours: ${policy.hours.coachingPerYear} h coaching and ${policy.hours.learningPerYear} h professional learning`;
      out.push({
        id: 'hours.y1',
        kind: 'hours',
        rule: 'R-HRS-1',
        label: item,
        due,
        owner: 'candidate',
        reminders: () =>
          msg('candidate', 'deadline.reminder.candidate', {
            item,
            dueDate: due,
            detail: `Still to log: ${gaps.join('; ')}.`.slice(0, 200),
            actionUrl: portal('hours'),
          }),
        escalation: () => [],
      });
    }
  }
  return out;
}

/** A milestone owner (domain/roles.ts) as the mail role whose reminder template exists; others get none. */
const MILESTONE_REMINDED: Partial<Record<string, 'candidate' | 'coach' | 'supervisor'>> = {
  candidate: 'candidate',
  coach: 'coach',
  supervisor: 'supervisor',
};

/**
 * R-REM-1: each of the policy's milestones (seed 004's ILP cells) with a due date: reminded to its
 * owner the days before the policy says (an override for the milestone's id, else the policy's lead
 * times), escalated to the PA once missed, closed by milestoneSubmitted (count.min of them when the
 * milestone counts entries). Year-2 milestones open with year 2 and stay open in completion review;
 * a year-1 one missed stays owed.
 */
export function milestoneObligations(
  state: TCandidateState,
  policy: TProgramPolicy,
  keyDates: TKeyDates,
  links: TLinks,
): TObligation[] {
  // Completion review opens in June of year 2 (R-REC-6), before the ILP's year-end application is due.
  if (state.milestoneReminders !== true || !['enrolled', 'year1', 'year2', 'completionReview'].includes(state.phase))
    return [];
  const year = state.phase === 'year2' || state.phase === 'completionReview' ? 2 : 1;
  const key = candidateKey(state.start.programId, state.start.candidateId);
  const candidateUrl = `${links.portalUrl}/dashboard/candidates/${key}`;
  const candidateName = state.start.candidate.name;
  const candidateFirstName = firstName(candidateName);
  const msg = (role: TRecipientRole, template: TTemplateId, data: Record<string, unknown>): TPlannedMessage[] => {
    const to = recipient(state, role);
    return to ? [{ template, to, data: { firstName: firstName(to.name), programName: policy.name, ...data } }] : [];
  };
  // R-TIME-1: a late enrollee owes a milestone that fell before enrollment as long after enrolling as it was after the cohort start.
  const from = owedFrom(state);
  const out: TObligation[] = [];
  for (const m of keyDates.milestones) {
    if (m.programYear > year) continue;
    const recorded = (state.milestones ?? []).filter((x) => x.id === m.id).length;
    const needed = m.count?.min ?? 1;
    if (recorded >= needed) continue;
    const owedLate =
      from && compareDates(m.due, from) < 0
        ? addDays(from, Math.max(0, daysBetween(state.start.cohortStart, m.due)))
        : undefined;
    // R-TIME-2 (patch 'reminders-2026-12'): a date counted from enrollment falls on a working day too (keyDates' own already do).
    const yearEnd = m.programYear === 1 ? keyDates.programYears.year1.end : keyDates.programYears.year2.end;
    const due =
      owedLate === undefined ? m.due : state.weekendDeadlines === true ? workdayWithin(owedLate, yearEnd) : owedLate;
    const progress = m.count ? { progress: { recorded, needed } } : {};
    const owner = MILESTONE_REMINDED[m.owner];
    const milestoneUrl = `${links.portalUrl}/portal/${key}/milestones/${m.id}`;
    out.push({
      id: `milestone.${m.id}`,
      kind: m.id,
      overrideId: m.id,
      rule: 'R-REM-1',
      label: m.label,
      due,
      owner: owner ?? 'pa',
      reminders: () =>
        owner === undefined
          ? []
          : msg(owner, `milestone.reminder.${owner}`, {
              milestone: m.label,
              dueDate: due,
              ...progress,
              milestoneUrl,
              ...(owner === 'candidate' ? {} : { candidateFirstName }),
            }),
      escalation: (d) =>
        msg('pa', 'milestone.escalation.pa', {
          candidateName,
          milestone: m.label,
          dueDate: due,
          daysOverdue: d,
          ...progress,
          candidateUrl,
        }),
    });
  }
  return out;
}

/**
 * R-TIME-1 (runs with state.weekendDeadlines, patch 'reminders-2026-12'): a coach is paired only
 * after enrollment (R-ONB-1), so a coach cannot owe the pre-assessment rating (R-ASM-2) before the
 * candidate enrolls. Enrolled after the window's date: the coach's rating is due preAssessmentDays
 * after enrollment (R-TIME-2: a weekend, the Friday before). Not enrolled when the window's date has
 * passed: 'notYet' (nothing owed, nothing escalated). Otherwise undefined: the window's own date.
 */
export function coachPreAssessmentDue(
  state: TCandidateState,
  policy: TProgramPolicy,
  keyDates: TKeyDates,
  today: TLocalDate,
): TLocalDate | 'notYet' | undefined {
  if (state.weekendDeadlines !== true) return undefined;
  const windowDue = keyDates.assessments.pre.due;
  if (state.enrolledOn === undefined) return compareDates(today, windowDue) > 0 ? 'notYet' : undefined;
  if (compareDates(state.enrolledOn, windowDue) <= 0) return undefined;
  const due = preAssessmentDue(state.enrolledOn, policy, { weekendDeadlines: true });
  return compareDates(due, windowDue) > 0 ? due : undefined;
}

/** R-TIME-1 R-ASM-2: the coach's pre-assessment rating when it counts from enrollment (coachPreAssessmentDue). */
export function coachPreAssessmentObligation(
  state: TCandidateState,
  policy: TProgramPolicy,
  due: TLocalDate,
  links: TLinks,
): TObligation {
  const key = candidateKey(state.start.programId, state.start.candidateId);
  const candidateName = state.start.candidate.name;
  const assessmentUrl = `${links.portalUrl}/portal/${key}/assessments/pre`;
  const msg = (role: TRecipientRole, template: TTemplateId, data: Record<string, unknown>): TPlannedMessage[] => {
    const to = recipient(state, role);
    return to ? [{ template, to, data: { firstName: firstName(to.name), programName: policy.name, ...data } }] : [];
  };
  return {
    id: 'assessment.pre.coach',
    kind: 'preAssessment',
    rule: 'R-ASM-2',
    label: 'CPSEL pre assessment by coach',
    due,
    owner: 'coach',
    reminders: () =>
      msg('coach', 'assessmentWindow.reminder.coach', {
        candidateFirstName: firstName(candidateName),
        window: 'pre',
        closesOn: due,
        assessmentUrl,
      }),
    escalation: () =>
      msg('pa', 'assessmentWindow.escalation.pa', {
        candidateName,
        window: 'pre',
        closedOn: due,
        missingRaters: ['coach'],
        candidateUrl: `${links.portalUrl}/dashboard/candidates/${key}`,
      }),
  };
}
