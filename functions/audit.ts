// R-IIP-5: each read of IIP content is attributable. One JSON line per read, with no personal data:
// who (role, subject id), which candidate (key), when, and through what. Locally the lines go to
// .data/audit.jsonl; in Lambda to the function's log group (structured JSON, retained by infra).
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { TApiRole } from './auth/principal';

export interface TAuditEntry {
  at: string;
  /** iip.read: R-IIP-5; event.recorded: every write through the portal (who, what, when). */
  action: 'iip.read' | 'event.recorded';
  role: TApiRole | 'operator';
  sub: string;
  candidateKey: string;
  via: 'api' | 'dashboard' | 'cli' | 'portal';
  /** For event.recorded: which event type (never its content). */
  eventType?: string;
}

export interface AuditSink {
  record(entry: TAuditEntry): Promise<void>;
}

export function fileAuditSink(path: string): AuditSink {
  let ready: Promise<unknown> | undefined;
  return {
    async record(entry) {
      ready ??= mkdir(dirname(path), { recursive: true });
      await ready;
      await appendFile(path, JSON.stringify(entry) + '\n', { encoding: 'utf8', mode: 0o600 });
    },
  };
}

export function consoleAuditSink(log: (line: string) => void = (line) => console.log(line)): AuditSink {
  return {
    async record(entry) {
      log(JSON.stringify({ audit: true, ...entry }));
    },
  };
}

export function memoryAuditSink(): AuditSink & { entries: TAuditEntry[] } {
  const entries: TAuditEntry[] = [];
  return {
    entries,
    async record(entry) {
      entries.push(entry);
    },
  };
}
