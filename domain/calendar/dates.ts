// Calendar and wall-clock arithmetic for program deadlines.
//
// This file runs inside the Temporal workflow sandbox, so it never reads the clock: every function
// is a pure function of its arguments. Local dates are 'YYYY-MM-DD' strings (they sort and compare
// as text, survive JSON and continue-as-new unchanged) and day arithmetic is done on a proleptic
// Gregorian day count, so no Date object is needed at all. Time zones are resolved only through
// Intl.DateTimeFormat, which the sandbox provides deterministically.
import { z } from 'zod';

const DAY_MS = 86_400_000;
const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month1to12: number): number {
  if (month1to12 === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month1to12) ? 30 : 31;
}

function splitDate(d: string): [number, number, number] | undefined {
  const m = LOCAL_DATE_RE.exec(d);
  if (!m) return undefined;
  const [y, mo, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || day < 1 || day > daysInMonth(y, mo)) return undefined;
  return [y, mo, day];
}

export const ZLocalDate = z
  .string({ error: 'expected a date YYYY-MM-DD' })
  .refine((s) => splitDate(s) !== undefined, { error: 'expected a real calendar date YYYY-MM-DD' });
export type TLocalDate = z.infer<typeof ZLocalDate>;

export const ZLocalTime = z
  .string({ error: 'expected a time HH:mm' })
  .regex(LOCAL_TIME_RE, { error: 'expected a 24-hour time HH:mm' });
export type TLocalTime = z.infer<typeof ZLocalTime>;

/** Minutes after local midnight of an 'HH:mm' time. */
export function minutesOfDay(time: TLocalTime): number {
  const known = minutesOfTime.get(time);
  if (known !== undefined) return known;
  const t = LOCAL_TIME_RE.exec(time);
  if (!t) throw new RangeError(`not a time HH:mm: ${JSON.stringify(time)}`);
  const minutes = Number(t[1]) * 60 + Number(t[2]);
  if (minutesOfTime.size >= 1440) minutesOfTime.clear();
  minutesOfTime.set(time, minutes);
  return minutes;
}

/** A program names a handful of times of day; each is parsed once (at most 1,440 exist). */
const minutesOfTime = new Map<string, number>();

/** Epoch milliseconds (UTC instant). */
export const ZInstant = z.int();
export type TInstant = z.infer<typeof ZInstant>;

const tzValidity = new Map<string, boolean>();
export function isValidTimeZone(timeZone: string): boolean {
  let ok = tzValidity.get(timeZone);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
      ok = true;
    } catch {
      ok = false;
    }
    tzValidity.set(timeZone, ok);
  }
  return ok;
}

export const ZTimeZone = z
  .string({ error: 'expected an IANA time zone name' })
  .refine(isValidTimeZone, { error: 'expected an IANA time zone name such as America/Los_Angeles' });

/** Parses a local date, throwing on anything that is not a real calendar date (a programming error inside the domain). */
export function dateParts(d: TLocalDate): { year: number; month: number; day: number } {
  const p = splitDate(d);
  if (!p) throw new RangeError(`not a calendar date: ${JSON.stringify(d)}`);
  return { year: p[0], month: p[1], day: p[2] };
}

