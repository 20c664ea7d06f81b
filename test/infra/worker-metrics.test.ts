import { describe, expect, it } from 'vitest';
import { SdkMetricsToEmf, parsePrometheusText, quantileFromBuckets } from '../../bin/worker-ops';

// Issue #17.7: the worker turns the SDK's Prometheus output into CloudWatch EMF lines (per minute,
// per task queue). Pure parts here; test/infra/worker-process.test.ts runs the real worker.

const scrape = (wft: Record<string, number>, failed: number, activity: Record<string, number> = {}) =>
  [
    '# HELP temporal_workflow_task_schedule_to_start_latency Latency',
    '# TYPE temporal_workflow_task_schedule_to_start_latency histogram',
    ...Object.entries(wft).map(
      ([le, n]) =>
        `temporal_workflow_task_schedule_to_start_latency_bucket{namespace="default",service_name="temporal-core-sdk",task_queue="q",le="${le}"} ${n}`,
    ),
    ...Object.entries(activity).map(
      ([le, n]) =>
        `temporal_activity_schedule_to_start_latency_bucket{activity_type="sendEmail",task_queue="q-email",le="${le}"} ${n}`,
    ),
    `temporal_workflow_task_execution_failed{failure_reason="Workflow",task_queue="q",workflow_type="a"} ${failed}`,
    `temporal_workflow_task_execution_failed{failure_reason="Workflow",task_queue="q",workflow_type="b"} 1`,
    'temporal_workflow_task_execution_failed{task_queue="someone-else"} 40',
    '',
  ].join('\n');

describe('issue #17.7: SDK metrics to EMF', () => {
  it('parses samples with labels (escaped quotes included) and +Inf', () => {
    expect(parsePrometheusText('# c\nx_bucket{le="+Inf",a="q\\"z"} 3\ny 2.5\n')).toEqual([
      { name: 'x_bucket', labels: { le: '+Inf', a: 'q"z' }, value: 3 },
      { name: 'y', labels: {}, value: 2.5 },
    ]);
  });

  it('p95 by linear interpolation within the bucket, as histogram_quantile; 0 without observations; +Inf → highest finite bound', () => {
    // 100 observations: 90 ≤ 100 ms, 10 in (100, 1000]: rank 95 is halfway into the second bucket.
    expect(
      quantileFromBuckets(
        [
          [100, 90],
          [1000, 100],
          [Infinity, 100],
        ],
        0.95,
      ),
    ).toBe(550);
    expect(
      quantileFromBuckets(
        [
          [100, 0],
          [Infinity, 0],
        ],
        0.95,
      ),
    ).toBe(0);
    expect(
      quantileFromBuckets(
        [
          [100, 1],
          [Infinity, 10],
        ],
        0.95,
      ),
    ).toBe(100);
  });

  it("one EMF document per task queue with the interval's deltas, summed over types, other queues ignored", () => {
    const emf = new SdkMetricsToEmf('CascInduction/prod', ['q', 'q-email']);
    emf.collect(scrape({ '100': 10, '1000': 10, '+Inf': 10 }, 2), 1_000);
    const [main, email] = emf.collect(
      scrape({ '100': 100, '1000': 110, '+Inf': 110 }, 5, { '1000': 4, '+Inf': 4 }),
      61_000,
    );
    // This interval: 90 observations ≤ 100 ms, 10 in (100, 1000]; rank 95 → 100 + 900 × (95 − 90) / 10 = 550.
    expect(main).toEqual({
      _aws: {
        Timestamp: 61_000,
        CloudWatchMetrics: [
          {
            Namespace: 'CascInduction/prod',
            Dimensions: [['TaskQueue']],
            Metrics: [
              { Name: 'WorkflowTaskScheduleToStartP95', Unit: 'Milliseconds' },
              { Name: 'ActivityScheduleToStartP95', Unit: 'Milliseconds' },
              { Name: 'WorkflowTaskFailures', Unit: 'Count' },
              { Name: 'ActivityFailures', Unit: 'Count' },
            ],
          },
        ],
      },
      TaskQueue: 'q',
      WorkflowTaskScheduleToStartP95: 550,
      ActivityScheduleToStartP95: 0,
      WorkflowTaskFailures: 3,
      ActivityFailures: 0,
    });
    // 4 activity observations, all in (0, 1000]: rank 3.8 of 4 → 950 ms.
    expect(email).toMatchObject({
      TaskQueue: 'q-email',
      ActivityScheduleToStartP95: 950,
      WorkflowTaskScheduleToStartP95: 0,
      WorkflowTaskFailures: 0,
    });
  });

  it('an idle interval reports 0, so the scale-in alarm sees data; a restarted counter counts from zero', () => {
    const emf = new SdkMetricsToEmf('N', ['q']);
    emf.collect(scrape({ '100': 5, '+Inf': 5 }, 9), 0);
    expect(emf.collect(scrape({ '100': 5, '+Inf': 5 }, 9), 60_000)[0]).toMatchObject({
      WorkflowTaskScheduleToStartP95: 0,
      WorkflowTaskFailures: 0,
    });
    expect(emf.collect(scrape({ '100': 1, '+Inf': 1 }, 0), 120_000)[0]).toMatchObject({
      WorkflowTaskScheduleToStartP95: 95,
      WorkflowTaskFailures: 1,
    });
  });

  it('the lines carry no ERROR term (the WorkerErrors log filter must not count them)', () => {
    const line = JSON.stringify(new SdkMetricsToEmf('N', ['q']).collect(scrape({ '+Inf': 1 }, 1), 0)[0]);
    expect(line).not.toMatch(/\bERROR\b/);
  });
});
