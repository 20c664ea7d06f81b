// Issue #18's question, "what if we move the panel to April?", as a PA asks it: `casc simulate
// --set PATH=VALUE` runs a scenario under its policy and the changed one (in-memory engine, real
// email and record activities) and says what changes. Bad settings are usage errors that run nothing.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ctcStandard, rossier } from '../../domain/policy/policy';
import {
  applySettings,
  emailChanges,
  parseSetting,
  policyDifferences,
  SettingError,
  subjectTopic,
  type TWhatIf,
} from '../../simulator/what-if';
import type { TCandidateReport } from '../../simulator/report';
import { runCli } from '../cli/run-cli';

const JAMAL = resolve(__dirname, '../../scenarios/jamal-on-track.json');
const COHORT = resolve(__dirname, '../../scenarios/cohort-mixed.json');

const problemsOf = (f: () => unknown): readonly string[] => {
  try {
    f();
  } catch (e) {
    if (e instanceof SettingError) return e.problems;
    throw e;
  }
  throw new Error('expected a SettingError');
};

describe('--set PATH=VALUE: read as JSON, else as text; checked by the policy schema', () => {
  it('parses numbers, booleans, arrays and plain text', () => {
    expect(parseSetting('portfolio.presentationMonth=4')).toEqual({ path: 'portfolio.presentationMonth', value: 4 });
    expect(parseSetting('notifications.remindOnWorkdays=false')).toEqual({
      path: 'notifications.remindOnWorkdays',
      value: false,
    });
    expect(parseSetting('reminders.daysBefore=[7, 2]')).toEqual({ path: 'reminders.daysBefore', value: [7, 2] });
    expect(parseSetting('notifications.sendAt=09:00')).toEqual({ path: 'notifications.sendAt', value: '09:00' });
  });

  it('R-PF-2: changes only the paths given, in a copy; the built-in policy stays as it was', () => {
    const { policy, settings } = applySettings(rossier, ['portfolio.presentationMonth=4', 'reminders.daysBefore=[7]']);
    expect(settings).toEqual([
      { path: 'portfolio.presentationMonth', from: 5, to: 4 },
      { path: 'reminders.daysBefore', from: [14, 3], to: [7] },
    ]);
    expect([policy.portfolio.presentationMonth, policy.reminders.daysBefore]).toEqual([4, [7]]);
    expect({ ...policy, portfolio: rossier.portfolio, reminders: rossier.reminders }).toEqual(rossier);
    expect([rossier.portfolio.presentationMonth, rossier.reminders.daysBefore]).toEqual([5, [14, 3]]);
  });

  it('names every bad setting: no "=", no value, not a path, through a value, twice, refused by the schema, a typo', () => {
    expect(problemsOf(() => applySettings(rossier, ['portfolio.presentationMonth']))).toEqual([
      '--set portfolio.presentationMonth: expected PATH=VALUE, e.g. portfolio.presentationMonth=4',
    ]);
    expect(problemsOf(() => applySettings(rossier, ['portfolio.presentationMonth=']))).toEqual([
      '--set portfolio.presentationMonth=: no value after "="',
    ]);
    expect(problemsOf(() => applySettings(rossier, ['portfolio..x=1']))).toEqual([
      '--set portfolio..x=1: "portfolio..x" is not a dotted path such as portfolio.presentationMonth',
    ]);
    expect(problemsOf(() => applySettings(rossier, ['timeZone.x=1', 'iip.x=1', 'iip.x=2']))).toEqual([
      'timeZone: is not a group of settings, so timeZone.x cannot be set',
      'iip.x: set twice',
    ]);
    expect(
      problemsOf(() => applySettings(rossier, ['portfolio.presentationMonth=13', 'portfolio.presentationMont=4'])),
    ).toEqual([
      'policy portfolio.presentationMonth: expected a month 1–12',
      'policy portfolio.presentationMont: unknown field (portfolio has year1ReviewMonth, presentationMonth, panel)',
    ]);
    expect(problemsOf(() => applySettings(rossier, []))).toEqual(['no setting to change']);
  });
});

