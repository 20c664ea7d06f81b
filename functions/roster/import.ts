// Starts the candidates of a validated roster a few at a time. A candidate that already exists is
// `skipped` (re-running an import is safe); any other failure is reported for its row and the
// rest carry on, so one transient error does not strand the others.
import { candidateKey, type TCandidateStart } from '../../domain/lifecycle/candidate';
import { ServiceError } from '../candidates';
import type { TValidRosterRow } from './roster';

export interface TRosterRowResult {
  row: number;
  key: string;
  result: 'started' | 'skipped' | 'failed';
  reason?: string;
}

export interface TRosterReport {
  total: number;
  started: number;
  skipped: number;
  failed: number;
  rows: TRosterRowResult[];
}

export interface TImportOptions {
  start: (start: TCandidateStart) => Promise<unknown>;
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
}

export async function importRoster(
  rows: TValidRosterRow[],
  { start, concurrency = 4, onProgress }: TImportOptions,
): Promise<TRosterReport> {
  const results: TRosterRowResult[] = new Array(rows.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (let i = next++; i < rows.length; i = next++) {
      const { row, start: candidate } = rows[i]!;
      const key = candidateKey(candidate.programId, candidate.candidateId);
      try {
        await start(candidate);
        results[i] = { row, key, result: 'started' };
      } catch (err) {
        if (err instanceof ServiceError && err.kind === 'conflict')
          results[i] = { row, key, result: 'skipped', reason: 'exists' };
        else results[i] = { row, key, result: 'failed', reason: err instanceof Error ? err.message : String(err) };
      }
      done += 1;
      onProgress?.(done, rows.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, rows.length)) }, worker));
  const count = (r: TRosterRowResult['result']) => results.filter((x) => x.result === r).length;
  return {
    total: rows.length,
    started: count('started'),
    skipped: count('skipped'),
    failed: count('failed'),
    rows: results,
  };
}
