// Every route but /health and /openapi.json needs a caller. API routes answer 401 JSON; dashboard
// pages answer a short HTML page saying how to get a local token.
import type { MiddlewareHandler } from 'hono';
import type { AppContext, AppEnv, Authenticator } from '../app-env';
import { authorize, type TAction } from './policy';

export function requireCaller(
  authenticate: Authenticator,
  onDashboardDenied: (c: AppContext, message: string) => Response,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const result = await authenticate(c);
    if ('error' in result) {
      if (c.req.path.startsWith('/dashboard') || c.req.path.startsWith('/reports'))
        return onDashboardDenied(c, result.error);
      c.header('WWW-Authenticate', 'Bearer');
      return c.json({ error: result.error }, 401);
    }
    c.set('principal', result.principal);
    await next();
  };
}

/** The policy's answer as a JSON response when it says no; undefined when allowed. */
export function deniedJson(c: AppContext, action: TAction): Response | undefined {
  const decision = authorize(c.get('principal'), action);
  return decision.allow ? undefined : c.json({ error: decision.reason }, decision.status);
}
