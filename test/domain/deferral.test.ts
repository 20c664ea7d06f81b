import { describe, it, expect } from 'vitest';
import { computeKeyDates, type TKeyDates } from '../../domain/calendar/deadlines';
import { deferralProblem, extensionProblem, shiftKeyDates } from '../../domain/calendar/deferral';
import { addMonths, compareDates, localDateOf, localTimeOf } from '../../domain/calendar/dates';
import { parsePolicy, rossier } from '../../domain/policy/policy';
import { candidate2026, iso } from './fixtures';

const LA = 'America/Los_Angeles';
const INSTANT_KEYS = new Set(['startsAt', 'endsAt', 'assignmentDueAt']);
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Every date and instant leaf of the key dates (the candidate's own input facts excluded), by path. */
function leaves(value: unknown, path = ''): Map<string, string | number> {
  const out = new Map<string, string | number>();
  if (Array.isArray(value)) value.forEach((v, i) => leaves(v, `${path}[${i}]`).forEach((x, k) => out.set(k, x)));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (path === '' && (k === 'input' || k === 'shifts')) continue;
      if (typeof v === 'string' && DATE_RE.test(v)) out.set(`${path}.${k}`, v);
      else if (typeof v === 'number' && INSTANT_KEYS.has(k)) out.set(`${path}.${k}`, v);
      else leaves(v, `${path}.${k}`).forEach((x, key) => out.set(key, x));
    }
  }
  return out;
}

describe('deferral and extension', () => {
  const before = computeKeyDates(candidate2026, rossier);

  it('R-INT-2: after a deferral, every date on or after its start = the date before + months; earlier dates stay', () => {
    const from = '2027-01-15';
    const after = shiftKeyDates(before, 6, from);
    const b = leaves(before);
    const a = leaves(after);
    expect([...a.keys()]).toEqual([...b.keys()]);
    expect(b.size).toBeGreaterThan(100);
    let moved = 0;
    for (const [path, was] of b) {
      const now = a.get(path);
      if (typeof was === 'string') {
        const expected = compareDates(was, from) >= 0 ? addMonths(was, 6) : was;
        expect(now, path).toBe(expected);
        if (expected !== was) moved += 1;
      } else {
        const wasDate = localDateOf(was, LA);
        const expectedDate = compareDates(wasDate, from) >= 0 ? addMonths(wasDate, 6) : wasDate;
        expect(localDateOf(now as number, LA), path).toBe(expectedDate);
        expect(localTimeOf(now as number, LA), path).toBe(localTimeOf(was, LA));
      }
    }
    expect(moved).toBeGreaterThan(50);
    expect(after.admissionDue).toBe(before.admissionDue); // 2026-10-13: history
    expect(after.portfolioPresentation).toEqual({ opens: '2028-11-01', due: '2028-11-30' });
    expect(after.shifts).toEqual([{ from, months: 6, kind: 'deferral' }]);
    expect(after.input).toEqual(before.input);
  });

  it('R-INT-2: a shifted session keeps 5:30 pm local across the DST change', () => {
    const after = shiftKeyDates(before, 1, '2026-10-01');
    const oct = after.sessions[1]!; // was 2026-10-12 PDT, now 2026-11-12 PST
    expect(oct.date).toBe('2026-11-12');
    expect(iso(oct.startsAt)).toBe('2026-11-13T01:30:00.000Z');
    expect(iso(oct.assignmentDueAt)).toBe('2026-11-20T07:59:59.999Z');
  });

  it('R-INT-2: deferred dates clamp to the month end (Aug 31 + 6 months = Feb 28)', () => {
    const policy = parsePolicy({
      id: 'x',
      name: 'X',
      milestones: [{ id: 'm', label: 'M', owner: 'candidate', due: { programYear: 1, month: 8, day: 31 } }],
    });
    const kd: TKeyDates = computeKeyDates(candidate2026, policy);
    expect(kd.milestones[0]?.due).toBe('2026-08-31');
    expect(shiftKeyDates(kd, 6, '2026-08-15').milestones[0]?.due).toBe('2027-02-28');
    expect(shiftKeyDates(kd, 18, '2026-08-15').milestones[0]?.due).toBe('2028-02-29');
  });

  it('R-INT-2: deferrals total at most six months', () => {
    expect(deferralProblem(before, 6, rossier)).toBeUndefined();
    expect(deferralProblem(before, 7, rossier)).toMatch(/at most 6 months/);
    expect(deferralProblem(before, 0, rossier)).toMatch(/at least 1/);
    const once = shiftKeyDates(before, 4, '2027-01-15');
    expect(deferralProblem(once, 2, rossier)).toBeUndefined();
    expect(deferralProblem(once, 3, rossier)).toBe('deferrals total at most 6 months (4 already used, 3 requested)');
  });

  it('R-EXT-1: a one-year extension moves later dates by 12 months, once', () => {
    expect(extensionProblem(before)).toBeUndefined();
    const extended = shiftKeyDates(before, rossier.deadlines.extensionMonths, '2028-06-01', 'extension');
    expect(extended.recommendationTarget).toEqual({ opens: '2029-06-01', due: '2029-06-30' });
    expect(extended.programYears.year2.end).toBe('2029-06-30');
    expect(extended.portfolioPresentation).toEqual(before.portfolioPresentation);
    expect(extensionProblem(extended)).toMatch(/already been granted/);
    expect(deferralProblem(extended, 6, rossier)).toBeUndefined(); // the extension does not use up deferral months
  });
});
