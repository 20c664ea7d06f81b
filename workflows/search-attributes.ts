// Custom search attributes: what a program administrator filters on. No personal data here —
// only program, cohort, phase, flags and the next deadline (visibility is not encrypted).
import { defineSearchAttributeKey } from '@temporalio/common';

export const SA_PROGRAM = defineSearchAttributeKey('CascProgram', 'KEYWORD');
export const SA_COHORT_YEAR = defineSearchAttributeKey('CascCohortYear', 'INT');
export const SA_PHASE = defineSearchAttributeKey('CascPhase', 'KEYWORD');
export const SA_FLAGS = defineSearchAttributeKey('CascFlags', 'KEYWORD_LIST');
export const SA_NEXT_DEADLINE = defineSearchAttributeKey('CascNextDeadline', 'DATETIME');

/** `name=Type` pairs for `temporal server start-dev --search-attribute` and operator registration. */
export const SEARCH_ATTRIBUTE_REGISTRATIONS = [
  'CascProgram=Keyword',
  'CascCohortYear=Int',
  'CascPhase=Keyword',
  'CascFlags=KeywordList',
  'CascNextDeadline=Datetime',
] as const;
