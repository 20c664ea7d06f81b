// A candidate in the 2026 Rossier cohort, shared by the domain tests.
import type { TKeyDatesInput } from '../../domain/calendar/deadlines';

export const candidate2026: TKeyDatesInput = {
  assignmentStart: '2026-06-15',
  enrolledOn: '2026-07-01',
  cohortStart: '2026-08-03',
};

export const iso = (ms: number): string => new Date(ms).toISOString();
export const utc = (isoText: string): number => Date.parse(isoText);
