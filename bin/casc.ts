// `npm run cli -- <command>`: the operator's command line. It talks to Temporal directly through
// functions/candidates.ts (same validation and error kinds as the API), not through HTTP.
// Exit codes: 0 ok · 1 failure (not found, not allowed now, bad roster, Temporal unreachable) · 2 usage.
import { runAndExit } from './cli/main';

runAndExit(process.argv.slice(2));
