// Gathers a program's weekly digest: lists its running candidate workflows through visibility,
// asks each for its `status`, and groups the answers per coach and per program administrator
// (domain/notifications/digest.ts). Runs on the main task queue; only the workflow decides when.
import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { z } from 'zod';
import { ZProgramId } from '../domain/lifecycle/candidate';
import { ZLocalDate } from '../domain/calendar/dates';
import { buildDigestGroups, type TDigestGroup, type TDigestSource } from '../domain/notifications/digest';
import { CANDIDATE_WORKFLOW_TYPE, SA_PROGRAM, statusQuery } from '../workflows/contract';

export const ZCollectDigestsInput = z.strictObject({ programId: ZProgramId, asOf: ZLocalDate });
export type TCollectDigestsInput = z.infer<typeof ZCollectDigestsInput>;

export interface DigestActivityDeps {
  client: Client;
  /** Status queries in flight at once: each one is a workflow task on a candidate's worker. */
  concurrency?: number;
}

/** The program's running candidates (visibility; the id is checked by ZProgramId before it gets here). */
export function programDigestQuery(programId: string): string {
  const id = ZProgramId.parse(programId);
  if (!/^[A-Za-z0-9_.:-]+$/.test(id)) throw new Error(`refusing to put ${JSON.stringify(id)} into a visibility query`);
  return `${SA_PROGRAM.name} = '${id}' AND ExecutionStatus = 'Running' AND WorkflowType = '${CANDIDATE_WORKFLOW_TYPE}'`;
}

export function createDigestActivities({ client, concurrency = 8 }: DigestActivityDeps) {
  return {
    async collectDigests(input: TCollectDigestsInput): Promise<TDigestGroup[]> {
      const { programId, asOf } = ZCollectDigestsInput.parse(input);
      const ids: string[] = [];
      for await (const execution of client.workflow.list({ query: programDigestQuery(programId) }))
        ids.push(execution.workflowId);

      const sources: TDigestSource[] = [];
      let skipped = 0;
      for (let i = 0; i < ids.length; i += concurrency) {
        Context.current().heartbeat({ done: i });
        const batch = await Promise.all(
          ids.slice(i, i + concurrency).map((id) =>
            client.workflow
              .getHandle(id)
              .query(statusQuery)
              .catch((err: unknown) => {
                // Closed since the listing (visibility lags), or stuck on a failing task: one
                // candidate must not hold back everyone's digest.
                if (!(err instanceof WorkflowNotFoundError))
                  Context.current().log.warn('digest: status query failed', {
                    workflowId: id,
                    error: (err as Error).message,
                  });
                skipped += 1;
                return undefined;
              }),
          ),
        );
        for (const status of batch) if (status) sources.push(status);
      }
      if (ids.length > 0 && sources.length === 0)
        throw new Error(`digest: no candidate of ${programId} answered its status query (${skipped} tried)`);
      return buildDigestGroups(sources, asOf);
    },
  };
}
