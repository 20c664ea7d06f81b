// The local API + dashboard server (@hono/node-server). In AWS the same app runs in Lambda.
import { serve } from '@hono/node-server';
import { createApp } from '../functions/app';
import { createCandidateService } from '../functions/candidates';
import { createPolicyResolver } from '../functions/policies';
import { connectClient, temporalSettings } from '../functions/temporal';

async function main() {
  const settings = temporalSettings();
  const client = await connectClient(settings);
  const candidates = createCandidateService({ client, taskQueue: settings.taskQueue, portalUrl: settings.portalUrl, resolvePolicy: createPolicyResolver() });
  const port = Number(process.env.API_PORT ?? 8787);
  const server = serve({ fetch: createApp({ candidates }).fetch, port, hostname: '127.0.0.1' });
  console.log(`api: listening on http://127.0.0.1:${port}`);
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error('api: failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
