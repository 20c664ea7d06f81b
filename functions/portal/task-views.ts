// Which page a task path opens: the words at the top and the forms it offers, per role. The paths
// are the ones the emails link to (domain/lifecycle/obligations.ts, confirmations, risk notices,
// the recommendation chain); each shows only the forms the signed-in role may record.
import type { TEventType } from '../../domain/events';
import type { TCandidateStatus } from '../../domain/lifecycle/status';
import type { TApiRole } from '../auth/principal';
import { eventTypesFor } from '../auth/policy';

export type TSection =
  'iip' | 'hours' | 'timeline' | 'assignments' | 'portfolio' | 'completion' | 'deadlines' | 'recommendation' | 'watch';

export interface TFormOffer {
  type: TEventType;
  preset?: Record<string, string>;
}

export interface TTaskView {
  title: string;
  intro: string;
  sections: TSection[];
  forms: TFormOffer[];
}

const WINDOW_NAMES: Record<string, string> = {
  pre: 'pre-assessment',
  endYear1: 'end-of-year-1 assessment',
  startYear2: 'start-of-year-2 assessment',
  endYear2: 'end-of-year-2 assessment',
};
const STEP_EVENTS: Record<string, TEventType> = {
  'step-1': 'coachVerified',
  'step-2': 'candidateDocumentsSubmitted',
  'step-3': 'paVerified',
  'step-4': 'recommendedToCtc',
};
const WATCH_EVENTS: TEventType[] = [
  'actionPlanAgreed',
  'interventionNoted',
  'revisedItemCompleted',
  'watchExtended',
  'watchClosed',
];

