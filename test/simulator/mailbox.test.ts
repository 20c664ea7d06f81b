// The simulation's mailbox is the project's email activity with an SES client that delivers in
// memory: what the activity rules out in production is ruled out here, a key is sent once, and a
// calendar invitation goes through the raw-MIME path — with no request leaving the process.
import { SendEmailCommand } from '@aws-sdk/client-ses';
import { MockActivityEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import type { TOutgoingEmail, TSendResult } from '../../domain/notifications';
import { createRecordingMailbox, inProcessSes, SIMULATION_SENDER } from '../../simulator/mailbox';
import { simulateInMemory } from '../../simulator/memory/run';
import { formatSummary } from '../../simulator/report';
import { scenarioFile } from './cohorts';
import { samples } from '../email/fixtures/samples';

const jamal = { role: 'candidate' as const, name: 'Jamal Jackson', email: 'jamal.jackson@example.org' };
const pa = { role: 'pa' as const, name: 'Dr. Tran', email: 'pa.tran@example.edu' };
const AT = Date.parse('2026-11-16T16:00:00Z');

/** One activity call as the worker (or the in-memory engine) makes it, scheduled at AT. */
const send = (mailbox: ReturnType<typeof createRecordingMailbox>, batch: TOutgoingEmail[]): Promise<TSendResult[]> =>
  new MockActivityEnvironment({
    workflowExecution: { workflowId: 'candidate-rossier-jamal', runId: 'r1' },
    currentAttemptScheduledTimestampMs: AT,
  }).run(mailbox.activities.sendNotifications, batch);

describe('the simulation mailbox (the real email activity, SES in memory)', () => {
  it('the injected SES answers every send in-process with a fresh message id', async () => {
    const ses = inProcessSes();
    const command = () =>
      new SendEmailCommand({
        Source: SIMULATION_SENDER,
        Destination: { ToAddresses: [jamal.email] },
        Message: { Subject: { Data: 'Hello' }, Body: { Text: { Data: 'Hi' } } },
      });
    expect((await ses.send(command())).MessageId).toBe('sim-1');
    expect((await ses.send(command())).MessageId).toBe('sim-2');
  });

  it('records a sent message with its workflow, time and rendered subject; a calendar invitation (raw MIME) too', async () => {
    const mailbox = createRecordingMailbox();
    const results = await send(mailbox, [
      {
        idempotencyKey: 'k-assignment',
        template: 'assignmentDue.reminder.candidate',
        data: samples['assignmentDue.reminder.candidate'],
        to: jamal,
      },
      {
        idempotencyKey: 'k-session',
        template: 'cpselSession.reminder.candidate',
        data: samples['cpselSession.reminder.candidate'],
        to: jamal,
      },
    ]);
    expect(results.map((r) => r.status)).toEqual(['sent', 'sent']);
    expect(mailbox.sent.map((e) => [e.workflowId, e.at, e.template, e.renderProblem])).toEqual([
      ['candidate-rossier-jamal', AT, 'assignmentDue.reminder.candidate', undefined],
      ['candidate-rossier-jamal', AT, 'cpselSession.reminder.candidate', undefined],
    ]);
    expect(mailbox.sent.map((e) => e.subject)).toEqual([
      'Assignment due Monday, November 23, 2026: Session 3 reflection',
      'CPSEL session: CPSEL 2: Instructional Leadership, Monday, November 9, 2026 at 5:30 PM PST',
    ]);
  });

  it('R-IIP-5: a template addressed to a role it is not written for is ruled out, as the activity does in production', async () => {
    const mailbox = createRecordingMailbox();
    const [result] = await send(mailbox, [
      {
        idempotencyKey: 'k-wrong-role',
        template: 'assignmentDue.reminder.candidate',
        data: samples['assignmentDue.reminder.candidate'],
        to: pa,
      },
    ]);
    const problem = 'template "assignmentDue.reminder.candidate" is written for the candidate, not the pa';
    expect(result).toEqual({
      idempotencyKey: 'k-wrong-role',
      status: 'failedPermanently',
      reason: 'invalidMessage',
      detail: problem,
    });
    expect(mailbox.sent.map((e) => [e.template, e.subject, e.renderProblem])).toEqual([
      ['assignmentDue.reminder.candidate', '', problem],
    ]);
  });

  it('a key already sent (a retried activity) is not sent or recorded again', async () => {
    const mailbox = createRecordingMailbox();
    const item: TOutgoingEmail = {
      idempotencyKey: 'k-once',
      template: 'assignmentDue.reminder.candidate',
      data: samples['assignmentDue.reminder.candidate'],
      to: jamal,
    };
    const [first] = await send(mailbox, [item]);
    const [again] = await send(mailbox, [item]);
    expect(first?.status).toBe('sent');
    expect(again).toEqual({ idempotencyKey: 'k-once', status: 'alreadySent', messageId: 'sim-1' });
    expect(mailbox.sent).toHaveLength(1);
  });

  it("the simulate summary lists an email the activity refused, with the activity's reason", async () => {
    const { report } = await simulateInMemory({ scenarioFile: scenarioFile('on-track') });
    expect(formatSummary(report)).not.toContain('emails the email activity refused');
    const [candidate] = report.candidates;
    const first = candidate!.emails[0]!;
    const refused = { ...first, subject: '', renderProblem: 'template "x" may not copy: supervisor' };
    const summary = formatSummary({
      ...report,
      candidates: [{ ...candidate!, emails: [refused, ...candidate!.emails.slice(1)] }],
    });
    expect(summary.split('\n').slice(-2)).toEqual([
      'emails the email activity refused (not sent):',
      `  ${candidate!.id} ${first.at} ${first.template}: template "x" may not copy: supervisor`,
    ]);
  });
});
