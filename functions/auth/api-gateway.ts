// In AWS the HTTP API's JWT authorizer has already checked signature, issuer, audience and expiry;
// the Lambda adapter hands its claims to the app, which still decides role and scope itself.
import type { Authenticator } from '../app-env';
import { principalFromClaims } from './principal';

export const apiGatewayAuthenticator: Authenticator = async (c) => {
  const claims = c.env?.apiGatewayClaims;
  if (!claims) return { error: 'no JWT authorizer claims on the request' };
  // Roles from Cognito groups and scope from admin-only attributes only (principal.ts).
  return principalFromClaims(claims, 'identityProvider');
};
