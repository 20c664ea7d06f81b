// Who a candidate is and what starts their workflow. Personal data (names, emails) lives only in
// workflow payloads (encrypted by the payload codec), never in search attributes or logs.
import { z } from 'zod';
import { ZLocalDate } from '../calendar/dates';
import { EMAIL_MAX, ZPersonName } from '../limits';

/** Program ids have no '-', so a candidate key `<programId>-<candidateId>` parses unambiguously. */
export const ZProgramId = z
  .string({ error: 'expected a program id' })
  .regex(/^[a-z0-9][a-z0-9_]{0,39}$/, { error: 'expected a program id: lowercase letters, digits, _ (no -), ≤ 40' });
export const ZCandidateId = z
  .string({ error: 'expected a candidate id' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, { error: 'expected a candidate id: letters, digits, _ . -, ≤ 64' });

export const ZPerson = z.strictObject(
  {
    name: ZPersonName,
    email: z.email({ error: 'expected an email address' }).max(EMAIL_MAX),
  },
  { error: 'expected a person { name, email }' },
);
export type TPerson = z.infer<typeof ZPerson>;

export const ZCandidateStart = z.strictObject({
  programId: ZProgramId,
  candidateId: ZCandidateId,
  /** Built-in policy id (`rossier`, `ctc-standard`) or a program's own loaded policy id. */
  policyId: z.string().min(1).max(60).default('rossier'),
  cohortStart: ZLocalDate,
  /** First day of the candidate's first administrative assignment: R-ADM-1's clock starts here. */
  assignmentStart: ZLocalDate,
  /** Set when the candidate is already enrolled at start (e.g. an imported roster). */
  enrolledOn: ZLocalDate.optional(),
  candidate: ZPerson,
  coach: ZPerson.optional(),
  supervisor: ZPerson.optional(),
  /** The program administrator who receives escalations for this candidate. */
  programAdministrator: ZPerson,
  /** Receives escalations the PA owns (a missed coach match); optional. */
  director: ZPerson.optional(),
  districtId: z
    .string()
    .regex(/^[a-z0-9_-]{1,40}$/)
    .optional(),
});
export type TCandidateStart = z.infer<typeof ZCandidateStart>;
export type TCandidateStartInput = z.input<typeof ZCandidateStart>;

export function candidateKey(programId: string, candidateId: string): string {
  return `${programId}-${candidateId}`;
}

export function workflowIdFor(key: string): string {
  return `candidate-${key}`;
}

/** Splits `<programId>-<candidateId>`; undefined when the key is not well formed. */
export function parseCandidateKey(key: string): { programId: string; candidateId: string } | undefined {
  const dash = key.indexOf('-');
  if (dash <= 0) return undefined;
  const programId = key.slice(0, dash);
  const candidateId = key.slice(dash + 1);
  if (!ZProgramId.safeParse(programId).success || !ZCandidateId.safeParse(candidateId).success) return undefined;
  return { programId, candidateId };
}
