// What a simulation reports, per candidate and in all (design.md): phase, flags, hours by year,
// assessment results, every email, a dated timeline and the workflow's history length. The schema
// is the contract for `simulate --json` consumers; the summary is the human reading of it.
import { z } from 'zod';
import { isProficient } from '../domain/lifecycle/assessment';
import { ZAssessmentWindow, ZCpselScores, ZRater, CPSEL_STANDARDS } from '../domain/lifecycle/cpsel';
import { localDateOf, localTimeOf, ZLocalDate, zoneOffsetMs } from '../domain/calendar/dates';
import type { TCandidateStatus } from '../domain/lifecycle/status';
import { ZFlags, ZPhase, ZTimelineEntry } from '../domain/lifecycle/state';
import type { TProgramPolicy } from '../domain/policy/policy';
import { programReport, ZProgramReport, type TProgramReport } from '../domain/report/program-report';

/** The workflow type of a candidate's own workflow; anything else in `sentBy` is a child. */
export const LIFECYCLE_WORKFLOW_TYPE = 'candidateLifecycle';

const ZLogged = z.strictObject({ logged: z.number(), required: z.number() });
const ZYearHoursReport = z.strictObject({
  coaching: ZLogged,
  learning: ZLogged.extend({ byCategory: z.record(z.string(), ZLogged) }),
  /** Every minimum of the year met (R-HRS-1, R-HRS-2). */
  met: z.boolean(),
});

const ZAssessmentResult = z.strictObject({
  window: ZAssessmentWindow,
  raters: z.array(
    z.strictObject({ rater: ZRater, date: ZLocalDate, scores: ZCpselScores, lowest: z.int(), proficient: z.boolean() }),
  ),
  /** All three raters scored (R-ASM-1). */
  complete: z.boolean(),
  /** Complete and every rater proficient (R-ASM-4). */
  proficient: z.boolean(),
});

/** A local date-time with the zone's offset at that instant: `2027-03-12T08:00:00-08:00`. */
export const ZLocalDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/, { error: 'expected YYYY-MM-DDTHH:mm:ss±HH:mm' });

/** An instant as the program's clocks read it, with their UTC offset (seconds kept, milliseconds dropped). */
export function localDateTime(epochMs: number, timeZone: string): string {
  const whole = Math.floor(epochMs / 1000) * 1000;
  const seconds = String(new Date(whole).getUTCSeconds()).padStart(2, '0');
  const offsetMinutes = Math.round(zoneOffsetMs(whole, timeZone) / 60_000);
  const abs = Math.abs(offsetMinutes);
  const offset = `${offsetMinutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${localDateOf(whole, timeZone)}T${localTimeOf(whole, timeZone)}:${seconds}${offset}`;
}

export const ZReportedEmail = z.strictObject({
  /** Local date (program time zone) the message went out. */
  date: ZLocalDate,
  /** Local date-time it went out, with the zone's offset (R-TIME-3: never in quiet hours). */
  at: ZLocalDateTime,
  template: z.string(),
  /** The workflow type that sent it: the candidate's lifecycle or one of its children (academic watch, credential recommendation). */
  sentBy: z.string(),
  /** `to` first, then any cc. */
  roles: z.array(z.string()),
  subject: z.string(),
  renderProblem: z.string().optional(),
});

export const ZRefund = z.enum(['lessDeposit', 'none']);
export const ZWithdrawalReport = z.strictObject({
  date: ZLocalDate,
  reason: z.string(),
  /** `lessDeposit`: refunded less the non-refundable deposit (within the first week); `none` after it, or after a drop for missing work. */
  refund: ZRefund,
  droppedForMissingWork: z.boolean(),
});
export type TWithdrawalReport = z.infer<typeof ZWithdrawalReport>;

export const ZRejectedEvent = z.strictObject({
  /** Position in the scenario's `events` array. */
  index: z.int(),
  day: z.int(),
  date: ZLocalDate,
  type: z.string(),
  reason: z.string(),
});
export type TRejectedEvent = z.infer<typeof ZRejectedEvent>;

export const ZHistoryLength = z.strictObject({
  /** The candidate workflow's events across every run (continue-as-new starts a fresh history). */
  events: z.int(),
  runs: z.array(z.strictObject({ runId: z.string(), events: z.int(), continuedAsNew: z.boolean() })),
  /** Child workflows it started (academic watch, credential recommendation), each over all its runs. */
  children: z.array(
    z.strictObject({ workflowId: z.string(), workflowType: z.string(), events: z.int(), runs: z.int() }),
  ),
  /** events + every child's events: what this candidate costs the server. */
  withChildren: z.int(),
});
export type THistoryLength = z.infer<typeof ZHistoryLength>;

