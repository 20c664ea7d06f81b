// Field schemas shared by the template catalogue. Every template schema is a strict object built
// from these, so a field a template does not declare (IIP goal text, a score, an address) is
// rejected rather than silently carried into a message.
import { z } from 'zod';
import { ZLocalDate, ZTimeZone } from '../calendar/dates';
import { FIRST_NAME_MAX, LABEL_MAX, PERSON_NAME_MAX, PROGRAM_NAME_MAX } from '../limits';

/** How a message greets a person (lifecycle/people.ts firstName): the first name, or the whole name after a title. */
export const ZFirstName = z.string().trim().min(1).max(FIRST_NAME_MAX);
/** How staff (PA, director, credentials office) know a candidate; details stay behind the link. */
export const ZCandidateName = z.string().trim().min(1).max(PERSON_NAME_MAX);
export const ZProgramName = z.string().trim().min(1).max(PROGRAM_NAME_MAX);
export const ZDate = ZLocalDate;
/** Links point into the program portal; only http(s), so no javascript: or data: URLs reach HTML. */
export const ZLink = z.url({ protocol: /^https?$/ }).max(2000);
export const ZLabel = z.string().trim().min(1).max(LABEL_MAX);
export const ZDaysOverdue = z.int().min(0).max(3650);
export const ZProgramYear = z.union([z.literal(1), z.literal(2)]);
export const ZUtcMs = z.int().min(0);
/** Calendar UIDs must stay stable across resends so a calendar updates instead of duplicating. */
export const ZEventUid = z
  .string()
  .regex(/^[A-Za-z0-9._@-]{1,200}$/, { error: 'expected a stable event uid [A-Za-z0-9._@-]' });

/** Fields every template carries: whom to greet and which program signs the message. */
export const baseFields = { firstName: ZFirstName, programName: ZProgramName } as const;

export const ZDatedItem = z.strictObject({ item: ZLabel, dueDate: ZDate });
export type TDatedItem = z.infer<typeof ZDatedItem>;

export const ZScheduledEvent = z
  .strictObject({
    uid: ZEventUid,
    title: ZLabel,
    startUtcMs: ZUtcMs,
    endUtcMs: ZUtcMs,
    joinUrl: ZLink,
    sequence: z.int().min(0).max(1000).optional(),
    /** The program's time zone (R-TIME-2); Pacific when absent. */
    timeZone: ZTimeZone.optional(),
  })
  .refine((e) => e.endUtcMs > e.startUtcMs, { error: 'endUtcMs must be after startUtcMs', path: ['endUtcMs'] });
export type TScheduledEvent = z.infer<typeof ZScheduledEvent>;