/** The view of `/portal/<key>/<segments…>`, or undefined for a path no email links to (404). */
export function taskView(
  segments: readonly string[],
  role: TApiRole,
  status: Pick<TCandidateStatus, 'iip' | 'people'>,
): TTaskView | undefined {
  const allowed = new Set(eventTypesFor(role));
  const offer = (...forms: TFormOffer[]) => forms.filter((f) => allowed.has(f.type));
  const name = status.people.candidate.name;
  const [first, second, third] = segments;
  const year = second === '1' || second === '2' ? second : undefined;
  switch (first) {
    case undefined:
      return {
        title: name,
        intro: 'Everything about this candidate that is yours to see and do.',
        sections: ['deadlines', 'hours', 'timeline'],
        forms: offer(...eventTypesFor(role).map((type) => ({ type }))),
      };
    case 'application':
      return {
        title: 'Admission',
        intro:
          'Admission is due within 120 days of the first day of the administrative assignment (R-ADM-1). The program office reviews the application packet (R-ADM-3) and records the admission.',
        sections: ['deadlines'],
        forms: offer({ type: 'admitted' }),
      };
    case 'orientation':
      return {
        title: 'Orientation',
        intro:
          'Orientation takes place in the first month of the program (R-ONB-2). The program office records attendance.',
        sections: ['deadlines'],
        forms: offer({ type: 'orientationAttended' }),
      };
    case 'iip': {
      if (!year) return undefined;
      const iip = year === '1' ? status.iip.year1 : status.iip.year2;
      if (third === 'approve')
        return {
          title: `Approve the year ${year} IIP`,
          intro: 'The coach and the site supervisor each approve the goals and every revision (R-IIP-3).',
          sections: ['iip'],
          forms: offer({ type: 'iipApproved', preset: { year } }),
        };
      if (third !== undefined) return undefined;
      return {
        title: `Year ${year} Individual Induction Plan`,
        intro: `Year ${year} goals cover three CPSEL standards (R-IIP-2); the candidate and coach develop them together (R-IIP-3).`,
        sections: ['iip'],
        forms: iip.submittedOn
          ? offer({ type: 'iipRevised', preset: { year } })
          : offer({ type: 'iipSubmitted', preset: { year } }),
      };
    }
    case 'assessments':
      if (!second || !(second in WINDOW_NAMES)) return undefined;
      return {
        title: `CPSEL ${WINDOW_NAMES[second]}`,
        intro:
          'The candidate, the coach and the site supervisor each rate all six CPSEL standards on the Descriptions of Practice rubric (R-ASM-1).',
        sections: ['deadlines'],
        forms: offer({ type: 'assessmentSubmitted', preset: { window: second } }),
      };
    case 'sessions':
      if (!second || !/^\d{1,2}$/.test(second)) return undefined;
      return {
        title: `CPSEL session ${second}`,
        intro:
          'Sessions are online, 5:30–7:30 pm Pacific; an assignment is due after each (R-SES-1). Log the session hours after you attend.',
        sections: ['deadlines'],
        forms: offer(
          { type: 'learningLogged', preset: { category: 'cpselSession' } },
          { type: 'assignmentSubmitted', preset: { session: second } },
        ),
      };
    case 'assignments':
      if (second !== undefined && !/^\d{1,2}$/.test(second)) return undefined;
      return {
        title: second ? `Assignment for session ${second}` : 'Assignments',
        intro:
          'Submit each assignment to the session instructor, who records it (late work at the instructor’s discretion, R-SES-3).',
        sections: ['assignments'],
        forms: offer({ type: 'assignmentSubmitted', ...(second ? { preset: { session: second } } : {}) }),
      };
    case 'workshops':
      return {
        title: 'Job-aligned workshop',
        intro: 'Two 90-minute parts per topic each year (R-SES-2). Log the hours after you attend.',
        sections: ['deadlines'],
        forms: offer({ type: 'learningLogged', preset: { category: 'jobAligned' } }),
      };
    case 'hours':
      return {
        title: 'Hours',
        intro:
          'Coaching: at least 40 hours a year, meeting monthly (R-HRS-1). Professional learning: at least 60 hours a year by category (R-HRS-2).',
        sections: ['hours'],
        forms: offer({ type: 'coachingLogged' }, { type: 'learningLogged' }),
      };
    case 'timeline':
      return {
        title: 'Timeline',
        intro: 'What has happened so far and what comes next.',
        sections: ['deadlines', 'timeline'],
        forms: [],
      };
    case 'portfolio':
      return {
        title: 'Portfolio',
        intro:
          'End of year 1: review by coach and site supervisor (R-PF-1). Year 2: presentation to a panel of 2–3 reviewers, each scoring at least 3 (R-PF-2).',
        sections: ['portfolio'],
        forms: offer({ type: 'portfolioReviewed', preset: { year: '1' } }, { type: 'portfolioPresented' }),
      };
    case 'completion':
      return {
        title: 'Completion review',
        intro: 'The four validating documents, two years of experience and a valid PASC or COE (R-CMP-1…3).',
        sections: ['completion'],
        forms: offer({ type: 'experienceVerified' }, { type: 'credentialVerified' }),
      };
    case 'recommendation': {
      const type = second ? STEP_EVENTS[second] : undefined;
      if (!type) return undefined;
      return {
        title: `Recommendation ${(second ?? '').replace('-', ' ')}`,
        intro:
          'The recommendation chain: coach (R-REC-1), candidate (R-REC-2), program administrator (R-REC-3), credentials office (R-REC-4).',
        sections: ['recommendation'],
        forms: offer({ type }),
      };
    }
    case 'academic-watch':
      return {
        title: 'Academic watch',
        intro:
          'A remediation plan with revised deadlines, agreed in writing (R-AW-1); missing them puts program status at risk (R-AW-2).',
        sections: ['watch', 'assignments'],
        forms: offer(...WATCH_EVENTS.map((type) => ({ type }))),
      };
    case 'contacts': {
      // R-NOT (delivery): the PA's task while SES reports someone's address undeliverable (domain/portal/tasks.ts).
      const role =
        second && ['candidate', 'coach', 'supervisor', 'pa', 'director'].includes(second) ? second : undefined;
      if (second !== undefined && !role) return undefined;
      return {
        title: 'Correct an email address',
        intro:
          'Amazon SES reported that email to this address cannot be delivered, or its owner marked our email as spam. Their emails are held until the address is corrected; then the held emails go out to the new address.',
        sections: ['timeline'],
        forms: offer({ type: 'contactCorrected', ...(role ? { preset: { role } } : {}) }),
      };
    }
    case 'milestones':
      // R-REM-1: a policy milestone (seed 004's ILP cells); the reminder links to its own page.
      if (!second || !/^[A-Za-z0-9][A-Za-z0-9_-]{0,59}$/.test(second) || third !== undefined) return undefined;
      return {
        title: 'Program milestone',
        intro: `Milestone ${second}: hand it in by its due date (see below); the candidate, the coach or the program office records it.`,
        sections: ['deadlines'],
        forms: offer({ type: 'milestoneSubmitted', preset: { milestoneId: second } }),
      };
    case 'appeal':
      return {
        title: 'Appeals',
        intro:
          'Appeals are in writing, in four steps: coach and candidate, program administrator, director, associate dean (R-APL-1).',
        sections: [],
        forms: offer({ type: 'appealFiled' }, { type: 'appealDecided' }),
      };
    default:
      return undefined;
  }
}
