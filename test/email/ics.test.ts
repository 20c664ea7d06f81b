import { describe, expect, it } from 'vitest';
import { buildIcsEvent } from '../../domain/notifications';
import { escapeIcsText, foldIcsLine, wallTimeStamp } from '../../domain/notifications/ics';
import { NOV_SESSION_END, NOV_SESSION_START, OCT_SESSION_START } from './fixtures/samples';

const TZ = 'America/Los_Angeles' as const;
const session = (startUtcMs: number, endUtcMs = startUtcMs + 2 * 3_600_000) =>
  buildIcsEvent({
    uid: 'cpsel-session@casc.example.edu',
    startUtcMs,
    endUtcMs,
    summary: 'CPSEL session',
    description: 'Online',
    url: 'https://casc.example.edu/join',
    timeZone: TZ,
    dtStampUtcMs: Date.UTC(2026, 7, 1),
  });
const lines = (ics: string) => ics.split('\r\n').filter((l) => l !== '');

describe('calendar invites (RFC 5545)', () => {
  it('R-SES-1: a 2nd-Monday-of-November 5:30 pm session is 17:30 Pacific (PST) and 01:30Z the next day', () => {
    expect(new Date(NOV_SESSION_START).toISOString()).toBe('2026-11-10T01:30:00.000Z');
    const ics = session(NOV_SESSION_START, NOV_SESSION_END);
    expect(lines(ics)).toContain('DTSTART;TZID=America/Los_Angeles:20261109T173000');
    expect(lines(ics)).toContain('DTEND;TZID=America/Los_Angeles:20261109T193000');
  });

  it('R-SES-1: a 2nd-Monday-of-October 5:30 pm session is 17:30 Pacific (PDT) and 00:30Z the next day', () => {
    expect(new Date(OCT_SESSION_START).toISOString()).toBe('2026-10-13T00:30:00.000Z');
    expect(lines(session(OCT_SESSION_START))).toContain('DTSTART;TZID=America/Los_Angeles:20261012T173000');
  });

  it.each([
    ['2026-09-14', '2026-09-15T00:30:00Z', 'PDT'],
    ['2026-10-12', '2026-10-13T00:30:00Z', 'PDT'],
    ['2026-11-09', '2026-11-10T01:30:00Z', 'PST, the week after DST ends (Nov 1)'],
    ['2027-01-11', '2027-01-12T01:30:00Z', 'PST'],
    ['2027-02-08', '2027-02-09T01:30:00Z', 'PST'],
    ['2027-03-08', '2027-03-09T01:30:00Z', 'PST: the 2nd Monday falls before DST starts (Sun Mar 14)'],
    ['2027-04-12', '2027-04-13T00:30:00Z', 'PDT'],
    ['2026-03-09', '2026-03-10T00:30:00Z', 'PDT: the day after DST starts (Sun Mar 8)'],
  ])('R-SES-1: session on %s at 5:30 pm Pacific is %s (%s)', (localDate, utc, _note) => {
    const ics = session(Date.parse(utc));
    expect(lines(ics)).toContain(`DTSTART;TZID=America/Los_Angeles:${localDate.replace(/-/g, '')}T173000`);
    expect(lines(ics)).toContain(`DTEND;TZID=America/Los_Angeles:${localDate.replace(/-/g, '')}T193000`);
  });

  it('converts the hour either side of the November fall-back without skipping or repeating', () => {
    // 2026-11-01 01:30 happens twice in Pacific time: 08:30Z (PDT) and 09:30Z (PST).
    expect(wallTimeStamp(Date.parse('2026-11-01T08:30:00Z'), TZ)).toBe('20261101T013000');
    expect(wallTimeStamp(Date.parse('2026-11-01T09:30:00Z'), TZ)).toBe('20261101T013000');
    expect(wallTimeStamp(Date.parse('2026-11-01T10:30:00Z'), TZ)).toBe('20261101T023000');
    // Midnight is hour 00, never 24.
    expect(wallTimeStamp(Date.parse('2026-11-10T08:00:00Z'), TZ)).toBe('20261110T000000');
  });

  it('includes a VTIMEZONE with the second-Sunday-of-March and first-Sunday-of-November rules', () => {
    const ics = session(NOV_SESSION_START);
    const tz = ics.slice(ics.indexOf('BEGIN:VTIMEZONE'), ics.indexOf('END:VTIMEZONE'));
    expect(tz).toContain('TZID:America/Los_Angeles');
    expect(tz).toMatch(
      /BEGIN:DAYLIGHT\r\nTZOFFSETFROM:-0800\r\nTZOFFSETTO:-0700\r\nTZNAME:PDT\r\nDTSTART:\d{8}T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU/,
    );
    expect(tz).toMatch(
      /BEGIN:STANDARD\r\nTZOFFSETFROM:-0700\r\nTZOFFSETTO:-0800\r\nTZNAME:PST\r\nDTSTART:\d{8}T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU/,
    );
    expect(ics.indexOf('END:VTIMEZONE')).toBeLessThan(ics.indexOf('BEGIN:VEVENT'));
  });

  it('uses CRLF line endings only, and the required properties', () => {
    const ics = session(NOV_SESSION_START);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const p of [
      'VERSION:2.0',
      'PRODID:',
      'METHOD:REQUEST',
      'UID:cpsel-session@casc.example.edu',
      'DTSTAMP:20260801T000000Z',
      'SEQUENCE:0',
    ]) {
      expect(ics).toContain(p);
    }
  });

  it('folds lines longer than 75 octets without splitting a UTF-8 character', () => {
    const description = `Bienvenidos — sesión de liderazgo instruccional 📚 ${'é'.repeat(120)} fin`;
    const ics = buildIcsEvent({
      uid: 'u1',
      startUtcMs: NOV_SESSION_START,
      endUtcMs: NOV_SESSION_END,
      summary: 'S',
      description,
      timeZone: TZ,
      dtStampUtcMs: 0,
    });
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain(`DESCRIPTION:${escapeIcsText(description)}\r\n`);
    expect(foldIcsLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldIcsLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
  });

  it('escapes TEXT values (backslash, semicolon, comma, newline)', () => {
    expect(escapeIcsText('a\\b;c,d\r\ne')).toBe('a\\\\b\\;c\\,d\\ne');
    const ics = buildIcsEvent({
      uid: 'u2',
      startUtcMs: NOV_SESSION_START,
      endUtcMs: NOV_SESSION_END,
      summary: 'Budgets; Part 1, online',
      description: 'Line 1\nLine 2',
      timeZone: TZ,
      dtStampUtcMs: 0,
    });
    expect(ics).toContain('SUMMARY:Budgets\\; Part 1\\, online');
    expect(ics).toContain('DESCRIPTION:Line 1\\nLine 2');
  });

  it('names the organizer and the attendee so clients offer accept/decline', () => {
    const ics = buildIcsEvent({
      uid: 'u3',
      startUtcMs: NOV_SESSION_START,
      endUtcMs: NOV_SESSION_END,
      summary: 'S',
      description: 'D',
      timeZone: TZ,
      organizer: { name: 'CASC "Induction"', email: 'casc@example.edu' },
      attendee: { name: 'Ana Díaz', email: 'ana@example.edu' },
    });
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain('ORGANIZER;CN="CASC Induction":mailto:casc@example.edu');
    expect(unfolded).toContain(
      'ATTENDEE;CN="Ana Díaz";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:ana@example.edu',
    );
  });

  it('rejects an event that ends before it starts, and zones it cannot describe', () => {
    expect(() => session(NOV_SESSION_START, NOV_SESSION_START)).toThrow(/after startUtcMs/);
    expect(() =>
      buildIcsEvent({
        uid: 'u',
        startUtcMs: 0,
        endUtcMs: 1,
        summary: 's',
        description: 'd',
        timeZone: 'Mars/Olympus_Mons',
      }),
    ).toThrow(/unknown time zone/);
  });
});
