// Which payload keys a process uses (CASC_PAYLOAD_KEYS) and the data converters built on them:
// one for clients (an instance, so the Lambda bundle needs no file paths) and one for workers
// (the failure converter by path, as the SDK requires for the workflow sandbox).
import { resolve } from 'node:path';
import { KMSClient } from '@aws-sdk/client-kms';
import {
  DefaultFailureConverter,
  defaultPayloadConverter,
  type DataConverter,
  type LoadedDataConverter,
  type PayloadCodec,
} from '@temporalio/common';
import { z } from 'zod';
import { AesGcmCodec } from './aes-gcm-codec';
import { fileKeyProvider, memoryKeyProvider } from './keys';
import { kmsKeyProvider } from './kms';

export type TPayloadKeysSource = { kind: 'file'; path: string } | { kind: 'kms'; keyId: string };

const ZPayloadKeysEnv = z.object({
  CASC_PAYLOAD_KEYS: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^(file:.+|kms:arn:aws[a-z-]*:kms:.+)$/, {
        error: 'CASC_PAYLOAD_KEYS must be file:<path> or kms:<KMS key ARN>',
      })
      .optional(),
  ),
  CASC_DATA_DIR: z.string().min(1).default('.data'),
});

/** CASC_PAYLOAD_KEYS=file:<path> | kms:<key-arn>; by default the key file under CASC_DATA_DIR. */
export function payloadKeysSource(env: Record<string, string | undefined> = process.env): TPayloadKeysSource {
  const parsed = ZPayloadKeysEnv.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid payload key configuration:\n${z.prettifyError(parsed.error)}`);
  const spec = parsed.data.CASC_PAYLOAD_KEYS;
  if (spec?.startsWith('kms:')) return { kind: 'kms', keyId: spec.slice('kms:'.length) };
  return {
    kind: 'file',
    path: resolve(spec ? spec.slice('file:'.length) : resolve(parsed.data.CASC_DATA_DIR, 'payload-keys.json')),
  };
}

const codecs = new Map<string, AesGcmCodec>();
/** The codec for a key source, one per source per process (so KMS data keys are cached process-wide). */
export function payloadCodec(source: TPayloadKeysSource, deps: { kms?: Pick<KMSClient, 'send'> } = {}): PayloadCodec {
  const id = source.kind === 'file' ? `file:${source.path}` : `kms:${source.keyId}`;
  let codec = codecs.get(id);
  if (!codec) {
    codec = new AesGcmCodec(
      source.kind === 'file'
        ? fileKeyProvider(source.path)
        : kmsKeyProvider({ kms: deps.kms ?? new KMSClient({}), keyId: source.keyId }),
    );
    if (!deps.kms) codecs.set(id, codec);
  }
  return codec;
}

/**
 * The API function's codec: KMS keys from CASC_PAYLOAD_KEYS. A function has no durable disk for a
 * key file, so without the variable it still boots (/health needs no Temporal) and every payload
 * operation fails with this message instead of inventing a key nobody else holds.
 */
export function lambdaPayloadCodec(env: Record<string, string | undefined>): PayloadCodec {
  const source = env.CASC_PAYLOAD_KEYS ? payloadKeysSource(env) : undefined;
  if (source?.kind === 'kms') return payloadCodec(source);
  const refuse = async (): Promise<never> => {
    throw new Error(
      'CASC_PAYLOAD_KEYS must be kms:<KMS key ARN> for the API function (payload encryption keys; docs/CONTRACTS.md)',
    );
  };
  return { encode: refuse, decode: refuse };
}

/** Where workers load the failure converter from (encrypted failure messages). */
export const FAILURE_CONVERTER_PATH = resolve(__dirname, 'failure-converter.js');

/** For Client / TestWorkflowEnvironment: payloads, memos, query answers and failures through the codec. */
export function clientDataConverter(codec: PayloadCodec): LoadedDataConverter {
  return {
    payloadConverter: defaultPayloadConverter,
    failureConverter: new DefaultFailureConverter({ encodeCommonAttributes: true }),
    payloadCodecs: [codec],
  };
}

/** For Worker.create (and bundleWorkflowCode's failureConverterPath). */
export function workerDataConverter(codec: PayloadCodec): DataConverter {
  return { payloadCodecs: [codec], failureConverterPath: FAILURE_CONVERTER_PATH };
}

let simulation: PayloadCodec | undefined;
/**
 * The codec of the simulator and the time-skipping tests: real AES-GCM with a key held in memory,
 * since their server lives and dies with the process. Every client and worker of one process
 * shares it.
 */
export function simulationCodec(): PayloadCodec {
  simulation ??= new AesGcmCodec(memoryKeyProvider());
  return simulation;
}

/** simulationCodec() for Worker.create on the time-skipping env (and the dev servers of tests and benches). */
export function simulationWorkerDataConverter(): DataConverter {
  return workerDataConverter(simulationCodec());
}
