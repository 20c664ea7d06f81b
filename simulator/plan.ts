// Turns a validated scenario into the steps the simulator walks: each candidate's workflow starts
// at 07:00 local on their first day (assignment or cohort start, whichever is first), each event
// is recorded at 09:00 local on cohortStart + day — after that day's 08:00 reminders went out, as
// a person entering it during the working day would — and the run ends at 09:00 on `until`.
import { ZCandidateStart, type TCandidateStart } from '../domain/lifecycle/candidate';
import { addDays, zonedInstant, type TLocalDate, type TLocalTime } from '../domain/calendar/dates';
import { ZCandidateEvent, type TCandidateEvent } from '../domain/events';
import type { TProgramPolicy } from '../domain/policy/policy';
import { candidateStartDate, eventFor, simulationStart, type TScenario, type TScenarioCandidate } from './scenario';

export const WORKFLOW_START_TIME: TLocalTime = '07:00';
export const EVENT_TIME: TLocalTime = '09:00';

export type TStep =
  | { kind: 'start'; at: number; candidate: TScenarioCandidate; start: TCandidateStart }
  | {
      kind: 'event';
      at: number;
      candidate: TScenarioCandidate;
      index: number;
      day: number;
      date: TLocalDate;
      event: TCandidateEvent;
    };

export interface TPlan {
  from: TLocalDate;
  /** The server clock's first instant: the earliest workflow start. */
  startsAt: number;
  endsAt: number;
  /** In time order; a day's events keep their order in the file. */
  steps: TStep[];
}

/**
 * The candidate's start record. The roster's coach (or supervisor) whom a data-less
 * `coachAssigned` (`supervisorAssigned`) event assigns later is left out of the start, so nobody is
 * written to as coach before the pairing happens (R-ONB-1). An event that names its own person is a
 * change of coach or supervisor: the roster's one is on file from the start until then.
 */
export function candidateStart(
  s: TScenario,
  policy: TProgramPolicy,
  c: TScenarioCandidate,
  later: ReadonlySet<string> = assignedLater(s),
): TCandidateStart {
  const isLater = (type: keyof typeof PERSON) => later.has(`${c.id}\n${type}`);
  return ZCandidateStart.parse({
    programId: s.program,
    candidateId: c.id,
    policyId: policy.id,
    cohortStart: s.cohortStart,
    assignmentStart: c.assignmentStart,
    enrolledOn: c.enrolledOn,
    candidate: { name: c.name, email: c.email },
    coach: isLater('coachAssigned') ? undefined : c.coach,
    supervisor: isLater('supervisorAssigned') ? undefined : c.supervisor,
    programAdministrator: s.programAdministrator,
    director: s.director,
    districtId: c.districtId,
  });
}

const PERSON = { coachAssigned: 'coach', supervisorAssigned: 'supervisor' } as const;

/**
 * `candidate \n type` for each data-less `coachAssigned` / `supervisorAssigned` event, found in one
 * pass: asking the whole event list per candidate grew as the square of the cohort (1,000 candidates
 * of the full script: 134,000 events read 2,000 times, seconds before the first step).
 */
function assignedLater(s: TScenario): Set<string> {
  const later = new Set<string>();
  for (const e of s.events)
    if ((e.type === 'coachAssigned' || e.type === 'supervisorAssigned') && e.data[PERSON[e.type]] === undefined)
      later.add(`${e.candidate}\n${e.type}`);
  return later;
}

export function planScenario(s: TScenario, policy: TProgramPolicy): TPlan {
  const tz = policy.timeZone;
  const byId = new Map(s.candidates.map((c) => [c.id, c]));
  const later = assignedLater(s);
  const starts: TStep[] = s.candidates.map((c) => ({
    kind: 'start',
    at: zonedInstant(candidateStartDate(s, c), WORKFLOW_START_TIME, tz),
    candidate: c,
    start: candidateStart(s, policy, c, later),
  }));
  const events: TStep[] = s.events.map((e, index) => {
    const candidate = byId.get(e.candidate);
    if (!candidate)
      throw new Error(`events[${index}]: unknown candidate ${e.candidate} (the scenario was not validated)`);
    const date = addDays(s.cohortStart, e.day);
    return {
      kind: 'event',
      at: zonedInstant(date, EVENT_TIME, tz),
      candidate,
      index,
      day: e.day,
      date,
      event: ZCandidateEvent.parse(eventFor(e, candidate, date)),
    };
  });
  // Array.prototype.sort is stable: starts precede events of the same instant, file order holds.
  const steps = [...starts, ...events].sort((a, b) => a.at - b.at);
  const from = simulationStart(s);
  return {
    from,
    startsAt: zonedInstant(from, WORKFLOW_START_TIME, tz),
    endsAt: zonedInstant(s.until, EVENT_TIME, tz),
    steps,
  };
}
