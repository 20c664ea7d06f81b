// Every patch id the workflows use, with why it exists. A change that alters the commands of running
// workflows goes behind patched(id) (README, "Changing a workflow safely"); test/replay/patches/
// holds, for each id, a history recorded before the change, and test/replay/replay.test.ts replays
// it together with the corpus (recorded after). Never reuse an id; retire one with deprecatePatch
// once no run open at its deploy is left, then delete the old branch. Budget: a workflow task writes
// at most 10 events, each first-asked patch two of them (README, "Changing a workflow safely").

/**
 * 2026-11-23 (R-INT-2, R-HRS-3): a deferral pauses the hours pace. Before, a candidate who deferred
 * still got "behind pace" notices during the deferral, and the deferred months counted toward the
 * hours expected after it. Asked only once a deferral has begun, so other histories are unchanged.
 */
export const DEFERRAL_PAUSES_PACE = 'deferral-pauses-risk';

/**
 * 2026-11-23 (R-HRS-3): learning-hours pace follows the program's session and workshop calendar
 * instead of a straight line from the year's first day, which warned on-track candidates in August
 * and after every winter break. Asked at every pace evaluation.
 */
export const PACE_FOLLOWS_CALENDAR = 'pace-follows-calendar';

/**
 * 2026-11-23 (R-INT-2, R-PF-2): the candidate is told at once when a deferral is recorded (with the
 * deadlines it moved; coach copied) and when a panel presentation did not pass (coach and PA
 * copied). Asked only when such a message is due.
 */
export const EVENT_CONFIRMATIONS = 'event-confirmations';

/**
 * 2026-12-02 (R-EXT-1, R-ADM-5): the candidate is told at once when the one-year extension is
 * granted (with the new completion date) and when a withdrawal takes effect (with the refund
 * statement, before the record closes); coach and PA copied. Asked only when such a message is due.
 */
export const STATUS_CONFIRMATIONS = 'status-confirmations';

/**
 * 2026-12-02 (R-CMP-4): no completion review passes and no recommendation starts while an academic
 * watch is open or the candidate is at risk; the PA is asked to close the watch. Before, such a
 * candidate was recommended and cleared. Asked once, when a watch or at-risk status first meets
 * completion review; the answer is kept in the record.
 */
export const COMPLETION_WAITS_FOR_STANDING = 'completion-waits-for-standing';

/**
 * 2026-12-02 (R-TIME-1): a candidate enrolled after the cohort started owes orientation, session
 * assignments and hours pace from enrollment. Before, one admitted lawfully in December heard on day
 * one "orientation missed", got an early warning and an academic watch for the autumn sessions and
 * pace warnings. Asked once, for late enrollees only; the answer is kept in the record.
 */
export const OWED_FROM_ENROLLMENT = 'owed-from-enrollment';

/**
 * 2026-12-02 (R-TIME-2): dates a deferral or extension moves onto a Saturday or Sunday go to the
 * Monday after (sessions keep their local time). Before, a three-month deferral put sessions, with
 * their .ics invitations, and deadlines on weekends. Asked once, at the first shift; kept in the record.
 */
export const WORKING_DAYS = 'working-days';

/**
 * 2026-12-02 (R-TIME-3): the academic watch's notices (opened at midnight, when an assignment
 * deadline passes) and its at-risk escalation wait out quiet hours. Before, they went out at 00:00.
 * Asked only when such a message falls in quiet hours.
 */
export const WATCH_QUIET_HOURS = 'watch-quiet-hours';

/**
 * 2026-12-02 (R-REM-1): reminders and escalations for the year-1 portfolio review (R-PF-1), the
 * year-2 panel (R-PF-2), the IIP revision after the benchmark (R-IIP-4) and a PA task when no site
 * supervisor is on file. Asked once per run at its first wake; the answer is kept in the record.
 */
export const MORE_REMINDERS = 'more-reminders';

