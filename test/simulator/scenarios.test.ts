// The shipped handbook scenarios, each checked against its scenarios/<name>.expect.json, and the
// cohort check of issue 16: no false alarm for an on-track candidate, and every rule of domain.md
// that names a deadline producing its reminder. On the in-memory engine, with the real email and
// record activities; the differential test checks the same cohorts on the Temporal engine.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkExpectation,
  expectationFileFor,
  loadExpectation,
  ALARM_TEMPLATE,
  type TScenarioExpectation,
} from '../../simulator/expect';
import { ZSimulationReport, type TSimulationReport } from '../../simulator/report';
import { simulateInMemory } from '../../simulator/memory/run';
import { cohort, COHORTS, scenarioFile } from './cohorts';
import { KNOWN_FALSE_ALARMS, KNOWN_OPEN } from './known-open';

/** The shipped candidates who do everything on time (jamal-on-track has its own run, jamal.test.ts). */
const ON_TRACK = ['olivia', 'lina'];

/** On the in-memory engine (seconds); test/simulator/differential.test.ts proves the Temporal engine tells the same story. */
async function simulateCohort(name: string, loaded: ReturnType<typeof cohort>): Promise<TSimulationReport> {
  return (await simulateInMemory({ scenarioFile: name, loaded })).report;
}

const reports = new Map<string, TSimulationReport>();
const expectations = new Map<string, TScenarioExpectation>();

beforeAll(async () => {
  for (const [name, names] of Object.entries(COHORTS)) {
    for (const n of names) expectations.set(n, loadExpectation(expectationFileFor(scenarioFile(n))));
    reports.set(name, await simulateCohort(`cohort ${name} (${names.join(', ')})`, cohort(name)));
  }
}, 900_000);

const reportFor = (name: string) => reports.get(Object.entries(COHORTS).find(([, names]) => names.includes(name))![0])!;
const allCandidates = () => [...reports.values()].flatMap((r) => r.candidates);