export const ZCandidateReport = z.strictObject({
  id: z.string(),
  name: z.string(),
  workflowId: z.string(),
  phase: ZPhase,
  flags: z.array(ZFlags.keyof()),
  milestones: z.record(z.string(), ZLocalDate.nullable()),
  hours: z.strictObject({ year1: ZYearHoursReport, year2: ZYearHoursReport }),
  assessments: z.array(ZAssessmentResult),
  iip: z.record(
    z.enum(['year1', 'year2']),
    z.strictObject({
      submittedOn: ZLocalDate.nullable(),
      coachApprovedOn: ZLocalDate.nullable(),
      supervisorApprovedOn: ZLocalDate.nullable(),
      revisions: z.int(),
    }),
  ),
  openDeadlines: z.array(
    z.strictObject({ id: z.string(), rule: z.string(), due: ZLocalDate, owner: z.string(), overdue: z.boolean() }),
  ),
  events: z.strictObject({ sent: z.int(), accepted: z.int(), rejected: z.array(ZRejectedEvent) }),
  /** R-ADM-5: a withdrawal and its refund decision (the reducer's, from domain/deadlines withdrawalRefund); null while enrolled. */
  withdrawal: ZWithdrawalReport.nullable(),
  emails: z.array(ZReportedEmail),
  timeline: z.array(ZTimelineEntry),
  /** The server history's length; null on the in-memory engine, which keeps none. */
  history: ZHistoryLength.nullable(),
});
export type TCandidateReport = z.infer<typeof ZCandidateReport>;

export const ZSimulationReport = z.strictObject({
  /** Which engine ran it: the decision cores in memory, or the workflows on the Temporal test server. */
  engine: z.enum(['memory', 'temporal']),
  scenario: z.strictObject({
    file: z.string(),
    program: z.string(),
    policy: z.string(),
    timeZone: z.string(),
    cohortStart: ZLocalDate,
    from: ZLocalDate,
    until: ZLocalDate,
  }),
  candidates: z.array(ZCandidateReport),
  /** The program report of the simulated cohort (issue 19), by the same function as the portal. */
  report: ZProgramReport,
  totals: z.strictObject({
    candidates: z.int(),
    emails: z.int(),
    eventsSent: z.int(),
    eventsRejected: z.int(),
    /** Every history event of every candidate, child workflows included. */
    historyEvents: z.int().nullable(),
    /** Runs of every workflow, child workflows included. */
    workflowRuns: z.int(),
    /** Server start, bundling and simulation, end to end. */
    wallSeconds: z.number(),
    /** Of which: starting the test server and bundling the workflow code. */
    setupSeconds: z.number(),
  }),
});
export type TSimulationReport = z.infer<typeof ZSimulationReport>;

type TYearStatus = TCandidateStatus['hours']['year1'];

function yearHours(y: TYearStatus): z.infer<typeof ZYearHoursReport> {
  const byCategory = Object.fromEntries(
    Object.entries(y.learning.byCategory).map(([c, v]) => [c, { logged: v.logged, required: v.required }]),
  );
  const met =
    y.coaching.short === 0 && y.learning.short === 0 && Object.values(byCategory).every((v) => v.logged >= v.required);
  return {
    coaching: { logged: y.coaching.logged, required: y.coaching.required },
    learning: { logged: y.learning.logged, required: y.learning.required, byCategory },
    met,
  };
}

function assessmentResults(status: TCandidateStatus, policy: TProgramPolicy): z.infer<typeof ZAssessmentResult>[] {
  return ZAssessmentWindow.options
    .map((window) => {
      const raters = ZRater.options.flatMap((rater) => {
        const a = status.assessments.find((x) => x.window === window && x.rater === rater);
        if (!a) return [];
        const lowest = Math.min(...CPSEL_STANDARDS.map((s) => a.scores[s]));
        return [{ rater, date: a.date, scores: a.scores, lowest, proficient: isProficient(a.scores, policy) }];
      });
      const complete = raters.length === ZRater.options.length;
      return { window, raters, complete, proficient: complete && raters.every((r) => r.proficient) };
    })
    .filter((r) => r.raters.length > 0);
}

/** The program report over the simulated candidates, as of the last day simulated. */
export function cohortReport(
  statuses: readonly TCandidateStatus[],
  policy: TProgramPolicy,
  programId: string,
  cohortStart: string,
): TProgramReport {
  const asOf =
    statuses
      .map((s) => s.asOf)
      .sort()
      .at(-1) ?? cohortStart;
  return programReport(statuses, policy, { programId, cohortYear: Number(cohortStart.slice(0, 4)) }, asOf);
}

export interface TCandidateFacts {
  id: string;
  name: string;
  workflowId: string;
  status: TCandidateStatus;
  policy: TProgramPolicy;
  emails: z.infer<typeof ZReportedEmail>[];
  eventsSent: number;
  rejected: TRejectedEvent[];
  history: THistoryLength | null;
}

