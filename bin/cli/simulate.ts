// casc simulate --scenario FILE: the simulator (simulator/run.ts), loaded only when asked for — it
// brings the Temporal test server and worker, which no other command needs.
import { CliFailure, parse, print, UsageError } from './args';

export const SIMULATE_HELP = `usage: casc simulate --scenario FILE [--json]

Runs a scenario (a roster, a program policy and dated events) on the time-skipping Temporal test
server and prints the report: per candidate phase, flags, hours, assessments, every email and the
timeline. See scenarios/ and design.md ("Scenario files and the simulator").

  --scenario FILE   scenario JSON
  --json            print the full report as JSON
  -h, --help        this text

exit codes: 0 done · 1 invalid scenario or failed run · 2 usage`;

export async function simulateCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, { scenario: { type: 'string' }, json: { type: 'boolean' } }, SIMULATE_HELP);
  if (values.help) return print(false, null, () => SIMULATE_HELP);
  if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`, SIMULATE_HELP);
  if (!values.scenario) throw new UsageError('--scenario FILE is required', SIMULATE_HELP);

  let simulator: typeof import('../../simulator/run');
  try {
    simulator = await import('../../simulator/run');
  } catch (err) {
    throw new CliFailure(`the simulator is not available: ${(err as Error).message}`);
  }
  // Temporal's native logs would otherwise interleave with the report on stdout.
  const { DefaultLogger, Runtime } = await import('@temporalio/worker');
  try {
    Runtime.install({
      logger: new DefaultLogger('WARN', (entry) => process.stderr.write(`[temporal ${entry.level}] ${entry.message}\n`)),
      telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } },
    });
  } catch {
    // already installed
  }
  const report = await simulator.runSimulation({ scenarioFile: values.scenario });
  if (values.json) return print(true, report, () => '');
  const { formatSummary } = await import('../../simulator/report');
  print(false, report, () => formatSummary(report));
}
