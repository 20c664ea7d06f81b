// Where Temporal is and how to reach it, for every process (API, CLI, worker). Address, namespace
// and API key / mTLS come from @temporalio/envconfig (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE,
// TEMPORAL_API_KEY, TEMPORAL_PROFILE or a config file); the local default is the dev server.
import { Client, Connection } from '@temporalio/client';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import { temporal } from '@temporalio/proto';
import { z } from 'zod';
import { SEARCH_ATTRIBUTE_REGISTRATIONS } from '../workflows/contract';
import { clientDataConverter, payloadCodec, payloadKeysSource, type TPayloadKeysSource } from '../codec/data-converter';

const ZTemporalEnv = z.object({
  CASC_TASK_QUEUE: z.string().min(1).default('casc-induction'),
  CASC_PORTAL_URL: z.url().default('http://127.0.0.1:8787'),
});

export interface TemporalSettings {
  address: string;
  namespace: string;
  taskQueue: string;
  /** Base URL of the dashboard/portal, used in email links. */
  portalUrl: string;
  connectionOptions: ReturnType<typeof loadClientConnectConfig>['connectionOptions'];
  /** Payload encryption keys (CASC_PAYLOAD_KEYS): every client and worker of a deployment shares them. */
  payloadKeys: TPayloadKeysSource;
}

export function temporalSettings(env: NodeJS.ProcessEnv = process.env): TemporalSettings {
  const parsed = ZTemporalEnv.parse(env);
  const { connectionOptions, namespace } = loadClientConnectConfig({ overrideEnvVars: env as Record<string, string> });
  const address = connectionOptions.address ?? '127.0.0.1:7233';
  return {
    address,
    namespace: namespace ?? 'default',
    taskQueue: parsed.CASC_TASK_QUEUE,
    portalUrl: parsed.CASC_PORTAL_URL,
    connectionOptions: { ...connectionOptions, address },
    payloadKeys: payloadKeysSource(env),
  };
}

export async function connectClient(settings: TemporalSettings = temporalSettings()): Promise<Client> {
  const { address, tls, apiKey, metadata } = settings.connectionOptions;
  const connection = await Connection.connect({ address, tls, apiKey, metadata });
  return new Client({
    connection,
    namespace: settings.namespace,
    dataConverter: clientDataConverter(payloadCodec(settings.payloadKeys)),
  });
}

/**
 * Registers the custom search attributes (idempotent). The dev server gets them from its start
 * flags; this serves the time-skipping test server and self-hosted clusters. Temporal Cloud
 * namespaces register them in the Cloud UI/tcld instead (docs/deploy.md).
 */
export async function ensureSearchAttributes(
  connection: Pick<Connection, 'operatorService'>,
  namespace: string,
): Promise<void> {
  const T = temporal.api.enums.v1.IndexedValueType;
  const types = {
    Keyword: T.INDEXED_VALUE_TYPE_KEYWORD,
    Int: T.INDEXED_VALUE_TYPE_INT,
    KeywordList: T.INDEXED_VALUE_TYPE_KEYWORD_LIST,
    Datetime: T.INDEXED_VALUE_TYPE_DATETIME,
  };
  const wanted = Object.fromEntries(
    SEARCH_ATTRIBUTE_REGISTRATIONS.map((r) => r.split('=') as [string, keyof typeof types]).map(([name, type]) => [
      name,
      types[type],
    ]),
  );
  try {
    await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: wanted });
  } catch (err) {
    if (!/already exist/i.test((err as Error).message)) throw err;
  }
}
