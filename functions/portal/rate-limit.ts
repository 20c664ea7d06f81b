// A small fixed-window limiter for the "email me a new link" form: per client address and per
// target address, so nobody can flood a mailbox or probe addresses at speed. One process's memory
// is enough locally; in Lambda each instance limits on its own (API Gateway throttles in front).
export interface RateLimit {
  /** True when one more attempt for `key` is allowed now (and counts it). */
  take(key: string, nowMs?: number): boolean;
}

export function fixedWindowLimit(max: number, windowMs: number): RateLimit {
  const hits = new Map<string, { start: number; count: number }>();
  return {
    take(key, nowMs = Date.now()) {
      if (hits.size > 10_000) for (const [k, v] of hits) if (nowMs - v.start >= windowMs) hits.delete(k);
      const h = hits.get(key);
      if (!h || nowMs - h.start >= windowMs) {
        hits.set(key, { start: nowMs, count: 1 });
        return true;
      }
      if (h.count >= max) return false;
      h.count += 1;
      return true;
    },
  };
}
