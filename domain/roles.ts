// The people a program obligation can belong to (domain.md "People").
import { z } from 'zod';

export const ZRole = z.enum([
  'candidate',
  'coach',
  'supervisor',
  'instructor',
  'programAdministrator',
  'director',
  'credentialsOffice',
  'districtCoordinator',
  'panelReviewer',
]);
export type TRole = z.infer<typeof ZRole>;