export function makeDate(year: number, month1to12: number, day: number): TLocalDate {
  if (month1to12 < 1 || month1to12 > 12 || day < 1 || day > daysInMonth(year, month1to12)) {
    throw new RangeError(`not a calendar date: ${year}-${month1to12}-${day}`);
  }
  return `${String(year).padStart(4, '0')}-${String(month1to12).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// Howard Hinnant's days_from_civil / civil_from_days: exact for every Gregorian date, no Date needed.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civilFromDays(days: number): [number, number, number] {
  const z0 = days + 719_468;
  const era = Math.floor(z0 / 146_097);
  const doe = z0 - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

// Date arithmetic runs thousands of times per decision (pace, calendars, obligations); a candidate's
// two years touch a few thousand distinct dates, so both directions are remembered (bounded).
const REMEMBERED_DATES = 20_000;
const epochDayOf = new Map<string, number>();
const dateOfEpochDay = new Map<number, TLocalDate>();

/** Days since 1970-01-01 (negative before). */
export function toEpochDay(d: TLocalDate): number {
  const known = epochDayOf.get(d);
  if (known !== undefined) return known;
  const { year, month, day } = dateParts(d);
  const days = daysFromCivil(year, month, day);
  if (epochDayOf.size >= REMEMBERED_DATES) epochDayOf.clear();
  epochDayOf.set(d, days);
  return days;
}

export function fromEpochDay(days: number): TLocalDate {
  const known = dateOfEpochDay.get(days);
  if (known !== undefined) return known;
  const [y, m, d] = civilFromDays(days);
  const date = makeDate(y, m, d);
  if (dateOfEpochDay.size >= REMEMBERED_DATES) dateOfEpochDay.clear();
  dateOfEpochDay.set(days, date);
  return date;
}

export function addDays(d: TLocalDate, n: number): TLocalDate {
  return fromEpochDay(toEpochDay(d) + n);
}

/** Calendar months; the day is clamped to the target month's end (Jan 31 + 1 month = Feb 28 or 29). */
export function addMonths(d: TLocalDate, n: number): TLocalDate {
  const { year, month, day } = dateParts(d);
  const index = year * 12 + (month - 1) + n;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return makeDate(y, m, Math.min(day, daysInMonth(y, m)));
}

/** Whole days from a to b: positive when b is later. */
export function daysBetween(a: TLocalDate, b: TLocalDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

export function compareDates(a: TLocalDate, b: TLocalDate): -1 | 0 | 1 {
  // Canonical YYYY-MM-DD strings order as their dates (the hot path: pace and calendar scans
  // compare thousands per workflow task); anything else goes through the parser, which throws.
  if (a.length === 10 && b.length === 10 && a[4] === '-' && b[4] === '-' && a[7] === '-' && b[7] === '-')
    return a < b ? -1 : a > b ? 1 : 0;
  const diff = toEpochDay(a) - toEpochDay(b);
  return diff < 0 ? -1 : diff > 0 ? 1 : 0;
}

export function maxDate(first: TLocalDate, ...rest: TLocalDate[]): TLocalDate {
  return rest.reduce((acc, d) => (compareDates(d, acc) > 0 ? d : acc), first);
}

export function minDate(first: TLocalDate, ...rest: TLocalDate[]): TLocalDate {
  return rest.reduce((acc, d) => (compareDates(d, acc) < 0 ? d : acc), first);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(d: TLocalDate): number {
  return (((toEpochDay(d) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

/** The n-th given weekday of a month; n = -1 means the last one. Throws when the month has no such day. */
export function nthWeekdayOfMonth(year: number, month1to12: number, weekday: number, n: number): TLocalDate {
  if (!Number.isInteger(weekday) || weekday < 0 || weekday > 6)
    throw new RangeError(`weekday must be 0–6, got ${weekday}`);
  const last = daysInMonth(year, month1to12);
  if (n === -1) {
    const lastWeekday = weekdayOf(makeDate(year, month1to12, last));
    return makeDate(year, month1to12, last - ((lastWeekday - weekday + 7) % 7));
  }
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be ≥ 1 or -1, got ${n}`);
  const firstWeekday = weekdayOf(makeDate(year, month1to12, 1));
  const day = 1 + ((weekday - firstWeekday + 7) % 7) + (n - 1) * 7;
  if (day > last) throw new RangeError(`${year}-${month1to12} has no weekday ${weekday} number ${n}`);
  return makeDate(year, month1to12, day);
}

/** Business days (Mon–Fri; holidays are not modelled) after d. */
export function addBusinessDays(d: TLocalDate, n: number): TLocalDate {
  let day = d;
  for (let left = n; left > 0;) {
    day = addDays(day, 1);
    const wd = weekdayOf(day);
    if (wd !== 0 && wd !== 6) left -= 1;
  }
  return day;
}

// ---- time zones -------------------------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's UTC offset read from Intl (the slow part: a formatToParts call). */
function offsetFromIntl(epochMs: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const days = daysFromCivil(fields.year ?? 1970, fields.month ?? 1, fields.day ?? 1);
  const secondsOfDay = (fields.hour ?? 0) * 3600 + (fields.minute ?? 0) * 60 + (fields.second ?? 0);
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  return days * DAY_MS + secondsOfDay * 1000 - wholeSecond;
}

// Offsets are multiples of 15 minutes and change only at instants on a 15-minute UTC boundary, so
// one reading per zone and quarter hour is exact. The decision cores ask thousands of times per
// simulated candidate (issue #18: this was 44 % of the in-memory engine's time).
const OFFSET_BUCKET_MS = 15 * 60_000;
const MAX_CACHED_OFFSETS = 200_000;
const offsetCache = new Map<string, Map<number, number>>();

