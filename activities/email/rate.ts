// SES enforces a per-account send rate. The worker's maxTaskQueueActivitiesPerSecond limits
// activities, but one batch activity sends many emails, so the emails themselves are paced here.
export interface RateLimiter {
  acquire(): Promise<void>;
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

/** Evenly spaced slots (no burst): conservative, and shared by every activity in one worker. */
export function createRateLimiter(perSecond: number, clock: Clock = realClock): RateLimiter {
  if (!(perSecond > 0)) throw new Error(`send rate must be positive, got ${perSecond}`);
  const interval = 1000 / perSecond;
  let nextSlot = 0;
  return {
    async acquire() {
      const now = clock.now();
      const slot = Math.max(now, nextSlot);
      nextSlot = slot + interval;
      if (slot > now) await clock.sleep(slot - now);
    },
  };
}
