// How the worker process is operated in AWS (infra/lib/constructs/induction-worker-service.ts
// reads the same constants): drain timings, the health endpoint, and the Temporal SDK metrics it
// publishes to CloudWatch.
//
// Metrics path: the SDK's Prometheus exporter listens on 127.0.0.1 only; every minute the worker
// reads it, turns the interval's histogram and counter deltas into CloudWatch Embedded Metric
// Format lines and prints them. The awslogs driver ships stdout to CloudWatch Logs, which extracts
// the metrics (no sidecar, no PutMetricData permission). Only task queue names go into the lines.
// No @temporalio import here: the CDK app imports this file.
import { createServer, type Server } from 'node:http';

/** Drain on deploy. ECS sends SIGTERM, waits `stopTimeoutSeconds`, then SIGKILLs. */
export const WORKER_DRAIN = {
  /** In-flight activities get this long to finish after SIGTERM (Worker shutdownGraceTime), then are cancelled. */
  shutdownGraceSeconds: 45,
  /** The worker gives up waiting and exits (Worker shutdownForceTime). */
  shutdownForceSeconds: 55,
  /** ECS stopTimeout: force time plus a margin to close connections and flush the last metrics. */
  stopTimeoutSeconds: 60,
} as const;

/** Port of the health endpoint (127.0.0.1 only; CASC_HEALTH_PORT). */
export const HEALTH_PORT = 8081;
/** The container health check, the same in the Dockerfile (HEALTHCHECK) and the ECS task definition. */
export const HEALTH_CHECK_COMMAND = [
  'CMD',
  'node',
  '-e',
  `fetch('http://127.0.0.1:${HEALTH_PORT}/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`,
] as const;
export const HEALTH_CHECK_TIMING = {
  intervalSeconds: 30,
  timeoutSeconds: 5,
  retries: 3,
  startPeriodSeconds: 60,
} as const;

/** Where the SDK's Prometheus exporter listens (never outside the task). */
export const PROMETHEUS_ADDRESS = '127.0.0.1:9464';
export const METRICS_INTERVAL_SECONDS = 60;

/** CloudWatch metric names the worker publishes, dimension `TaskQueue`. */
export const WORKER_METRICS = {
  workflowTaskScheduleToStartP95: 'WorkflowTaskScheduleToStartP95',
  activityScheduleToStartP95: 'ActivityScheduleToStartP95',
  workflowTaskFailures: 'WorkflowTaskFailures',
  activityFailures: 'ActivityFailures',
} as const;
export const TASK_QUEUE_DIMENSION = 'TaskQueue';

/** Histogram buckets (ms) for the two schedule-to-start latencies: fine where scaling decides. */
export const LATENCY_BUCKETS_MS = [25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 120000, 300000];
export const SDK_HISTOGRAM_OVERRIDES: Record<string, number[]> = {
  workflow_task_schedule_to_start_latency: LATENCY_BUCKETS_MS,
  activity_schedule_to_start_latency: LATENCY_BUCKETS_MS,
};

export interface TPromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The Prometheus text exposition format, samples only (comments and blank lines skipped). */
export function parsePrometheusText(text: string): TPromSample[] {
  const samples: TPromSample[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const l of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
      labels[l[1]!] = l[2]!.replace(/\\(.)/g, '$1');
    const value = match[3] === '+Inf' ? Infinity : Number(match[3]);
    if (!Number.isNaN(value)) samples.push({ name: match[1]!, labels, value });
  }
  return samples;
}

/**
 * The q-quantile of the observations in cumulative buckets `[upperBound, count]` (as Prometheus'
 * histogram_quantile: linear within the bucket; the highest finite bound if it falls in +Inf).
 * 0 when there were no observations: no task waited.
 */
export function quantileFromBuckets(buckets: [number, number][], q: number): number {
  const sorted = [...buckets].sort((a, b) => a[0] - b[0]);
  const total = sorted.at(-1)?.[1] ?? 0;
  if (total <= 0) return 0;
  const rank = q * total;
  let lower = 0;
  let below = 0;
  for (const [bound, count] of sorted) {
    if (count >= rank) {
      if (bound === Infinity) return lower;
      return count === below ? bound : lower + ((bound - lower) * (rank - below)) / (count - below);
    }
    lower = bound;
    below = count;
  }
  return lower;
}

type TSeries = Map<string, number>;

/** Turns successive scrapes into per-interval EMF documents, one per task queue. */
export class SdkMetricsToEmf {
  private previous: TSeries = new Map();

