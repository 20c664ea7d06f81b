// Who an email goes to: a person with a mailbox (domain/roles.ts ACCOUNT_ROLES; 'pa' is the
// program administrator, the spelling in the idempotency keys of sent mail).
import { z } from 'zod';
import { ACCOUNT_ROLES, ZRole } from '../roles';

export const ZRecipientRole = ZRole.extract(ACCOUNT_ROLES);
export type TRecipientRole = z.infer<typeof ZRecipientRole>;

export const ZRecipient = z.strictObject({
  role: ZRecipientRole,
  name: z.string().trim().min(1).max(120),
  email: z.email().max(254),
});
export type TRecipient = z.infer<typeof ZRecipient>;

/**
 * R-IIP-5: the IIP is not for employment evaluation, so no message addressed to (or copied to)
 * these roles may carry IIP content. The supervisor approves the IIP inside the program portal,
 * never by reading goals in an email that lands in an employer's mailbox.
 */
export const IIP_RESTRICTED_ROLES: readonly TRecipientRole[] = [
  'supervisor',
  'districtCoordinator',
  'credentialsOffice',
];
