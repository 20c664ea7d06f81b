// Billable actions estimated from event histories. Temporal Cloud bills "actions"
// (https://docs.temporal.io/cloud/actions); the ones a candidate's workflow produces and that show
// in its history are counted here, one each:
//   workflow started   WorkflowExecutionStarted (the client's start and every continue-as-new run)
//   child started      StartChildWorkflowExecutionInitiated
//   update             WorkflowExecutionUpdateAccepted (rejected updates are actions too but leave
//                      no history; the driver counts those separately)
//   signal             WorkflowExecutionSignaled
//   activity           ActivityTaskScheduled, plus each retry (ActivityTaskStarted.attempt − 1)
//   timer              TimerStarted (sleep, and condition with a timeout)
//   search attributes  UpsertWorkflowSearchAttributes
// Not in history and not counted: queries (each is an action; the dashboards' status reads), the
// worker's heartbeats (none here), and the rejected updates above.
import { temporal } from '@temporalio/proto';

const T = temporal.api.enums.v1.EventType;

export interface TActions {
  workflowStarts: number;
  childStarts: number;
  updates: number;
  signals: number;
  activities: number;
  timers: number;
  searchAttributeUpserts: number;
  total: number;
}

export const emptyActions = (): TActions => ({
  workflowStarts: 0,
  childStarts: 0,
  updates: 0,
  signals: 0,
  activities: 0,
  timers: 0,
  searchAttributeUpserts: 0,
  total: 0,
});

export function countActions(histories: readonly temporal.api.history.v1.IHistory[]): TActions {
  const a = emptyActions();
  for (const h of histories) {
    for (const e of h.events ?? []) {
      switch (e.eventType) {
        case T.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED:
          a.workflowStarts++;
          break;
        case T.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED:
          a.childStarts++;
          break;
        case T.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED:
          a.updates++;
          break;
        case T.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED:
          a.signals++;
          break;
        case T.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
          a.activities++;
          break;
        case T.EVENT_TYPE_ACTIVITY_TASK_STARTED:
          a.activities += Math.max(0, (e.activityTaskStartedEventAttributes?.attempt ?? 1) - 1);
          break;
        case T.EVENT_TYPE_TIMER_STARTED:
          a.timers++;
          break;
        case T.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES:
          a.searchAttributeUpserts++;
          break;
        default:
          break;
      }
    }
  }
  a.total =
    a.workflowStarts + a.childStarts + a.updates + a.signals + a.activities + a.timers + a.searchAttributeUpserts;
  return a;
}

export function addActions(into: TActions, more: TActions): TActions {
  for (const k of Object.keys(into) as (keyof TActions)[]) into[k] += more[k];
  return into;
}