/** UTC offset (ms, east positive) of a zone at an instant. */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  let zone = offsetCache.get(timeZone);
  if (!zone) offsetCache.set(timeZone, (zone = new Map()));
  const bucket = Math.floor(epochMs / OFFSET_BUCKET_MS);
  let offset = zone.get(bucket);
  if (offset === undefined) {
    if (zone.size >= MAX_CACHED_OFFSETS) zone.clear();
    offset = offsetFromIntl(epochMs, timeZone);
    zone.set(bucket, offset);
  }
  return offset;
}

/** The wall-clock reading of an instant in a zone, expressed as if that reading were UTC milliseconds. */
function wallClockMs(epochMs: number, timeZone: string): number {
  return epochMs + zoneOffsetMs(epochMs, timeZone);
}

/**
 * The instant a zone's clocks read `wall` (a wall-clock reading as UTC ms). Rather than iterating
 * t = wall − offset(t), which oscillates inside a DST gap, it tries the offsets in force a day
 * either side — a zone changes offset at most once in 48 h — and keeps those that reproduce the
 * wall time. Ambiguous times (fall back) take the earlier instant; skipped times (spring forward)
 * are read with the pre-transition offset, i.e. pushed forward by the gap — the "compatible"
 * disambiguation of the TC39 Temporal proposal.
 */
function instantOfWall(wall: number, timeZone: string): number {
  let zone = instantCache.get(timeZone);
  if (!zone) instantCache.set(timeZone, (zone = new Map()));
  let instant = zone.get(wall);
  if (instant === undefined) {
    if (zone.size >= MAX_CACHED_INSTANTS) zone.clear();
    instant = instantOfWallFromOffsets(wall, timeZone);
    zone.set(wall, instant);
  }
  return instant;
}

// The decision cores ask for the same local midnights and deadline times thousands of times per
// candidate (issue #18), so each zone remembers the instants it answered (bounded).
const MAX_CACHED_INSTANTS = 50_000;
const instantCache = new Map<string, Map<number, number>>();

function instantOfWallFromOffsets(wall: number, timeZone: string): number {
  const early = wall - zoneOffsetMs(wall - DAY_MS, timeZone);
  const late = wall - zoneOffsetMs(wall + DAY_MS, timeZone);
  const earlyMatches = wallClockMs(early, timeZone) === wall;
  const lateMatches = wallClockMs(late, timeZone) === wall;
  if (earlyMatches && lateMatches) return Math.min(early, late);
  if (earlyMatches) return early;
  if (lateMatches) return late;
  return early;
}

/** Epoch ms of a wall-clock time on a local date in a zone, correct across DST. */
export function zonedInstant(date: TLocalDate, time: TLocalTime, timeZone: string): number {
  return instantOfWall(toEpochDay(date) * DAY_MS + minutesOfDay(time) * 60_000, timeZone);
}

/** The same wall-clock time (to the millisecond) N calendar months later, day clamped as addMonths. */
export function addMonthsToInstant(epochMs: number, months: number, timeZone: string): number {
  const wall = wallClockMs(epochMs, timeZone);
  const day = Math.floor(wall / DAY_MS);
  const shiftedDay = toEpochDay(addMonths(fromEpochDay(day), months));
  return instantOfWall(shiftedDay * DAY_MS + (wall - day * DAY_MS), timeZone);
}

export function localDateOf(epochMs: number, timeZone: string): TLocalDate {
  return fromEpochDay(Math.floor(wallClockMs(epochMs, timeZone) / DAY_MS));
}

/** The local wall time (HH:mm, seconds dropped) of an instant. */
export function localTimeOf(epochMs: number, timeZone: string): TLocalTime {
  const ms = wallClockMs(epochMs, timeZone);
  const minutes = Math.floor((ms - Math.floor(ms / DAY_MS) * DAY_MS) / 60_000);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export function startOfDayInstant(date: TLocalDate, timeZone: string): number {
  return zonedInstant(date, '00:00', timeZone);
}

/** A deadline date is met until 23:59:59.999 local: one millisecond before the next local day starts. */
export function endOfDayInstant(date: TLocalDate, timeZone: string): number {
  return startOfDayInstant(addDays(date, 1), timeZone) - 1;
}

/** R-TIME-2: the date itself on a weekday, else the Monday after. */
export function nextWorkday(d: TLocalDate): TLocalDate {
  const weekday = weekdayOf(d);
  return weekday === 6 ? addDays(d, 2) : weekday === 0 ? addDays(d, 1) : d;
}

/** R-TIME-2: the date itself on a weekday, else the Friday before (for "by the day before" deadlines). */
export function previousWorkday(d: TLocalDate): TLocalDate {
  const weekday = weekdayOf(d);
  return weekday === 6 ? addDays(d, -1) : weekday === 0 ? addDays(d, -2) : d;
}
