// `tsx bin/simulate.ts --scenario FILE [--json]`: the simulator on its own (the `casc simulate`
// CLI calls the same runSimulation). Exit codes: 0 done, 1 the scenario or the run failed, 2 usage.
// stdout carries only the report, so `--json | jq` works; Temporal's own warnings go to stderr.
import { parseArgs } from 'node:util';

const USAGE = `usage: tsx bin/simulate.ts --scenario FILE [--engine memory|temporal] [--json]

Runs a roster through a program policy and prints what happened: phase, flags, hours,
assessments, every email with its send time and the timeline. The default engine (memory) runs
the workflows' decision cores on a virtual clock in seconds; --engine temporal runs the real
workflows on the time-skipping Temporal test server and adds each workflow's history length.

  --scenario FILE  scenario JSON (see scenarios/ and design.md, "Scenario files and the simulator")
  --engine NAME    memory (default) or temporal
  --json           print the full report as JSON instead of a summary table
  -h, --help       this text

exit codes: 0 done · 1 invalid scenario or failed run · 2 usage`;

/** Expected in a simulation: the email worker has no workflows, the workflow worker no activities. */
const QUIET = [/^No workflows registered/, /^No activities registered/, /activity_failure_include_heartbeat/];

function usageError(message: string): never {
  console.error(`simulate: ${message}\n\n${USAGE}`);
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  let values: { scenario?: string; engine?: string; json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        scenario: { type: 'string' },
        engine: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    usageError((e as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.scenario) usageError('--scenario FILE is required');
  const { parseEngine, runScenario } = await import('../simulator/engines');
  const engine = parseEngine(values.engine);
  if (!engine) usageError(`--engine must be 'memory' or 'temporal', not '${values.engine}'`);

  // Loaded only now, so usage errors, --help and a bad scenario file answer at once.
  const { loadScenario } = await import('../simulator/scenario');
  loadScenario(values.scenario);
  const { formatSummary } = await import('../simulator/report');
  if (engine === 'temporal') await quietTemporal();
  const report = await runScenario(values.scenario, engine);
  const text = values.json ? JSON.stringify(report, null, 2) : formatSummary(report);
  // Exit only once stdout has drained (a pipe is written asynchronously).
  await new Promise<void>((done) => process.stdout.write(`${text}\n`, () => done()));
}

async function quietTemporal(): Promise<void> {
  const { DefaultLogger, Runtime } = await import('@temporalio/worker');
  Runtime.install({
    // Core's native logs would otherwise go to stdout; forwarded, they land on stderr with ours.
    // Core warnings stay on: a failing workflow task is reported there.
    logger: new DefaultLogger('WARN', (entry) => {
      if (!QUIET.some((re) => re.test(entry.message)))
        process.stderr.write(`[temporal ${entry.level}] ${entry.message}\n`);
    }),
    telemetryOptions: { logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} } },
  });
}

main(process.argv.slice(2)).catch((err: unknown) => {
  // A ScenarioError's message already lists every problem with its path.
  console.error(`simulate: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
