// A scenario file: a roster, a program policy and the events that happen to each candidate, day by
// day (design.md, "Scenario files and the simulator"). Parsed with zod at the edge; every problem is
// named by its path (`events[3].data.scores.cpsel2: …`) and all of them are reported at once.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { ZCandidateId, ZPerson, ZProgramId, type TPerson } from '../domain/lifecycle/candidate';
import { addDays, compareDates, daysBetween, minDate, ZLocalDate, type TLocalDate } from '../domain/calendar/dates';
import { EVENT_TYPES, ZCandidateEvent } from '../domain/events';
import {
  BUILTIN_POLICY_IDS,
  getBuiltinPolicy,
  parsePolicy,
  PolicyError,
  type TProgramPolicy,
} from '../domain/policy/policy';

/** Who receives escalations when the scenario names nobody (fictional, like every seed name). */
export const DEFAULT_PROGRAM_ADMINISTRATOR: TPerson = { name: 'Dr. Tran', email: 'pa.tran@example.edu' };
/** A simulation longer than this is a typo in `until`, not a program (2 years + deferral + extension). */
const MAX_SIMULATED_DAYS = 5 * 366;

export const ZScenarioCandidate = z.strictObject({
  id: ZCandidateId,
  name: z.string({ error: 'expected a name' }).trim().min(1, { error: 'a name is required' }).max(120),
  email: z.email({ error: 'expected an email address' }).max(254),
  /** First day of the first administrative assignment (R-ADM-1's clock). */
  assignmentStart: ZLocalDate,
  /** Already enrolled when the workflow starts (an imported roster). */
  enrolledOn: ZLocalDate.optional(),
  /** Known from the start, or the person a data-less `coachAssigned` event assigns. */
  coach: ZPerson.optional(),
  supervisor: ZPerson.optional(),
  /** A partner district (seed 002). */
  districtId: z
    .string()
    .regex(/^[a-z0-9_-]{1,40}$/, { error: 'expected a district id: lowercase letters, digits, _ -' })
    .optional(),
});
export type TScenarioCandidate = z.infer<typeof ZScenarioCandidate>;

export const ZScenarioEvent = z.strictObject({
  candidate: z.string({ error: 'expected a candidate id' }),
  /** Days from cohortStart (negative: before the cohort starts); the event happens at 09:00 local. */
  // A number here and whole-ness checked below: a fractional day must not hide the other problems.
  day: z.number({ error: 'expected a whole number of days from cohortStart' }),
  // Checked against the vocabulary below, together with the data, so one pass reports everything.
  type: z.string({ error: 'expected an event type' }),
  data: z.record(z.string(), z.unknown(), { error: 'expected an object of event fields' }).default({}),
});
export type TScenarioEvent = z.infer<typeof ZScenarioEvent>;