describe('policyDifferences: the settings two policies give differently, as --set paths', () => {
  it('none between a policy and itself or its copy; the naming fields never count', () => {
    expect(policyDifferences(rossier, rossier)).toEqual([]);
    expect(policyDifferences(rossier, applySettings(rossier, ['portfolio.presentationMonth=5']).policy)).toEqual([]);
    expect(policyDifferences(rossier, { ...rossier, id: 'x', name: 'y', description: 'z' })).toEqual([]);
  });

  it('the state standard against the handbook: 9 settings, a list compared whole, a missing field as null', () => {
    const diff = policyDifferences(rossier, ctcStandard);
    expect(diff.map((d) => d.path)).toEqual([
      'hours.learningPerYear',
      'hours.learningCategories.cpselSession',
      'hours.learningCategories.jobAligned',
      'hours.learningCategories.plc',
      'hours.learningCategories.district',
      'assessments.proficiency.rule',
      'sessions.months',
      'sessions.titles',
      'workshops.topics',
    ]);
    expect(diff.slice(0, 2)).toEqual([
      { path: 'hours.learningPerYear', from: 60, to: 20 },
      { path: 'hours.learningCategories.cpselSession', from: 12, to: null },
    ]);
    expect(diff[6]).toEqual({ path: 'sessions.months', from: [9, 10, 11, 1, 2, 3, 4], to: [] });
  });
});

describe('emailChanges: what goes on another day, no longer, or newly', () => {
  const email = (date: string, subject: string, template = 'deadline.reminder.candidate') =>
    ({
      date,
      at: `${date}T08:00:00-07:00`,
      template,
      sentBy: 'candidateLifecycle',
      roles: ['candidate'],
      subject,
    }) as TCandidateReport['emails'][number];

  it('pairs a reminder with its moved self by the subject without dates; same send time is unchanged', () => {
    expect(subjectTopic('Due Wednesday, May 31, 2028: Portfolio presentation')).toBe('Due …: Portfolio presentation');
    expect(subjectTopic('CPSEL session: CASC 06, Monday, April 10, 2028 at 5:30 PM PDT')).toBe(
      'CPSEL session: CASC 06, …',
    );
    const before = [
      email('2028-04-14', 'Due Monday, April 17, 2028: assignment', 'assignmentDue.reminder.candidate'),
      email('2028-05-17', 'Due Wednesday, May 31, 2028: Portfolio presentation'),
      email('2028-05-28', 'Due Wednesday, May 31, 2028: IIP year 2 reflection'),
    ];
    const after = [
      email('2028-04-14', 'Due Monday, April 17, 2028: assignment', 'assignmentDue.reminder.candidate'),
      email('2028-04-14', 'Due Sunday, April 30, 2028: Portfolio presentation'),
      email('2028-04-27', 'Due Sunday, April 30, 2028: Portfolio presentation'),
    ];
    expect(emailChanges(before, after)).toEqual([
      {
        template: 'deadline.reminder.candidate',
        roles: ['candidate'],
        subject: 'Due Sunday, April 30, 2028: Portfolio presentation',
        from: '2028-05-17',
        to: '2028-04-14',
      },
      {
        template: 'deadline.reminder.candidate',
        roles: ['candidate'],
        subject: 'Due Sunday, April 30, 2028: Portfolio presentation',
        from: null,
        to: '2028-04-27',
      },
      {
        template: 'deadline.reminder.candidate',
        roles: ['candidate'],
        subject: 'Due Wednesday, May 31, 2028: IIP year 2 reflection',
        from: '2028-05-28',
        to: null,
      },
    ]);
  });
});

