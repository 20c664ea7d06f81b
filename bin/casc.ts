// `npm run cli -- <command>`: the operator's command line. It talks to Temporal directly through
// functions/candidates.ts (same validation and error kinds as the API), not through HTTP.
// Exit codes: 0 ok · 1 failure (not found, not allowed now, bad roster, Temporal unreachable) · 2 usage.
import { report, runCli } from './cli/main';

runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => process.exit(report(err)),
);
