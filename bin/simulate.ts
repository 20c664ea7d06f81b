// `tsx bin/simulate.ts …`: the simulator on its own, the same command as `casc simulate` (its flags,
// what-if included, and exit codes: 0 done, 1 the scenario or the run failed, 2 usage). stdout
// carries only the report, so `--json | jq` works; it exits once stdout has drained.
import { runAndExit } from './cli/main';

runAndExit(['simulate', ...process.argv.slice(2)]);
