// How the API function reaches Temporal Cloud, with @temporalio/client alone (no envconfig, no
// worker code in the bundle): address, namespace and TLS from the environment infra sets, the API
// key from TEMPORAL_API_KEY or from the Secrets Manager secret named by TEMPORAL_API_KEY_SECRET_ARN
// (read with the SDK at cold start: functions/lambda-secrets.ts).
import { Client, Connection } from '@temporalio/client';
import { z } from 'zod';
import { clientDataConverter, lambdaPayloadCodec } from '../codec/data-converter';
import type { SecretReader } from './lambda-secrets';

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const ZLambdaTemporalEnv = z.object({
  TEMPORAL_ADDRESS: z.string({ error: 'TEMPORAL_ADDRESS is required' }).min(3),
  TEMPORAL_NAMESPACE: z.string({ error: 'TEMPORAL_NAMESPACE is required' }).min(1),
  TEMPORAL_API_KEY: optional(z.string().min(1)),
  TEMPORAL_API_KEY_SECRET_ARN: optional(z.string().startsWith('arn:', { error: 'expected a Secrets Manager ARN' })),
  TEMPORAL_TLS: optional(z.enum(['true', 'false'])),
  CASC_TASK_QUEUE: optional(z.string().min(1)),
  CASC_PORTAL_URL: optional(z.url()),
});

export interface TLambdaTemporalSettings {
  address: string;
  namespace: string;
  tls: boolean;
  taskQueue: string;
  /** CASC_PORTAL_URL; unset means the URL the request came to (functions/lambda.ts). */
  portalUrl?: string;
}

export function lambdaTemporalSettings(env: Record<string, string | undefined>): TLambdaTemporalSettings {
  const parsed = ZLambdaTemporalEnv.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid Temporal configuration:\n${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  const hasKey = Boolean(e.TEMPORAL_API_KEY ?? e.TEMPORAL_API_KEY_SECRET_ARN);
  return {
    address: e.TEMPORAL_ADDRESS,
    namespace: e.TEMPORAL_NAMESPACE,
    tls: e.TEMPORAL_TLS ? e.TEMPORAL_TLS === 'true' : hasKey,
    taskQueue: e.CASC_TASK_QUEUE ?? 'casc-induction',
    ...(e.CASC_PORTAL_URL ? { portalUrl: e.CASC_PORTAL_URL.replace(/\/$/, '') } : {}),
  };
}

/** The Temporal Cloud API key: TEMPORAL_API_KEY, else the secret TEMPORAL_API_KEY_SECRET_ARN names. */
export async function resolveTemporalApiKey(
  env: Record<string, string | undefined>,
  readSecret: SecretReader,
): Promise<string | undefined> {
  const e = ZLambdaTemporalEnv.parse(env);
  if (e.TEMPORAL_API_KEY) return e.TEMPORAL_API_KEY;
  if (!e.TEMPORAL_API_KEY_SECRET_ARN) return undefined;
  try {
    return await readSecret(e.TEMPORAL_API_KEY_SECRET_ARN);
  } catch (error) {
    // The secret's name only, never its value.
    throw new Error(
      `reading the Temporal API key secret (TEMPORAL_API_KEY_SECRET_ARN) failed: ${error instanceof Error ? error.name + ': ' + error.message : String(error)}`,
    );
  }
}

/** A client whose connection opens on first use, so a cold start answers /health without Temporal. */
export async function lambdaTemporalClient(
  env: Record<string, string | undefined>,
  readSecret: SecretReader,
): Promise<{ client: Client; settings: TLambdaTemporalSettings }> {
  const settings = lambdaTemporalSettings(env);
  const apiKey = await resolveTemporalApiKey(env, readSecret);
  const connection = Connection.lazy({ address: settings.address, tls: settings.tls, ...(apiKey ? { apiKey } : {}) });
  // Payload keys: KMS data keys (CASC_PAYLOAD_KEYS=kms:<key-arn>); KMS is asked on first use only.
  const dataConverter = clientDataConverter(lambdaPayloadCodec(env));
  return { client: new Client({ connection, namespace: settings.namespace, dataConverter }), settings };
}
