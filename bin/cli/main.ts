// The CLI's dispatcher (bin/casc.ts is its entry): runs one command and returns the exit code.
// Commands are loaded on demand: `--help` and usage errors stay quick, and only the commands that
// talk to Temporal load its client.
import { CliFailure, UsageError } from './args';
import { createCliContext } from './context';

const HELP = `usage: casc <command> [options]   (npm run cli -- <command> …)

commands:
  roster import FILE         import a roster (.csv or .json); all rows checked before any starts
  candidates list [filters]  list candidates by program, cohort, phase, flag, overdue
  candidates show KEY        one candidate's status
  event KEY --type T …       record an event of the vocabulary
  simulate --scenario FILE   run a scenario in seconds; --set PATH=VALUE asks "what if"
  report --program P …       the program report of a cohort: summary, CSV or JSON
  token --role R …           mint a local dev token for the API and dashboard

Every command takes --help; most take --json. Temporal is reached through TEMPORAL_ADDRESS,
TEMPORAL_NAMESPACE, TEMPORAL_API_KEY (docs/CONTRACTS.md); the default is the local stack.

exit codes: 0 ok · 1 failure · 2 usage`;

export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${HELP}\n`);
    return command ? 0 : 2;
  }
  const ctx = createCliContext();
  try {
    switch (command) {
      case 'roster':
        await (await import('./roster')).rosterCommand(rest, ctx);
        break;
      case 'candidates':
        await (await import('./candidates')).candidatesCommand(rest, ctx);
        break;
      case 'event':
        await (await import('./event')).eventCommand(rest, ctx);
        break;
      case 'report':
        await (await import('./report')).reportCommand(rest, ctx);
        break;
      case 'simulate':
        await (await import('./simulate')).simulateCommand(rest);
        break;
      case 'token':
        await (await import('./token')).tokenCommand(rest);
        break;
      default:
        throw new UsageError(`unknown command '${command}'`, HELP);
    }
    return 0;
  } catch (err) {
    return report(err);
  } finally {
    await ctx.close();
  }
}

export function report(err: unknown): number {
  if (err instanceof UsageError) {
    process.stderr.write(`casc: ${err.message}\n${err.help ? `\n${err.help}\n` : ''}`);
    return 2;
  }
  if (err instanceof CliFailure) {
    process.stderr.write(`casc: ${err.message}\n${err.details.map((d) => `${d}\n`).join('')}`);
    return 1;
  }
  // The candidate service's errors (functions/candidates.ts ServiceError), by shape: this file
  // does not load the service just to recognise them.
  const service = err as { kind?: string; issues?: { path: string; message: string }[]; message?: string };
  if (err instanceof Error && err.name === 'ServiceError' && typeof service.kind === 'string') {
    const what =
      (
        { notFound: 'not found', conflict: 'not allowed now (nothing changed)', invalid: 'rejected' } as Record<
          string,
          string
        >
      )[service.kind] ?? 'failed';
    process.stderr.write(
      `casc: ${what}: ${err.message}\n${(service.issues ?? []).map((i) => `  - ${i.path}: ${i.message}\n`).join('')}`,
    );
    return 1;
  }
  process.stderr.write(`casc: ${err instanceof Error ? err.message : String(err)}\n`);
  return 1;
}

/**
 * Runs the CLI and exits once stdout has flushed: to a pipe, Node writes asynchronously, and exiting
 * at once cut `simulate --json | jq` off at 64–80 KB (issue 18). The empty write's callback runs
 * after every earlier write has been handed to the OS.
 */
export function runAndExit(argv: string[], run: (argv: string[]) => Promise<number> = runCli): void {
  const exitAfterFlush = (code: number) => process.stdout.write('', () => process.exit(code));
  run(argv).then(exitAfterFlush, (err: unknown) => exitAfterFlush(report(err)));
}
