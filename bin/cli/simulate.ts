// casc simulate --scenario FILE: the simulator, loaded only when asked for. By default it runs the
// decision cores on the in-memory engine (simulator/memory); `--engine temporal` brings the
// time-skipping Temporal test server and worker (simulator/run.ts), which no other command needs.
// With `--set PATH=VALUE` it answers a what-if: the scenario under its policy and under the changed
// one, and what changes (simulator/what-if.ts).
import { CliFailure, parse, print, UsageError } from './args';
import { parseEngine, runScenario, type TEngine } from '../../simulator/engines';
import type { TProgramPolicy } from '../../domain/policy/policy';
import type { TScenario } from '../../simulator/scenario';
import { progressBar } from './progress';

export const SIMULATE_HELP = `usage: casc simulate --scenario FILE [--set PATH=VALUE …] [--policy NAME|FILE] [--engine memory|temporal] [--json]

Runs a scenario (a roster, a program policy and dated events) and prints the report: per
candidate phase, flags, hours, assessments, every email with its send time and the timeline. See
scenarios/ and design.md ("Scenario files and the simulator").

  --scenario FILE   scenario JSON
  --set PATH=VALUE  what if the program's policy said VALUE at PATH? Runs the scenario twice, as its
                    policy stands and changed, and prints what changes for each candidate: phase,
                    flags, key dates, refused events, emails that move, go or no longer go.
                    Repeatable. VALUE is JSON (4, false, [7,2]) or else text (09:00). Examples:
                      --set portfolio.presentationMonth=4      the panel in April
                      --set reminders.daysBefore=[7]           one reminder, a week before
                      --set notifications.remindOnWorkdays=false
  --policy NAME|FILE  what if the program ran another policy (a built-in such as ctc-standard, or a
                    policy JSON file)? Compared the same way, with every setting that differs;
                    --set then changes that policy.
  --engine NAME     memory (default): the workflows' decision cores on a virtual clock, in seconds;
                    temporal: the real workflows on the time-skipping Temporal test server
                    (slower; reports each workflow's history length)
  --json            print the full report (or the what-if comparison) as JSON
  -h, --help        this text

exit codes: 0 done · 1 invalid scenario or --policy file, or failed run · 2 usage (a bad --set included)`;

export async function simulateCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parse(
    argv,
    {
      scenario: { type: 'string' },
      json: { type: 'boolean' },
      engine: { type: 'string' },
      set: { type: 'string', multiple: true },
      policy: { type: 'string' },
    },
    SIMULATE_HELP,
  );
  if (values.help) return print(false, null, () => SIMULATE_HELP);
  if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`, SIMULATE_HELP);
  if (!values.scenario) throw new UsageError('--scenario FILE is required', SIMULATE_HELP);
  const engine = parseEngine(values.engine);
  if (!engine) throw new UsageError(`--engine must be 'memory' or 'temporal', not '${values.engine}'`, SIMULATE_HELP);
  if (values.set?.length || values.policy !== undefined)
    return whatIf(values.scenario, engine, { set: values.set ?? [], policy: values.policy }, values.json);
  if (engine === 'temporal') await quietTemporal();
  const report = await run(values.scenario, engine, 'simulate');
  if (values.json) return print(true, report, () => '');
  const { formatSummary } = await import('../../simulator/report');
  print(false, report, () => formatSummary(report));
}

async function whatIf(
  file: string,
  engine: TEngine,
  change: { set: string[]; policy: string | undefined },
  json: boolean | undefined,
): Promise<void> {
  const { loadScenario } = await import('../../simulator/scenario');
  const { applySettings, compareRuns, formatWhatIf, policyDifferences, SettingError } =
    await import('../../simulator/what-if');
  // A bad scenario or policy file fails as a bad scenario does (exit 1); a bad setting is a usage error; both before any run.
  const loaded = loadScenario(file);
  const other = change.policy === undefined ? loaded.policy : await otherPolicy(change.policy);
  let policy = other;
  try {
    if (change.set.length) policy = applySettings(other, change.set).policy;
  } catch (e) {
    if (e instanceof SettingError)
      throw new UsageError(`invalid --set:\n${e.problems.map((p) => `  - ${p}`).join('\n')}`, SIMULATE_HELP);
    throw e;
  }
  const settings = policyDifferences(loaded.policy, policy);
  if (!settings.length)
    throw new UsageError(
      `nothing to compare: the changed policy decides everything as ${loaded.policy.id} does`,
      SIMULATE_HELP,
    );
  if (engine === 'temporal') await quietTemporal();
  const before = await run(file, engine, 'as it is', loaded);
  const after = await run(file, engine, 'what if  ', { scenario: loaded.scenario, policy });
  const comparison = compareRuns(settings, before, after);
  print(json, comparison, () => formatWhatIf(comparison));
}

/** `--policy`: a built-in by id, or a policy JSON file, validated like a scenario's policyFile. */
async function otherPolicy(nameOrFile: string): Promise<TProgramPolicy> {
  const { BUILTIN_POLICY_IDS, getBuiltinPolicy, parsePolicy, PolicyError } = await import('../../domain/policy/policy');
  if (BUILTIN_POLICY_IDS.includes(nameOrFile)) return getBuiltinPolicy(nameOrFile);
  const { readFileSync } = await import('node:fs');
  let text: string;
  try {
    text = readFileSync(nameOrFile, 'utf8');
  } catch (e) {
    throw new CliFailure(
      `--policy ${nameOrFile}: neither a built-in policy (${BUILTIN_POLICY_IDS.join(', ')}) nor a readable file: ${(e as Error).message}`,
    );
  }
  try {
    return parsePolicy(text);
  } catch (e) {
    if (e instanceof PolicyError) throw new CliFailure(`--policy ${nameOrFile}: ${e.message}`);
    throw e;
  }
}

function run(file: string, engine: TEngine, label: string, loaded?: { scenario: TScenario; policy: TProgramPolicy }) {
  const bar = progressBar(label);
  let progress: ReturnType<typeof bar> | undefined;
  return runScenario(file, engine, {
    onProgress: (done, total) => (progress ??= bar(total)).update(done, total),
    ...(loaded ? { loaded } : {}),
  }).finally(() => progress?.finish());
}

/** Expected in a simulation: the email worker has no workflows, the workflow worker no activities. */
const QUIET = [/^No workflows registered/, /^No activities registered/, /activity_failure_include_heartbeat/];

/** Temporal's native logs would otherwise interleave with the report on stdout; warnings go to stderr. */
async function quietTemporal(): Promise<void> {
  const { DefaultLogger, Runtime } = await import('@temporalio/worker');
  try {
    Runtime.install({
      logger: new DefaultLogger('WARN', (entry) => {
        if (!QUIET.some((re) => re.test(entry.message)))
          process.stderr.write(`[temporal ${entry.level}] ${entry.message}\n`);
      }),
      telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } },
    });
  } catch {
    // already installed
  }
}
