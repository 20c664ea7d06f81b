// USC Rossier CASC handbook (seed 003), written out in full so the policy reads as the program's
// rulebook. The schema defaults are these same values; a test keeps the two in step.
import type { TProgramPolicyInput } from '../schema';

export const rossierPolicyInput = {
  id: 'rossier',
  name: 'USC Rossier Clear Administrative Services Credential',
  description:
    'Candidate handbook: 40 h coaching and 60 h professional learning a year, CPSEL sessions on the 2nd Monday, panel presentation in May of year 2.',
  timeZone: 'America/Los_Angeles',
  programYears: { yearEnd: { month: 6, day: 30 }, year2Start: { month: 8, day: 1 } },
  deadlines: {
    admissionDays: 120,
    enrollmentWithinDays: 365,
    refundWindowDays: 7,
    coachMatchDays: 30,
    orientationDays: 30,
    iipStartDays: 60,
    preAssessmentDays: 90,
    ctcStepsDays: 90,
    ctcProcessingBusinessDays: 10,
    maxDeferralMonths: 6,
    extensionMonths: 12,
  },
  iip: { draftDue: { month: 12, day: 31 }, standardsPerYear: 3 },
  hours: {
    coachingPerYear: 40,
    learningPerYear: 60,
    learningCategories: { cpselSession: 12, jobAligned: 18, plc: 10, district: 20 },
    coachMeetingEveryDays: 31,
  },
  pace: { model: 'linear', hoursDueBy: { month: 5, day: 31 }, behindBy: 0.25, graceDays: 30 },
  assessments: {
    windows: {
      endYear1: { opens: { month: 5, day: 1 }, due: { month: 6, day: 30 } },
      startYear2: { opens: { month: 8, day: 1 }, due: { month: 9, day: 30 } },
      endYear2: { opens: { month: 5, day: 1 }, due: { month: 5, day: 31 } },
    },
    proficiency: { rule: 'everyStandard', threshold: 3 },
  },
  sessions: {
    months: [9, 10, 11, 1, 2, 3, 4],
    titles: [
      'CASC 00: Coaching and Induction',
      'CASC 01: Developing a Shared Vision',
      'CASC 02: Instructional Leadership in Action',
      'CASC 03: Creating a Teaching & Learning Environment',
      'CASC 04: Engaging Communities',
      'CASC 05: Understanding Ethical Leadership',
      'CASC 06: The Political Leader',
    ],
    weekday: 1,
    nth: 2,
    start: '17:30',
    end: '19:30',
    assignmentDueDays: 7,
  },
  workshops: {
    topics: [
      { id: 'personnel', title: 'Understanding Personnel: Retention and Growth', year1Month: 12, year2Month: 9 },
      {
        id: 'visionBudget',
        title: 'Developing & Implementing a Shared Vision; Aligning Budgets to Strategic Goals',
        year1Month: 1,
        year2Month: 10,
      },
      {
        id: 'communityEngagement',
        title: 'Community Engagement: Building a Safe and Productive School Environment',
        year1Month: 2,
        year2Month: 11,
      },
      {
        id: 'instruction',
        title: 'Classroom Instruction & Curriculum: Evaluations and Observations',
        year1Month: 3,
        year2Month: 1,
      },
      { id: 'dataGaps', title: 'Data and Addressing Learning and Program Gaps', year1Month: 4, year2Month: 2 },
      {
        id: 'politicalCapital',
        title: 'Building Political Capital with Staff and Community',
        year1Month: 5,
        year2Month: 3,
      },
    ],
    weekday: 3,
    partNth: [2, 3],
    start: '17:30',
    partMinutes: 90,
  },
  portfolio: { year1ReviewMonth: 6, presentationMonth: 5, panel: { min: 2, max: 3, threshold: 3 } },
  recommendation: { targetMonth: 6 },
  reminders: { daysBefore: [14, 3], escalateAfterDays: 1, overrides: {} },
  notifications: {
    sendAt: '08:00',
    remindOnWorkdays: true,
    digest: { enabled: false, weekday: 1 },
    quietHours: { start: '20:00', end: '07:00' },
  },
  milestones: [],
} satisfies TProgramPolicyInput;
