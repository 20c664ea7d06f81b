// The workflow's public messages. Clients (API, CLI, simulator) import these constants.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { TCandidateEvent } from '../domain/events';
import type { TCandidateStatus } from '../domain/lifecycle/status';
import type { TTaskSummary } from '../domain/portal/tasks';

export interface TEventAccepted {
  accepted: true;
  type: TCandidateEvent['type'];
  date: string;
  phase: TCandidateStatus['phase'];
  /** Set when the event went to the open academic watch. */
  watchStage?: 'planning' | 'monitoring' | 'closed';
}

/** Every event of the vocabulary arrives through this update; its validator rejects before history. */
export const recordEventUpdate = defineUpdate<TEventAccepted, [TCandidateEvent]>('recordEvent');
export const statusQuery = defineQuery<TCandidateStatus>('status');
/** My tasks asks only this (one candidate's open tasks), not the whole status. */
export const tasksQuery = defineQuery<TTaskSummary>('tasks');
