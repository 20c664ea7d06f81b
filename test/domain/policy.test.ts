import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import {
  BUILTIN_POLICY_IDS,
  PolicyError,
  ctcStandard,
  getBuiltinPolicy,
  parsePolicy,
  rossier,
  type TProgramPolicy,
} from '../../domain/policy/policy';
import { computeKeyDates } from '../../domain/calendar/deadlines';
import { candidate2026 } from './fixtures';

function problemsOf(input: unknown): readonly string[] {
  try {
    parsePolicy(input);
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyError);
    return (e as PolicyError).problems;
  }
  throw new Error('expected the policy to be rejected');
}

const ilpPath = fileURLToPath(new URL('../../domain/policy/programs/ilp-example.json', import.meta.url));

describe('program policy', () => {
  it('R-HRS-1: a bad policy file is rejected with every problem named by its path', () => {
    const problems = problemsOf({
      id: 'demo',
      name: 'Demo',
      timeZone: 'Pacific/Nowhere',
      hours: { coachingPerYear: -5, coachingPerYr: 40 },
      sessions: { months: [9, 13, 9] },
      portfolio: { panel: { min: 4, max: 3 } },
      milestones: [{ id: 'ilp', label: 'ILP', owner: 'principal', due: { programYear: 3, month: 11, day: 1 } }],
      reminders: { overrides: { coachMatsh: { daysBefore: [7] } } },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'hours.coachingPerYear: expected a number ≥ 0',
        'hours.coachingPerYr: unknown field',
        'timeZone: expected an IANA time zone name such as America/Los_Angeles',
        'sessions.months[1]: expected a month 1–12',
        'sessions.months: month 9 is listed twice',
        'portfolio.panel.min: panel min (4) is more than max (3)',
        expect.stringMatching(/^milestones\[0\]\.owner: expected one of "candidate"/),
        expect.stringMatching(/^milestones\[0\]\.due: expected \{ programYear, month, day \} or/),
      ]),
    );
    expect(problems.length).toBeGreaterThanOrEqual(8);
  });

  it('R-ASM-2: an assessment window may not close before it opens; empty labels are named', () => {
    const problems = problemsOf({
      id: 'x',
      name: 'X',
      assessments: { windows: { endYear2: { opens: { month: 6, day: 1 }, due: { month: 5, day: 31 } } } },
      milestones: [{ id: 'm', label: '', owner: 'coach', due: { programYear: 1, month: 2, day: 30 } }],
    });
    expect(problems).toEqual([
      'milestones[0].label: must not be empty',
      'assessments.windows.endYear2.due: is before opens',
    ]);
    expect(
      problemsOf({
        id: 'x',
        name: 'X',
        assessments: { windows: { endYear1: { opens: { month: 2, day: 30 }, due: { month: 6, day: 30 } } } },
      }),
    ).toEqual(['assessments.windows.endYear1.opens.day: month 2 has no day 30']);
  });

  it('R-HRS-2: category minimums may not add up to more than the yearly learning minimum', () => {
    const problems = problemsOf({
      id: 'x',
      name: 'X',
      hours: { learningPerYear: 30, learningCategories: { plc: 20, district: 20 } },
    });
    expect(problems).toEqual([
      'hours.learningCategories: category minimums add up to 40 h, more than learningPerYear (30 h)',
    ]);
  });

  it('R-EW-1: reminder overrides must name a known obligation or milestone, and escalation comes after the deadline day', () => {
    const problems = problemsOf({
      id: 'x',
      name: 'X',
      reminders: { escalateAfterDays: 0, overrides: { coachMatsh: { daysBefore: [7] } } },
      notifications: { sendAt: '22:00' },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'reminders.escalateAfterDays: expected a whole number of days ≥ 1',
        'notifications.sendAt: falls inside quietHours',
      ]),
    );
    const unknownKey = problemsOf({
      id: 'x',
      name: 'X',
      reminders: { overrides: { coachMatsh: { daysBefore: [7] } } },
    });
    expect(unknownKey[0]).toMatch(
      /^reminders\.overrides\.coachMatsh: unknown obligation; expected one of admission, .*coachMatch/,
    );
  });

  it('R-HRS-1: JSON text is accepted and malformed JSON is reported, not thrown raw', () => {
    expect(parsePolicy('{"id":"tiny","name":"Tiny"}').hours.coachingPerYear).toBe(40);
    expect(problemsOf('{"id": ')[0]).toMatch(/^\(policy\): not valid JSON/);
    expect(problemsOf(42)).toEqual(['(policy): expected object, received number']);
  });

  it('R-HRS-1: the rossier built-in carries the handbook numbers, and they are the schema defaults', () => {
    expect(rossier.hours).toEqual({
      coachingPerYear: 40,
      learningPerYear: 60,
      learningCategories: { cpselSession: 12, jobAligned: 18, plc: 10, district: 20 },
      coachMeetingEveryDays: 31,
    });
    expect(rossier.timeZone).toBe('America/Los_Angeles');
    expect(rossier.deadlines).toMatchObject({
      admissionDays: 120,
      enrollmentWithinDays: 365,
      coachMatchDays: 30,
      orientationDays: 30,
      iipStartDays: 60,
      preAssessmentDays: 90,
      refundWindowDays: 7,
      ctcStepsDays: 90,
      maxDeferralMonths: 6,
      extensionMonths: 12,
    });
    // Session titles are the one thing without a default: they must match a program's own months.
    const minimal: TProgramPolicy = parsePolicy({
      id: rossier.id,
      name: rossier.name,
      description: rossier.description,
      sessions: { titles: rossier.sessions.titles },
    });
    expect(minimal).toEqual(rossier);
    expect(Object.isFrozen(rossier.hours)).toBe(true);
  });

  it('R-HRS-2: the ctc-standard built-in is the state minimums: 40 h coaching, 20 h PD, no category split', () => {
    expect(ctcStandard.id).toBe('ctc-standard');
    expect(ctcStandard.hours.coachingPerYear).toBe(40);
    expect(ctcStandard.hours.learningPerYear).toBe(20);
    expect(ctcStandard.hours.learningCategories).toEqual({});
    expect(ctcStandard.assessments.proficiency.rule).toBe('average');
    expect(ctcStandard.sessions.months).toEqual([]);
  });

  it('R-ASM-4: built-in policies are found by id, and an unknown id lists the known ones', () => {
    expect(BUILTIN_POLICY_IDS).toEqual(['rossier', 'ctc-standard']);
    expect(getBuiltinPolicy('rossier')).toBe(rossier);
    expect(getBuiltinPolicy('ctc-standard').assessments.proficiency.rule).toBe('average');
    expect(() => getBuiltinPolicy('usc')).toThrow(
      /unknown program policy "usc"; known policies: rossier, ctc-standard/,
    );
    expect(() => getBuiltinPolicy('toString')).toThrow(PolicyError);
  });

  it('R-IIP-1: the ILP example policy (seed 004) loads and dates its inquiry milestones', () => {
    const ilp = parsePolicy(JSON.parse(readFileSync(ilpPath, 'utf8')));
    expect(ilp.id).toBe('ilp-example');
    expect(ilp.milestones.map((m) => m.id)).toContain('ilp-y1-inquiry-goal');
    const dates = computeKeyDates(candidate2026, ilp);
    const byId = Object.fromEntries(dates.milestones.map((m) => [m.id, m]));
    expect(byId['ilp-initial-assessment']?.due).toBe('2026-09-17'); // 45 days after the cohort start
    expect(byId['ilp-y1-inquiry-goal']?.due).toBe('2026-11-30'); // cells 1–4 at the November milestone
    expect(byId['ilp-y1-action-research']).toMatchObject({ due: '2027-04-30', count: { min: 3, max: 4 } });
    expect(byId['ilp-y1-application']?.due).toBe('2027-06-15'); // year end
    expect(byId['ilp-y2-inquiry-goal']).toMatchObject({ programYear: 2, due: '2027-11-30' });
    expect(dates.sessions).toEqual([]);
  });
});
