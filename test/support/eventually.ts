// Waiting on a condition instead of sleeping and hoping, for every kind of test (the dev stack's,
// the time-skipping server's): the probe is asked again every 200 ms until it answers.
/** Polls (wall clock) until the probe answers something other than undefined, null or false; throws after timeoutMs. */
export async function eventually<T>(
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}
