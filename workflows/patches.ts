// Every patch id the workflows use, with why it exists. A change that alters the commands of running
// workflows goes behind patched(id) (README, "Changing a workflow safely"); test/replay/patches/
// holds, for each id, a history recorded before the change, and test/replay/replay.test.ts replays
// it together with the corpus (recorded after). Never reuse an id; retire one with deprecatePatch
// once no run open at its deploy is left, then delete the old branch.

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