export const ZScenario = z
  .strictObject({
    description: z.string().max(2000).optional(),
    /**
     * The program id (candidate keys are `<program>-<id>`). A built-in policy's id is accepted here
     * too (`"program": "ctc-standard"`): it runs that policy, as program `ctc_standard`.
     */
    program: z.union([ZProgramId, z.enum(BUILTIN_POLICY_IDS as [string, ...string[]])], {
      error: `expected a program id (lowercase letters, digits, _) or a built-in policy (${BUILTIN_POLICY_IDS.join(', ')})`,
    }),
    /** A built-in policy to run (`rossier`, `ctc-standard`), when it is not the program's own id. */
    policy: z
      .enum(BUILTIN_POLICY_IDS as [string, ...string[]], {
        error: `expected a built-in policy: ${BUILTIN_POLICY_IDS.join(', ')}`,
      })
      .optional(),
    /** A program's own JSON policy, relative to the scenario file; otherwise `policy`, else the built-in `program`. */
    policyFile: z.string().min(1).optional(),
    cohortStart: ZLocalDate,
    programAdministrator: ZPerson.default(DEFAULT_PROGRAM_ADMINISTRATOR),
    /** Receives escalations the PA owns (a missed coach match). */
    director: ZPerson.optional(),
    candidates: z.array(ZScenarioCandidate).min(1, { error: 'a scenario needs at least one candidate' }).max(100),
    events: z.array(ZScenarioEvent).max(10_000).default([]),
    until: ZLocalDate,
  })
  .superRefine((s, ctx) => {
    const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (s.policy && s.policyFile)
      issue(['policy'], "give policy (a built-in) or policyFile (a program's own), not both");
    // zod runs this check even when a date field failed its own (reported) refinement.
    const isDate = (d: string) => ZLocalDate.safeParse(d).success;
    if (![s.cohortStart, s.until, ...s.candidates.map((c) => c.assignmentStart)].every(isDate)) return;
    const seen = new Set<string>();
    s.candidates.forEach((c, i) => {
      if (seen.has(c.id)) issue(['candidates', i, 'id'], `candidate id "${c.id}" is used twice`);
      seen.add(c.id);
    });
    const from = simulationStart(s);
    if (compareDates(s.until, from) <= 0) issue(['until'], `must be after the simulation starts (${from})`);
    else if (daysBetween(from, s.until) > MAX_SIMULATED_DAYS)
      issue(['until'], `at most ${MAX_SIMULATED_DAYS} days after the simulation starts (${from})`);

    const byId = new Map(s.candidates.map((c) => [c.id, c]));
    s.events.forEach((e, i) => {
      const at = (...rest: PropertyKey[]) => ['events', i, ...rest];
      const candidate = byId.get(e.candidate);
      if (!candidate)
        issue(at('candidate'), `unknown candidate "${e.candidate}"; the roster has ${[...byId.keys()].join(', ')}`);
      if (!Number.isInteger(e.day)) {
        issue(at('day'), 'expected a whole number of days from cohortStart');
        return;
      }
      const date = addDays(s.cohortStart, e.day);
      const first = candidate ? candidateStartDate(s, candidate) : from;
      if (compareDates(date, first) < 0 || compareDates(date, s.until) > 0) {
        issue(
          at('day'),
          `day ${e.day} is ${date}, outside the simulation for this candidate (${first} … ${s.until}: days ${daysBetween(s.cohortStart, first)} … ${daysBetween(s.cohortStart, s.until)})`,
        );
      }
      if (!(EVENT_TYPES as string[]).includes(e.type)) {
        issue(at('type'), `unknown event type "${e.type}"; expected one of ${EVENT_TYPES.join(', ')}`);
        return;
      }
      for (const key of ['type', 'date'] as const) {
        if (key in e.data)
          issue(
            at('data', key),
            `not allowed here: the event's ${key} comes from the event's ${key === 'type' ? 'type' : 'day'}`,
          );
      }
      if (!candidate) return;
      const event = eventFor(e, candidate, date);
      const parsed = ZCandidateEvent.safeParse(event);
      if (parsed.success) return;
      for (const problem of parsed.error.issues) {
        if (problem.code === 'unrecognized_keys') {
          problem.keys.forEach((k) => issue(at('data', ...problem.path, k), 'unknown field for this event type'));
          continue;
        }
        const message = problem.message.replace(/^Invalid (input|option): /, '');
        const missing = valueAt(event, problem.path) === undefined;
        issue(
          at('data', ...problem.path),
          (missing && missingPersonHint(e.type, problem.path)) || (missing ? `missing (${message})` : message),
        );
      }
    });
  })
  // A built-in policy named as the program: run it, under a program id made of its name.
  .transform((s) => {
    if (ZProgramId.safeParse(s.program).success) return s;
    return { ...s, program: s.program.replaceAll('-', '_'), policy: s.policy ?? s.program };
  });
export type TScenario = z.output<typeof ZScenario>;
export type TScenarioInput = z.input<typeof ZScenario>;

/** Where a scenario's clock starts: the earliest of the cohort start and every assignment start. */
export function simulationStart(s: Pick<TScenario, 'cohortStart' | 'candidates'>): TLocalDate {
  return minDate(s.cohortStart, ...s.candidates.map((c) => c.assignmentStart));
}

/** A candidate's workflow starts on their own first day: the assignment or the cohort, whichever is first. */
export function candidateStartDate(
  s: Pick<TScenario, 'cohortStart'>,
  c: Pick<TScenarioCandidate, 'assignmentStart'>,
): TLocalDate {
  return minDate(s.cohortStart, c.assignmentStart);
}

/**
 * The vocabulary event a scenario line stands for. A `coachAssigned` / `supervisorAssigned` line
 * without data assigns the person named on the candidate (as in design.md's example).
 */
export function eventFor(e: TScenarioEvent, candidate: TScenarioCandidate, date: TLocalDate): unknown {
  const filled: Record<string, unknown> = { ...e.data };
  if (e.type === 'coachAssigned' && filled.coach === undefined && candidate.coach) filled.coach = candidate.coach;
  if (e.type === 'supervisorAssigned' && filled.supervisor === undefined && candidate.supervisor)
    filled.supervisor = candidate.supervisor;
  return { ...filled, type: e.type, date };
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (v, k) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined),
    value,
  );
}

function missingPersonHint(type: string, path: readonly PropertyKey[]): string | undefined {
  const person = type === 'coachAssigned' ? 'coach' : type === 'supervisorAssigned' ? 'supervisor' : undefined;
  if (!person || path.length !== 1 || path[0] !== person) return undefined;
  return `missing: give data.${person} or the candidate's ${person}`;
}

