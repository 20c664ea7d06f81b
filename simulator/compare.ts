// The differential check of issue #18: two reports of the same scenario, one per engine, must tell
// the same story — every email with its send time, recipients and sender, phases, flags, hours,
// assessments, deadlines, the timeline and the program report. Only what one engine alone can know
// (the server's history length, wall time) is left out, and send times are compared to the minute.
import type { TSimulationReport } from './report';

/** What both engines must agree on, candidate by candidate. */
export function comparable(report: TSimulationReport) {
  return {
    // Send times to the minute: a server's timer fires a moment after its instant (a second, on a busy machine).
    candidates: report.candidates.map(({ history: _history, ...candidate }) => ({
      ...candidate,
      emails: candidate.emails.map((e) => ({ ...e, at: `${e.at.slice(0, 16)}${e.at.slice(19)}` })),
    })),
    report: report.report,
    totals: {
      candidates: report.totals.candidates,
      emails: report.totals.emails,
      eventsSent: report.totals.eventsSent,
      eventsRejected: report.totals.eventsRejected,
    },
  };
}

/** Each place the two reports differ, as `path: memory … temporal …` (empty when they agree). */
export function engineDifferences(memory: TSimulationReport, temporal: TSimulationReport): string[] {
  const out: string[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (out.length >= 20) return;
    if (Array.isArray(a) && Array.isArray(b)) {
      if (a.length !== b.length) out.push(`${path}: ${a.length} entries on memory, ${b.length} on temporal`);
      for (let i = 0; i < Math.min(a.length, b.length); i++) walk(a[i], b[i], `${path}[${i}]`);
      return;
    }
    if (a && b && typeof a === 'object' && typeof b === 'object') {
      for (const k of new Set([...Object.keys(a), ...Object.keys(b)]))
        walk((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
      return;
    }
    if (a !== b) out.push(`${path}: memory ${JSON.stringify(a)}, temporal ${JSON.stringify(b)}`);
  };
  walk(comparable(memory), comparable(temporal), '');
  return out;
}
