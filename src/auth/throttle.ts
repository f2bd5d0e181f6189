/**
 * Failed-authentication throttling: a sliding window of failures per key (a client address, a
 * token prefix). After `limit` failures within `windowMs`, `blocked` says how many seconds until
 * the oldest of them leaves the window. Only failures count: a client using a valid token is never
 * slowed down, which @fastify/rate-limit (it counts every request) does not do cleanly.
 *
 * In memory: one server process holds the database's lock, so one process sees every attempt. A
 * restart forgets the counts, which costs an attacker a restart they cannot cause. Memory is
 * bounded: at most `limit` times per key and `maxKeys` keys (the stalest are dropped first).
 */
export interface ThrottleOptions {
  limit: number;
  windowMs: number;
  maxKeys?: number;
}

export const DEFAULT_AUTH_FAILURE_LIMIT = 10;
export const DEFAULT_AUTH_FAILURE_WINDOW_SECONDS = 60;

export function createThrottle(options: ThrottleOptions) {
  const { limit, windowMs } = options;
  const maxKeys = options.maxKeys ?? 50_000;
  /** Failure times per key, oldest first; a Map keeps insertion order, so re-inserting marks a key fresh. */
  const failures = new Map<string, number[]>();

  function live(key: string, now: number): number[] {
    const times = failures.get(key);
    if (!times) return [];
    const kept = times.filter((t) => t > now - windowMs);
    if (kept.length === 0) failures.delete(key);
    else if (kept.length !== times.length) failures.set(key, kept);
    return kept;
  }

  return {
    /** Seconds until the first of `keys` that is over the limit recovers (the Retry-After), or undefined. */
    blocked(keys: ReadonlyArray<string | undefined>, now: number): number | undefined {
      let wait: number | undefined;
      for (const key of keys) {
        if (key === undefined) continue;
        const times = live(key, now);
        if (times.length < limit) continue;
        // The window frees a slot when the `limit`-th most recent failure leaves it.
        const until = times[times.length - limit]! + windowMs;
        const seconds = Math.max(1, Math.ceil((until - now) / 1000));
        wait = Math.max(wait ?? 0, seconds);
      }
      return wait;
    },
    /** Counts one failure against every key. */
    fail(keys: ReadonlyArray<string | undefined>, now: number): void {
      for (const key of keys) {
        if (key === undefined) continue;
        const times = [...live(key, now), now].slice(-limit);
        failures.delete(key);
        failures.set(key, times);
      }
      while (failures.size > maxKeys) failures.delete(failures.keys().next().value!);
    },
    /** How many keys are tracked (tests). */
    size: () => failures.size,
  };
}
export type Throttle = ReturnType<typeof createThrottle>;
