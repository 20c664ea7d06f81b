// Scenario files are parsed at the edge: every bad field is named by its path, all at once, before
// any server starts. Fast: no Temporal here.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../domain/calendar/dates';
import { rossier } from '../../domain/policy/policy';
import { candidateStart, planScenario } from '../../simulator/plan';
import {
  combineScenarios,
  loadScenario,
  parseScenario,
  ScenarioError,
  type TScenarioInput,
} from '../../simulator/scenario';

const SCENARIOS = resolve(__dirname, '../../scenarios');

const base = (): TScenarioInput => ({
  program: 'rossier',
  cohortStart: '2026-08-03',
  candidates: [
    {
      id: 'c1',
      name: 'Jamal Jackson',
      email: 'jamal@example.org',
      assignmentStart: '2026-06-15',
      coach: { name: 'Gloria Sharp', email: 'gloria@example.org' },
    },
    { id: 'c2', name: 'Carlos Sanchez', email: 'carlos@example.org', assignmentStart: '2026-07-06' },
  ],
  events: [{ candidate: 'c1', day: 12, type: 'coachAssigned', data: {} }],
  until: '2027-08-01',
});

function problems(input: unknown): string[] {
  try {
    parseScenario(input, 'test.json');
  } catch (e) {
    if (e instanceof ScenarioError) return [...e.problems];
    throw e;
  }
  return [];
}

