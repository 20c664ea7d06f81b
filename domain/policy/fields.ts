// Field schemas shared by the program-policy sections. Each carries the exact message a policy
// author sees next to the field's path, so a bad policy file reads as a list of fixes.
import { z } from 'zod';
import { daysInMonth } from '../calendar/dates';

export const msg = (error: string) => ({ error });

export const wholeDays = (fallback: number) =>
  z
    .int(msg('expected a whole number of days ≥ 0'))
    .min(0, msg('expected a whole number of days ≥ 0'))
    .default(fallback);

export const wholeMonths = (fallback: number) =>
  z
    .int(msg('expected a whole number of months ≥ 0'))
    .min(0, msg('expected a whole number of months ≥ 0'))
    .default(fallback);

export const ZHours = z.number(msg('expected a number ≥ 0')).min(0, msg('expected a number ≥ 0'));

export const ZMonth = z
  .int(msg('expected a month 1–12'))
  .min(1, msg('expected a month 1–12'))
  .max(12, msg('expected a month 1–12'));

export const ZWeekday = z
  .int(msg('expected a weekday 0 (Sunday) – 6 (Saturday)'))
  .min(0, msg('expected a weekday 0 (Sunday) – 6 (Saturday)'))
  .max(6, msg('expected a weekday 0 (Sunday) – 6 (Saturday)'));

/** Which occurrence of a weekday in its month: 1–4 always exist, -1 is the last; 5 is refused because many months lack it. */
export const ZNth = z
  .int(msg('expected 1–4, or -1 for the last'))
  .refine((n) => n === -1 || (n >= 1 && n <= 4), msg('expected 1–4, or -1 for the last'));

export const ZFraction = z
  .number(msg('expected a fraction between 0 and 1'))
  .min(0, msg('expected a fraction between 0 and 1'))
  .max(1, msg('expected a fraction between 0 and 1'));

export const ZProgramYear = z.union([z.literal(1), z.literal(2)], msg('expected program year 1 or 2'));

/** Ids become parts of obligation ids ('sessionAssignment:3', milestone ids), so no ':' or spaces. */
export const ZSlug = z
  .string(msg('expected an id'))
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, msg('expected an id of letters, digits, "-" or "_"'));

/** A day of the year without the year; Feb 29 is allowed and clamps to Feb 28 in common years. */
export const ZMonthDay = z
  .strictObject({
    month: ZMonth,
    day: z.int(msg('expected a day 1–31')).min(1, msg('expected a day 1–31')).max(31, msg('expected a day 1–31')),
  })
  .superRefine((v, ctx) => {
    if (v.day > daysInMonth(2000, v.month)) {
      ctx.addIssue({ code: 'custom', path: ['day'], message: `month ${v.month} has no day ${v.day}` });
    }
  });
export type TMonthDay = z.infer<typeof ZMonthDay>;

/** A dated window inside a program year, e.g. May 1 – June 30. */
export const ZWindowDays = z.strictObject({ opens: ZMonthDay, due: ZMonthDay });
export type TWindowDays = z.infer<typeof ZWindowDays>;

export function duplicates<T>(values: readonly T[]): T[] {
  return [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
}
