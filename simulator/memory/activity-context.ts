// The activity context the in-memory engine runs the real activity functions in: the SDK's own
// Context (what `Context.current()` returns inside them: info, log, heartbeat), entered the way the
// worker enters it, through the SDK's AsyncLocalStorage. `@temporalio/testing`'s
// MockActivityEnvironment does the same through `@temporalio/worker`, which every simulation thread
// then loaded (about 0.4 s a thread, before the first candidate) and which built a new logger and
// interceptor chain for each of a candidate's ~50 sends.
import { asyncLocalStorage, Context, type Info } from '@temporalio/activity';
import { noopMetricMeter, type Logger } from '@temporalio/common';

const DEFAULT_INFO: Info = {
  taskToken: new Uint8Array(),
  base64TaskToken: '',
  activityId: 'memory',
  activityType: 'memory',
  activityNamespace: 'default',
  attempt: 1,
  isLocal: false,
  workflowNamespace: 'default',
  workflowType: 'memory',
  scheduledTimestampMs: 0,
  scheduleToCloseTimeoutMs: 0,
  startToCloseTimeoutMs: 60_000,
  currentAttemptScheduledTimestampMs: 0,
  heartbeatDetails: undefined,
  taskQueue: 'memory',
  namespace: 'default',
  inWorkflow: true,
};

/** Warnings and errors reach stderr, as the worker's default logger would print them; the rest is quiet. */
const log: Logger = {
  log: (level, message, meta) => (level === 'WARN' || level === 'ERROR') && console.error(level, message, meta ?? ''),
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message, meta) => console.error('WARN', message, meta ?? ''),
  error: (message, meta) => console.error('ERROR', message, meta ?? ''),
};

// Nothing cancels a simulated activity.
const never = new Promise<never>(() => undefined);
const signal = new AbortController().signal;

/** Runs an activity function with the activity info a worker would give it. */
export function runActivity<A extends unknown[], R>(
  info: Pick<Info, 'workflowExecution' | 'scheduledTimestampMs' | 'currentAttemptScheduledTimestampMs'>,
  fn: (...args: A) => Promise<R>,
  ...args: A
): Promise<R> {
  const context = new Context(
    { ...DEFAULT_INFO, ...info },
    never,
    signal,
    () => undefined,
    undefined,
    log,
    noopMetricMeter,
    {},
  );
  return asyncLocalStorage.run(context, fn, ...args);
}
