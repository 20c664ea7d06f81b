// `npm run cli -- <command>`: the operator's command line. It talks to Temporal directly through
// functions/candidates.ts (same validation and error kinds as the API), not through HTTP.
// Exit codes: 0 ok · 1 failure (not found, not allowed now, bad roster, Temporal unreachable) · 2 usage.
import { report, runCli } from './cli/main';

/**
 * Exits once stdout has flushed: to a pipe, Node writes asynchronously, and exiting at once cut
 * `simulate --json | jq` off at 64–80 KB (issue 18). The empty write's callback runs after every
 * earlier write has been handed to the OS.
 */
const exitAfterFlush = (code: number) => process.stdout.write('', () => process.exit(code));

runCli(process.argv.slice(2)).then(exitAfterFlush, (err: unknown) => exitAfterFlush(report(err)));
