// The expectation checker is a pure function over a report (either engine): every difference is
// named, an empty list is a pass. Fast: no Temporal here.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../domain/calendar/dates';
import {
  ALARM_TEMPLATE,
  checkCandidate,
  checkExpectation,
  expectationFileFor,
  loadExpectation,
  ZScenarioExpectation,
} from '../../simulator/expect';
import { localDateTime, type TCandidateReport, type TSimulationReport } from '../../simulator/report';

const TZ = 'America/Los_Angeles';
const SCENARIOS = resolve(__dirname, '../../scenarios');

const email = (
  at: string,
  template: string,
  roles: string[],
  sentBy = 'candidateLifecycle',
  subject = 'A subject',
) => ({ date: at.slice(0, 10), at, template, sentBy, roles, subject });

function candidate(over: Partial<TCandidateReport> = {}): TCandidateReport {
  const zero = { logged: 0, required: 0 };
  const year = { coaching: zero, learning: { ...zero, byCategory: {} }, met: true };
  return {
    id: 'wren',
    name: 'Wren Castillo',
    workflowId: 'candidate-rossier-wren',
    phase: 'withdrawn',
    flags: [],
    milestones: { admittedOn: '2026-07-06' },
    hours: { year1: year, year2: year },
    assessments: [],
    iip: {
      year1: { submittedOn: null, coachApprovedOn: null, supervisorApprovedOn: null, revisions: 0 },
      year2: { submittedOn: null, coachApprovedOn: null, supervisorApprovedOn: null, revisions: 0 },
    },
    openDeadlines: [],
    events: { sent: 2, accepted: 2, rejected: [] },
    withdrawal: {
      date: '2026-08-06',
      reason: 'Took a teaching position instead.',
      refund: 'lessDeposit',
      droppedForMissingWork: false,
    },
    emails: [email('2026-08-06T09:00:00-07:00', 'withdrawal.confirmation.candidate', ['candidate', 'pa'])],
    timeline: [{ date: '2026-08-06', kind: 'withdrawn' }],
    history: { events: 10, runs: [{ runId: 'r1', events: 10, continuedAsNew: false }], children: [], withChildren: 10 },
    ...over,
  };
}

const reportOf = (...candidates: TCandidateReport[]) => ({ candidates }) as unknown as TSimulationReport;