export function candidateReport(f: TCandidateFacts): TCandidateReport {
  const s = f.status;
  const iipYear = (y: TCandidateStatus['iip']['year1']) => ({
    submittedOn: y.submittedOn ?? null,
    coachApprovedOn: y.coachApprovedOn ?? null,
    supervisorApprovedOn: y.supervisorApprovedOn ?? null,
    revisions: y.revisions,
  });
  // Rejected events are part of the story: they go on the timeline where they happened.
  const rejectedEntries = f.rejected.map((r) => ({
    date: r.date,
    kind: 'rejected',
    detail: `${r.type} (events[${r.index}]): ${r.reason}`,
  }));
  const timeline = [...s.timeline, ...rejectedEntries]
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.date.localeCompare(b.e.date) || a.i - b.i)
    .map(({ e }) => e);
  return {
    id: f.id,
    name: f.name,
    workflowId: f.workflowId,
    phase: s.phase,
    flags: (Object.keys(s.flags) as (keyof typeof s.flags)[]).filter((k) => s.flags[k]),
    milestones: { ...s.milestones },
    hours: { year1: yearHours(s.hours.year1), year2: yearHours(s.hours.year2) },
    assessments: assessmentResults(s, f.policy),
    iip: { year1: iipYear(s.iip.year1), year2: iipYear(s.iip.year2) },
    openDeadlines: s.nextDeadlines.map((d) => ({
      id: d.id,
      rule: d.rule,
      due: d.due,
      owner: d.owner,
      overdue: d.overdue,
    })),
    events: { sent: f.eventsSent, accepted: f.eventsSent - f.rejected.length, rejected: f.rejected },
    withdrawal: withdrawalReport(s.withdrawal),
    emails: f.emails,
    timeline,
    history: f.history,
  };
}

function withdrawalReport(w: TCandidateStatus['withdrawal']): TWithdrawalReport | null {
  if (!w) return null;
  // The reducer records the decision; a record written before it carries only refundEligible, the same decision.
  const refund = w.refund ?? (w.refundEligible ? 'lessDeposit' : 'none');
  return { date: w.date, reason: w.reason, refund, droppedForMissingWork: w.droppedForMissingWork === true };
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => cell.padEnd(widths[c]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** The candidate's email count, and how many of them its child workflows sent. */
function emailCount(c: TCandidateReport): string {
  const byChildren = c.emails.filter((e) => e.sentBy !== LIFECYCLE_WORKFLOW_TYPE).length;
  return byChildren ? `${c.emails.length} (${byChildren} child)` : String(c.emails.length);
}

/** A readable summary: one row per candidate, then totals, every rejected event and every refused email. */
export function formatSummary(report: TSimulationReport): string {
  const { scenario: sc, totals: t } = report;
  const hours = (c: TCandidateReport, y: 'year1' | 'year2') => {
    const h = c.hours[y];
    return h.coaching.logged + h.learning.logged === 0
      ? '-'
      : `${h.coaching.logged}/${h.learning.logged}${h.met ? '' : '*'}`;
  };
  const n = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
  const rows = [
    ['candidate', 'phase', 'flags', 'emails', 'hours y1', 'hours y2', 'assessments', 'events', 'history'],
    ...report.candidates.map((c) => [
      c.id,
      c.phase,
      c.flags.join(',') || '-',
      emailCount(c),
      hours(c, 'year1'),
      hours(c, 'year2'),
      c.assessments.map((a) => `${a.window}${a.proficient ? '✓' : a.complete ? '✗' : '…'}`).join(' ') || '-',
      `${c.events.accepted}/${c.events.sent}`,
      c.history === null
        ? '—'
        : `${c.history.events} (${n(c.history.runs.length, 'run')})${c.history.children.length ? ` + ${c.history.withChildren - c.history.events} in ${n(c.history.children.length, 'child')}` : ''}`,
    ]),
  ];
  const withdrawals = report.candidates.flatMap((c) =>
    c.withdrawal
      ? [
          `  ${c.id} ${c.withdrawal.date} (${c.withdrawal.reason}): refund ${c.withdrawal.refund}${c.withdrawal.droppedForMissingWork ? ', dropped for missing work' : ''}`,
        ]
      : [],
  );
  const rejected = report.candidates.flatMap((c) =>
    c.events.rejected.map((r) => `  ${c.id} events[${r.index}] day ${r.day} (${r.date}) ${r.type}: ${r.reason}`),
  );
  // What the email activity ruled out would never reach anyone in production either.
  const refused = report.candidates.flatMap((c) =>
    c.emails.flatMap((e) => (e.renderProblem ? [`  ${c.id} ${e.at} ${e.template}: ${e.renderProblem}`] : [])),
  );
  return [
    `${sc.file}: ${sc.program} (policy ${sc.policy}), ${sc.from} → ${sc.until}`,
    '',
    table(rows),
    '',
    "emails: all the candidate's workflows sent (of which by child workflows) · hours: coaching/learning logged; * = a yearly minimum not met · assessments: ✓ proficient, ✗ below, … raters missing · events: accepted/sent",
    `totals: ${n(t.candidates, 'candidate')}, ${n(t.emails, 'email')}, ${t.historyEvents === null ? '' : `${n(t.historyEvents, 'history event')} in `}${n(t.workflowRuns, 'run')}, ${t.eventsRejected} of ${n(t.eventsSent, 'event')} rejected, ${t.wallSeconds} s wall (${t.setupSeconds} s setup)`,
    ...(withdrawals.length ? ['', 'withdrawals (R-ADM-5 refund decision):', ...withdrawals] : []),
    ...(rejected.length ? ['', 'rejected events:', ...rejected] : []),
    ...(refused.length ? ['', 'emails the email activity refused (not sent):', ...refused] : []),
  ].join('\n');
}
