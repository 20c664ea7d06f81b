// A fetched workflow history with its payloads decoded, as a codec server shows it to the Web UI:
// the simulator's replay corpus is stored this way, so it stays readable and replays without the
// key of the (long gone) process that recorded it.
import type { Payload, PayloadCodec } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import { ENCRYPTED_ENCODING } from './aes-gcm-codec';

type TNode = Record<string, unknown>;
const isPayload = (v: unknown): v is Payload & TNode => {
  const meta = (v as Payload | null)?.metadata;
  return (
    typeof v === 'object' &&
    v !== null &&
    meta !== null &&
    typeof meta === 'object' &&
    meta.encoding instanceof Uint8Array
  );
};

/** Decodes every encrypted payload of the history in place and returns it. */
export async function decodeHistory<T extends temporal.api.history.v1.IHistory>(
  history: T,
  codecs: readonly PayloadCodec[],
): Promise<T> {
  const found: (Payload & TNode)[] = [];
  const failures: TNode[] = [];
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null || node instanceof Uint8Array) return;
    if (isPayload(node)) {
      if (new TextDecoder().decode(node.metadata!.encoding!) === ENCRYPTED_ENCODING) found.push(node);
      return;
    }
    if ('encodedAttributes' in node && 'message' in node) failures.push(node as TNode);
    for (const value of Object.values(node)) walk(value);
  };
  walk(history);
  let decoded: Payload[] = found;
  for (const codec of [...codecs].reverse()) decoded = await codec.decode(decoded);
  found.forEach((p, i) => {
    p.metadata = decoded[i]!.metadata;
    p.data = decoded[i]!.data;
  });
  // encodeCommonAttributes leaves "Encoded failure" as the message; put the real one back.
  for (const f of failures) {
    const attrs = f.encodedAttributes as Payload | null;
    if (f.message !== 'Encoded failure' || !attrs?.data) continue;
    const { message, stack_trace } = JSON.parse(new TextDecoder().decode(attrs.data)) as {
      message?: string;
      stack_trace?: string;
    };
    f.message = message ?? '';
    f.stackTrace = stack_trace ?? '';
    f.encodedAttributes = null;
  }
  return history;
}
