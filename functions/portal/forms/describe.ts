// One sentence for the success page: what was recorded, in the program's words.
import type { TCandidateEvent, TEventType } from '../../../domain/events';
import { CPSEL_STANDARD_NAMES, EVENT_TITLES, OPTION_NAMES } from './words';

/** Plain-words title of an event form, e.g. 'Log coaching hours', 'Rate the six CPSEL standards'. */
export function eventTitle(type: TEventType): string {
  return EVENT_TITLES[type];
}

const hoursText = (h: number): string => `${h} ${h === 1 ? 'hour' : 'hours'}`;
const option = (field: string, value: string | number): string => OPTION_NAMES[field]?.[String(value)] ?? String(value);

function what(e: TCandidateEvent): string {
  switch (e.type) {
    case 'coachingLogged':
      return `${hoursText(e.hours)} of coaching recorded`;
    case 'learningLogged':
      return `${hoursText(e.hours)} of professional learning (${option('category', e.category)}) recorded`;
    case 'assessmentSubmitted':
      return `${option('window', e.window)} ratings of the six CPSEL standards recorded (rater: ${option('rater', e.rater).replace(/^The /, 'the ')})`;
    case 'iipSubmitted':
      return `Year ${e.year} IIP submitted with goals on ${e.goals.map((g) => CPSEL_STANDARD_NAMES[g.cpsel]).join(', ')}`;
    case 'iipApproved':
      return `Year ${e.year} IIP approved by ${option('approver', e.approver).replace(/^The /, 'the ')}`;
    case 'iipRevised':
      return `Year ${e.year} IIP revision recorded`;
    case 'coachAssigned':
      return `${e.coach.name} assigned as coach`;
    case 'supervisorAssigned':
      return `${e.supervisor.name} assigned as site supervisor`;
    case 'assignmentSubmitted':
      return `Session ${e.session} assignment recorded`;
    case 'portfolioReviewed':
      return `Year-1 portfolio review recorded: ${e.passed ? 'passed' : 'not passed'}`;
    case 'portfolioPresented':
      return e.panelScores
        ? `Portfolio presentation recorded with panel scores ${e.panelScores.join(', ')}`
        : 'Portfolio presentation recorded';
    case 'deferred':
      return `Deferral of ${e.months} ${e.months === 1 ? 'month' : 'months'} recorded`;
    case 'extensionGranted':
      return `Extension of ${e.months} months granted`;
    case 'actionPlanAgreed':
    case 'watchExtended':
      return `${e.type === 'actionPlanAgreed' ? 'Action plan' : 'Academic watch extension'} recorded with ${e.revisedDeadlines.length} revised ${e.revisedDeadlines.length === 1 ? 'deadline' : 'deadlines'}`;
    case 'appealDecided':
      return `Appeal decision recorded at ${option('level', e.level).replace(/^Step \d: /, '')}: ${option('decision', e.decision).toLowerCase()}`;
    case 'appealFiled':
      return `Appeal about ${option('subject', e.subject)
        .replace(/^A[n]? /, '')
        .toLowerCase()} filed`;
    case 'admitted':
      return e.enrolledOn ? `Candidate admitted (enrolled on ${e.enrolledOn})` : 'Candidate admitted';
    case 'orientationAttended':
      return 'Orientation attendance recorded';
    case 'withdrawn':
      return 'Withdrawal recorded';
    case 'experienceVerified':
      return `${e.years} ${e.years === 1 ? 'year' : 'years'} of administrative experience verified (HR letter)`;
    case 'credentialVerified':
      return `${option('document', e.document)} verified`;
    case 'coachVerified':
      return "Step 1 (the coach's verification) recorded";
    case 'candidateDocumentsSubmitted':
      return "Step 2 (the candidate's documents) recorded";
    case 'paVerified':
      return 'Step 3 (the Program Administrator’s verification: ready to recommend to the CTC) recorded';
    case 'recommendedToCtc':
      return 'Recommended to the CTC';
    case 'ctcStepsCompleted':
      return "The CTC's steps and payment recorded as done";
    case 'interventionNoted':
      return `Intervention step recorded: ${option('step', e.step).toLowerCase()}`;
    case 'revisedItemCompleted':
      return `“${e.item}” marked completed`;
    case 'watchClosed':
      return 'Academic watch closed';
    case 'milestoneSubmitted':
      return `Milestone “${e.milestoneId}” recorded as handed in`;
    case 'contactCorrected':
      return `${option('role', e.role)}’s email address corrected; held emails go out to it`;
    case 'emailBounced':
      return `${option('role', e.role)}’s email address marked ${e.bounce === 'complaint' ? 'as refusing our mail (spam complaint)' : 'undeliverable'}`;
    default:
      return `${EVENT_TITLES[(e as TCandidateEvent).type]}: recorded`;
  }
}

/** For the success page, e.g. "1.5 hours of coaching recorded for 2026-12-02." (no date: today). */
export function describeEvent(event: TCandidateEvent): string {
  return `${what(event)}${event.date ? ` for ${event.date}` : ''}.`;
}
