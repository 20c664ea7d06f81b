// R-TIME-2: a VTIMEZONE for the program's own time zone, so an invitation keeps its wall time in
// every calendar client. Built from Intl (deterministic in the workflow sandbox): the zone's actual
// offset changes in the event's year, each written as a dated STANDARD/DAYLIGHT component (RFC 5545
// allows observances without RRULE), or one STANDARD component for a zone without DST.
import { zoneOffsetMs } from '../calendar/dates';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const offsetText = (ms: number): string => {
  const sign = ms < 0 ? '-' : '+';
  const minutes = Math.abs(Math.round(ms / 60_000));
  return `${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}${String(minutes % 60).padStart(2, '0')}`;
};
const localStamp = (utcMs: number, offset: number): string =>
  new Date(utcMs + offset).toISOString().replace(/[-:]/g, '').slice(0, 15);

/** The instants in `year` at which the zone's UTC offset changes (found by day, then by hour). */
function transitions(timeZone: string, year: number): { atUtcMs: number; from: number; to: number }[] {
  const out: { atUtcMs: number; from: number; to: number }[] = [];
  const start = Date.UTC(year, 0, 1, 12);
  let previous = zoneOffsetMs(start, timeZone);
  for (let day = 1; day <= 366; day++) {
    const t = start + day * DAY;
    const offset = zoneOffsetMs(t, timeZone);
    if (offset === previous) continue;
    let at = t - DAY;
    while (zoneOffsetMs(at + HOUR, timeZone) === previous) at += HOUR;
    out.push({ atUtcMs: at + HOUR, from: previous, to: offset });
    previous = offset;
  }
  return out;
}

/** VTIMEZONE lines for `timeZone` covering the year of `utcMs`. */
export function vtimezoneLines(timeZone: string, utcMs: number): string[] {
  const year = new Date(utcMs).getUTCFullYear();
  const changes = transitions(timeZone, year);
  const observances =
    changes.length === 0
      ? (() => {
          const offset = zoneOffsetMs(utcMs, timeZone);
          return [
            [
              'BEGIN:STANDARD',
              `TZOFFSETFROM:${offsetText(offset)}`,
              `TZOFFSETTO:${offsetText(offset)}`,
              'DTSTART:19700101T000000',
              'END:STANDARD',
            ],
          ];
        })()
      : changes.map((c) => {
          // The larger offset of a pair is daylight time.
          const kind = c.to > c.from ? 'DAYLIGHT' : 'STANDARD';
          return [
            `BEGIN:${kind}`,
            `TZOFFSETFROM:${offsetText(c.from)}`,
            `TZOFFSETTO:${offsetText(c.to)}`,
            `DTSTART:${localStamp(c.atUtcMs, c.from)}`,
            `END:${kind}`,
          ];
        });
  return ['BEGIN:VTIMEZONE', `TZID:${timeZone}`, `X-LIC-LOCATION:${timeZone}`, ...observances.flat(), 'END:VTIMEZONE'];
}
