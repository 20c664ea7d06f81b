// The record activities (handoff packets, archives) a worker registers on the main task queue, on
// local folders under the data dir or on the records bucket (CASC_BUCKET) when one is configured.
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { createArchiveActivities, createLocalArchiveStore, createS3ArchiveStore } from './archive';
import { createHandoffActivities, createLocalHandoffStore, createS3HandoffStore } from './handoff';

export type TRecordStorage = { dataDir: string } | { s3: S3Client; bucket: string };

export function createRecordActivities(storage: TRecordStorage) {
  const stores =
    's3' in storage
      ? { handoffs: createS3HandoffStore(storage), archives: createS3ArchiveStore(storage) }
      : {
          handoffs: createLocalHandoffStore(join(storage.dataDir, 'handoffs')),
          archives: createLocalArchiveStore(join(storage.dataDir, 'archives')),
        };
  return {
    ...createHandoffActivities({ store: stores.handoffs }),
    ...createArchiveActivities({ store: stores.archives }),
  };
}
