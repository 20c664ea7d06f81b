// What CLI commands share: the candidate service over a Temporal client (connected on first use,
// closed at exit), the local data dir, and the audit sink for IIP reads (R-IIP-5).
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { fileAuditSink, type AuditSink } from '../../functions/audit';
import type { CandidateService } from '../../functions/candidates';
import { readApiConfig } from '../../functions/config';
import { createPolicyResolver } from '../../functions/policies';

export interface CliContext {
  candidates(): Promise<CandidateService>;
  policyProblem(policyId: string): string | undefined;
  audit: AuditSink;
  /** Who runs the CLI, as an audit subject (the OS account, not a person's name or email). */
  operator: string;
  close(): Promise<void>;
}

export function createCliContext(env: NodeJS.ProcessEnv = process.env): CliContext {
  const resolvePolicy = createPolicyResolver(env.CASC_POLICY_DIR);
  const config = readApiConfig(env);
  let client: Promise<Client> | undefined;
  let service: CandidateService | undefined;
  return {
    async candidates() {
      // Loaded here, not at the top: only commands that reach Temporal pay for its client.
      const { connectClient, temporalSettings } = await import('../../functions/temporal');
      const { createCandidateService } = await import('../../functions/candidates');
      const settings = temporalSettings(env);
      client ??= connectClient(settings).catch((err: unknown) => {
        throw new Error(
          `cannot reach Temporal at ${settings.address} (${(err as Error).message}); is the local stack running (npm start)?`,
        );
      });
      service ??= createCandidateService({
        client: await client,
        taskQueue: settings.taskQueue,
        portalUrl: settings.portalUrl,
        resolvePolicy,
      });
      return service;
    },
    policyProblem(policyId) {
      try {
        resolvePolicy(policyId);
        return undefined;
      } catch (err) {
        return (err as Error).message;
      }
    },
    audit: fileAuditSink(join(config.dataDir, 'audit.jsonl')),
    operator: `cli:${safeUser()}`,
    async close() {
      if (client) await (await client.catch(() => undefined))?.connection.close();
    },
  };
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
