import { describe, it, expect } from 'vitest';
import {
  ZKeyDates,
  computeKeyDates,
  ctcProcessingExpectedBy,
  ctcStepsDeadline,
  policyMilestoneDates,
  withdrawalRefund,
} from '../../domain/calendar/deadlines';
import { parsePolicy, rossier } from '../../domain/policy/policy';
import { programYearOf } from '../../domain/calendar/program-year';
import { candidate2026 } from './fixtures';

const kd = computeKeyDates(candidate2026, rossier);

describe('key dates (cohort starting 2026-08-03, assignment 2026-06-15, enrolled 2026-07-01)', () => {
  it('R-ADM-1: admission deadline is 120 days after assignmentStart', () => {
    expect(kd.admissionDue).toBe('2026-10-13');
  });

  it('R-ADM-2: enrollment is due within 365 days of assignmentStart', () => {
    expect(kd.enrollmentDue).toBe('2027-06-15');
  });

  it('R-ADM-5: the refund window closes one week after the cohort start; later or dropped = no refund', () => {
    expect(kd.refundWindowEnds).toBe('2026-08-10');
    expect(withdrawalRefund('2026-08-10', kd)).toBe('refundLessDeposit');
    expect(withdrawalRefund('2026-07-20', kd)).toBe('refundLessDeposit');
    expect(withdrawalRefund('2026-08-11', kd)).toBe('none');
    expect(withdrawalRefund('2026-08-05', kd, true)).toBe('none');
  });

  it('R-ONB-1: the coach is paired within 30 days of enrollment', () => {
    expect(kd.coachMatchDue).toBe('2026-07-31');
  });

  it('R-ONB-2: orientation is within the first month (30 days) of the program', () => {
    expect(kd.orientationDue).toBe('2026-09-02');
  });

  it('R-IIP-1: year-1 IIP development begins within 60 days of enrollment (counted from the cohort start when enrolled earlier)', () => {
    expect(kd.iip.year1).toEqual({ startBy: '2026-10-02', draftDue: '2026-12-31' });
    const lateEnrollee = computeKeyDates({ ...candidate2026, enrolledOn: '2026-09-01' }, rossier);
    expect(lateEnrollee.iip.year1.startBy).toBe('2026-10-31');
    expect(lateEnrollee.coachMatchDue).toBe('2026-10-01');
  });

  it('R-IIP-1: year-2 IIP development begins within 60 days of the year-2 start', () => {
    expect(kd.iip.year2).toEqual({ startBy: '2027-09-30', draftDue: '2027-12-31' });
  });

  it('R-ASM-2: four assessment windows — pre within 90 days of the assignment, end of year 1, start of year 2, end of year 2', () => {
    expect(kd.assessments).toEqual({
      pre: { opens: '2026-06-15', due: '2026-09-13' },
      endYear1: { opens: '2027-05-01', due: '2027-06-30' },
      startYear2: { opens: '2027-08-01', due: '2027-09-30' },
      endYear2: { opens: '2028-05-01', due: '2028-05-31' },
    });
  });

  it('R-PF-1: the year-1 portfolio review falls in June of year 1', () => {
    expect(kd.portfolioReview).toEqual({ opens: '2027-06-01', due: '2027-06-30' });
  });

  it('R-PF-2: the portfolio panel presentation falls in May of year 2', () => {
    expect(kd.portfolioPresentation).toEqual({ opens: '2028-05-01', due: '2028-05-31' });
  });

  it('R-REC-6: the recommendation target is June of year 2', () => {
    expect(kd.recommendationTarget).toEqual({ opens: '2028-06-01', due: '2028-06-30' });
  });

  it('R-REC-5: state steps within 90 days of the recommendation; processing about 10 business days', () => {
    expect(ctcStepsDeadline('2028-06-15', rossier)).toBe('2028-09-13');
    expect(ctcProcessingExpectedBy('2028-06-30', rossier)).toBe('2028-07-14');
  });

  it('R-ADM-4: year 1 runs from the fall cohort start to June 30; year 2 from Aug 1 to the next June 30', () => {
    expect(kd.programYears).toEqual({
      year1: { start: '2026-08-03', end: '2027-06-30' },
      year2: { start: '2027-08-01', end: '2028-06-30' },
    });
    expect(programYearOf('2026-07-15', kd.programYears)).toBe(1); // pre-cohort coaching counts toward year 1
    expect(programYearOf('2027-07-15', kd.programYears)).toBe(1); // the summer gap too
    expect(programYearOf('2027-08-01', kd.programYears)).toBe(2);
  });

  it('R-ADM-4: key dates are plain JSON that round-trip through their schema', () => {
    const copy = JSON.parse(JSON.stringify(kd));
    expect(ZKeyDates.parse(copy)).toEqual(kd);
    expect(kd.policyId).toBe('rossier');
    expect(kd.shifts).toEqual([]);
  });

  it('R-IIP-1: program-defined milestones are dated by program year or by days after an anchor', () => {
    const policy = parsePolicy({
      id: 'm',
      name: 'Milestones',
      milestones: [
        { id: 'checkpoint', label: 'Triad checkpoint', owner: 'coach', due: { daysAfter: 'enrollment', days: 90 } },
        { id: 'leapDay', label: 'Feb 29 clamps', owner: 'candidate', due: { programYear: 1, month: 2, day: 29 } },
        { id: 'y2', label: 'Year 2 item', owner: 'supervisor', due: { programYear: 2, month: 10, day: 15 } },
      ],
    });
    expect(policyMilestoneDates(candidate2026, policy)).toEqual([
      { id: 'checkpoint', label: 'Triad checkpoint', owner: 'coach', programYear: 1, due: '2026-09-29' },
      { id: 'leapDay', label: 'Feb 29 clamps', owner: 'candidate', programYear: 1, due: '2027-02-28' },
      { id: 'y2', label: 'Year 2 item', owner: 'supervisor', programYear: 2, due: '2027-10-15' },
    ]);
  });
});
