// `tsx bin/simulate.ts …`: the simulator on its own, the same command as `casc simulate` (its flags,
// what-if included, and exit codes: 0 done, 1 the scenario or the run failed, 2 usage). stdout
// carries only the report, so `--json | jq` works; it exits once stdout has drained.
import { report, runCli } from './cli/main';

const exitAfterFlush = (code: number) => process.stdout.write('', () => process.exit(code));

runCli(['simulate', ...process.argv.slice(2)]).then(exitAfterFlush, (err: unknown) => exitAfterFlush(report(err)));
