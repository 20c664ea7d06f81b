// How the API function reaches Temporal Cloud, with @temporalio/client alone (no envconfig, no
// worker code in the bundle): address, namespace and TLS from the environment infra sets, the API
// key from TEMPORAL_API_KEY or from the Secrets Manager secret named by TEMPORAL_API_KEY_SECRET_ARN.
import { Client, Connection } from '@temporalio/client';
import { z } from 'zod';

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const ZLambdaTemporalEnv = z.object({
  TEMPORAL_ADDRESS: z.string({ error: 'TEMPORAL_ADDRESS is required' }).min(3),
  TEMPORAL_NAMESPACE: z.string({ error: 'TEMPORAL_NAMESPACE is required' }).min(1),
  TEMPORAL_API_KEY: optional(z.string().min(1)),
  TEMPORAL_API_KEY_SECRET_ARN: optional(z.string().startsWith('arn:', { error: 'expected a Secrets Manager ARN' })),
  TEMPORAL_TLS: optional(z.enum(['true', 'false'])),
  CASC_TASK_QUEUE: optional(z.string().min(1)),
  CASC_PORTAL_URL: optional(z.url()),
  /** The AWS Parameters and Secrets Lambda Extension's port (its default). */
  PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: optional(z.string().regex(/^\d+$/)),
  AWS_SESSION_TOKEN: optional(z.string()),
});

export interface TLambdaTemporalSettings {
  address: string;
  namespace: string;
  tls: boolean;
  taskQueue: string;
  portalUrl: string;
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
    portalUrl: e.CASC_PORTAL_URL ?? 'http://127.0.0.1:8787',
  };
}

/**
 * The Temporal Cloud API key. TEMPORAL_API_KEY wins; otherwise the secret is read through the AWS
 * Parameters and Secrets Lambda Extension (a layer: localhost HTTP, authenticated by the session
 * token), because @aws-sdk/client-secrets-manager is not a dependency of the project.
 * TODO(infra): attach the extension layer to the API function, or add the SDK client and read the
 * secret with GetSecretValue here.
 */
export async function resolveTemporalApiKey(env: Record<string, string | undefined>, fetchImpl: typeof fetch = fetch): Promise<string | undefined> {
  const e = ZLambdaTemporalEnv.parse(env);
  if (e.TEMPORAL_API_KEY) return e.TEMPORAL_API_KEY;
  if (!e.TEMPORAL_API_KEY_SECRET_ARN) return undefined;
  const port = e.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT ?? '2773';
  const url = `http://localhost:${port}/secretsmanager/get?secretId=${encodeURIComponent(e.TEMPORAL_API_KEY_SECRET_ARN)}`;
  let res: Response;
  try {
    res = await fetchImpl(url, { headers: { 'X-Aws-Parameters-Secrets-Token': e.AWS_SESSION_TOKEN ?? '' } });
  } catch {
    throw new Error(
      'TEMPORAL_API_KEY_SECRET_ARN is set but the AWS Parameters and Secrets Lambda Extension is not reachable ' +
        `(localhost:${port}). Attach the extension layer to the function, or set TEMPORAL_API_KEY.`,
    );
  }
  if (!res.ok) throw new Error(`reading the Temporal API key secret failed: HTTP ${res.status} from the secrets extension`);
  const body = (await res.json()) as { SecretString?: string };
  if (!body.SecretString) throw new Error('the Temporal API key secret has no SecretString');
  return body.SecretString.trim();
}

/** A client whose connection opens on first use, so a cold start answers /health without Temporal. */
export async function lambdaTemporalClient(env: Record<string, string | undefined>): Promise<{ client: Client; settings: TLambdaTemporalSettings }> {
  const settings = lambdaTemporalSettings(env);
  const apiKey = await resolveTemporalApiKey(env);
  const connection = Connection.lazy({ address: settings.address, tls: settings.tls, ...(apiKey ? { apiKey } : {}) });
  return { client: new Client({ connection, namespace: settings.namespace }), settings };
}
