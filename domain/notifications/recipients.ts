// Who an email goes to. Roles here are mail-routing roles ('pa' is the program administrator's
// mailbox), which is why this enum is separate from the obligation roles in domain/roles.ts.
import { z } from 'zod';

export const ZRecipientRole = z.enum([
  'candidate',
  'coach',
  'supervisor',
  'instructor',
  'pa',
  'director',
  'credentialsOffice',
  'districtCoordinator',
]);
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
export const IIP_RESTRICTED_ROLES: readonly TRecipientRole[] = ['supervisor', 'districtCoordinator', 'credentialsOffice'];
