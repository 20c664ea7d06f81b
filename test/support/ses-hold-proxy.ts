// A pass-through HTTP proxy in front of aws-ses-v2-local that can hold back SES's answer to one
// send: the message is delivered (it is in the store) but the worker never hears the MessageId.
// That is the exact moment a crash turns into a double send if nothing guards it, so a test can
// kill the worker there deterministically instead of hoping a kill lands in a millisecond window.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SesHoldProxy {
  endpoint: string;
  /** Sends forwarded so far (SendEmail / SendRawEmail requests that reached SES). */
  sends(): number;
  /**
   * Holds SES's answer to the `nth` send from now on (1 = the next one). Resolves once SES has
   * accepted that message and its answer is being withheld.
   */
  holdAnswerTo(nth: number): Promise<void>;
  /** Drops the withheld answer (its connection is reset) and passes everything through again. */
  release(): void;
  stop(): Promise<void>;
}

export async function startSesHoldProxy(upstream: string): Promise<SesHoldProxy> {
  const target = new URL(upstream);
  let sends = 0;
  let holdAt: number | undefined;
  let onHeld: (() => void) | undefined;
  const held: ServerResponse[] = [];

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const isSend = req.method === 'POST' && /Action=Send(Raw)?Email/.test(body.toString('latin1'));
      const n = isSend ? ++sends : 0;
      const up = request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: target.host },
        },
        (upRes) => {
          const answer: Buffer[] = [];
          upRes.on('data', (c: Buffer) => answer.push(c));
          upRes.on('end', () => {
            if (isSend && holdAt !== undefined && n === holdAt) {
              held.push(res);
              onHeld?.();
              return;
            }
            res.writeHead(upRes.statusCode ?? 502, upRes.headers);
            res.end(Buffer.concat(answer));
          });
        },
      );
      up.on('error', (err) => {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`proxy: ${err.message}`);
      });
      up.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    sends: () => sends,
    holdAnswerTo(nth) {
      holdAt = sends + nth;
      return new Promise<void>((resolve) => (onHeld = resolve));
    },
    release() {
      holdAt = undefined;
      onHeld = undefined;
      for (const res of held.splice(0)) res.destroy();
    },
    async stop() {
      for (const res of held.splice(0)) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
