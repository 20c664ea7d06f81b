// Starts the Temporal dev server for a test (TestWorkflowEnvironment.createLocal), giving it a second
// chance when it misses the SDK's start window: sdk-core waits a fixed 5 s for the server to accept
// connections (ephemeral_server, `Duration::from_secs(5)`, not an option), and on this 2-core machine,
// with another test file's servers starting beside it, the dev server has once taken longer (the
// web-ui test, 2026-12-04). Any other failure is thrown at once.
import { TestWorkflowEnvironment } from '@temporalio/testing';

type TLocalOptions = NonNullable<Parameters<typeof TestWorkflowEnvironment.createLocal>[0]>;

const MISSED_START_WINDOW = /did not start within/;
const ATTEMPTS = 3;

export async function createLocalDevServer(options: TLocalOptions): Promise<TestWorkflowEnvironment> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await TestWorkflowEnvironment.createLocal(options);
    } catch (err) {
      if (attempt >= ATTEMPTS || !(err instanceof Error) || !MISSED_START_WINDOW.test(err.message)) throw err;
    }
  }
}