describe('casc simulate --set: the PA asks, the real CLI answers', () => {
  it('R-PF-2: with the panel in April, on-track Jamal (presenting May 20) gets his reminders in April and the PA an overdue notice on May 1; he still clears', async () => {
    const [json, text] = await Promise.all([
      runCli(['simulate', '--scenario', JAMAL, '--set', 'portfolio.presentationMonth=4', '--json']),
      runCli(['simulate', '--scenario', JAMAL, '--set', 'portfolio.presentationMonth=4']),
    ]);
    expect([json.code, text.code]).toEqual([0, 0]);
    const whatIf = JSON.parse(json.stdout) as TWhatIf;
    expect(whatIf.settings).toEqual([{ path: 'portfolio.presentationMonth', from: 5, to: 4 }]);
    const presentation = 'Portfolio presentation to the panel (each reviewer ≥ 3)';
    expect(whatIf.candidates).toEqual([
      {
        id: 'jamal',
        phase: { from: 'cleared', to: 'cleared' },
        flags: { from: [], to: [] },
        milestones: [],
        events: [],
        timeline: [],
        openDeadlines: [],
        emails: {
          from: 67,
          to: 69,
          changes: [
            {
              template: 'deadline.reminder.candidate',
              roles: ['candidate'],
              subject: `Due Sunday, April 30, 2028: ${presentation}`,
              from: '2028-05-17',
              to: '2028-04-14',
            },
            {
              template: 'deadline.reminder.candidate',
              roles: ['candidate'],
              subject: `Due Sunday, April 30, 2028: ${presentation}`,
              from: null,
              to: '2028-04-27',
            },
            {
              template: 'deadline.escalation.pa',
              roles: ['pa'],
              subject: `Overdue: ${presentation} (R-PF-2) — Jamal Jackson`,
              from: null,
              to: '2028-05-01',
            },
          ],
        },
      },
    ]);
    expect(whatIf.figures).toEqual([]);
    expect(whatIf.totals).toEqual({
      phases: { from: { cleared: 1 }, to: { cleared: 1 } },
      emails: { from: 67, to: 69 },
      eventsRejected: { from: 0, to: 0 },
    });
    expect(text.stdout.split('\n')).toEqual([
      'What if portfolio.presentationMonth = 4 (now 5)?',
      `${JAMAL}: rossier (policy rossier), 2026-06-15 → 2028-06-30`,
      '',
      'jamal: phase cleared · flags - · emails 67 → 69',
      `  moved       2028-05-17 → 2028-04-14  deadline.reminder.candidate to candidate: Due Sunday, April 30, 2028: ${presentation}`,
      `  new email   2028-04-27  deadline.reminder.candidate to candidate: Due Sunday, April 30, 2028: ${presentation}`,
      `  new email   2028-05-01  deadline.escalation.pa to pa: Overdue: ${presentation} (R-PF-2) — Jamal Jackson`,
      '',
      'totals: phases cleared 1 · emails 67 → 69 · refused events 0',
      '',
    ]);
  }, 60_000);

  it('R-REM-1: one reminder a week before instead of 14 and 3 days: ben and dee lose 5 and 6 emails; ana’s (sessions’ and workshops’ own leads, pace notices) and chen’s (a confirmation) are untouched', async () => {
    const run = await runCli(['simulate', '--scenario', COHORT, '--set', 'reminders.daysBefore=[7]', '--json']);
    expect(run.code).toBe(0);
    const whatIf = JSON.parse(run.stdout) as TWhatIf;
    const summary = whatIf.candidates.map((c) => [
      c.id,
      c.emails.from,
      c.emails.to,
      c.emails.changes.filter((e) => e.from && e.to).length,
      c.emails.changes.filter((e) => !e.to).length,
      c.emails.changes.filter((e) => !e.from).length,
    ]);
    // [id, emails before, after, moved, no longer, new]
    expect(summary).toEqual([
      ['ana', 15, 15, 0, 0, 0],
      ['ben', 24, 19, 5, 5, 0],
      ['chen', 1, 1, 0, 0, 0],
      ['dee', 35, 29, 6, 6, 0],
    ]);
    expect(whatIf.candidates.find((c) => c.id === 'ben')!.emails.changes[0]).toEqual({
      template: 'assessmentWindow.reminder.candidate',
      roles: ['candidate'],
      subject: 'Your CPSEL pre-assessment closes Friday, August 14, 2026',
      from: '2026-07-31',
      to: '2026-08-07',
    });
  }, 60_000);

  it('R-HRS-3: with 20 h of coaching a year instead of 40, Ben catches up in the autumn and so is told again when he slips on Dec 2; the report’s requirement halves', async () => {
    const run = await runCli(['simulate', '--scenario', COHORT, '--set', 'hours.coachingPerYear=20']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').slice(3)).toEqual([
      'ben: phase year1 · flags - · emails 24 → 26',
      '  new email   2026-12-02  hoursPace.notice.candidate to candidate: Your coaching hours are behind pace',
      "  new email   2026-12-02  hoursPace.notice.coach to coach: Ben's coaching hours are behind pace",
      '',
      'unchanged: ana, chen, dee',
      '',
      'program report:',
      '  hours.year1.coaching.required: 40 → 20',
      '  hours.year2.coaching.required: 40 → 20',
      '',
      'totals: phases year1 3, withdrawn 1 · emails 75 → 77 · refused events 2',
      '',
    ]);
  }, 60_000);

  it('--policy ctc-standard: the same script under the state standard refuses all 14 assignments (it has no sessions) and Jamal still clears', async () => {
    const run = await runCli(['simulate', '--scenario', JAMAL, '--policy', 'ctc-standard', '--json']);
    expect(run.code).toBe(0);
    const whatIf = JSON.parse(run.stdout) as TWhatIf;
    expect([whatIf.policy, whatIf.settings.length, whatIf.totals]).toEqual([
      'ctc-standard',
      9,
      {
        phases: { from: { cleared: 1 }, to: { cleared: 1 } },
        emails: { from: 67, to: 19 },
        eventsRejected: { from: 0, to: 14 },
      },
    ]);
    // The report's requirements follow the policy: 20 h of learning, no categories (each category's figures, 4 × 2 a year).
    expect([whatIf.figures.length, ...whatIf.figures.slice(0, 3)]).toEqual([
      18,
      { figure: 'hours.year1.learning.required', from: 60, to: 20 },
      { figure: 'hours.year1.byCategory.cpselSession.required', from: 12, to: null },
      { figure: 'hours.year1.byCategory.cpselSession.belowRequirement', from: 0, to: null },
    ]);
    const jamal = whatIf.candidates[0]!;
    expect(jamal.events.slice(0, 2)).toEqual([
      {
        index: 13,
        date: '2026-09-19',
        type: 'assignmentSubmitted',
        refused: true,
        reason: 'the program has no session 1',
      },
      {
        index: 20,
        date: '2026-10-17',
        type: 'assignmentSubmitted',
        refused: true,
        reason: 'the program has no session 2',
      },
    ]);
    expect(jamal.emails.changes.filter((e) => e.from === null).map((e) => `${e.to} ${e.template}`)).toEqual([
      '2026-09-02 hoursPace.notice.candidate',
      '2026-09-02 hoursPace.notice.coach',
      '2027-08-31 hoursPace.notice.candidate',
      '2027-08-31 hoursPace.notice.coach',
    ]);
  }, 60_000);

  it('--policy FILE: a program’s own policy file answers as --set does; an invalid one exits 1 naming each problem', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casc-what-if-'));
    const april = join(dir, 'april.json');
    const invalid = join(dir, 'invalid.json');
    writeFileSync(april, JSON.stringify({ ...rossier, portfolio: { ...rossier.portfolio, presentationMonth: 4 } }));
    writeFileSync(invalid, JSON.stringify({ ...rossier, portfolio: { ...rossier.portfolio, presentationMonth: 0 } }));
    const [file, bad, set] = await Promise.all([
      runCli(['simulate', '--scenario', JAMAL, '--policy', april, '--json']),
      runCli(['simulate', '--scenario', JAMAL, '--policy', invalid]),
      runCli(['simulate', '--scenario', JAMAL, '--set', 'portfolio.presentationMonth=4', '--json']),
    ]);
    expect([file.code, bad.code, bad.stdout, set.code]).toEqual([0, 1, '', 0]);
    expect(JSON.parse(file.stdout)).toEqual(JSON.parse(set.stdout));
    expect(bad.stderr).toBe(
      `casc: --policy ${invalid}: invalid program policy (1 problem):\n  - portfolio.presentationMonth: expected a month 1–12\n`,
    );
  }, 60_000);

  it('--policy that is neither a built-in nor a readable file exits 1; a change that changes nothing exits 2; neither runs', async () => {
    const [missing, same] = await Promise.all([
      runCli(['simulate', '--scenario', JAMAL, '--policy', 'no-such-policy.json']),
      runCli(['simulate', '--scenario', JAMAL, '--set', 'portfolio.presentationMonth=5']),
    ]);
    expect([missing.code, missing.stdout, same.code, same.stdout]).toEqual([1, '', 2, '']);
    expect(missing.stderr).toMatch(
      /^casc: --policy no-such-policy\.json: neither a built-in policy \(rossier, ctc-standard\) nor a readable file: ENOENT/,
    );
    expect(same.stderr).toMatch(/^casc: nothing to compare: the changed policy decides everything as rossier does\n/);
  }, 60_000);

  it('a bad --set exits 2, names each problem and the usage, prints nothing on stdout and runs nothing', async () => {
    const run = await runCli([
      'simulate',
      '--scenario',
      JAMAL,
      '--set',
      'portfolio.presentationMonth=13',
      '--set',
      'panel=4',
    ]);
    expect([run.code, run.stdout]).toEqual([2, '']);
    expect(run.stderr).toMatch(
      /^casc: invalid --set:\n {2}- policy portfolio\.presentationMonth: expected a month 1–12\n {2}- policy panel: unknown field \(the policy has id, name, .*portfolio.*\)\n\nusage: casc simulate/,
    );
  }, 60_000);
});
