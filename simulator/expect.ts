// What a shipped scenario must show: `scenarios/<name>.expect.json` beside `scenarios/<name>.json`,
// parsed with zod, and a pure checker over a simulation report — so the same expectations hold on
// the time-skipping server and on the in-memory engine. The checker names every difference (by
// candidate and field) and returns them all; an empty list is a pass.
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { weekdayOf, ZLocalDate } from '../domain/calendar/dates';
import { ZPhase } from '../domain/lifecycle/state';
import { ZLocalDateTime, ZRefund, type TCandidateReport, type TSimulationReport } from './report';

const ZRuleId = z.string().regex(/^R-[A-Z]+-\d+$/, { error: 'expected a rule id such as R-ADM-5' });

/** One email the candidate's workflows must have sent: every given field must match. */
export const ZEmailExpectation = z.strictObject({
  template: z.string().min(1),
  /** Exactly these roles, `to` first then cc (as in the report). */
  roles: z.array(z.string()).optional(),
  date: ZLocalDate.optional(),
  at: ZLocalDateTime.optional(),
  sentBy: z.string().optional(),
  /** A piece of the subject (the generic `deadline.*` templates name their deadline there). */
  subjectIncludes: z.string().optional(),
  /** How many emails match (default: at least one). */
  count: z.int().min(0).optional(),
});
export type TEmailExpectation = z.infer<typeof ZEmailExpectation>;

/** A template id, or a prefix ending in `*` (`atRisk.*`, `*.escalation.*` is not supported: use ALARM). */
const ZTemplatePattern = z.string().min(1);

export const ZCandidateExpectation = z.strictObject({
  phase: ZPhase.optional(),
  /** Exactly these flags are set at the end. */
  flags: z.array(z.string()).optional(),
  /** R-ADM-5: the withdrawal and its refund decision, or null (still enrolled). */
  withdrawal: z
    .strictObject({ date: ZLocalDate.optional(), refund: ZRefund, droppedForMissingWork: z.boolean().optional() })
    .nullable()
    .optional(),
  /** Milestones that must have these dates (null: never reached). */
  milestones: z.record(z.string(), ZLocalDate.nullable()).optional(),
  /** How many of the candidate's events were refused (R-EXT-2: none after an extension). */
  rejectedEvents: z.int().min(0).optional(),
  emails: z
    .strictObject({
      /** Each must match (at least once, or exactly `count` times). */
      include: z.array(ZEmailExpectation).default([]),
      /** No email of these templates (id, or prefix ending in `*`). */
      exclude: z.array(ZTemplatePattern).default([]),
      /** R-REM-2 / the cohort check: no warning or escalation at all (ALARM_TEMPLATE). */
      noAlarms: z.boolean().default(false),
      /** The whole list, in order, each entry matched as in `include` (without `count`). */
      exactly: z.array(ZEmailExpectation.omit({ count: true })).optional(),
    })
    .optional(),
  /** Timeline entries that must be there (kind, and date / detail when given). */
  timeline: z
    .array(z.strictObject({ kind: z.string(), date: ZLocalDate.optional(), detailIncludes: z.string().optional() }))
    .optional(),
  /** Timeline kinds that must not be there (e.g. `cleared` while the watch is open, R-CMP-4). */
  timelineExcludes: z.array(z.string()).optional(),
  /** Deadlines still open at the end, each with this due date (R-TIME-2: a weekday). */
  openDeadlines: z.array(z.strictObject({ rule: z.string(), due: ZLocalDate })).optional(),
});
export type TCandidateExpectation = z.infer<typeof ZCandidateExpectation>;

export const ZScenarioExpectation = z.strictObject({
  /** The handbook case, in a PA's words. */
  shows: z.string().min(1).max(2000),
  /** The rules of domain.md the scenario proves. */
  rules: z.array(ZRuleId).min(1),
  /**
   * Every email goes out in working hours (R-TIME-3); every open deadline, and every date an email's
   * subject names (a session, a due date), is a weekday (R-TIME-2).
   */
  invariants: z
    .strictObject({ noQuietHourEmail: z.boolean().default(true), noWeekendDates: z.boolean().default(true) })
    .prefault({}),
  candidates: z.record(z.string(), ZCandidateExpectation),
});
export type TScenarioExpectation = z.infer<typeof ZScenarioExpectation>;

