// Per-stage configuration: what differs between a developer's stage and production, in one typed
// place. `-c stage=<name>` picks an entry (cdk.json fixes none); `-c casc:<key>=…` still overrides
// the shared settings below (e.g. `-c casc:workerMinTasks=0` for the first deploy).
//
// Adding a stage (e.g. `staging`) is adding an entry here.

/** S3 Object Lock default retention of the records bucket (handoffs and archives). */
export interface TArchiveLock {
  /**
   * GOVERNANCE: users with s3:BypassGovernanceRetention can still delete (no app role has it).
   * COMPLIANCE: no one, not even the root user, until the period ends; it cannot be shortened.
   */
  readonly mode: 'GOVERNANCE' | 'COMPLIANCE';
  /** Days every new object version is protected from deletion and overwrite. */
  readonly days: number;
}

/** AWS Backup of the records bucket. */
export interface TRecordsBackup {
  /** Days each daily recovery point is kept (continuous backup: at most 35). */
  readonly retentionDays: number;
  /** Continuous backup (restore to any second within the retention) instead of daily snapshots only. */
  readonly continuous: boolean;
  /** Vault lock: recovery points cannot be deleted before this many days (absent: no lock). */
  readonly vaultLockMinDays?: number;
}

export interface TStageConfig {
  /** Defaults for the `casc:*` settings of the same names. */
  readonly workerMinTasks: number;
  readonly workerMaxTasks: number;
  readonly noncurrentVersionRetentionDays: number;
  readonly archiveToGlacierAfterDays: number;
  /** Stage-only settings (no `casc:` key: change them here, reviewed). */
  readonly archiveLock: TArchiveLock;
  readonly backup: TRecordsBackup;
  /** CloudFormation termination protection of the stateful stack. */
  readonly terminationProtection: boolean;
  /** Days the worker's container logs are kept. */
  readonly workerLogRetentionDays: 30 | 90 | 365;
  /**
   * Keep the payload KMS key and the used-links table when the stateful stack is deleted. The
   * records bucket, its key and the email ledger are always kept. Without the payload key, the
   * histories Temporal Cloud still holds cannot be read (KMS deletes a key 30 days after it is
   * scheduled, a window in which the deletion can be cancelled).
   */
  readonly retainOnDelete: boolean;
}

export const STAGES = {
  /** A developer's or CI's own environment: small, cheap, easy to tear down. */
  dev: {
    workerMinTasks: 1,
    workerMaxTasks: 2,
    noncurrentVersionRetentionDays: 30,
    archiveToGlacierAfterDays: 365,
    archiveLock: { mode: 'GOVERNANCE', days: 1 },
    backup: { retentionDays: 7, continuous: false },
    terminationProtection: false,
    workerLogRetentionDays: 30,
    retainOnDelete: false,
  },
  /**
   * The program's production. The archive retention (7 years, governance) is the district's
   * records-retention decision: confirm it before the first deploy. Switching to COMPLIANCE is a
   * one-word change here, but cannot be undone for objects already written.
   */
  prod: {
    workerMinTasks: 1,
    workerMaxTasks: 4,
    noncurrentVersionRetentionDays: 90,
    archiveToGlacierAfterDays: 365,
    archiveLock: { mode: 'GOVERNANCE', days: 2555 },
    backup: { retentionDays: 35, continuous: true, vaultLockMinDays: 35 },
    terminationProtection: true,
    workerLogRetentionDays: 90,
    retainOnDelete: true,
  },
} as const satisfies Record<string, TStageConfig>;

export type TStageName = keyof typeof STAGES;
export const STAGE_NAMES = Object.keys(STAGES) as [TStageName, ...TStageName[]];