describe('scenario files', () => {
  it("accepts design.md's example shape, with a default program administrator", () => {
    const s = parseScenario(base());
    expect(s.programAdministrator.email).toMatch(/@/);
    expect(s.events[0]).toEqual({ candidate: 'c1', day: 12, type: 'coachAssigned', data: {} });
  });

  it('names an event type outside the vocabulary, with its index', () => {
    const s = base();
    s.events = [...s.events!, { candidate: 'c1', day: 14, type: 'coachingLoged', data: { hours: 2 } }];
    expect(problems(s)).toEqual([
      expect.stringMatching(
        /^events\[1\]\.type: unknown event type "coachingLoged"; expected one of admitted, .*coachingLogged/,
      ),
    ]);
  });

  it('names an event for a candidate who is not on the roster', () => {
    const s = base();
    s.events = [{ candidate: 'zed', day: 1, type: 'admitted' }];
    expect(problems(s)).toEqual(['events[0].candidate: unknown candidate "zed"; the roster has c1, c2']);
  });

  it('names a day outside the simulated range (before the candidate starts, after until)', () => {
    const s = base();
    s.events = [
      { candidate: 'c2', day: -40, type: 'admitted' }, // 2026-06-24: before Carlos's assignment (Jul 6)
      { candidate: 'c1', day: 400, type: 'admitted' }, // 2027-09-07: after until
      { candidate: 'c1', day: 1.5, type: 'admitted' },
    ];
    expect(problems(s)).toEqual([
      expect.stringMatching(
        /^events\[0\]\.day: day -40 is 2026-06-24, outside the simulation for this candidate \(2026-07-06 … 2027-08-01/,
      ),
      expect.stringMatching(/^events\[1\]\.day: day 400 is 2027-09-07, outside/),
      'events[2].day: expected a whole number of days from cohortStart',
    ]);
  });

  it("checks each event's data against the vocabulary (ZCandidateEvent) and names the field", () => {
    const s = base();
    s.events = [
      { candidate: 'c1', day: 20, type: 'coachingLogged', data: { hours: -2, minutes: 30 } },
      {
        candidate: 'c1',
        day: 21,
        type: 'assessmentSubmitted',
        data: { window: 'pre', rater: 'coach', scores: { cpsel1: 5, cpsel2: 3, cpsel3: 3, cpsel4: 3, cpsel5: 3 } },
      },
      { candidate: 'c2', day: 22, type: 'coachAssigned', data: {} },
      { candidate: 'c1', day: 23, type: 'orientationAttended', data: { date: '2026-08-01' } },
    ];
    expect(problems(s)).toEqual([
      'events[0].data.hours: hours must be > 0',
      'events[0].data.minutes: unknown field for this event type',
      'events[1].data.scores.cpsel1: expected a rubric score 1–4',
      'events[1].data.scores.cpsel6: missing (expected a rubric score 1–4)',
      "events[2].data.coach: missing: give data.coach or the candidate's coach",
      "events[3].data.date: not allowed here: the event's date comes from the event's day",
    ]);
  });

  it('reports every structural problem at once, by path', () => {
    const s = {
      ...base(),
      cohortStart: '2026-02-30',
      extra: true,
      candidates: [{ id: 'bad id!', name: '', email: 'nope', assignmentStart: '2026-06-15' }],
    };
    expect(problems(s)).toEqual([
      'cohortStart: expected a real calendar date YYYY-MM-DD',
      'candidates[0].id: expected a candidate id: letters, digits, _ . -, ≤ 64',
      'candidates[0].name: a name is required',
      'candidates[0].email: expected an email address',
      'extra: unknown field',
    ]);
  });

  it('names duplicate candidate ids and an until before the start', () => {
    const s = base();
    s.candidates = [s.candidates[0]!, { ...s.candidates[0]! }];
    s.until = '2026-01-01';
    s.events = [];
    expect(problems(s)).toEqual([
      'candidates[1].id: candidate id "c1" is used twice',
      'until: must be after the simulation starts (2026-06-15)',
    ]);
  });

  it('resolves policyFile relative to the scenario and names its problems; an unknown program needs one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'casc-scenario-'));
    writeFileSync(
      join(dir, 'own.json'),
      JSON.stringify({ id: 'own', name: 'Own program', hours: { coachingPerYear: -1 } }),
    );
    writeFileSync(join(dir, 'bad-policy.json'), JSON.stringify({ ...base(), policyFile: 'own.json' }));
    writeFileSync(join(dir, 'unknown.json'), JSON.stringify({ ...base(), program: 'elsewhere' }));
    expect(() => loadScenario(join(dir, 'bad-policy.json'))).toThrow(
      /policyFile \(own\.json\): hours\.coachingPerYear: /,
    );
    expect(() => loadScenario(join(dir, 'unknown.json'))).toThrow(
      /program: no built-in policy "elsewhere".*give policy \(a built-in\) or policyFile/,
    );
    expect(() => loadScenario(join(dir, 'missing.json'))).toThrow(/cannot read the file: ENOENT/);
  });

  it('plans starts at 07:00 and events at 09:00 local on cohortStart + day, in day order, file order within a day', () => {
    const s = parseScenario({
      ...base(),
      events: [
        { candidate: 'c1', day: 5, type: 'orientationAttended' },
        { candidate: 'c1', day: -30, type: 'admitted' },
        { candidate: 'c1', day: -30, type: 'coachAssigned' },
      ],
    });
    const plan = planScenario(s, rossier);
    expect(plan.startsAt).toBe(zonedInstant('2026-06-15', '07:00', 'America/Los_Angeles'));
    expect(
      plan.steps.map((st) => (st.kind === 'start' ? `start ${st.candidate.id}` : `${st.event.type} ${st.date}`)),
    ).toEqual([
      'start c1',
      'admitted 2026-07-04',
      'coachAssigned 2026-07-04',
      'start c2',
      'orientationAttended 2026-08-08',
    ]);
    const first = plan.steps[1]!;
    expect(first.at).toBe(zonedInstant('2026-07-04', '09:00', 'America/Los_Angeles'));
    // A coach assigned by event is not on the start record (no mail to a coach before pairing).
    expect(candidateStart(s, rossier, s.candidates[0]!).coach).toBeUndefined();
    const coachAssigned = plan.steps[2]!;
    expect(coachAssigned.kind === 'event' && coachAssigned.event).toMatchObject({
      type: 'coachAssigned',
      coach: { name: 'Gloria Sharp' },
      date: '2026-07-04',
    });
  });

  it('every shipped scenario is valid', () => {
    const shipped = readdirSync(SCENARIOS).filter((f) => f.endsWith('.json') && !f.endsWith('.expect.json'));
    expect(shipped.length).toBeGreaterThanOrEqual(10);
    for (const f of shipped) {
      const { scenario } = loadScenario(join(SCENARIOS, f));
      expect(scenario.events.length).toBeGreaterThan(0);
    }
  });

  it('names any policy: a built-in as the program (ctc-standard), a built-in by policy, or a policy file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'casc-scenario-'));
    writeFileSync(join(dir, 'ctc.json'), JSON.stringify({ ...base(), program: 'ctc-standard' }));
    writeFileSync(join(dir, 'named.json'), JSON.stringify({ ...base(), program: 'district7', policy: 'ctc-standard' }));
    writeFileSync(
      join(dir, 'ilp.json'),
      JSON.stringify({
        ...base(),
        program: 'ilp',
        policyFile: resolve(__dirname, '../../domain/policy/programs/ilp-example.json'),
      }),
    );
    writeFileSync(join(dir, 'both.json'), JSON.stringify({ ...base(), policy: 'rossier', policyFile: 'x.json' }));
    const ctc = loadScenario(join(dir, 'ctc.json'));
    // Program ids have no '-': the built-in runs as program ctc_standard (candidate keys ctc_standard-…).
    expect([ctc.scenario.program, ctc.scenario.policy, ctc.policy.id]).toEqual([
      'ctc_standard',
      'ctc-standard',
      'ctc-standard',
    ]);
    expect(candidateStart(ctc.scenario, ctc.policy, ctc.scenario.candidates[0]!)).toMatchObject({
      programId: 'ctc_standard',
      policyId: 'ctc-standard',
    });
    const named = loadScenario(join(dir, 'named.json'));
    expect([named.scenario.program, named.policy.id]).toEqual(['district7', 'ctc-standard']);
    expect(loadScenario(join(dir, 'ilp.json')).policy.id).toBe('ilp-example');
    expect(() => loadScenario(join(dir, 'both.json'))).toThrow(/policy: give policy \(a built-in\) or policyFile/);
    expect(problems({ ...base(), policy: 'elsewhere' })).toEqual([
      'policy: expected a built-in policy: rossier, ctc-standard',
    ]);
  });

  it("a supervisorAssigned (coachAssigned) event naming its own person is a change: the roster's person is on the start record", () => {
    const supervisor = { name: 'Lee Park', email: 'lee.park@example.org' };
    const s = parseScenario({
      ...base(),
      candidates: [{ ...base().candidates[0]!, supervisor }, base().candidates[1]!],
      events: [
        {
          candidate: 'c1',
          day: 200,
          type: 'supervisorAssigned',
          data: { supervisor: { name: 'New Principal', email: 'new.principal@example.org' } },
        },
        {
          candidate: 'c1',
          day: 210,
          type: 'coachAssigned',
          data: { coach: { name: 'Second Coach', email: 'second.coach@example.org' } },
        },
      ],
    });
    const start = candidateStart(s, rossier, s.candidates[0]!);
    expect(start.supervisor).toEqual(supervisor);
    expect(start.coach).toEqual({ name: 'Gloria Sharp', email: 'gloria@example.org' });
    // A data-less event assigns the roster's person later: not on the start record.
    const later = parseScenario({
      ...base(),
      candidates: [{ ...base().candidates[0]!, supervisor }],
      events: [{ candidate: 'c1', day: 20, type: 'supervisorAssigned' }],
    });
    expect(candidateStart(later, rossier, later.candidates[0]!).supervisor).toBeUndefined();
  });

  it('combines scenario files into one cohort (one simulation): candidates and events of each, the latest until; refuses what differs', () => {
    const files = ['on-track', 'withdrawal-refund'].map((f) => join(SCENARIOS, `${f}.json`));
    const { scenario, policy } = combineScenarios(files);
    expect(policy.id).toBe('rossier');
    expect(scenario.candidates.map((c) => c.id)).toEqual(['olivia', 'wren', 'will']);
    expect(scenario.events.length).toBe(files.reduce((n, f) => n + loadScenario(f).scenario.events.length, 0));
    expect(scenario.until).toBe('2028-06-26');
    const dir = mkdtempSync(join(tmpdir(), 'casc-scenario-'));
    writeFileSync(join(dir, 'a.json'), JSON.stringify(base()));
    writeFileSync(join(dir, 'b.json'), JSON.stringify({ ...base(), cohortStart: '2026-08-10' }));
    expect(() => combineScenarios([join(dir, 'a.json'), join(dir, 'b.json')])).toThrow(
      /b\.json: cohortStart differs from .*a\.json[\s\S]*candidate id "c1" is also in/,
    );
  });
});
