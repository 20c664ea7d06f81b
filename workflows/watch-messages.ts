// Messages of the academicWatch child workflow. Clients send watch events here (the candidate
// service routes them); the child tells its parent when the candidate's at-risk status changes.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { TWatchEvent } from '../domain/risk/watch';
import type { TWatchEventReply, TWatchProgress, TWatchStatus } from '../domain/risk/watch-core';

export const watchEventUpdate = defineUpdate<TWatchEventReply, [TWatchEvent]>('recordWatchEvent');
/** The watch, with the notices and parent signals that did not reach their recipient. */
export const watchStatusQuery = defineQuery<TWatchStatus>('watchStatus');
/** Child → parent: R-AW-2 at-risk changed, or the PA closed the watch. */
export const watchProgressSignal = defineSignal<[TWatchProgress]>('watchProgress');

export function watchWorkflowId(candidateKey: string): string {
  return `academic-watch-${candidateKey}`;
}
