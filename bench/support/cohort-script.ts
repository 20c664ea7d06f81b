// The event script every lifecycle benchmark drives: the project's own on-track candidate
// (scenarios/jamal-on-track.json, seed 001: admission, coach, assessments, IIPs, fourteen session
// assignments, portfolio, verification and the recommendation chain to `cleared`) with one change
// to make it cheap at 1,000 candidates: the 87 small hour entries are folded — coaching into one
// entry per month (the coach meets the candidate monthly, R-HRS-1), professional learning into one
// per category and program year (split at 24 h) — each logged on the first day that kind appears in
// the month or year. The candidate then keeps the monthly cadence and is ahead of the learning pace,
// so nothing is escalated because of it. (Until 2026-12-04 coaching folded per year too, and the
// candidate and coach were told in 20 months that no coaching was logged, and the PA twice.)
import { resolve } from 'node:path';
import { addDays, compareDates, daysBetween, type TLocalDate } from '../../domain/calendar/dates';
import type { TCandidateEvent } from '../../domain/events';
import type { TCandidateStart } from '../../domain/lifecycle/candidate';
import { computeLifecycleDates } from '../../domain/lifecycle/dates';
import { initialState } from '../../domain/lifecycle/state';
import type { TProgramPolicy } from '../../domain/policy/policy';
import { planScenario } from '../../simulator/plan';
import { loadScenario, type TScenario, type TScenarioEvent } from '../../simulator/scenario';

export const SCENARIO_FILE = resolve(__dirname, '../../scenarios/jamal-on-track.json');
const MAX_HOURS_PER_ENTRY = 24;

export interface TCohortScript {
  policy: TProgramPolicy;
  /** Server clock at the start: the template candidate's workflow start. */
  startsAt: number;
  endsAt: number;
  /** The template candidate's start record; candidate i gets its own id and address. */
  start: TCandidateStart;
  /** Event instants in order, each with the events every candidate records then (in order). */
  moments: { at: number; date: TLocalDate; events: TCandidateEvent[] }[];
  eventsPerCandidate: number;
  from: TLocalDate;
  until: TLocalDate;
}

/** One coaching entry per month; one learning entry per (category, program year); on the period's first day of its kind. */
function foldHours(s: TScenario, year2Start: TLocalDate): TScenarioEvent[] {
  const isHours = (e: TScenarioEvent) => e.type === 'coachingLogged' || e.type === 'learningLogged';
  const buckets = new Map<string, { day: number; type: string; category?: string; hours: number }>();
  for (const e of s.events.filter(isHours)) {
    const date = addDays(s.cohortStart, e.day);
    const year = compareDates(date, year2Start) < 0 ? 1 : 2;
    const category = typeof e.data.category === 'string' ? e.data.category : undefined;
    // R-HRS-1: the coach meets the candidate monthly, so coaching folds per month, not per year.
    const period = e.type === 'coachingLogged' ? date.slice(0, 7) : String(year);
    const key = `${e.type}:${category ?? ''}:${period}`;
    const b = buckets.get(key) ?? { day: e.day, type: e.type, ...(category ? { category } : {}), hours: 0 };
    b.hours += Number(e.data.hours);
    buckets.set(key, b);
  }
  const folded: TScenarioEvent[] = [];
  for (const b of buckets.values()) {
    for (
      let left = Math.round(b.hours * 100) / 100;
      left > 0;
      left = Math.round((left - MAX_HOURS_PER_ENTRY) * 100) / 100
    ) {
      folded.push({
        candidate: s.candidates[0]!.id,
        day: b.day,
        type: b.type,
        data: { hours: Math.min(left, MAX_HOURS_PER_ENTRY), ...(b.category ? { category: b.category } : {}) },
      });
    }
  }
  // Stable sort: a day's folded hours come after that day's other events, as in the file.
  return [...s.events.filter((e) => !isHours(e)), ...folded].sort((a, b) => a.day - b.day);
}

/** The cohort script as a scenario (one candidate, hours folded), for the in-memory engine. */
export function cohortScenario(): { scenario: TScenario; policy: TProgramPolicy } {
  const { scenario, policy } = loadScenario(SCENARIO_FILE);
  const template = scenario.candidates[0]!;
  const first = planScenario(scenario, policy).steps.find((s) => s.kind === 'start');
  if (!first || first.kind !== 'start') throw new Error(`${SCENARIO_FILE}: no candidate start`);
  const year2Start = computeLifecycleDates(initialState(first.start), policy).keyDates.programYears.year2.start;
  return { scenario: { ...scenario, candidates: [template], events: foldHours(scenario, year2Start) }, policy };
}

export function cohortScript(): TCohortScript {
  const { scenario, policy } = loadScenario(SCENARIO_FILE);
  const template = scenario.candidates[0]!;
  const firstPlan = planScenario(scenario, policy);
  const firstStart = firstPlan.steps.find((s) => s.kind === 'start');
  if (!firstStart || firstStart.kind !== 'start') throw new Error(`${SCENARIO_FILE}: no candidate start`);
  const year2Start = computeLifecycleDates(initialState(firstStart.start), policy).keyDates.programYears.year2.start;
  const plan = planScenario({ ...scenario, candidates: [template], events: foldHours(scenario, year2Start) }, policy);
  const moments: TCohortScript['moments'] = [];
  for (const step of plan.steps) {
    if (step.kind !== 'event') continue;
    const last = moments.at(-1);
    if (last && last.at === step.at) last.events.push(step.event);
    else moments.push({ at: step.at, date: step.date, events: [step.event] });
  }
  return {
    policy,
    startsAt: firstStart.at,
    endsAt: plan.endsAt,
    start: firstStart.start,
    moments,
    eventsPerCandidate: moments.reduce((a, m) => a + m.events.length, 0),
    from: plan.from,
    until: scenario.until,
  };
}

export function candidateFor(script: TCohortScript, i: number): TCandidateStart {
  const id = `b${String(i).padStart(5, '0')}`;
  return { ...script.start, candidateId: id, candidate: { name: `Bench Candidate ${i}`, email: `${id}@example.org` } };
}

export const programDays = (s: TCohortScript) => daysBetween(s.from, s.until);
