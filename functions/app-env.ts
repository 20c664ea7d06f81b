// The Hono environment shared by every route: what the Lambda adapter passes in (the API Gateway
// event, for its authorizer claims) and what the auth middleware sets (the caller).
import type { Context } from 'hono';
import type { TPrincipal } from './auth/principal';
import type { TPortalSession } from './portal/session';

export interface TLambdaBindings {
  /** Present only when the app runs behind API Gateway (functions/lambda.ts). */
  apiGatewayClaims?: Record<string, unknown>;
}

/** `session` is set when the caller came in with the portal's session cookie (browser sign-in). */
export type AppEnv = { Bindings: TLambdaBindings; Variables: { principal: TPrincipal; session?: TPortalSession } };
export type AppContext = Context<AppEnv>;

export type TAuthResult = { principal: TPrincipal } | { error: string };

/** Decides who is calling; never throws for a bad or missing token (that is a 401). */
export type Authenticator = (c: AppContext) => Promise<TAuthResult>;
