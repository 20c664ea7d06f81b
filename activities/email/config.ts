// SES settings from the environment (docs/CONTRACTS.md) and the one SES client a worker uses.
import { SESClient } from '@aws-sdk/client-ses';
import { z } from 'zod';

// An empty variable (common in .env files) means "not set", not "set to nothing".
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const ZEmailEnv = z.object({
  SES_REGION: optional(z.string().min(1)),
  SES_ENDPOINT: optional(z.union([z.url({ protocol: /^https?$/ }), z.literal('aws')])),
  SES_FROM: optional(z.string().min(3).max(320)),
  SES_CONFIGURATION_SET: optional(z.string().min(1).max(64)),
  SES_MAX_SEND_RATE: optional(z.coerce.number().positive().max(10_000)),
  // Set by Lambda and ECS; there the local endpoint default must not apply.
  AWS_EXECUTION_ENV: optional(z.string()),
});

export const ZEmailConfig = z.object({
  region: z.string().min(1),
  /** The local SES mock; unset means the real SES endpoint for the region. */
  endpoint: z.string().optional(),
  from: z.string().min(3),
  configurationSet: z.string().optional(),
  maxSendRate: z.number().positive(),
  /** Attempts by the SDK itself before the activity fails and Temporal's retry policy takes over. */
  maxAttempts: z.int().min(1).max(10),
});
export type TEmailConfig = z.infer<typeof ZEmailConfig>;

export const LOCAL_SES_ENDPOINT = 'http://127.0.0.1:8005';

export function readEmailConfig(env: Record<string, string | undefined> = process.env): TEmailConfig {
  const parsed = ZEmailEnv.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid email configuration:\n${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  const endpoint =
    e.SES_ENDPOINT === 'aws' ? undefined : (e.SES_ENDPOINT ?? (e.AWS_EXECUTION_ENV ? undefined : LOCAL_SES_ENDPOINT));
  return ZEmailConfig.parse({
    region: e.SES_REGION ?? 'us-west-2',
    ...(endpoint ? { endpoint } : {}),
    from: e.SES_FROM ?? 'casc-induction@example.edu',
    ...(e.SES_CONFIGURATION_SET ? { configurationSet: e.SES_CONFIGURATION_SET } : {}),
    maxSendRate: e.SES_MAX_SEND_RATE ?? 14,
    maxAttempts: 3,
  });
}

/**
 * Create once per worker process. An endpoint override means the local mock (aws-ses-v2-local,
 * which only checks that a signature is present), so it gets dummy credentials; without one the
 * SDK's default provider chain finds the task role.
 */
export function createSesClient(config: TEmailConfig): SESClient {
  return new SESClient({
    region: config.region,
    maxAttempts: config.maxAttempts,
    retryMode: 'standard',
    ...(config.endpoint
      ? { endpoint: config.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
}
