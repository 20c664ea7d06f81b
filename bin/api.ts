// The local API + dashboard server (@hono/node-server). In AWS the same app runs in Lambda.
// Tokens are local HS256 dev tokens (AUTH_DEV_SECRET or <CASC_DATA_DIR>/dev-jwt-secret); IIP reads
// are audited to <CASC_DATA_DIR>/audit.jsonl.
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from '../functions/app';
import { fileAuditSink } from '../functions/audit';
import { loadOrCreateDevSecret, localJwtAuthenticator } from '../functions/auth/local-jwt';
import { createCandidateService } from '../functions/candidates';
import { readApiConfig } from '../functions/config';
import { createPolicyResolver } from '../functions/policies';
import { connectClient, temporalSettings } from '../functions/temporal';
import { readPortalDeps } from '../functions/portal/config';
import { payloadCodec } from '../codec/data-converter';
import { createLocalObjectStore } from '../activities/object-store';

async function main() {
  const settings = temporalSettings();
  const config = readApiConfig();
  const client = await connectClient(settings);
  const candidates = createCandidateService({
    client,
    taskQueue: settings.taskQueue,
    portalUrl: settings.portalUrl,
    resolvePolicy: createPolicyResolver(),
  });
  const secret = loadOrCreateDevSecret(config.dataDir, config.devSecret);
  const app = createApp({
    candidates,
    authenticate: localJwtAuthenticator({ secret, issuer: config.issuer, audience: config.audience }),
    audit: fileAuditSink(join(config.dataDir, 'audit.jsonl')),
    portal: readPortalDeps(process.env, config.dataDir),
    reports: {
      archives: createLocalObjectStore(join(config.dataDir, 'archives')),
      resolvePolicy: createPolicyResolver(process.env.CASC_POLICY_DIR),
    },
    codec: {
      codec: payloadCodec(settings.payloadKeys),
      uiOrigins: [
        `http://127.0.0.1:${process.env.TEMPORAL_UI_PORT ?? 8233}`,
        `http://localhost:${process.env.TEMPORAL_UI_PORT ?? 8233}`,
      ],
    },
  });
  const port = Number(process.env.API_PORT ?? 8787);
  const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
  console.log(
    `api: listening on http://127.0.0.1:${port} (portal: /portal, dashboard: /dashboard, OpenAPI: /openapi.json)`,
  );
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error('api: failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
