/**
 * The default attempt throttle: a sliding-window log per key, kept in this
 * process's memory. Each app instance counts on its own, so N instances allow
 * up to N × limit; set `REDIS_URL` to share one count ({@link ./redis}).
 */
import { secondsUntil, type AttemptThrottle, type ThrottleDecision, type ThrottleLimit } from "./types";

/** Options for {@link createMemoryThrottle}. */
export interface MemoryThrottleOptions extends ThrottleLimit {
  /** Clock in epoch ms; default `Date.now`. */
  readonly now?: () => number;
  /** Above this many keys, keys with no attempt left in the window are swept; default 10 000. */
  readonly sweepAbove?: number;
}

/**
 * A throttle that remembers, per key, the times of the attempts it allowed in
 * the last window. Memory is bounded by the keys active within one window.
 */
export function createMemoryThrottle(options: MemoryThrottleOptions): AttemptThrottle {
  const { limit, windowMs } = options;
  if (!Number.isInteger(limit) || limit < 1) throw new Error("limit must be a whole number of at least 1.");
  const now = options.now ?? Date.now;
  const sweepAbove = options.sweepAbove ?? 10_000;
  const attempts = new Map<string, number[]>();

  function sweep(at: number): void {
    for (const [key, times] of attempts) if ((times.at(-1) ?? 0) <= at - windowMs) attempts.delete(key);
  }

  return {
    hit(key: string): Promise<ThrottleDecision> {
      const at = now();
      // An attempt at t counts until t + windowMs, exactly as the Redis script's ZREMRANGEBYSCORE.
      const times = (attempts.get(key) ?? []).filter((time) => time > at - windowMs);
      if (times.length >= limit) {
        attempts.set(key, times);
        return Promise.resolve({ allowed: false, retryAfterSeconds: secondsUntil((times[0] ?? at) + windowMs, at) });
      }
      times.push(at);
      attempts.set(key, times);
      if (attempts.size > sweepAbove) sweep(at);
      return Promise.resolve({ allowed: true, retryAfterSeconds: 0 });
    },
  };
}
