// The state program standard's minimums (seed 000, Program Standard 4A/4C): 40 h coaching and
// 20 h professional development a year, no required split by category. The standard prescribes
// no session calendar, workshops or panel, so those are left empty or at the handbook defaults;
// proficiency is the overall average ≥ 3 that the handbook attributes to the CTC (2018).
import type { TProgramPolicyInput } from '../schema';

export const ctcStandardPolicyInput = {
  id: 'ctc-standard',
  name: 'CTC program standard minimums',
  description:
    'State standard 4A/4C minimums: coaching 40 h and professional development 20 h per year (60 h total), no session calendar.',
  hours: { coachingPerYear: 40, learningPerYear: 20, learningCategories: {} },
  assessments: { proficiency: { rule: 'average', threshold: 3 } },
  sessions: { months: [] },
  workshops: { topics: [] },
} satisfies TProgramPolicyInput;
