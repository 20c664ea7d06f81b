// The emails of one candidate's family (the lifecycle and its children: academic watch, credential
// recommendation, which run under their own workflow ids), as the report lists them. Both engines
// build the report from the same recording mailbox through this one function.
import type { z } from 'zod';
import { localDateOf } from '../domain/calendar/dates';
import type { TProgramPolicy } from '../domain/policy/policy';
import type { TRecordedEmail } from './mailbox';
import { localDateTime, type ZReportedEmail } from './report';

const minute = (epochMs: number) => Math.floor(epochMs / 60_000);

/** `typeOf`: workflow id → workflow type, for every workflow of the family. */
export function reportedEmails(
  sent: readonly TRecordedEmail[],
  typeOf: ReadonlyMap<string, string>,
  policy: TProgramPolicy,
): z.infer<typeof ZReportedEmail>[] {
  return (
    sent
      .filter((e) => typeOf.has(e.workflowId))
      .map((e) => ({
        date: localDateOf(e.at, policy.timeZone),
        at: localDateTime(e.at, policy.timeZone),
        template: e.template,
        sentBy: typeOf.get(e.workflowId)!,
        roles: [e.to.role, ...(e.cc ?? []).map((r) => r.role)],
        subject: e.subject,
        ...(e.renderProblem ? { renderProblem: e.renderProblem } : {}),
        epochMs: e.at,
      }))
      // In the order they went out. Within one minute the order is the workflow's, then the template's:
      // a child's activity and its parent's run at the same moment, milliseconds apart in no fixed
      // order on a server (and at the same instant on the in-memory engine).
      .sort(
        (a, b) =>
          minute(a.epochMs) - minute(b.epochMs) ||
          a.sentBy.localeCompare(b.sentBy) ||
          a.template.localeCompare(b.template) ||
          a.roles.join().localeCompare(b.roles.join()),
      )
      .map(({ epochMs: _, ...email }) => email)
  );
}
