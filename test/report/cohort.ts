// A generated Rossier 2026 cohort with known outcomes (ten candidates c0…c9, plus two outside the
// scope), as statuses derived by the real domain code from hand-built records. The figures the
// tests expect follow from the table in each candidate's spec below.
import { ZCandidateStart } from '../../domain/lifecycle/candidate';
import type { TCpselScores } from '../../domain/lifecycle/cpsel';
import { getBuiltinPolicy } from '../../domain/policy/policy';
import { initialState, type TCandidateState, type TTimelineEntry } from '../../domain/lifecycle/state';
import { deriveStatus, type TCandidateStatus } from '../../domain/lifecycle/status';

export const POLICY = getBuiltinPolicy('rossier');
export const AS_OF_MS = Date.parse('2028-12-01T20:00:00Z');
export const SECRET_GOAL = 'Rebuild family trust at Lincoln Elementary';

const all = (n: number): TCpselScores => ({ cpsel1: n, cpsel2: n, cpsel3: n, cpsel4: n, cpsel5: n, cpsel6: n });
const learning = (cpselSession: number, jobAligned = 0, plc = 0, district = 0) => ({
  cpselSession,
  jobAligned,
  plc,
  district,
});
const FULL = learning(12, 18, 10, 20);
const NONE = learning(0);
const phases = (...list: [string, string][]): TTimelineEntry[] =>
  list.map(([date, phase]) => ({ date, kind: 'phaseChanged', detail: phase }));
const YEARS = phases(['2026-08-03', 'year1'], ['2027-08-02', 'year2']);
const passed = (date: string, medicalExemption = false) => ({
  date,
  panelScores: [3, 3, 4],
  medicalExemption,
  passed: true,
});
const CLEARED: Partial<TCandidateState> = {
  phase: 'cleared',
  recommendation: { startedOn: '2028-06-01', recommendedOn: '2028-06-10', clearedOn: '2028-07-01' },
  portfolio: { presentations: [passed('2028-05-15')] },
};

interface TSpec {
  id: string;
  district?: string;
  program?: string;
  cohortStart?: string;
  state: Partial<TCandidateState>;
  timeline?: TTimelineEntry[];
  y1: [coaching: number, learning: ReturnType<typeof learning>];
  y2?: [coaching: number, learning: ReturnType<typeof learning>];
}

const rec = (date: string): TTimelineEntry => ({ date, kind: 'recommendedToCtc' });

