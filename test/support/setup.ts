// Quiet, deterministic test output: Temporal core logs warnings only; the AWS SDK's Node 20
// end-of-support notice is suppressed (the machine runs Node 20 by design).
import { DefaultLogger, Runtime } from '@temporalio/worker';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // Already installed in this worker process by an earlier test file.
}
