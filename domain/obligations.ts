// The candidate's key dates flattened into one list of dated obligations with stable ids, so a
// workflow can sleep until the earliest open one and key its reminders (reminders.ts) by id.
import { endOfDayInstant, type TLocalDate } from './dates';
import type { TKeyDates } from './deadlines';
import type { TObligationKind } from './policy';
import type { TRole } from './roles';

export interface TObligation {
  /** Stable across recomputation and deferral: a kind, a kind:number ('sessionAssignment:3', 'iipStart:2'), or a milestone id. */
  id: string;
  kind: TObligationKind | 'milestone';
  label: string;
  owners: TRole[];
  programYear?: 1 | 2;
  due: TLocalDate;
  /** The last millisecond the obligation is on time. */
  dueAt: number;
}

const RATERS: TRole[] = ['candidate', 'coach', 'supervisor'];

/** Every dated obligation, earliest first (ties keep the order below). */
export function listObligations(keyDates: TKeyDates): TObligation[] {
  const tz = keyDates.timeZone;
  const list: TObligation[] = [];
  const add = (id: string, kind: TObligation['kind'], label: string, owners: TRole[], due: TLocalDate, programYear?: 1 | 2) =>
    list.push({ id, kind, label, owners, due, dueAt: endOfDayInstant(due, tz), ...(programYear ? { programYear } : {}) });
  const a = keyDates.assessments;

  add('admission', 'admission', 'Admission and CPSEL self-assessment (R-ADM-1)', ['candidate'], keyDates.admissionDue);
  add('enrollment', 'enrollment', 'Enrollment in an induction program (R-ADM-2)', ['candidate'], keyDates.enrollmentDue);
  add('preAssessment', 'preAssessment', 'CPSEL pre-assessment (R-ASM-2)', RATERS, a.pre.due, 1);
  add('coachMatch', 'coachMatch', 'Coach paired (R-ONB-1)', ['programAdministrator'], keyDates.coachMatchDue, 1);
  add('orientation', 'orientation', 'Program orientation (R-ONB-2)', ['candidate'], keyDates.orientationDue, 1);
  for (const year of [1, 2] as const) {
    const iip = year === 1 ? keyDates.iip.year1 : keyDates.iip.year2;
    add(`iipStart:${year}`, 'iipStart', `Year ${year} IIP development begun (R-IIP-1)`, ['candidate', 'coach'], iip.startBy, year);
    add(`iipDraft:${year}`, 'iipDraft', `Year ${year} IIP goals submitted`, ['candidate', 'coach'], iip.draftDue, year);
  }
  for (const s of keyDates.sessions) {
    add(`sessionAssignment:${s.number}`, 'sessionAssignment', `Assignment for CPSEL session ${s.number}${s.title ? ` (${s.title})` : ''}`, ['candidate'], s.assignmentDue, s.programYear);
  }
  add('endYear1Assessment', 'endYear1Assessment', 'End-of-year-1 benchmark assessment (R-ASM-2)', RATERS, a.endYear1.due, 1);
  add('portfolioReview', 'portfolioReview', 'Year 1 portfolio review (R-PF-1)', ['coach', 'supervisor'], keyDates.portfolioReview.due, 1);
  add('startYear2Assessment', 'startYear2Assessment', 'Start-of-year-2 assessment (R-ASM-2)', RATERS, a.startYear2.due, 2);
  add('endYear2Assessment', 'endYear2Assessment', 'End-of-year-2 assessment (R-ASM-2)', RATERS, a.endYear2.due, 2);
  add('portfolioPresentation', 'portfolioPresentation', 'Portfolio panel presentation (R-PF-2)', ['candidate'], keyDates.portfolioPresentation.due, 2);
  add('recommendation', 'recommendation', 'Credential recommendation (R-REC-6)', ['programAdministrator'], keyDates.recommendationTarget.due, 2);
  for (const m of keyDates.milestones) add(m.id, 'milestone', m.label, [m.owner], m.due, m.programYear);

  return list.map((o, i) => ({ o, i })).sort((x, y) => x.o.dueAt - y.o.dueAt || x.i - y.i).map(({ o }) => o);
}
