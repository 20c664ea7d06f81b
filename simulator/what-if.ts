// "What if we move the panel to April?" (issue #18's first question): a scenario run twice, under
// its program policy and under the same policy with some settings changed, and what that changes
// for each candidate — phase and flags at the end, key dates, refused events, open deadlines and
// every email that goes, no longer goes or goes on another day. The settings are checked by the
// policy's own schema before anything runs.
import { parsePolicy, PolicyError, type TProgramPolicy } from '../domain/policy/policy';
import type { TCandidateReport, TSimulationReport } from './report';

type TReportedEmail = TCandidateReport['emails'][number];

/** One setting the two runs' policies give differently. */
export interface TSetting {
  /** Dotted path into the policy: `portfolio.presentationMonth`. */
  path: string;
  /** The scenario's own value (null when it has none). */
  from: unknown;
  /** The what-if's value (null when it has none). */
  to: unknown;
}

/** A `--set` the user got wrong; the message says which and why. */
export class SettingError extends Error {
  override readonly name = 'SettingError';
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

const PATH = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$/;

/** `path=value`; the value is read as JSON (4, false, [7,2], "x") and otherwise taken as text (09:00). */
export function parseSetting(raw: string): { path: string; value: unknown } {
  const at = raw.indexOf('=');
  if (at <= 0) throw new SettingError([`--set ${raw}: expected PATH=VALUE, e.g. portfolio.presentationMonth=4`]);
  const path = raw.slice(0, at).trim();
  const text = raw.slice(at + 1).trim();
  if (!PATH.test(path))
    throw new SettingError([`--set ${raw}: "${path}" is not a dotted path such as portfolio.presentationMonth`]);
  if (text === '') throw new SettingError([`--set ${raw}: no value after "="`]);
  try {
    return { path, value: JSON.parse(text) };
  } catch {
    return { path, value: text };
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The policy with each `path=value` applied, validated as a whole by the policy schema. A path
 * through something that is not an object, or a value the schema refuses, is an error naming it;
 * an unknown field is refused by the schema (its strict objects), so a typo never runs silently.
 */
export function applySettings(
  policy: TProgramPolicy,
  raw: readonly string[],
): { policy: TProgramPolicy; settings: TSetting[] } {
  if (raw.length === 0) throw new SettingError(['no setting to change']);
  const draft = structuredClone(policy) as unknown as Record<string, unknown>;
  const settings: TSetting[] = [];
  const problems: string[] = [];
  for (const one of raw) {
    const { path, value } = parseSetting(one);
    const keys = path.split('.');
    let node: Record<string, unknown> = draft;
    const through = keys.slice(0, -1).findIndex((key) => {
      const next = node[key] ?? (node[key] = {});
      if (!isRecord(next)) return true;
      node = next;
      return false;
    });
    if (through >= 0) {
      problems.push(`${keys.slice(0, through + 1).join('.')}: is not a group of settings, so ${path} cannot be set`);
      continue;
    }
    const leaf = keys.at(-1)!;
    if (settings.some((s) => s.path === path)) problems.push(`${path}: set twice`);
    settings.push({ path, from: node[leaf] ?? null, to: value });
    node[leaf] = value;
  }
  if (problems.length) throw new SettingError(problems);
  try {
    return { policy: parsePolicy(draft), settings };
  } catch (e) {
    if (!(e instanceof PolicyError)) throw e;
    // A typo in a field's name: say which fields its group has.
    const known = (path: string) => {
      const parent = path.split('.').slice(0, -1);
      const group = parent.reduce<unknown>((n, k) => (isRecord(n) ? n[k] : undefined), policy);
      return isRecord(group) ? ` (${parent.join('.') || 'the policy'} has ${Object.keys(group).join(', ')})` : '';
    };
    throw new SettingError(
      e.problems.map((p) => {
        const unknown = /^(.+): unknown field$/.exec(p)?.[1];
        return `policy ${p}${unknown && settings.some((s) => s.path === unknown) ? known(unknown) : ''}`;
      }),
    );
  }
}

/** Fields that name a policy and change nothing it decides. */
const NAMING = ['id', 'name', 'description'];

/**
 * Each leaf two documents give differently, as a dotted path; lists are compared whole, and a group
 * only one side has is compared leaf by leaf (a category the other policy drops).
 */
function leafChanges(a: unknown, b: unknown, path = ''): { path: string; from: unknown; to: unknown }[] {
  if ((isRecord(a) || a === undefined) && (isRecord(b) || b === undefined) && (isRecord(a) || isRecord(b))) {
    const [x, y] = [(a ?? {}) as Record<string, unknown>, (b ?? {}) as Record<string, unknown>];
    return [...new Set([...Object.keys(x), ...Object.keys(y)])].flatMap((k) =>
      leafChanges(x[k], y[k], path ? `${path}.${k}` : k),
    );
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ path, from: a ?? null, to: b ?? null }];
}

/**
 * Every setting two policies give differently, as the paths `--set` would write: what "what if we
 * ran the state standard instead?" changes. Naming fields are left out.
 */
export function policyDifferences(from: TProgramPolicy, to: TProgramPolicy): TSetting[] {
  return leafChanges(from, to).filter((s) => !NAMING.includes(s.path));
}

const WEEKDAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const HUMAN_DATE = new RegExp(
  `${WEEKDAY},? [A-Z][a-z]+ \\d{1,2}, \\d{4}(?: at \\d{1,2}:\\d{2} [AP]M [A-Z]{2,5})?`,
  'g',
);
const ISO_DATE = /\d{4}-\d{2}-\d{2}/g;

/** What an email is about, without the dates in its subject: a moved deadline keeps its topic. */
export const subjectTopic = (subject: string) => subject.replace(HUMAN_DATE, '…').replace(ISO_DATE, '…');

const emailKey = (e: TReportedEmail) => `${e.template}|${e.roles.join(',')}|${e.sentBy}|${subjectTopic(e.subject)}`;

export interface TEmailChange {
  template: string;
  roles: string[];
  /** The subject as it goes with the change (as it went, when it no longer goes). */
  subject: string;
  /** The local date it went out without the change; null when it is new. */
  from: string | null;
  /** The local date it goes out with the change; null when it no longer goes. */
  to: string | null;
}

/**
 * Each email that goes on another day, no longer goes, or is new. Emails of the same template to the
 * same people about the same thing (the subject without its dates) are paired in order, so a
 * reminder that moves reads as one move, not a loss and a gain.
 */
export function emailChanges(before: readonly TReportedEmail[], after: readonly TReportedEmail[]): TEmailChange[] {
  const group = (list: readonly TReportedEmail[]) => {
    const out = new Map<string, TReportedEmail[]>();
    for (const e of list) {
      const key = emailKey(e);
      const same = out.get(key);
      if (same) same.push(e);
      else out.set(key, [e]);
    }
    return out;
  };
  const [a, b] = [group(before), group(after)];
  const changes: TEmailChange[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const [was, is] = [a.get(key) ?? [], b.get(key) ?? []];
    // Same send time on both sides: unchanged, whatever else moved around it.
    const unchanged = (e: TReportedEmail, other: TReportedEmail[]) => other.some((o) => o.at === e.at);
    const gone = was.filter((e) => !unchanged(e, is));
    const come = is.filter((e) => !unchanged(e, was));
    for (let i = 0; i < Math.max(gone.length, come.length); i++) {
      const sample = (come[i] ?? gone[i])!;
      changes.push({
        template: sample.template,
        roles: sample.roles,
        subject: sample.subject,
        from: gone[i]?.date ?? null,
        to: come[i]?.date ?? null,
      });
    }
  }
  // In calendar order of the earlier side: a reminder moved earlier reads where it now goes.
  const when = (c: TEmailChange) => [c.from, c.to].filter((d) => d !== null).sort()[0]!;
  return changes.sort((x, y) => when(x).localeCompare(when(y)) || x.template.localeCompare(y.template));
}

export interface TCandidateChange {
  id: string;
  phase: { from: string; to: string };
  flags: { from: string[]; to: string[] };
  /** Key dates (milestones) that fall on another day, or now or no longer happen. */
  milestones: { name: string; from: string | null; to: string | null }[];
  /** Events the changed policy refuses that it accepted before (and the reverse: `refused: false`). */
  events: { index: number; date: string; type: string; refused: boolean; reason: string | null }[];
  /** Timeline entries (admitted, at risk, presented, …) only one side has: `happens` true on the changed side. */
  timeline: { date: string; kind: string; detail: string | null; happens: boolean }[];
  /** Deadlines still open at the end of the run, new or gone. */
  openDeadlines: { id: string; due: string; overdue: boolean; open: boolean }[];
  emails: { from: number; to: number; changes: TEmailChange[] };
}

function candidateChange(a: TCandidateReport, b: TCandidateReport): TCandidateChange {
  const milestones = [...new Set([...Object.keys(a.milestones), ...Object.keys(b.milestones)])]
    .filter((name) => (a.milestones[name] ?? null) !== (b.milestones[name] ?? null))
    .map((name) => ({ name, from: a.milestones[name] ?? null, to: b.milestones[name] ?? null }));
  const refusedIn = (r: TCandidateReport) => new Map(r.events.rejected.map((e) => [e.index, e]));
  const [ra, rb] = [refusedIn(a), refusedIn(b)];
  const events = [
    ...[...rb.values()].filter((e) => !ra.has(e.index)).map((e) => ({ ...e, refused: true, reason: e.reason })),
    ...[...ra.values()].filter((e) => !rb.has(e.index)).map((e) => ({ ...e, refused: false, reason: null })),
  ]
    .map(({ index, date, type, refused, reason }) => ({ index, date, type, refused, reason }))
    .sort((x, y) => x.index - y.index);
  const deadlineKey = (d: TCandidateReport['openDeadlines'][number]) => `${d.id}|${d.due}|${d.overdue}`;
  const [da, db] = [new Set(a.openDeadlines.map(deadlineKey)), new Set(b.openDeadlines.map(deadlineKey))];
  const openDeadlines = [
    ...b.openDeadlines.filter((d) => !da.has(deadlineKey(d))).map((d) => ({ ...d, open: true })),
    ...a.openDeadlines.filter((d) => !db.has(deadlineKey(d))).map((d) => ({ ...d, open: false })),
  ].map(({ id, due, overdue, open }) => ({ id, due, overdue, open }));
  const entryKey = (t: TCandidateReport['timeline'][number]) => `${t.date}|${t.kind}|${t.detail ?? ''}`;
  // Emails and refused events are compared on their own; the timeline's entries for them would say it twice.
  const refusedEvent = new Set([...ra.values(), ...rb.values()].map((e) => `${e.date}|${e.type}`));
  const entries = (r: TCandidateReport) =>
    r.timeline.filter(
      (t) => t.kind !== 'emailSent' && t.kind !== 'rejected' && !refusedEvent.has(`${t.date}|${t.kind}`),
    );
  const [ta, tb] = [new Set(entries(a).map(entryKey)), new Set(entries(b).map(entryKey))];
  const timeline = [
    ...entries(b)
      .filter((t) => !ta.has(entryKey(t)))
      .map((t) => ({ ...t, happens: true })),
    ...entries(a)
      .filter((t) => !tb.has(entryKey(t)))
      .map((t) => ({ ...t, happens: false })),
  ]
    .map(({ date, kind, detail, happens }) => ({ date, kind, detail: detail ?? null, happens }))
    .sort((x, y) => x.date.localeCompare(y.date) || Number(x.happens) - Number(y.happens));
  return {
    id: a.id,
    phase: { from: a.phase, to: b.phase },
    flags: { from: a.flags, to: b.flags },
    milestones,
    events,
    timeline,
    openDeadlines,
    emails: { from: a.emails.length, to: b.emails.length, changes: emailChanges(a.emails, b.emails) },
  };
}

/** The program report's figures that change (issue 19's report of the simulated cohort), as dotted paths. */
export interface TFigureChange {
  figure: string;
  from: unknown;
  to: unknown;
}

// The report's own identity, and the hour distributions' spread: a what-if reads their headline
// (how many below the requirement), not every quartile that moves with it.
const NOT_A_FIGURE =
  /^(schema|programId|cohortYear|districtId|asOf|policyId)$|^hours\..*\.(count|min|q1|median|q3|max|mean)$/;

export function figureChanges(
  before: TSimulationReport['report'],
  after: TSimulationReport['report'],
): TFigureChange[] {
  return leafChanges(before, after)
    .filter((c) => !NOT_A_FIGURE.test(c.path))
    .map(({ path, from, to }) => ({ figure: path, from, to }));
}

export interface TWhatIf {
  scenario: TSimulationReport['scenario'];
  /** The policy the changed run used: the scenario's own with `settings` applied, or another one. */
  policy: string;
  /** Every setting that differs between the two runs' policies. */
  settings: TSetting[];
  candidates: TCandidateChange[];
  /** The cohort's program report figures that change. */
  figures: TFigureChange[];
  totals: {
    /** Candidates by phase at the end of the run. */
    phases: { from: Record<string, number>; to: Record<string, number> };
    emails: { from: number; to: number };
    eventsRejected: { from: number; to: number };
  };
}

const byPhase = (r: TSimulationReport) =>
  r.candidates.reduce<Record<string, number>>((n, c) => ({ ...n, [c.phase]: (n[c.phase] ?? 0) + 1 }), {});

/** What the changed policy changes, candidate by candidate (the same roster on both sides). */
export function compareRuns(settings: TSetting[], before: TSimulationReport, after: TSimulationReport): TWhatIf {
  const byId = new Map(after.candidates.map((c) => [c.id, c]));
  return {
    scenario: before.scenario,
    policy: after.scenario.policy,
    settings,
    candidates: before.candidates.map((c) => candidateChange(c, byId.get(c.id)!)),
    figures: figureChanges(before.report, after.report),
    totals: {
      phases: { from: byPhase(before), to: byPhase(after) },
      emails: { from: before.totals.emails, to: after.totals.emails },
      eventsRejected: { from: before.totals.eventsRejected, to: after.totals.eventsRejected },
    },
  };
}

/** `a → b`, or just `a` when nothing changed. */
const arrow = (a: string | number, b: string | number) => (a === b ? String(a) : `${a} → ${b}`);
const shown = (v: unknown) => {
  const text = v === null || v === undefined ? '(not set)' : JSON.stringify(v);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
};

/** The human reading: one block per candidate the change touches. */
export function formatWhatIf(w: TWhatIf): string {
  const setting = (s: TSetting) => `${s.path} = ${shown(s.to)} (now ${shown(s.from)})`;
  const lines = [
    w.policy === w.scenario.policy
      ? `What if ${w.settings.map(setting).join(', ')}?`
      : `What if the program ran policy ${w.policy} (${w.settings.length} setting${w.settings.length === 1 ? '' : 's'} differ)?\n${w.settings.map((s) => `  ${setting(s)}`).join('\n')}`,
    `${w.scenario.file}: ${w.scenario.program} (policy ${w.scenario.policy}), ${w.scenario.from} → ${w.scenario.until}`,
    '',
  ];
  const untouched: string[] = [];
  for (const c of w.candidates) {
    const changed =
      c.phase.from !== c.phase.to ||
      c.flags.from.join() !== c.flags.to.join() ||
      c.milestones.length + c.events.length + c.timeline.length + c.openDeadlines.length + c.emails.changes.length > 0;
    if (!changed) {
      untouched.push(c.id);
      continue;
    }
    lines.push(
      `${c.id}: phase ${arrow(c.phase.from, c.phase.to)} · flags ${arrow(c.flags.from.join(',') || '-', c.flags.to.join(',') || '-')} · emails ${arrow(String(c.emails.from), String(c.emails.to))}`,
    );
    for (const m of c.milestones) lines.push(`  ${m.name}: ${m.from ?? '—'} → ${m.to ?? '—'}`);
    for (const e of c.events)
      lines.push(
        e.refused
          ? `  refused now: events[${e.index}] ${e.type} on ${e.date}: ${e.reason}`
          : `  accepted now: events[${e.index}] ${e.type} on ${e.date}`,
      );
    for (const t of c.timeline)
      lines.push(
        `  ${t.happens ? 'now happens' : 'no longer  '} ${t.date}  ${t.kind}${t.detail ? `: ${t.detail}` : ''}`,
      );
    for (const d of c.openDeadlines)
      lines.push(
        `  ${d.open ? 'left open' : 'no longer open'} at the end: ${d.id} due ${d.due}${d.overdue ? ' (overdue)' : ''}`,
      );
    for (const e of c.emails.changes) {
      const what = `${e.template} to ${e.roles.join(' + ')}: ${e.subject}`;
      lines.push(
        e.from === null
          ? `  new email   ${e.to}  ${what}`
          : e.to === null
            ? `  no longer   ${e.from}  ${what}`
            : `  moved       ${e.from} → ${e.to}  ${what}`,
      );
    }
    lines.push('');
  }
  if (untouched.length) lines.push(`unchanged: ${untouched.join(', ')}`, '');
  if (w.figures.length)
    lines.push('program report:', ...w.figures.map((f) => `  ${f.figure}: ${shown(f.from)} → ${shown(f.to)}`), '');
  const t = w.totals;
  const phases = (p: Record<string, number>) =>
    Object.entries(p)
      .map(([phase, n]) => `${phase} ${n}`)
      .join(', ');
  lines.push(
    `totals: phases ${arrow(phases(t.phases.from), phases(t.phases.to))} · emails ${arrow(t.emails.from, t.emails.to)} · refused events ${arrow(t.eventsRejected.from, t.eventsRejected.to)}`,
  );
  return lines.join('\n');
}
