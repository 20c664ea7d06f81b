// The portal's settings from the environment (docs/CONTRACTS.md): the link/session key shared with
// the worker, where used links are remembered, the mailer for fresh links, OIDC for staff.
import { join } from 'node:path';
import { createSesClient, readEmailConfig } from '../../activities/email/config';
import { readTaskLinkSettings } from '../../activities/email/task-links';
import type { PortalDeps } from '.';
import { sesSignInMailer } from './mailer';
import { readOidcConfig } from './oidc';
import { dynamoUsedLinks, fileUsedLinks, memoryUsedLinks, type UsedLinkStore } from './used-links';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { createLocalHandoffStore, createS3HandoffStore } from '../../activities/handoff';

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
const ZUsedLinksEnv = z.object({
  CASC_USED_LINKS_TABLE: optional(
    z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/, { error: 'CASC_USED_LINKS_TABLE must be a DynamoDB table name' }),
  ),
  DYNAMODB_ENDPOINT: optional(z.url({ protocol: /^https?$/ })),
  AWS_REGION: optional(z.string().min(1)),
});

/**
 * Where used task links are remembered: the DynamoDB table CASC_USED_LINKS_TABLE names (every API
 * instance shares it; moto locally when DYNAMODB_ENDPOINT is set), else a file in the data dir, or
 * memory when the caller has no durable disk (`usedLinksFile: false`).
 */
export function readUsedLinkStore(
  env: Record<string, string | undefined>,
  dataDir: string,
  options: { usedLinksFile?: boolean } = {},
): UsedLinkStore {
  const parsed = ZUsedLinksEnv.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid used-links configuration:\n${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  if (e.CASC_USED_LINKS_TABLE) {
    const client = new DynamoDBClient({
      ...(e.AWS_REGION ? { region: e.AWS_REGION } : {}),
      ...(e.DYNAMODB_ENDPOINT
        ? {
            endpoint: e.DYNAMODB_ENDPOINT,
            region: e.AWS_REGION ?? 'us-west-2',
            credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
          }
        : {}),
    });
    return dynamoUsedLinks({ client, table: e.CASC_USED_LINKS_TABLE });
  }
  return options.usedLinksFile === false ? memoryUsedLinks() : fileUsedLinks(join(dataDir, 'used-links.jsonl'));
}

export function readPortalDeps(
  env: Record<string, string | undefined>,
  dataDir: string,
  options: { usedLinksFile?: boolean } = {},
): PortalDeps {
  const links = readTaskLinkSettings(env, dataDir);
  const email = readEmailConfig(env);
  const oidc = readOidcConfig(env);
  return {
    keys: { secret: links.secret },
    usedLinks: readUsedLinkStore(env, dataDir, options),
    portalUrl: links.portalUrl,
    linkTtlDays: links.ttlDays,
    mailer: sesSignInMailer(createSesClient(email), email.from, email.configurationSet),
    ...(oidc ? { oidc } : {}),
    devSignIn: env.CASC_DEV_SIGN_IN === '1',
    // The same place the worker's record activities write to (activities/records.ts).
    handoffs: env.CASC_BUCKET
      ? createS3HandoffStore({ s3: new S3Client({}), bucket: env.CASC_BUCKET })
      : createLocalHandoffStore(join(dataDir, 'handoffs')),
  };
}
