// The portal's settings from the environment (docs/CONTRACTS.md): the link/session key shared with
// the worker, where used links are remembered, the mailer for fresh links, OIDC for staff.
import { join } from 'node:path';
import { createSesClient, readEmailConfig } from '../../activities/email/config';
import { readTaskLinkSettings } from '../../activities/email/task-links';
import type { PortalDeps } from '.';
import { sesSignInMailer } from './mailer';
import { readOidcConfig } from './oidc';
import { fileUsedLinks, memoryUsedLinks } from './used-links';
import { S3Client } from '@aws-sdk/client-s3';
import { createLocalHandoffStore, createS3HandoffStore } from '../../activities/handoff';

export function readPortalDeps(env: Record<string, string | undefined>, dataDir: string, options: { usedLinksFile?: boolean } = {}): PortalDeps {
  const links = readTaskLinkSettings(env, dataDir);
  const email = readEmailConfig(env);
  const oidc = readOidcConfig(env);
  return {
    keys: { secret: links.secret },
    usedLinks: options.usedLinksFile === false ? memoryUsedLinks() : fileUsedLinks(join(dataDir, 'used-links.jsonl')),
    portalUrl: links.portalUrl,
    linkTtlDays: links.ttlDays,
    mailer: sesSignInMailer(createSesClient(email), email.from, email.configurationSet),
    ...(oidc ? { oidc } : {}),
    devSignIn: env.CASC_DEV_SIGN_IN === '1',
    // The same place the worker's record activities write to (activities/records.ts).
    handoffs: env.CASC_BUCKET ? createS3HandoffStore({ s3: new S3Client({}), bucket: env.CASC_BUCKET }) : createLocalHandoffStore(join(dataDir, 'handoffs')),
  };
}
