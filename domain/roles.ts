// The people of domain.md "People", one list spelled one way everywhere: obligation owners, mail
// recipients, signed-in users, event actors. The program administrator is `pa`: that is the
// spelling of the event vocabulary, the API tokens, the templates and the email idempotency keys
// (`…:pa`) of running workflows, so it stays. `programAdministrator` is only the name of the
// record's field for that person (CONTACT_FIELDS). Every other role list is a subset of ZRole, so a
// role spelled any other way does not compile.
import { z } from 'zod';

export const ZRole = z.enum([
  'candidate',
  'coach',
  'supervisor',
  'instructor',
  'pa',
  'director',
  'associateDean',
  'credentialsOffice',
  'districtCoordinator',
  'panelReviewer',
]);
export type TRole = z.infer<typeof ZRole>;

/**
 * The roles with a mailbox and a sign-in (domain/notifications/recipients.ts, functions/auth):
 * everyone but the associate dean and the panel reviewers, whose part the PA records.
 */
export const ACCOUNT_ROLES = [
  'candidate',
  'coach',
  'supervisor',
  'instructor',
  'pa',
  'director',
  'credentialsOffice',
  'districtCoordinator',
] as const satisfies readonly TRole[];
export type TAccountRole = (typeof ACCOUNT_ROLES)[number];

/** Program staff see every candidate of their program; the director is staff too (appeals, escalations). */
export const PROGRAM_STAFF_ROLES = [
  'pa',
  'director',
  'instructor',
  'credentialsOffice',
] as const satisfies readonly TAccountRole[];

/**
 * Staff who sign in through the identity provider's groups, one group each (functions/auth/principal.ts
 * reads `cognito:groups`; infra/lib/constructs/staff-user-pool.ts STAFF_GROUPS must list the same).
 */
export const STAFF_GROUP_ROLES = [
  'pa',
  'director',
  'credentialsOffice',
  'districtCoordinator',
] as const satisfies readonly TAccountRole[];

/** The people a candidate's record names, and so can email, by role (ZContactRole in domain/events.ts). */
export const CONTACT_ROLES = [
  'candidate',
  'coach',
  'supervisor',
  'pa',
  'director',
] as const satisfies readonly TAccountRole[];
export type TContactRole = (typeof CONTACT_ROLES)[number];

/** The record's field for each contact role (TCandidateStart, the status' people): the one place `pa` is spelled out. */
export const CONTACT_FIELDS = {
  candidate: 'candidate',
  coach: 'coach',
  supervisor: 'supervisor',
  pa: 'programAdministrator',
  director: 'director',
} as const satisfies Record<TContactRole, string>;
export type TContactField = (typeof CONTACT_FIELDS)[TContactRole];

/** The person a record names in a role: undefined for a role the record has no field for, or an empty field. */
export function personInRole<P>(
  people: Partial<Record<TContactField, P | null | undefined>>,
  role: TRole,
): P | undefined {
  const field = (CONTACT_FIELDS as Partial<Record<TRole, TContactField>>)[role];
  return field === undefined ? undefined : (people[field] ?? undefined);
}