export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(
      `${source}: invalid scenario (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
    '',
  );
}

function describe(issue: z.core.$ZodIssue): string[] {
  if (issue.code === 'unrecognized_keys')
    return issue.keys.map((k) => `${formatPath([...issue.path, k])}: unknown field`);
  return [`${formatPath(issue.path) || '(scenario)'}: ${issue.message.replace(/^Invalid (input|option): /, '')}`];
}

/** Validates a scenario document (an object or JSON text); throws ScenarioError naming every problem. */
export function parseScenario(json: unknown, source = 'scenario'): TScenario {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (e) {
      throw new ScenarioError(source, [`(scenario): not valid JSON: ${(e as Error).message}`]);
    }
  }
  const result = ZScenario.safeParse(value);
  if (!result.success) throw new ScenarioError(source, result.error.issues.flatMap(describe));
  return result.data;
}

/** The policy a scenario runs under: its own policy file (relative to the scenario) or the built-in. */
export function resolveScenarioPolicy(s: TScenario, scenarioFile: string): TProgramPolicy {
  if (!s.policyFile) {
    if (s.policy) return getBuiltinPolicy(s.policy);
    if (BUILTIN_POLICY_IDS.includes(s.program)) return getBuiltinPolicy(s.program);
    throw new ScenarioError(scenarioFile, [
      `program: no built-in policy "${s.program}" (built-in: ${BUILTIN_POLICY_IDS.join(', ')}); give policy (a built-in) or policyFile`,
    ]);
  }
  const path = resolve(dirname(scenarioFile), s.policyFile);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ScenarioError(scenarioFile, [`policyFile: cannot read it: ${(e as Error).message}`]);
  }
  try {
    return parsePolicy(text);
  } catch (e) {
    if (e instanceof PolicyError)
      throw new ScenarioError(
        scenarioFile,
        e.problems.map((p) => `policyFile (${s.policyFile}): ${p}`),
      );
    throw e;
  }
}

/** Reads and validates a scenario file and its policy. */
export function loadScenario(scenarioFile: string): { scenario: TScenario; policy: TProgramPolicy } {
  let text: string;
  try {
    text = readFileSync(scenarioFile, 'utf8');
  } catch (e) {
    throw new ScenarioError(scenarioFile, [`cannot read the file: ${(e as Error).message}`]);
  }
  const scenario = parseScenario(text, scenarioFile);
  return { scenario, policy: resolveScenarioPolicy(scenario, scenarioFile) };
}

/**
 * Several scenario files as one cohort, so they cost one simulation: the same program, policy,
 * cohort start and staff; candidate ids unique across them; events in file order, file by file;
 * `until` the latest. Each candidate's workflow is its own, so each file's candidates do what they
 * would alone (only the simulation's last day can be later).
 */
export function combineScenarios(
  files: readonly string[],
  description = `cohort of ${files.length} scenario files`,
): { scenario: TScenario; policy: TProgramPolicy } {
  const loaded = files.map((file) => ({ file, ...loadScenario(file) }));
  const [first, ...rest] = loaded;
  if (!first) throw new ScenarioError('(cohort)', ['no scenario files to combine']);
  const problems: string[] = [];
  const ids = new Map<string, string>();
  for (const l of loaded) {
    const differs = (what: string, a: unknown, b: unknown) =>
      JSON.stringify(a) !== JSON.stringify(b) && problems.push(`${l.file}: ${what} differs from ${first.file}`);
    differs('program', l.scenario.program, first.scenario.program);
    differs('policy', l.policy, first.policy);
    differs('cohortStart', l.scenario.cohortStart, first.scenario.cohortStart);
    differs('programAdministrator', l.scenario.programAdministrator, first.scenario.programAdministrator);
    differs('director', l.scenario.director, first.scenario.director);
    for (const c of l.scenario.candidates) {
      const other = ids.get(c.id);
      if (other) problems.push(`${l.file}: candidate id "${c.id}" is also in ${other}`);
      ids.set(c.id, l.file);
    }
  }
  if (problems.length) throw new ScenarioError('(cohort)', problems);
  const until = rest.reduce(
    (u, l) => (compareDates(l.scenario.until, u) > 0 ? l.scenario.until : u),
    first.scenario.until,
  );
  const scenario: TScenario = {
    ...first.scenario,
    description,
    candidates: loaded.flatMap((l) => l.scenario.candidates),
    events: loaded.flatMap((l) => l.scenario.events),
    until,
  };
  return { scenario, policy: first.policy };
}
