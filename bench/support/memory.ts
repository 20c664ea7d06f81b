// Peak resident memory, sampled every 250 ms: this process (the worker runs in it) and, read from
// /proc, any child process it started (the Temporal server).
import { readdirSync, readFileSync } from 'node:fs';

export interface TMemorySampler {
  /** Peak RSS of this process, MiB. */
  peakSelfMiB(): number;
  /** Peak RSS summed over this process's descendants, MiB (Linux only; 0 elsewhere). */
  peakChildrenMiB(): number;
  stop(): void;
}

/** RSS (KiB) summed over every descendant of this process: the server may run under a launcher. */
function childrenRssKiB(): number {
  let dirs: string[];
  try {
    dirs = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return 0;
  }
  const procs: { pid: number; ppid: number; rssKiB: number }[] = [];
  for (const pid of dirs) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      procs.push({
        pid: Number(pid),
        ppid: Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]),
        rssKiB: Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0),
      });
    } catch {
      // The process went away between the listing and the read.
    }
  }
  const mine = new Set([process.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of procs) {
      if (mine.has(p.pid) || !mine.has(p.ppid)) continue;
      mine.add(p.pid);
      grew = true;
    }
  }
  return procs.filter((p) => p.pid !== process.pid && mine.has(p.pid)).reduce((a, p) => a + p.rssKiB, 0);
}

export function sampleMemory(intervalMs = 250): TMemorySampler {
  let self = process.memoryUsage().rss;
  let children = 0;
  let tick = 0;
  const timer = setInterval(() => {
    self = Math.max(self, process.memoryUsage().rss);
    // /proc scans are cheap but not free: children every 4th sample (once a second).
    if (tick++ % 4 === 0) children = Math.max(children, childrenRssKiB() * 1024);
  }, intervalMs);
  timer.unref();
  return {
    peakSelfMiB: () => Math.round(self / 2 ** 20),
    peakChildrenMiB: () => Math.round(children / 2 ** 20),
    stop: () => clearInterval(timer),
  };
}