describe('simulator expectations', () => {
  it("R-TIME-3: `at` is the local date-time with the zone's offset, across DST", () => {
    expect(localDateTime(zonedInstant('2027-03-12', '08:00', TZ), TZ)).toBe('2027-03-12T08:00:00-08:00');
    expect(localDateTime(zonedInstant('2027-03-15', '08:00', TZ) + 1234, TZ)).toBe('2027-03-15T08:00:01-07:00');
    expect(localDateTime(zonedInstant('2027-03-15', '08:00', 'Asia/Kolkata'), 'Asia/Kolkata')).toBe(
      '2027-03-15T08:00:00+05:30',
    );
  });

  it('passes a report that matches, and names every difference of one that does not', () => {
    const x = ZScenarioExpectation.parse({
      shows: 'Wren withdraws in the first week.',
      rules: ['R-ADM-5'],
      candidates: {
        wren: {
          phase: 'withdrawn',
          withdrawal: { date: '2026-08-06', refund: 'lessDeposit' },
          milestones: { admittedOn: '2026-07-06' },
          rejectedEvents: 0,
          emails: {
            include: [
              {
                template: 'withdrawal.confirmation.candidate',
                roles: ['candidate', 'pa'],
                at: '2026-08-06T09:00:00-07:00',
                count: 1,
              },
            ],
            exclude: ['atRisk.*'],
            noAlarms: true,
          },
          timeline: [{ kind: 'withdrawn', date: '2026-08-06' }],
          timelineExcludes: ['cleared'],
        },
      },
    });
    expect(checkExpectation(reportOf(candidate()), x)).toEqual([]);

    const wrong = candidate({
      phase: 'year1',
      withdrawal: { date: '2026-10-02', reason: 'x', refund: 'none', droppedForMissingWork: false },
      emails: [
        email('2026-10-02T23:30:00-07:00', 'atRisk.notice.candidate', ['candidate', 'coach']),
        email(
          '2026-10-03T08:00:00-07:00',
          'orientation.escalation.pa',
          ['pa'],
          'candidateLifecycle',
          'Overdue since Saturday, October 3, 2026',
        ),
      ],
      timeline: [{ date: '2026-10-02', kind: 'cleared' }],
      openDeadlines: [{ id: 'orientation', rule: 'R-ONB-2', due: '2026-10-04', owner: 'candidate', overdue: true }],
    });
    expect(checkExpectation(reportOf(wrong), x)).toEqual([
      'wren: phase is year1, expected withdrawn',
      'wren: refund is none, expected lessDeposit',
      'wren: withdrew on 2026-10-02, expected 2026-08-06',
      'wren: expected 1 email withdrawal.confirmation.candidate to candidate+pa 2026-08-06T09:00:00-07:00, found 0',
      'wren: unexpected email 2026-10-02T23:30:00-07:00 atRisk.notice.candidate → candidate+coach (excluded: atRisk.*)',
      'wren: false alarm: 2026-10-02T23:30:00-07:00 atRisk.notice.candidate → candidate+coach',
      'wren: false alarm: 2026-10-03T08:00:00-07:00 orientation.escalation.pa → pa',
      'wren: no timeline entry withdrawn on 2026-08-06',
      'wren: unexpected timeline entry cleared on 2026-10-02',
      'wren: R-TIME-3: 2026-10-02T23:30:00-07:00 atRisk.notice.candidate → candidate+coach in quiet hours',
      'wren: R-TIME-2: open deadline orientation (R-ONB-2) due 2026-10-04, a weekend',
      'wren: R-TIME-2: 2026-10-03T08:00:00-07:00 orientation.escalation.pa → pa names Saturday, October 3, 2026, a weekend: "Overdue since Saturday, October 3, 2026"',
    ]);
    expect(checkExpectation(reportOf(), x)).toEqual(['wren: not in the report (candidates: )']);
  });

  it('checks an exact list of emails in order, and subjects by a piece of them', () => {
    const c = candidate({
      emails: [
        email(
          '2028-05-17T08:00:00-07:00',
          'deadline.reminder.candidate',
          ['candidate'],
          'candidateLifecycle',
          'Due Wednesday, May 31, 2028: Portfolio presentation to the panel',
        ),
      ],
    });
    expect(
      checkCandidate(c, {
        emails: {
          include: [{ template: 'deadline.reminder.candidate', subjectIncludes: 'Portfolio presentation' }],
          exclude: [],
          noAlarms: false,
          exactly: [{ template: 'deadline.reminder.candidate', date: '2028-05-17' }],
        },
      }),
    ).toEqual([]);
    expect(
      checkCandidate(c, {
        emails: {
          include: [],
          exclude: [],
          noAlarms: false,
          exactly: [
            { template: 'deadline.reminder.candidate', date: '2028-05-18' },
            { template: 'cleared.notice.candidate', sentBy: 'credentialRecommendation' },
          ],
        },
      }),
    ).toEqual([
      'wren: emails[0]: 2028-05-17T08:00:00-07:00 deadline.reminder.candidate → candidate, expected deadline.reminder.candidate 2028-05-18',
      'wren: emails[1]: missing, expected cleared.notice.candidate by credentialRecommendation',
    ]);
  });

  it('R-REM-2: an alarm is a warning or an escalation, not a reminder, confirmation or recommendation step', () => {
    const alarms = [
      'orientation.escalation.pa',
      'hoursPace.notice.candidate',
      'earlyWarning.notice.candidate',
      'academicWatch.notice.pa',
      'atRisk.notice.candidate',
      'revisedDeadline.escalation.pa',
      'recommendationStep.escalation.director',
    ];
    const not = [
      'iipStart.reminder.candidate',
      'deadline.reminder.candidate',
      'withdrawal.confirmation.candidate',
      'recommendationStep.reminder.coach',
      'handoff.notice.credentialsOffice',
      'ctcWindow.reminder.candidate',
      'cleared.notice.candidate',
    ];
    expect(alarms.filter((t) => !ALARM_TEMPLATE.test(t))).toEqual([]);
    expect(not.filter((t) => ALARM_TEMPLATE.test(t))).toEqual([]);
  });

  it('every shipped scenario but carlos-late and cohort-mixed has a valid sibling .expect.json naming its rules', () => {
    const shipped = readdirSync(SCENARIOS).filter((f) => f.endsWith('.json') && !f.endsWith('.expect.json'));
    const withExpect = shipped.filter((f) => readdirSync(SCENARIOS).includes(expectationFileFor(f)));
    expect(withExpect.sort()).toEqual([
      'at-risk.json',
      'cleared-on-watch.json',
      'deferral-weekend.json',
      'extension.json',
      'ilp-milestones.json',
      'jamal-on-track.json',
      'late-admission.json',
      'on-track.json',
      'withdrawal-refund.json',
    ]);
    for (const f of withExpect)
      expect(loadExpectation(join(SCENARIOS, expectationFileFor(f))).rules.length).toBeGreaterThan(0);
  });
});
