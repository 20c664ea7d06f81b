// When a candidate's workflow ends, its whole record is archived: Temporal keeps a closed history
// only for the namespace's retention period, and the program must keep the CTC evidence for years.
// Write-once under `.data/archives/<key>/<date>.json` locally or `archives/` in the records bucket
// (which moves it to Glacier after a year). A retried activity finds its own archive and stops.
import { ApplicationFailure } from '@temporalio/common';
import type { S3Client } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { ZLocalDate } from '../domain/calendar/dates';
import { ZCandidateKeyText } from '../domain/recommendation/handoff';
import { createLocalObjectStore, createS3ObjectStore, type ObjectStore, type TPutResult } from './object-store';

export const ARCHIVE_INVALID = 'ArchiveInvalid';

export const ZArchiveInput = z.strictObject({
  key: ZCandidateKeyText,
  /** The whole record as the workflow holds it (plain JSON). */
  record: z.unknown().refine((r) => r !== undefined, { error: 'a record is required' }),
  /**
   * The workflow's (deterministic) date; pass it so a retry on a later day still finds the same
   * archive. Defaults to the activity's UTC date.
   */
  archivedOn: ZLocalDate.optional(),
  /** Which workflow's record: the candidate's (default, `<date>.json`) or a child's (`<date>.<source>.json`). */
  source: z.enum(['candidate', 'recommendation']).default('candidate'),
});
export type TArchiveInput = z.input<typeof ZArchiveInput>;

export interface ArchiveStore {
  put(path: string, body: string): Promise<TPutResult>;
}

function archiveStore(objects: ObjectStore): ArchiveStore {
  return { put: (path, body) => objects.putIfAbsent(path, body, 'application/json') };
}

export function createLocalArchiveStore(dir = '.data/archives'): ArchiveStore {
  return archiveStore(createLocalObjectStore(dir));
}

export function createS3ArchiveStore({
  s3,
  bucket,
  prefix = 'archives/',
}: {
  s3: S3Client;
  bucket: string;
  prefix?: string;
}): ArchiveStore {
  return archiveStore(createS3ObjectStore({ s3, bucket, prefix }));
}

export interface TArchiveResult {
  location: string;
  created: boolean;
}

export function createArchiveActivities({
  store,
  now = () => Date.now(),
}: {
  store: ArchiveStore;
  now?: () => number;
}) {
  return {
    async archiveCandidateRecord(raw: TArchiveInput): Promise<TArchiveResult> {
      const parsed = ZArchiveInput.safeParse(raw);
      if (!parsed.success)
        throw ApplicationFailure.nonRetryable(
          `archiveCandidateRecord: invalid input: ${z.prettifyError(parsed.error)}`,
          ARCHIVE_INVALID,
        );
      const { key, record, source } = parsed.data;
      const archivedOn = parsed.data.archivedOn ?? new Date(now()).toISOString().slice(0, 10);
      const path = `${key}/${archivedOn}${source === 'candidate' ? '' : `.${source}`}.json`;
      const body = `${JSON.stringify({ schema: 'casc.archive/v1', candidateKey: key, source, archivedOn, record }, null, 2)}\n`;
      return store.put(path, body);
    },
  };
}