export const SPECS: TSpec[] = [
  {
    id: 'c0',
    district: 'lausd',
    y1: [40, FULL],
    y2: [40, FULL],
    timeline: [...YEARS, rec('2028-06-10')],
    state: {
      ...CLEARED,
      assessments: [
        { window: 'pre', rater: 'candidate', scores: all(2), date: '2026-09-20' },
        { window: 'endYear2', rater: 'candidate', scores: all(3), date: '2028-05-01' },
        { window: 'pre', rater: 'coach', scores: all(2), date: '2026-09-20' },
        { window: 'endYear2', rater: 'coach', scores: all(4), date: '2028-05-01' },
      ],
    },
  },
  {
    // Lapsed once (R-REC-5) and recommended again: the first recommendation counts for "on time".
    id: 'c1',
    district: 'lausd',
    y1: [42, FULL],
    y2: [40, FULL],
    timeline: [...YEARS, rec('2028-06-10'), { date: '2028-09-08', kind: 'ctcWindowLapsed' }, rec('2028-09-20')],
    state: {
      ...CLEARED,
      recommendation: { startedOn: '2028-06-01', recommendedOn: '2028-09-20', clearedOn: '2028-10-01' },
      assessments: [
        { window: 'pre', rater: 'candidate', scores: all(1), date: '2026-09-20' },
        { window: 'endYear2', rater: 'candidate', scores: all(3), date: '2028-05-01' },
      ],
    },
  },
  {
    id: 'c2',
    district: 'lausd',
    y1: [45, FULL],
    y2: [40, FULL],
    timeline: [...YEARS, rec('2028-06-10')],
    state: {
      ...CLEARED,
      portfolio: { presentations: [passed('2028-05-15', true)] },
      deliveryProblems: [{ date: '2027-01-05', template: 'welcome', recipientRole: 'coach', reason: 'complaint' }],
    },
  },
  {
    // Failed the panel once, passed on the second presentation.
    id: 'c3',
    district: 'lausd',
    y1: [38, FULL],
    y2: [40, FULL],
    timeline: [...YEARS, rec('2028-06-10')],
    state: {
      ...CLEARED,
      portfolio: {
        presentations: [
          { date: '2028-05-15', panelScores: [2, 3], medicalExemption: false, passed: false },
          passed('2028-05-29'),
        ],
      },
    },
  },
  {
    id: 'c4',
    district: 'lausd',
    y1: [40, FULL],
    y2: [20, NONE],
    timeline: YEARS,
    state: { phase: 'year2', shifts: [{ from: '2027-09-01', months: 12, kind: 'extension' }] },
  },
  {
    // Recommended after the June target: late.
    id: 'c5',
    district: 'pasadena',
    y1: [50, FULL],
    y2: [40, FULL],
    timeline: [...YEARS, rec('2028-07-20')],
    state: {
      phase: 'recommended',
      recommendation: { startedOn: '2028-07-01', recommendedOn: '2028-07-20' },
      portfolio: { presentations: [passed('2028-05-15')] },
    },
  },
  {
    id: 'c6',
    district: 'pasadena',
    y1: [0, NONE],
    timeline: [],
    state: {
      phase: 'withdrawn',
      withdrawal: { date: '2026-08-05', reason: 'Moved out of state', refundEligible: true },
    },
  },
  {
    id: 'c7',
    district: 'pasadena',
    y1: [10, NONE],
    timeline: phases(['2026-08-03', 'year1']),
    state: {
      phase: 'withdrawn',
      withdrawal: { date: '2027-01-10', reason: 'Personal', refundEligible: false },
      watch: { opened: 1, open: false, earlyWarnings: 1, covered: [] },
    },
  },
  {
    id: 'c8',
    district: 'pasadena',
    y1: [30, learning(12, 18)],
    y2: [25, NONE],
    timeline: YEARS,
    state: {
      phase: 'year2',
      shifts: [{ from: '2027-10-01', months: 3, kind: 'deferral' }],
      watch: { opened: 1, open: false, earlyWarnings: 1, covered: [] },
    },
  },
  {
    id: 'c9',
    district: 'pasadena',
    y1: [20, learning(6)],
    y2: [5, NONE],
    timeline: YEARS,
    state: {
      phase: 'year2',
      flags: { earlyWarning: true, academicWatch: true, atRisk: true, deferred: false },
      watch: { opened: 2, open: true, earlyWarnings: 2, covered: [] },
      deliveryProblems: [
        { date: '2027-02-01', template: 'iipReminder', recipientRole: 'candidate', reason: 'bounced' },
        { date: '2027-02-08', template: 'welcome', recipientRole: 'candidate', reason: 'bounced' },
      ],
    },
  },
  // Outside the scope: another program, another cohort year.
  { id: 'other', program: 'csula', y1: [40, FULL], state: { phase: 'year1' } },
  { id: 'c2025', cohortStart: '2025-08-04', y1: [40, FULL], state: { phase: 'year2' } },
];

export function stateOf(spec: TSpec): TCandidateState {
  const start = ZCandidateStart.parse({
    programId: spec.program ?? 'rossier',
    candidateId: spec.id,
    cohortStart: spec.cohortStart ?? '2026-08-03',
    assignmentStart: '2026-06-15',
    enrolledOn: '2026-07-01',
    candidate: { name: `Candidate ${spec.id}`, email: `${spec.id}@example.org` },
    programAdministrator: { name: 'Dr. Tran', email: 'pa.tran@example.edu' },
    ...(spec.district ? { districtId: spec.district } : {}),
  });
  const base = initialState(start);
  const [c1, l1] = spec.y1;
  const [c2, l2] = spec.y2 ?? [0, NONE];
  const state: TCandidateState = {
    ...base,
    ...spec.state,
    hours: { year1: { coaching: c1, learning: l1 }, year2: { coaching: c2, learning: l2 } },
    timeline: [...base.timeline, ...(spec.timeline ?? [])],
    // Every candidate has IIP content, so a view that leaked it would show it (R-IIP-5).
    iip: {
      ...base.iip,
      year1: {
        ...base.iip.year1,
        submittedOn: '2026-09-15',
        standards: ['cpsel1', 'cpsel2', 'cpsel3'],
        goals: [{ cpsel: 'cpsel1', goal: SECRET_GOAL }],
      },
    },
  };
  return state;
}

export const statusOf = (spec: TSpec): TCandidateStatus => deriveStatus(stateOf(spec), POLICY, AS_OF_MS);

export const cohortStatuses = (): TCandidateStatus[] => SPECS.map(statusOf);
