// API Gateway HTTP API (payload 2.0) events into the Hono app, with hono/aws-lambda's `handle`.
// The app itself is built on the first request (cold start: secrets read, lazy Temporal client),
// so the handler is a thin outer app that builds it once and hands each request on with the JWT
// authorizer's claims as the `apiGatewayClaims` binding (functions/auth/api-gateway.ts).
import { Hono } from 'hono';
import { handle, type ApiGatewayRequestContextV2 } from 'hono/aws-lambda';
import type { TLambdaBindings } from './app-env';

export interface FetchApp {
  fetch(request: Request, env: TLambdaBindings): Response | Promise<Response>;
}

/** What `handle` binds: the event's requestContext (v2 for an HTTP API). */
type TOuterEnv = { Bindings: { requestContext?: Partial<ApiGatewayRequestContextV2> } };

/**
 * A Lambda handler serving the app `build` makes (once; a failed build is retried on the next
 * request). `origin` is the URL the request came to, for links when CASC_PORTAL_URL is unset.
 */
export function lambdaHandlerFor(build: (origin: string) => FetchApp | Promise<FetchApp>) {
  let app: Promise<FetchApp> | undefined;
  const appOnce = (origin: string) =>
    (app ??= Promise.resolve()
      .then(() => build(origin))
      .catch((error: unknown) => {
        app = undefined;
        throw error;
      }));

  const outer = new Hono<TOuterEnv>();
  outer.all('*', async (c) => {
    const inner = await appOnce(new URL(c.req.url).origin);
    const claims = c.env.requestContext?.authorizer?.jwt?.claims;
    return inner.fetch(c.req.raw, claims ? { apiGatewayClaims: claims } : {});
  });
  // A cold start that cannot finish (a secret not readable yet) answers 503, even for /health:
  // the function cannot serve. The log names the error, never a secret's value.
  outer.onError((error, c) => {
    console.error(
      `lambda: starting the app failed: ${error instanceof Error ? `${error.name}: ${error.message}` : 'error'}`,
    );
    return c.json({ error: 'the service is starting or misconfigured; try again shortly' }, 503);
  });
  return handle(outer);
}
