// The API, dashboard and portal in AWS Lambda behind an HTTP API (infra/lib/constructs/program-api.ts).
// The JWT authorizer (on the JSON API routes only) has validated the token; the app reads its
// claims and still decides role and scope. Browser routes carry the portal's session cookie. At
// cold start the function reads its secrets with the Secrets Manager SDK (cached) and makes a lazy
// Temporal client: `/health` answers without Temporal.
// Nothing of Temporal but @temporalio/client is imported (test/api/lambda-imports.test.ts).
import { createApp } from './app';
import { consoleAuditSink } from './audit';
import { apiGatewayAuthenticator } from './auth/api-gateway';
import { createCandidateService } from './candidates';
import { lambdaHandlerFor, type FetchApp } from './lambda-handler';
import { createSecretReader } from './lambda-secrets';
import { lambdaTemporalClient, resolveTemporalApiKey } from './lambda-temporal';
import { createPolicyResolver } from './policies';
import { readPortalDeps } from './portal/config';
import { S3Client } from '@aws-sdk/client-s3';
import { createS3ObjectStore } from '../activities/object-store';

const readSecret = createSecretReader();

async function buildApp(origin: string): Promise<FetchApp> {
  const { client, settings } = await lambdaTemporalClient(process.env, readSecret);
  // Links in what the API starts point at CASC_PORTAL_URL (infra sets it); else where this request came.
  const portalUrl = settings.portalUrl ?? origin;
  const candidates = createCandidateService({
    client,
    taskQueue: settings.taskQueue,
    portalUrl,
    resolvePolicy: createPolicyResolver(),
  });
  // The portal needs the link key the worker signs task links with (infra: CASC_LINK_SECRET_ARN).
  // Without one it is left out rather than given a key of its own that no email link would match.
  const linkSecretArn = process.env.CASC_LINK_SECRET_ARN;
  const portal = linkSecretArn
    ? // Used links: the DynamoDB table every instance shares (infra sets CASC_USED_LINKS_TABLE);
      // without it, per execution environment only (no durable disk here; docs/deploy.md).
      readPortalDeps(
        { ...process.env, CASC_PORTAL_URL: portalUrl, CASC_LINK_SECRET: await readSecret(linkSecretArn) },
        '/tmp',
        { usedLinksFile: false },
      )
    : undefined;
  // IIP reads go to the function's log group as structured JSON lines (R-IIP-5).
  // Reports read the archives the worker writes to the records bucket (closed candidates count too).
  const bucket = process.env.CASC_BUCKET;
  const reports = {
    resolvePolicy: createPolicyResolver(),
    ...(bucket ? { archives: createS3ObjectStore({ s3: new S3Client({}), bucket, prefix: 'archives/' }) } : {}),
  };
  return createApp({
    candidates,
    authenticate: apiGatewayAuthenticator,
    audit: consoleAuditSink(),
    reports,
    ...(portal ? { portal } : {}),
  });
}

// Start reading the secrets during the init phase; a failure here is retried by the first request.
if (process.env.TEMPORAL_API_KEY_SECRET_ARN) resolveTemporalApiKey(process.env, readSecret).catch(() => undefined);
if (process.env.CASC_LINK_SECRET_ARN) readSecret(process.env.CASC_LINK_SECRET_ARN).catch(() => undefined);

export const handler = lambdaHandlerFor(buildApp);
