// Response shapes of the HTTP API as zod schemas, so the OpenAPI document is generated from the
// same schemas as the request validation (functions/openapi.ts). Requests reuse the domain's own
// schemas (ZCandidateStart, ZCandidateEvent) and the list filter (visibility.ts).
import { z } from 'zod';
import { ZAssessmentRecord, ZFlags, ZPhase, ZTimelineEntry } from '../domain/lifecycle/state';
import { ZCpselStandard } from '../domain/lifecycle/cpsel';
import { ZLocalDate } from '../domain/calendar/dates';
import { ZFlagName } from './visibility';

export const ZIssue = z.object({ path: z.string(), message: z.string() });
export const ZErrorBody = z.object({ error: z.string(), issues: z.array(ZIssue).optional() });

export const ZStartResult = z.object({ key: z.string(), workflowId: z.string(), runId: z.string() });

export const ZEventAccepted = z.object({
  accepted: z.literal(true),
  type: z.string(),
  date: ZLocalDate,
  phase: ZPhase,
});

export const ZCandidateListItem = z.object({
  key: z.string(),
  workflowId: z.string(),
  programId: z.string().nullable(),
  cohortYear: z.int().nullable(),
  phase: ZPhase.nullable(),
  flags: z.array(ZFlagName),
  nextDeadline: z.iso
    .datetime()
    .nullable()
    .describe(
      "end of the day of the earliest obligation still owed once its day passes (sessions and workshops are not deadlines, from the workflow's first timer wake on)",
    ),
  overdue: z.boolean(),
  executionStatus: z.string(),
});

export const ZCandidatePage = z.object({
  candidates: z.array(ZCandidateListItem),
  nextPageToken: z.string().nullable().describe('pass as pageToken for the next page; null on the last'),
});

const ZPersonView = z.object({ name: z.string(), email: z.string() });
const ZIipYearView = z.object({
  submittedOn: ZLocalDate.optional(),
  standards: z.array(ZCpselStandard).describe('empty when iipRedacted (R-IIP-5)'),
  goals: z.array(z.object({ cpsel: ZCpselStandard, goal: z.string() })).describe('empty when iipRedacted (R-IIP-5)'),
  coachApprovedOn: ZLocalDate.optional(),
  supervisorApprovedOn: ZLocalDate.optional(),
  revisions: z.int(),
});

/** The status query's answer as a caller sees it (domain/lifecycle/status.ts), after redaction. */
export const ZCandidateStatusView = z.looseObject({
  key: z.string(),
  programId: z.string(),
  candidateId: z.string(),
  policyId: z.string(),
  cohortStart: ZLocalDate,
  assignmentStart: ZLocalDate,
  asOf: ZLocalDate,
  phase: ZPhase,
  flags: ZFlags,
  people: z.object({
    candidate: ZPersonView,
    coach: ZPersonView.nullable(),
    supervisor: ZPersonView.nullable(),
    programAdministrator: ZPersonView,
  }),
  nextDeadlines: z.array(
    z.object({
      id: z.string(),
      rule: z.string(),
      label: z.string(),
      due: ZLocalDate,
      owner: z.string(),
      overdue: z.boolean(),
    }),
  ),
  hours: z.looseObject({}),
  assessments: z.array(ZAssessmentRecord),
  iip: z.object({ year1: ZIipYearView, year2: ZIipYearView }),
  iipRedacted: z.boolean().describe('true when the caller may not read IIP content (R-IIP-5)'),
  timeline: z.array(ZTimelineEntry),
});

export const ZRosterIssue = z.object({
  row: z.int(),
  line: z.int().optional(),
  field: z.string(),
  message: z.string(),
});
export const ZRosterErrors = z
  .object({ error: z.string(), errors: z.array(ZRosterIssue) })
  .describe('every problem in the roster; nothing was started');
export const ZRosterReport = z.object({
  total: z.int(),
  started: z.int(),
  skipped: z.int(),
  failed: z.int(),
  rows: z.array(
    z.object({
      row: z.int(),
      key: z.string(),
      result: z.enum(['started', 'skipped', 'failed']),
      reason: z.string().optional(),
    }),
  ),
});
