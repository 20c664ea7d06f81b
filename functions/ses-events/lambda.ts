// The SES-events consumer in AWS Lambda, fed by the SQS queue (infra/lib/constructs/ses-events.ts)
// with ReportBatchItemFailures: a message that fails is retried by SQS and, after five receives,
// lands in the dead-letter queue. It reaches Temporal as the API function does (lazy client, API
// key from Secrets Manager at cold start, payloads encrypted with KMS data keys).
import { createCandidateService } from '../candidates';
import { createSecretReader } from '../lambda-secrets';
import { lambdaTemporalClient } from '../lambda-temporal';
import { createPolicyResolver } from '../policies';
import { handleSqsBatch, type TSqsBatchResponse } from './queue';
import type { SesEventsDeps } from './consumer';

const readSecret = createSecretReader();
let deps: Promise<SesEventsDeps> | undefined;

function build(): Promise<SesEventsDeps> {
  deps ??= (async () => {
    const { client, settings } = await lambdaTemporalClient(process.env, readSecret);
    const candidates = createCandidateService({
      client,
      taskQueue: settings.taskQueue,
      portalUrl: settings.portalUrl ?? '',
      resolvePolicy: createPolicyResolver(),
    });
    return { candidates, log: (message, meta) => console.log(JSON.stringify({ message, ...meta })) };
  })();
  deps.catch(() => (deps = undefined));
  return deps;
}

export async function handler(event: { Records?: { messageId: string; body: string }[] }): Promise<TSqsBatchResponse> {
  return handleSqsBatch(event.Records ?? [], await build());
}
