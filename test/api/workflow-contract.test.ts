// functions/workflow-contract.ts names the workflow's messages and search attributes without
// importing workflow code (so the Lambda bundle stays client-only); it must match the originals.
import { describe, expect, it } from 'vitest';
import { TypedSearchAttributes } from '@temporalio/common';
import * as contract from '../../functions/workflow-contract';
import * as messages from '../../workflows/messages';
import * as recommendation from '../../workflows/recommendation-messages';
import * as watch from '../../workflows/watch-messages';
import * as sa from '../../workflows/search-attributes';
import { initialSearchAttributes } from '../../workflows/search-attribute-values';
import * as workflows from '../../workflows';
import { startFor } from './support/fake-candidates';

describe('workflow contract as the client sees it', () => {
  it('message definitions match workflows/messages.ts', () => {
    expect(contract.recordEventUpdate).toEqual(messages.recordEventUpdate);
    expect(contract.statusQuery).toEqual(messages.statusQuery);
    expect(contract.tasksQuery).toEqual(messages.tasksQuery);
    expect(Object.keys(workflows)).toContain(contract.WORKFLOW_TYPE);
  });

  it('the academic-watch and recommendation children: update names and workflow ids match', () => {
    expect(contract.watchEventUpdate).toEqual(watch.watchEventUpdate);
    expect(contract.recommendationEventUpdate).toEqual(recommendation.recordRecommendationEventUpdate);
    expect(contract.watchWorkflowId('rossier-c1')).toBe(watch.watchWorkflowId('rossier-c1'));
    expect(contract.recommendationWorkflowId('rossier-c1')).toBe(recommendation.recommendationWorkflowId('rossier-c1'));
  });

  it('search attribute keys match workflows/search-attributes.ts', () => {
    expect([contract.SA_PROGRAM, contract.SA_COHORT_YEAR, contract.SA_PHASE, contract.SA_FLAGS, contract.SA_NEXT_DEADLINE]).toEqual([sa.SA_PROGRAM, sa.SA_COHORT_YEAR, sa.SA_PHASE, sa.SA_FLAGS, sa.SA_NEXT_DEADLINE]);
  });

  it('a new workflow starts with the same search attribute values either way', () => {
    for (const start of [startFor('rossier', 'c1'), startFor('rossier', 'c2', { enrolledOn: undefined, cohortStart: '2027-08-02' })]) {
      expect(new TypedSearchAttributes(contract.initialSearchAttributes(start)).getAll()).toEqual(initialSearchAttributes(start).getAll());
    }
  });
});
