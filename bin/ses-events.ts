// The SES-events consumer on the local stack: long-polls the SQS queue (moto) that the SNS topic
// (moto) delivers SES bounce and complaint events to, and records them on the candidates'
// workflows. Creates the topic, the queue, its dead-letter queue and the subscription when missing.
// In AWS the same consumer runs as a Lambda function (functions/ses-events/lambda.ts).
//
//   SES_EVENTS_ENDPOINT=http://127.0.0.1:8006 tsx bin/ses-events.ts
//   SES_EVENTS_ENDPOINT=http://127.0.0.1:8006 tsx bin/ses-events.ts simulate-bounce rossier-c001 coach@example.org
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { z } from 'zod';
import { connectClient, temporalSettings } from '../functions/temporal';
import { createCandidateService } from '../functions/candidates';
import { createPolicyResolver } from '../functions/policies';
import { pollOnce } from '../functions/ses-events/queue';
import { ensureSesEventsPlumbing, simulatedBounce } from '../functions/ses-events/plumbing';

const ZEnv = z.object({
  SES_EVENTS_ENDPOINT: z.url({ error: 'SES_EVENTS_ENDPOINT: the SNS/SQS endpoint (moto), e.g. http://127.0.0.1:8006' }),
  SES_EVENTS_TOPIC: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/)
    .default('casc-ses-events'),
  SES_EVENTS_QUEUE: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,80}$/)
    .default('casc-ses-events'),
  AWS_REGION: z.string().default('us-west-2'),
});

async function main() {
  const env = ZEnv.parse(process.env);
  const aws = {
    endpoint: env.SES_EVENTS_ENDPOINT,
    region: env.AWS_REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
  const sns = new SNSClient(aws);
  const sqs = new SQSClient(aws);
  const { queueUrl, topicArn } = await ensureSesEventsPlumbing({
    sns,
    sqs,
    topicName: env.SES_EVENTS_TOPIC,
    queueName: env.SES_EVENTS_QUEUE,
  });
  const [command, key, address] = process.argv.slice(2);
  if (command === 'simulate-bounce') {
    // What SES publishes when a send to `address` for candidate `key` bounces permanently.
    if (!key || !address) throw new Error('usage: tsx bin/ses-events.ts simulate-bounce <candidate key> <address>');
    const { MessageId } = await sns.send(
      new PublishCommand({ TopicArn: topicArn, Message: JSON.stringify(simulatedBounce(key, address)) }),
    );
    console.log(
      `ses-events: published a simulated permanent bounce for ${key} (SNS message ${MessageId}); the consumer records it on its next poll`,
    );
    return;
  }
  // The same Temporal settings and payload keys as the worker and the API.
  const settings = temporalSettings(process.env);
  const client = await connectClient(settings);
  const candidates = createCandidateService({
    client,
    taskQueue: settings.taskQueue,
    portalUrl: process.env.CASC_PORTAL_URL ?? '',
    resolvePolicy: createPolicyResolver(),
  });
  const log = (message: string, meta: Record<string, string | number>) => console.log(message, JSON.stringify(meta));
  console.log(`ses-events: consuming ${queueUrl} (topic ${topicArn})`);
  let stopping = false;
  const stop = () => (stopping = true);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  while (!stopping) {
    try {
      await pollOnce({ sqs, queueUrl, candidates, log, waitSeconds: 5 });
    } catch (err) {
      console.error('ses-events: receive failed', err instanceof Error ? err.message : err);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  await client.connection.close();
}

main().catch((err: unknown) => {
  console.error('ses-events: failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
