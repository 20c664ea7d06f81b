// casc simulate --scenario FILE: the simulator, loaded only when asked for. By default it runs the
// decision cores on the in-memory engine (simulator/memory); `--engine temporal` brings the
// time-skipping Temporal test server and worker (simulator/run.ts), which no other command needs.
import { parse, print, UsageError } from './args';
import { parseEngine, runScenario } from '../../simulator/engines';
import { progressBar } from './progress';

export const SIMULATE_HELP = `usage: casc simulate --scenario FILE [--engine memory|temporal] [--json]

Runs a scenario (a roster, a program policy and dated events) and prints the report: per
candidate phase, flags, hours, assessments, every email with its send time and the timeline. See
scenarios/ and design.md ("Scenario files and the simulator").

  --scenario FILE   scenario JSON
  --engine NAME     memory (default): the workflows' decision cores on a virtual clock, in seconds;
                    temporal: the real workflows on the time-skipping Temporal test server
                    (slower; reports each workflow's history length)
  --json            print the full report as JSON
  -h, --help        this text

exit codes: 0 done · 1 invalid scenario or failed run · 2 usage`;

export async function simulateCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parse(
    argv,
    { scenario: { type: 'string' }, json: { type: 'boolean' }, engine: { type: 'string' } },
    SIMULATE_HELP,
  );
  if (values.help) return print(false, null, () => SIMULATE_HELP);
  if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`, SIMULATE_HELP);
  if (!values.scenario) throw new UsageError('--scenario FILE is required', SIMULATE_HELP);
  const engine = parseEngine(values.engine);
  if (!engine) throw new UsageError(`--engine must be 'memory' or 'temporal', not '${values.engine}'`, SIMULATE_HELP);
  if (engine === 'temporal') await quietTemporal();
  const bar = progressBar('simulate');
  let progress: ReturnType<typeof bar> | undefined;
  const report = await runScenario(values.scenario, engine, (done, total) =>
    (progress ??= bar(total)).update(done, total),
  );
  progress?.finish();
  if (values.json) return print(true, report, () => '');
  const { formatSummary } = await import('../../simulator/report');
  print(false, report, () => formatSummary(report));
}

/** Temporal's native logs would otherwise interleave with the report on stdout. */
async function quietTemporal(): Promise<void> {
  const { DefaultLogger, Runtime } = await import('@temporalio/worker');
  try {
    Runtime.install({
      logger: new DefaultLogger('WARN', (entry) =>
        process.stderr.write(`[temporal ${entry.level}] ${entry.message}\n`),
      ),
      telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } },
    });
  } catch {
    // already installed
  }
}
