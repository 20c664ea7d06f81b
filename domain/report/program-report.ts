// The program report (issue 19): ONE pure function from candidate statuses and the program's
// policy to every figure a PA reports to the state and to partner districts. The API, the portal,
// the CLI, the simulator and the benchmark all call this; nothing else computes a figure.
import type { TLocalDate } from '../calendar/dates';
import type { TCandidateStatus } from '../lifecycle/status';
import { ZPhase, type TPhase } from '../lifecycle/state';
import type { TProgramPolicy } from '../policy/policy';
import { completionFigures, cpselGrowthFigures, hoursFigures, isCompleted, outcomesOf, panelFigures } from './figures';
import type { TProgramReport, TReportScope } from './schema';
import { rate, tally } from './stats';

export { ZProgramReport, ZReportScope, type TProgramReport, type TReportScope } from './schema';

export const cohortYearOf = (s: Pick<TCandidateStatus, 'cohortStart'>): number => Number(s.cohortStart.slice(0, 4));

/** The statuses a scope covers: its program and cohort year, and its district when one is named. */
export function inReportScope(
  s: Pick<TCandidateStatus, 'programId' | 'cohortStart' | 'districtId'>,
  scope: TReportScope,
): boolean {
  return (
    s.programId === scope.programId &&
    cohortYearOf(s) === scope.cohortYear &&
    (scope.districtId === undefined || s.districtId === scope.districtId)
  );
}

export function programReport(
  statuses: readonly TCandidateStatus[],
  policy: TProgramPolicy,
  scope: TReportScope,
  asOf: TLocalDate,
): TProgramReport {
  // One status per candidate (a loader may see a closed workflow and its archive both).
  const byKey = new Map<string, TCandidateStatus>();
  for (const s of statuses) if (inReportScope(s, scope)) byKey.set(s.key, s);
  const all = [...byKey.values()];
  const total = all.length;

  const byPhase = Object.fromEntries(ZPhase.options.map((p) => [p, 0])) as Record<TPhase, number>;
  for (const s of all) byPhase[s.phase]++;

  const deferralShifts = all.flatMap((s) => s.shifts.filter((x) => x.kind === 'deferral'));
  const withdrawn = all.filter((s) => s.phase === 'withdrawn');
  const refundEligible = withdrawn.filter((s) => s.withdrawal?.refundEligible === true).length;

  const warned = all.filter((s) => s.academicWatch.earlyWarnings > 0 || s.flags.earlyWarning);
  const watched = all.filter((s) => s.academicWatch.opened > 0 || s.flags.academicWatch);

  const recommended = all.filter(isCompleted);
  const lapsesOf = (s: TCandidateStatus) =>
    Math.max(s.timeline.filter((t) => t.kind === 'ctcWindowLapsed').length, s.recommendation?.lapsedOn ? 1 : 0);
  const problems = all.flatMap((s) => s.deliveryProblems);

  return {
    schema: 'casc.programReport/v1',
    programId: scope.programId,
    cohortYear: scope.cohortYear,
    districtId: scope.districtId ?? null,
    asOf,
    policyId: policy.id,
    candidates: { total, byPhase, closed: byPhase.cleared + byPhase.withdrawn },
    completion: completionFigures(all, asOf),
    extensions: { candidates: all.filter((s) => s.shifts.some((x) => x.kind === 'extension')).length },
    deferrals: {
      candidates: all.filter((s) => s.shifts.some((x) => x.kind === 'deferral')).length,
      deferrals: deferralShifts.length,
      months: deferralShifts.reduce((a, x) => a + x.months, 0),
    },
    withdrawals: {
      total: withdrawn.length,
      refundEligible,
      noRefund: withdrawn.length - refundEligible,
      byReason: tally(withdrawn.map((s) => s.withdrawal?.reason || '(no reason given)')),
      rate: rate(withdrawn.length, total),
    },
    earlyWarning: {
      candidates: warned.length,
      rate: rate(warned.length, total),
      escalatedToWatch: warned.filter((s) => s.academicWatch.opened > 0).length,
      outcomes: outcomesOf(warned),
    },
    academicWatch: {
      candidates: watched.length,
      rate: rate(watched.length, total),
      watchesOpened: watched.reduce((a, s) => a + s.academicWatch.opened, 0),
      open: watched.filter((s) => s.academicWatch.open).length,
      closed: watched.filter((s) => !s.academicWatch.open && s.phase !== 'withdrawn').length,
      atRisk: watched.filter((s) => s.flags.atRisk).length,
      outcomes: outcomesOf(watched),
    },
    hours: hoursFigures(all, policy),
    cpselGrowth: cpselGrowthFigures(all),
    ...panelFigures(all),
    ctcLapses: {
      recommended: recommended.length,
      candidatesLapsed: recommended.filter((s) => lapsesOf(s) > 0).length,
      lapses: recommended.reduce((a, s) => a + lapsesOf(s), 0),
    },
    emailDelivery: {
      problems: problems.length,
      candidatesAffected: all.filter((s) => s.deliveryProblems.length > 0).length,
      byReason: tally(problems.map((p) => p.reason)),
      byTemplate: tally(problems.map((p) => p.template)),
    },
  };
}