  constructor(
    private readonly namespace: string,
    private readonly taskQueues: readonly string[],
    private readonly prefix = 'temporal_',
  ) {}

  /** EMF documents for the interval since the previous call (the first call counts from process start). */
  collect(prometheusText: string, now: number): Record<string, unknown>[] {
    const current: TSeries = new Map();
    for (const s of parsePrometheusText(prometheusText)) {
      const queue = s.labels.task_queue;
      if (!queue || !this.taskQueues.includes(queue)) continue;
      const key = `${s.name}|${queue}|${s.labels.le ?? ''}`;
      // Summed over the other labels (workflow/activity type, failure reason, worker type).
      current.set(key, (current.get(key) ?? 0) + s.value);
    }
    const delta = (key: string) => {
      const now_ = current.get(key) ?? 0;
      const before = this.previous.get(key) ?? 0;
      return now_ >= before ? now_ - before : now_; // a reset counts from zero
    };
    const p95 = (histogram: string, queue: string) => {
      const buckets: [number, number][] = [];
      for (const key of current.keys()) {
        const [name, q, le] = key.split('|');
        if (name === `${this.prefix}${histogram}_bucket` && q === queue)
          buckets.push([le === '+Inf' ? Infinity : Number(le), delta(key)]);
      }
      return Math.round(quantileFromBuckets(buckets, 0.95));
    };
    const docs = this.taskQueues.map((queue) => ({
      _aws: {
        Timestamp: now,
        CloudWatchMetrics: [
          {
            Namespace: this.namespace,
            Dimensions: [[TASK_QUEUE_DIMENSION]],
            Metrics: [
              { Name: WORKER_METRICS.workflowTaskScheduleToStartP95, Unit: 'Milliseconds' },
              { Name: WORKER_METRICS.activityScheduleToStartP95, Unit: 'Milliseconds' },
              { Name: WORKER_METRICS.workflowTaskFailures, Unit: 'Count' },
              { Name: WORKER_METRICS.activityFailures, Unit: 'Count' },
            ],
          },
        ],
      },
      [TASK_QUEUE_DIMENSION]: queue,
      [WORKER_METRICS.workflowTaskScheduleToStartP95]: p95('workflow_task_schedule_to_start_latency', queue),
      [WORKER_METRICS.activityScheduleToStartP95]: p95('activity_schedule_to_start_latency', queue),
      [WORKER_METRICS.workflowTaskFailures]: delta(`${this.prefix}workflow_task_execution_failed|${queue}|`),
      [WORKER_METRICS.activityFailures]: delta(`${this.prefix}activity_execution_failed|${queue}|`),
    }));
    this.previous = current;
    return docs;
  }
}

export interface MetricsPublisher {
  /** Scrapes once more and prints the last interval (call before exit). */
  flush(): Promise<void>;
  stop(): void;
}

/** Every `intervalMs`, scrape the SDK's exporter and print one EMF line per task queue to stdout. */
export function startMetricsPublisher(options: {
  namespace: string;
  taskQueues: readonly string[];
  prometheusAddress?: string;
  intervalMs?: number;
  write?: (line: string) => void;
}): MetricsPublisher {
  const emf = new SdkMetricsToEmf(options.namespace, options.taskQueues);
  const url = `http://${options.prometheusAddress ?? PROMETHEUS_ADDRESS}/metrics`;
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const publish = async () => {
    try {
      const text = await (await fetch(url)).text();
      for (const doc of emf.collect(text, Date.now())) write(JSON.stringify(doc));
    } catch (err) {
      console.warn('worker: metrics scrape failed:', err instanceof Error ? err.message : err);
    }
  };
  const timer = setInterval(() => void publish(), options.intervalMs ?? METRICS_INTERVAL_SECONDS * 1000);
  timer.unref();
  return { flush: publish, stop: () => clearInterval(timer) };
}

/** GET /healthz: 200 while `healthy()` (every worker RUNNING), else 503. Bound to 127.0.0.1. */
export async function startHealthServer(port: number, healthy: () => boolean): Promise<Server> {
  const server = createServer((req, res) => {
    const ok = req.url === '/healthz' && healthy();
    res
      .writeHead(req.url === '/healthz' ? (ok ? 200 : 503) : 404, { 'content-type': 'text/plain' })
      .end(ok ? 'ok' : 'unavailable');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  server.unref();
  return server;
}