/**
 * A warning or escalation: what an on-track candidate must never cause (R-REM-2). Reminders of a
 * coming deadline, confirmations and the recommendation chain's own steps are not alarms.
 */
export const ALARM_TEMPLATE =
  /\.escalation\.|^(hoursPace|coachingCadence|earlyWarning|academicWatch|remediationPlan|revisedDeadline|atRisk)\./;

/** A date as the templates spell it, on a weekend ("Sunday, September 13, 2026"). */
const WEEKEND_DATE = /\b(Saturday|Sunday), [A-Z][a-z]+ \d{1,2}, \d{4}/;

/** R-TIME-3's default quiet hours, 20:00–07:00 local. */
const WORKING_HOURS = { from: '07:00', until: '20:00' };

/** The expectation file beside a scenario (`x.json` → `x.expect.json`), if there is one. */
export function expectationFileFor(scenarioFile: string): string {
  return scenarioFile.replace(/\.json$/, '.expect.json');
}

export function loadExpectation(file: string): TScenarioExpectation {
  if (!existsSync(file)) throw new Error(`${file}: no such expectation file`);
  const parsed = ZScenarioExpectation.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(
      `${file}: invalid expectation:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
  return parsed.data;
}

type TEmail = TCandidateReport['emails'][number];

function matches(e: TEmail, x: Omit<TEmailExpectation, 'count'>): boolean {
  return (
    e.template === x.template &&
    (x.roles === undefined || (e.roles.length === x.roles.length && e.roles.every((r, i) => r === x.roles![i]))) &&
    (x.date === undefined || e.date === x.date) &&
    (x.at === undefined || e.at === x.at) &&
    (x.sentBy === undefined || e.sentBy === x.sentBy) &&
    (x.subjectIncludes === undefined || e.subject.includes(x.subjectIncludes))
  );
}

function describeEmail(x: Omit<TEmailExpectation, 'count'>): string {
  return [
    x.template,
    x.roles && `to ${x.roles.join('+')}`,
    x.at ?? x.date,
    x.sentBy && `by ${x.sentBy}`,
    x.subjectIncludes && `"…${x.subjectIncludes}…"`,
  ]
    .filter(Boolean)
    .join(' ');
}

const line = (e: TEmail) => `${e.at} ${e.template} → ${e.roles.join('+')}`;

function templateMatches(template: string, pattern: string): boolean {
  return pattern.endsWith('*') ? template.startsWith(pattern.slice(0, -1)) : template === pattern;
}

/** Every way a candidate's report differs from what is expected of it. */
export function checkCandidate(c: TCandidateReport, x: TCandidateExpectation): string[] {
  const problems: string[] = [];
  const p = (msg: string) => problems.push(`${c.id}: ${msg}`);
  if (x.phase !== undefined && c.phase !== x.phase) p(`phase is ${c.phase}, expected ${x.phase}`);
  if (x.flags !== undefined && [...c.flags].sort().join(',') !== [...x.flags].sort().join(','))
    p(`flags are [${c.flags.join(', ')}], expected [${x.flags.join(', ')}]`);
  if (x.withdrawal !== undefined) {
    if (x.withdrawal === null) {
      if (c.withdrawal) p(`withdrew on ${c.withdrawal.date}, expected no withdrawal`);
    } else if (!c.withdrawal) p(`no withdrawal, expected one with refund ${x.withdrawal.refund}`);
    else {
      if (c.withdrawal.refund !== x.withdrawal.refund)
        p(`refund is ${c.withdrawal.refund}, expected ${x.withdrawal.refund}`);
      if (x.withdrawal.date !== undefined && c.withdrawal.date !== x.withdrawal.date)
        p(`withdrew on ${c.withdrawal.date}, expected ${x.withdrawal.date}`);
      if (
        x.withdrawal.droppedForMissingWork !== undefined &&
        c.withdrawal.droppedForMissingWork !== x.withdrawal.droppedForMissingWork
      )
        p(`droppedForMissingWork is ${c.withdrawal.droppedForMissingWork}`);
    }
  }
  for (const [k, v] of Object.entries(x.milestones ?? {})) {
    if ((c.milestones[k] ?? null) !== v) p(`milestone ${k} is ${c.milestones[k] ?? null}, expected ${v}`);
  }
  if (x.rejectedEvents !== undefined && c.events.rejected.length !== x.rejectedEvents) {
    p(
      `${c.events.rejected.length} events refused, expected ${x.rejectedEvents}${c.events.rejected.map((r) => `\n    events[${r.index}] ${r.type} (${r.date}): ${r.reason}`).join('')}`,
    );
  }
  if (x.emails) {
    for (const want of x.emails.include) {
      const found = c.emails.filter((e) => matches(e, want));
      if (want.count === undefined ? found.length === 0 : found.length !== want.count) {
        const same = c.emails.filter((e) => e.template === want.template).map(line);
        p(
          `expected ${want.count ?? 'an'} email ${describeEmail(want)}, found ${found.length}${same.length ? `; of that template: ${same.join('; ')}` : ''}`,
        );
      }
    }
    for (const pattern of x.emails.exclude) {
      for (const e of c.emails.filter((m) => templateMatches(m.template, pattern)))
        p(`unexpected email ${line(e)} (excluded: ${pattern})`);
    }
    if (x.emails.noAlarms)
      for (const e of c.emails.filter((m) => ALARM_TEMPLATE.test(m.template))) p(`false alarm: ${line(e)}`);
    if (x.emails.exactly) {
      const want = x.emails.exactly;
      const n = Math.max(want.length, c.emails.length);
      for (let i = 0; i < n; i++) {
        const e = c.emails[i];
        const w = want[i];
        if (!e) p(`emails[${i}]: missing, expected ${describeEmail(w!)}`);
        else if (!w) p(`emails[${i}]: unexpected ${line(e)}`);
        else if (!matches(e, w)) p(`emails[${i}]: ${line(e)}, expected ${describeEmail(w)}`);
      }
    }
  }
  for (const t of x.timeline ?? []) {
    const ok = c.timeline.some(
      (e) =>
        e.kind === t.kind &&
        (t.date === undefined || e.date === t.date) &&
        (t.detailIncludes === undefined || (e.detail ?? '').includes(t.detailIncludes)),
    );
    if (!ok)
      p(
        `no timeline entry ${t.kind}${t.date ? ` on ${t.date}` : ''}${t.detailIncludes ? ` with "${t.detailIncludes}"` : ''}`,
      );
  }
  for (const kind of x.timelineExcludes ?? []) {
    for (const e of c.timeline.filter((t) => t.kind === kind))
      p(`unexpected timeline entry ${kind} on ${e.date}${e.detail ? ` (${e.detail})` : ''}`);
  }
  for (const d of x.openDeadlines ?? []) {
    if (!c.openDeadlines.some((o) => o.rule === d.rule && o.due === d.due))
      p(
        `no open deadline ${d.rule} due ${d.due}; open: ${c.openDeadlines.map((o) => `${o.rule} ${o.due}`).join(', ') || 'none'}`,
      );
  }
  return problems;
}

/** Every way a report differs from a scenario's expectations (candidates it does not name are not checked). */
export function checkExpectation(report: TSimulationReport, x: TScenarioExpectation): string[] {
  const problems: string[] = [];
  for (const [id, want] of Object.entries(x.candidates)) {
    const c = report.candidates.find((r) => r.id === id);
    if (!c) {
      problems.push(`${id}: not in the report (candidates: ${report.candidates.map((r) => r.id).join(', ')})`);
      continue;
    }
    problems.push(...checkCandidate(c, want));
    if (x.invariants.noQuietHourEmail) {
      for (const e of c.emails) {
        const time = e.at.slice(11, 16);
        if (time < WORKING_HOURS.from || time >= WORKING_HOURS.until)
          problems.push(`${id}: R-TIME-3: ${line(e)} in quiet hours`);
      }
    }
    if (x.invariants.noWeekendDates) {
      for (const d of c.openDeadlines)
        if ([0, 6].includes(weekdayOf(d.due)))
          problems.push(`${id}: R-TIME-2: open deadline ${d.id} (${d.rule}) due ${d.due}, a weekend`);
      for (const e of c.emails) {
        const weekend = WEEKEND_DATE.exec(e.subject);
        if (weekend) problems.push(`${id}: R-TIME-2: ${line(e)} names ${weekend[0]}, a weekend: "${e.subject}"`);
      }
    }
  }
  return problems;
}
