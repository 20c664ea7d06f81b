// Every recorded history (scripts/record-histories.ts) must replay against the current workflow
// code: a change that reorders, adds or removes commands for workflows already running fails here,
// not in production. Such a change needs patched() (README, "Changing a workflow safely").
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { temporal } from '@temporalio/proto';
import { DeterminismViolationError } from '@temporalio/workflow';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { bundleWorkflows, workflowBundle } from '../../simulator/time-skipping';

const DIR = resolve(__dirname, 'histories');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

// Files hold protobufjs' JSON form; fromObject turns it back into a History message (with Long
// event ids, which the replayer takes as is).
function load(file: string): temporal.api.history.v1.History {
  return temporal.api.history.v1.History.fromObject(JSON.parse(readFileSync(join(DIR, file), 'utf8')));
}

describe('replay corpus', () => {
  it('has a recorded history for each branch (on track, late admission, withdrawal, year boundary)', () => {
    for (const branch of ['on-track.', 'late-admission.', 'withdrawal.', 'year-boundary.']) {
      expect(files.some((f) => f.startsWith(branch)), `no ${branch}* history: run npx tsx scripts/record-histories.ts`).toBe(true);
    }
    expect(files.some((f) => /\.run2\.json$/.test(f)), 'no run after continue-as-new').toBe(true);
  });

  it('every recorded history replays against the current workflow code', async () => {
    const histories = files.map((file) => ({ workflowId: file.replace(/\.json$/, ''), history: load(file) }));
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle: await workflowBundle() }, histories)) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.name}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('a workflow build that changes the command order fails replay with a DeterminismViolationError', async () => {
    const variant = await bundleWorkflows(resolve(__dirname, 'nondeterministic/index.ts'));
    const file = files.find((f) => f.startsWith('on-track.')) ?? files[0]!;
    await expect(Worker.runReplayHistory({ workflowBundle: variant }, load(file), 'nondeterministic')).rejects.toBeInstanceOf(DeterminismViolationError);
  }, 120_000);
});