describe('shipped scenarios through simulate', () => {
  it('report in the documented shape; every email names its sending workflow and local send time', () => {
    for (const r of reports.values()) {
      expect(() => ZSimulationReport.parse(r)).not.toThrow();
      expect(r.totals.emails).toBe(r.candidates.reduce((n, c) => n + c.emails.length, 0));
    }
    // The credential recommendation's emails (a child workflow) are in the candidate's list.
    const olivia = reportFor('on-track').candidates.find((c) => c.id === 'olivia')!;
    expect(olivia.emails.filter((e) => e.sentBy === 'credentialRecommendation').map((e) => e.template)).toContain(
      'handoff.notice.credentialsOffice',
    );
  });

  for (const [cohort, names] of Object.entries(COHORTS)) {
    for (const name of names) {
      it(`${name}.json (${cohort} cohort) shows what its expect file states`, () => {
        const x = expectations.get(name)!;
        expect(x.rules.length).toBeGreaterThan(0);
        // Empty but for what known-open.ts pins (and reports): the rule's side, never the simulator's.
        expect(checkExpectation(reportFor(name), x)).toEqual(KNOWN_OPEN[name] ?? []);
      });
    }
  }

  it('R-REM-2: no warning or escalation for an on-track candidate of the cohort', () => {
    const onTrack = allCandidates().filter((c) => ON_TRACK.includes(c.id));
    expect(onTrack.map((c) => c.id).sort()).toEqual([...ON_TRACK].sort());
    expect(
      onTrack.flatMap((c) =>
        c.emails.filter((e) => ALARM_TEMPLATE.test(e.template)).map((e) => `${c.id}: ${e.at} ${e.template}`),
      ),
    ).toEqual(KNOWN_FALSE_ALARMS);
    expect(onTrack.map((c) => [c.id, c.phase, c.flags])).toEqual(ON_TRACK.map((id) => [id, 'cleared', []]));
  });

  /**
   * R-REM-1: every rule of domain.md that names a deadline, and the reminder that proves it reached
   * whoever owes it (template, and a piece of the subject where the template is the generic one).
   */
  const DEADLINE_RULES: { rule: string; deadline: string; template: string; subjectIncludes?: string }[] = [
    {
      rule: 'R-ADM-1',
      deadline: 'admission within 120 days of the assignment start',
      template: 'admission.reminder.candidate',
    },
    { rule: 'R-ONB-1', deadline: 'coach paired within 30 days of enrollment', template: 'coachMatch.reminder.pa' },
    { rule: 'R-ONB-2', deadline: 'orientation within the first month', template: 'orientation.reminder.candidate' },
    { rule: 'R-IIP-1', deadline: 'IIP begun within 60 days of enrollment', template: 'iipStart.reminder.candidate' },
    { rule: 'R-IIP-3', deadline: 'IIP approved by coach and supervisor', template: 'iipApproval.reminder.supervisor' },
    {
      rule: 'R-IIP-4',
      deadline: 'IIP revised promptly after the benchmark (R-ASM-5)',
      template: 'deadline.reminder.candidate',
      subjectIncludes: 'IIP revised after the end-of-year-1 benchmark',
    },
    { rule: 'R-ASM-2', deadline: 'the four assessment windows', template: 'assessmentWindow.reminder.supervisor' },
    {
      rule: 'R-HRS-1',
      deadline: '40 h coaching a year',
      template: 'deadline.reminder.candidate',
      subjectIncludes: 'Year 1 hours: 40 h coaching',
    },
    {
      rule: 'R-HRS-2',
      deadline: '60 h professional learning a year, by category',
      template: 'deadline.reminder.candidate',
      subjectIncludes: '60 h professional learning',
    },
    {
      rule: 'R-SES-1',
      deadline: 'a session each month; its assignment due after it',
      template: 'assignmentDue.reminder.candidate',
    },
    {
      rule: 'R-SES-2',
      deadline: 'job-aligned workshops on the handbook months',
      template: 'workshop.reminder.candidate',
    },
    {
      rule: 'R-AW-2',
      deadline: 'the revised deadlines of a remediation plan',
      template: 'revisedDeadline.reminder.candidate',
    },
    {
      rule: 'R-PF-1',
      deadline: 'year-1 portfolio review by coach and supervisor',
      template: 'portfolioReview.reminder.coach',
    },
    {
      rule: 'R-PF-2',
      deadline: 'year-2 panel presentation in May',
      template: 'deadline.reminder.candidate',
      subjectIncludes: 'Portfolio presentation',
    },
    {
      rule: 'R-CMP-2',
      deadline: 'two years of experience verified by the end of induction',
      template: 'completionMissing.reminder.candidate',
    },
    {
      rule: 'R-REC-6',
      deadline: 'recommendation in June of year 2 (steps R-REC-1…4)',
      template: 'recommendationStep.reminder.coach',
    },
    { rule: 'R-REC-5', deadline: "the state's steps within 90 days", template: 'ctcWindow.reminder.candidate' },
    {
      rule: 'R-REM-1',
      deadline: "a policy's own milestones (seed 004's ILP)",
      template: 'milestone.reminder.candidate',
    },
  ];

  it(`R-REM-1: every rule of domain.md that names a deadline has its reminder in the shipped cohorts (${DEADLINE_RULES.map((r) => r.rule).join(', ')})`, () => {
    const emails = allCandidates().flatMap((c) => c.emails);
    const missing = DEADLINE_RULES.filter(
      (r) =>
        !emails.some(
          (e) =>
            e.template === r.template && (r.subjectIncludes === undefined || e.subject.includes(r.subjectIncludes)),
        ),
    );
    expect(
      missing.map(
        (r) => `${r.rule} (${r.deadline}): no ${r.template}${r.subjectIncludes ? ` "…${r.subjectIncludes}…"` : ''}`,
      ),
    ).toEqual([]);
  });
});
