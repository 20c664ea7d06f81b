// Differences the shipped scenarios still show from what their expect files state (the rule),
// pinned exactly so the tests stay green while they are open and fail — asking for this list to
// shrink — the day a fix lands. Each is reported on issue 16; none is in simulator code.
const sundayPreAssessment = (first: string) =>
  `${first.toLowerCase()}: R-TIME-2: 2026-08-30T08:00:00-07:00 assessmentWindow.reminder.supervisor → supervisor names Sunday, September 13, 2026, a weekend: "Rate ${first} on the CPSEL pre-assessment by Sunday, September 13, 2026"`;

/**
 * R-TIME-2 (domain/deadlines.ts computeKeyDates): the pre-assessment is due assignmentStart + 90
 * days as is, so a June 15 start makes it Sunday, September 13.
 * R-TIME-2 (domain/lifecycle/more-obligations.ts): the IIP revision is due last benchmark rating
 * + 30 days as is (Sunday, June 20, 2027), and a policy milestone on its calendar date (the ILP's
 * year-1 reflection, Saturday, May 15, 2027).
 * R-TIME-2 (domain/deadlines.ts ctcStepsDeadline): the state's 90 days from the recommendation
 * are told as is (Sunday, August 26, 2029).
 * R-TIME-1 (pre-assessment window): a lawfully late enrollee's coach cannot rate before being
 * paired, yet the PA is told on Dec 8 that her pre-assessment is incomplete.
 */
export const KNOWN_OPEN: Readonly<Record<string, readonly string[]>> = {
  'jamal-on-track': [sundayPreAssessment('Jamal')],
  'on-track': [
    sundayPreAssessment('Olivia'),
    'olivia: R-TIME-2: 2027-06-06T08:00:00-07:00 deadline.reminder.candidate → candidate names Sunday, June 20, 2027, a weekend: "Due Sunday, June 20, 2027: IIP revised after the end-of-year-1 benchmark"',
  ],
  'late-admission': ['lina: false alarm: 2026-12-08T08:00:00-08:00 assessmentWindow.escalation.pa → pa'],
  'cleared-on-watch': [sundayPreAssessment('Wes')],
  'at-risk': [sundayPreAssessment('Tara')],
  'deferral-weekend': [sundayPreAssessment('Dara')],
  'withdrawal-refund': [sundayPreAssessment('Will')],
  extension: [
    sundayPreAssessment('Elena'),
    ...['2029-06-27', '2029-07-27'].map((d) => `elena: R-TIME-2: ${d}T08:00:00-07:00 ctcWindow.reminder.candidate → candidate names Sunday, August 26, 2029, a weekend: "Complete your CTC steps by Sunday, August 26, 2029"`),
  ],
  'ilp-milestones': ['iris: R-TIME-2: open deadline milestone.ilp-y1-reflection (R-REM-1) due 2027-05-15, a weekend'],
};

/** R-REM-2 false alarms still sent to an on-track candidate's people (see R-TIME-1 above). */
export const KNOWN_FALSE_ALARMS: readonly string[] = ['lina: 2026-12-08T08:00:00-08:00 assessmentWindow.escalation.pa'];