/**
 * 2026-12-02 (R-REM-1, R-HRS-1, R-HRS-2): hours still short in the program year's last two weeks
 * are reminded to the candidate (with the shortfall per category) and escalated to the PA when the
 * year ends short. Asked once per run at its first wake; the answer is kept in the record.
 */
export const HOURS_REMINDERS = 'hours-reminders';

/**
 * 2026-12-02 (issue #18, found while moving the rules into domain/lifecycle/core.ts): an event or a
 * child's signal that arrived while the workflow was sending the day's emails or starting a child was
 * only looked at on the next timer (days later, for a confirmation). Now the workflow decides again at
 * once. Asked only when such a message arrived during a turn.
 */
export const WAKE_ON_MESSAGE_DURING_TURN = 'wake-on-message-during-turn';

/**
 * 2026-12-02, three rules asked as one question at the first wake (each kept in its own record flag):
 * - R-REM-1 (seed 004): policy milestones (the ILP's cells) are reminded to whoever owes them and
 *   escalated to the PA once missed; exact-id reminder overrides ('sessionAssignment:3', a milestone
 *   id) apply (milestoneReminders). Before, no milestone reminded and only kind overrides matched.
 * - R-HRS-1: a program-year month with no coaching logged is told to candidate and coach on the next
 *   month's first working day; a second month in a row is escalated to the PA (coachingCadence).
 * - R-TIME-2, R-TIME-1: computed deadlines fall on working days — the pre-assessment the Friday
 *   before (within the first 90 days), the IIP revision and milestones the Monday after — and a coach
 *   owes the pre-assessment from the candidate's enrollment (weekendDeadlines). Before, a June 15
 *   start made the pre-assessment due Sunday, Sep 13.
 * One question, not three: each patch writes two events (marker + TemporalChangeVersion upsert), and
 * a workflow task that writes more than 10 makes the server keep the next rejected update's task in
 * history (DiscardSpeculativeWorkflowTaskMaximumEventsCount; README, "Changing a workflow safely").
 */
export const REMINDERS_2026_12 = 'reminders-2026-12';

/**
 * 2026-12-02 (R-TIME-2, R-REC-1…5): the recommendation chain's step deadlines fall on working days
 * (the Monday after) and the CTC's 90 days are told as the last working day within them (the Friday
 * before: the state's deadline is never told later than it is). Before, steps were seen due on a
 * Saturday and the window ending Sunday, Aug 26, 2029. Asked once per chain at its first decision;
 * kept in its state (weekendDeadlines), so continue-as-new carries it.
 */
export const RECOMMENDATION_WEEKEND_DEADLINES = 'recommendation-weekend-deadlines';

/**
 * 2026-12-02 (R-AW-1, found by the differential test of issue #18): when an academic watch is due
 * again on the day the PA closes the previous one, the closed watch may still be finishing its last
 * task; starting the new one under the same id then failed quietly, and the candidate was "on watch"
 * with no watch running (no notice, no remediation plan). Now the workflow waits for the old one to
 * end (100 ms at a time). Asked only when that start is refused.
 */
export const WATCH_RESTART_WAITS = 'watch-restart-waits';

/**
 * 2026-12-02 (issue #18.7, cost): the lifecycle keeps one timer per moment it wakes at. Before, every
 * event cancelled the timer and started a new one for the same moment (two commands, one billable
 * timer per event). Asked at every wait; the first answer of a run is recorded.
 */
export const REUSE_WAKE_TIMER = 'reuse-wake-timer';

/**
 * 2026-12-03 (issue #18.7, found counting upserts): the next deadline (CascNextDeadline) counts only
 * what stays owed once its day passes — not the calendar's sessions and workshops, which leave the
 * open obligations the day after and escalate to nobody. Before, a workshop's date made the
 * candidate look overdue on the PA dashboard from that midnight until the next wake (up to three
 * days), and each one cost an upsert more. Asked once, at the first timer wake where the two readings
 * differ (an update's task has no room for two more events); the answer is kept in the record.
 */
export const DEADLINES_OWED = 'deadlines-owed';
