// Messages of the academicWatch child workflow. Clients send watch events here (the candidate
// service routes them); the child tells its parent when the candidate's at-risk status changes.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { TWatchEvent, TWatchState } from '../domain/watch';

export const watchEventUpdate = defineUpdate<{ accepted: true; stage: TWatchState['stage'] }, [TWatchEvent]>('recordWatchEvent');
export const watchStatusQuery = defineQuery<TWatchState>('watchStatus');
/** Child → parent: R-AW-2 at-risk changed, or the PA closed the watch. */
export const watchProgressSignal = defineSignal<[{ atRisk: boolean; closed: boolean }]>('watchProgress');

export function watchWorkflowId(candidateKey: string): string {
  return `academic-watch-${candidateKey}`;
}
