// R-IIP-5: the IIP is not for employment evaluation. Its content (goal text and the standards the
// candidate chose) leaves the API only for the roles policy.ts names as IIP readers; everyone else
// sees that an IIP exists and how far it got (dates, approvals, revisions), which completion and
// the credentials office need (R-CMP-1), but not what it says.
import type { TCandidateStatus } from '../../domain/lifecycle/status';
import type { TApiRole } from './principal';
import { mayReadIip } from './policy';

export type TCandidateStatusView = TCandidateStatus & { iipRedacted: boolean };

type TIipYearView = TCandidateStatus['iip']['year1'];

const withoutContent = (year: TIipYearView): TIipYearView => ({ ...year, goals: [], standards: [] });

export function redactStatusFor(role: TApiRole, status: TCandidateStatus): TCandidateStatusView {
  if (mayReadIip(role)) return { ...status, iipRedacted: false };
  return {
    ...status,
    iip: { year1: withoutContent(status.iip.year1), year2: withoutContent(status.iip.year2) },
    iipRedacted: true,
  };
}

/** Whether a status as shown discloses IIP content (so the read must be audited). */
export function disclosesIip(view: TCandidateStatusView): boolean {
  return !view.iipRedacted;
}
