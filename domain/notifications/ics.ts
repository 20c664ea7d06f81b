// RFC 5545 calendar invites for CPSEL sessions and workshops. Sessions are scheduled in the
// program's wall time (R-SES-1: 5:30–7:30 pm Pacific; R-TIME-2), so events are written with its TZID and a
// VTIMEZONE, which keeps them at 5:30 pm in every client across the DST change instead of
// drifting an hour the way a floating UTC time would.
import { isValidTimeZone } from '../calendar/dates';
import { vtimezoneLines } from './vtimezone';

const PACIFIC = 'America/Los_Angeles';
const CRLF = '\r\n';

export interface IcsPerson {
  name: string;
  email: string;
}

export interface IcsEventInput {
  /** Stable across resends: a client replaces an event with the same UID and a higher SEQUENCE. */
  uid: string;
  startUtcMs: number;
  endUtcMs: number;
  summary: string;
  description: string;
  url?: string;
  /** The program's time zone (R-TIME-2): DTSTART/DTEND are its wall time, with its VTIMEZONE. */
  timeZone: string;
  sequence?: number;
  /** When the invite was issued; defaults to now. */
  dtStampUtcMs?: number;
  /** RFC 5546: a REQUEST names its ORGANIZER; clients show accept/decline for the ATTENDEE. */
  method?: 'REQUEST' | 'PUBLISH';
  organizer?: IcsPerson;
  attendee?: IcsPerson;
}

// Rules in force since 2007 (Energy Policy Act of 2005): DST from the second Sunday of March to
// the first Sunday of November, changing at 02:00 local time.
const VTIMEZONE_PACIFIC = [
  'BEGIN:VTIMEZONE',
  `TZID:${PACIFIC}`,
  `X-LIC-LOCATION:${PACIFIC}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:-0800',
  'TZOFFSETTO:-0700',
  'TZNAME:PDT',
  'DTSTART:20070311T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:-0700',
  'TZOFFSETTO:-0800',
  'TZNAME:PST',
  'DTSTART:20071104T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

const wallFormatters = new Map<string, Intl.DateTimeFormat>();

/** An instant as local wall time 'YYYYMMDDTHHMMSS' in the zone, the form DTSTART;TZID= expects. */
export function wallTimeStamp(utcMs: number, timeZone: string): string {
  const key = `${timeZone}|${utcMs}`;
  let stamp = wallStamps.get(key);
  if (stamp === undefined) {
    if (wallStamps.size >= 10_000) wallStamps.clear();
    stamp = wallTimeStampNow(utcMs, timeZone);
    wallStamps.set(key, stamp);
  }
  return stamp;
}

/** Every invite of a cohort stamps the same few session times: each stamp is worked out once (bounded). */
const wallStamps = new Map<string, string>();

function wallTimeStampNow(utcMs: number, timeZone: string): string {
  let f = wallFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    wallFormatters.set(timeZone, f);
  }
  const part: Record<string, string> = {};
  for (const p of f.formatToParts(utcMs)) part[p.type] = p.value;
  const pad = (v: string | undefined, n: number): string => (v ?? '').padStart(n, '0');
  return `${pad(part.year, 4)}${pad(part.month, 2)}${pad(part.day, 2)}T${pad(part.hour, 2)}${pad(part.minute, 2)}${pad(part.second, 2)}`;
}

export function utcStamp(utcMs: number): string {
  return `${new Date(utcMs).toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}

/** RFC 5545 §3.3.11 TEXT escaping. */
export function escapeIcsText(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n');
}

const utf8Length = (ch: string): number => {
  const cp = ch.codePointAt(0) ?? 0;
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
};

/** RFC 5545 §3.1: lines longer than 75 octets are folded without splitting a UTF-8 character. */
export function foldIcsLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const n = utf8Length(ch);
    if (octets + n > limit) {
      out.push(current);
      current = '';
      octets = 0;
      limit = 74; // the continuation line's leading space counts toward its 75
    }
    current += ch;
    octets += n;
  }
  out.push(current);
  return out.join(`${CRLF} `);
}

const quoteParam = (value: string): string => `"${value.replace(/["\u0000-\u001f\u007f]/g, '')}"`;

export function buildIcsEvent(input: IcsEventInput): string {
  const tz = input.timeZone;
  if (!isValidTimeZone(tz)) throw new Error(`buildIcsEvent: unknown time zone ${String(tz)}`);
  if (!Number.isInteger(input.startUtcMs) || !Number.isInteger(input.endUtcMs) || input.endUtcMs <= input.startUtcMs) {
    throw new Error('buildIcsEvent: endUtcMs must be an integer instant after startUtcMs');
  }
  const method = input.method ?? 'REQUEST';
  const event = [
    'BEGIN:VEVENT',
    `UID:${escapeIcsText(input.uid)}`,
    `DTSTAMP:${utcStamp(input.dtStampUtcMs ?? Date.now())}`,
    `DTSTART;TZID=${tz}:${wallTimeStamp(input.startUtcMs, tz)}`,
    `DTEND;TZID=${tz}:${wallTimeStamp(input.endUtcMs, tz)}`,
    `SEQUENCE:${input.sequence ?? 0}`,
    `SUMMARY:${escapeIcsText(input.summary)}`,
    `DESCRIPTION:${escapeIcsText(input.description)}`,
    ...(input.url ? [`URL:${input.url}`, `LOCATION:${escapeIcsText(input.url)}`] : []),
    ...(input.organizer ? [`ORGANIZER;CN=${quoteParam(input.organizer.name)}:mailto:${input.organizer.email}`] : []),
    ...(input.attendee
      ? [
          `ATTENDEE;CN=${quoteParam(input.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${input.attendee.email}`,
        ]
      : []),
    'STATUS:CONFIRMED',
    'TRANSP:OPAQUE',
    'END:VEVENT',
  ];
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//CASC Induction//casc-induction//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${method}`,
    // Pacific keeps its rule-based definition; any other zone gets its year's actual changes.
    ...(tz === PACIFIC ? VTIMEZONE_PACIFIC : vtimezoneLines(tz, input.startUtcMs)),
    ...event,
    'END:VCALENDAR',
  ];
  return lines.map(foldIcsLine).join(CRLF) + CRLF;
}
