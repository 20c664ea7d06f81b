// Human-readable dates, times and money for message bodies. Intl only: this code also runs inside
// the workflow sandbox, which provides Intl deterministically.
import type { TLocalDate } from '../calendar/dates';

export const PROGRAM_TIME_ZONE = 'America/Los_Angeles';

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', options);
    formatters.set(key, f);
  }
  return f;
}

// The same dates and session times are written into thousands of messages (issue #18: every
// invite and reminder of a cohort), so each formatted text is remembered (bounded; pure).
const REMEMBERED_TEXTS = 10_000;
const texts = new Map<string, string>();
function remembered(key: string, make: () => string): string {
  let text = texts.get(key);
  if (text === undefined) {
    if (texts.size >= REMEMBERED_TEXTS) texts.clear();
    text = make();
    texts.set(key, text);
  }
  return text;
}

// Newer ICU puts a narrow no-break space before AM/PM; plain text readers and tests expect a space.
const normaliseSpaces = (s: string): string => s.replace(/[\u202f\u00a0]/g, ' ');

/** '2026-11-09' → 'Monday, November 9, 2026'. A local date has no zone, so format it as UTC. */
export function formatDate(date: TLocalDate): string {
  return remembered(`date|${date}`, () => formatDateNow(date));
}

function formatDateNow(date: TLocalDate): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const f = formatter('date', { timeZone: 'UTC', weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
  return normaliseSpaces(f.format(Date.UTC(y, m - 1, d)));
}

/** An instant as Pacific wall time: 'Monday, November 9, 2026 at 5:30 PM PST'. */
export function formatPacificDateTime(utcMs: number): string {
  return formatZonedDateTime(utcMs, PROGRAM_TIME_ZONE);
}

/** An instant as the program's wall time (R-TIME-2): 'Monday, November 9, 2026 at 5:30 PM PST'. */
export function formatZonedDateTime(utcMs: number, timeZone: string): string {
  return remembered(`datetime|${timeZone}|${utcMs}`, () => formatZonedDateTimeNow(utcMs, timeZone));
}

function formatZonedDateTimeNow(utcMs: number, timeZone: string): string {
  const f = formatter(`datetime|${timeZone}`, {
    timeZone,
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  });
  return normaliseSpaces(f.format(utcMs)).replace(/, (\d{1,2}:\d{2})/, ' at $1');
}

/** '7:30 PM' in Pacific time, for the end of an event shown after its start. */
export function formatPacificTime(utcMs: number): string {
  return formatZonedTime(utcMs, PROGRAM_TIME_ZONE);
}

export function formatZonedTime(utcMs: number, timeZone: string): string {
  return remembered(`time|${timeZone}|${utcMs}`, () => {
    const f = formatter(`time|${timeZone}`, { timeZone, hour: 'numeric', minute: '2-digit' });
    return normaliseSpaces(f.format(utcMs));
  });
}

export function formatUsd(cents: number): string {
  const f = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
  return f.format(cents / 100);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** 'a', 'a and b', 'a, b and c': a sentence names people, it does not list them with commas. */
export function joinWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Hours as people write them: 40, 12.5, 13.33 — never 40.00. */
export function formatHours(hours: number): string {
  const rounded = Math.round(hours * 100) / 100;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(2).replace(/0$/, '');
}

const CPSEL_NAMES: Record<string, string> = {
  cpsel1: 'CPSEL 1 (Development and Implementation of a Shared Vision)',
  cpsel2: 'CPSEL 2 (Instructional Leadership)',
  cpsel3: 'CPSEL 3 (Management and Learning Environment)',
  cpsel4: 'CPSEL 4 (Family and Community Engagement)',
  cpsel5: 'CPSEL 5 (Ethics and Integrity)',
  cpsel6: 'CPSEL 6 (External Context and Policy)',
};
export const cpselName = (standard: string): string => CPSEL_NAMES[standard] ?? standard;

export const describeOverdue = (days: number): string => (days === 0 ? 'today' : `${plural(days, 'day')} ago`);
