// The API + dashboard in AWS Lambda behind an HTTP API (infra/lib/constructs/program-api.ts). The
// JWT authorizer has validated the token; the app reads its claims and still decides role and
// scope. The Temporal client is made once per execution environment, on the first request, and
// nothing of Temporal but @temporalio/client is imported (test/api/lambda-imports.test.ts).
import { createApp } from './app';
import { consoleAuditSink } from './audit';
import { apiGatewayAuthenticator } from './auth/api-gateway';
import { createCandidateService } from './candidates';
import { lambdaHandlerFor, type FetchApp } from './lambda-adapter';
import { lambdaTemporalClient } from './lambda-temporal';
import { createPolicyResolver } from './policies';

export type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2 } from './lambda-adapter';

async function buildApp(): Promise<FetchApp> {
  const { client, settings } = await lambdaTemporalClient(process.env);
  const candidates = createCandidateService({ client, taskQueue: settings.taskQueue, portalUrl: settings.portalUrl, resolvePolicy: createPolicyResolver() });
  // IIP reads go to the function's log group as structured JSON lines (R-IIP-5).
  return createApp({ candidates, authenticate: apiGatewayAuthenticator, audit: consoleAuditSink() });
}

let app: Promise<FetchApp> | undefined;
const appOnce = () =>
  (app ??= buildApp().catch((err: unknown) => {
    app = undefined; // a bad cold start (secret not readable yet) is retried on the next request
    throw err;
  }));

export const handler = lambdaHandlerFor(appOnce);
