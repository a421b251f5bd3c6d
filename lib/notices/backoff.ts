/**
 * When a notice that could not be sent is tried again: exponential backoff
 * with jitter, so a mail server that comes back is not met by every waiting
 * notice (of every instance) at the same moment.
 */

/** How often, and how far apart, a notice is tried. */
export interface RetryPolicy {
  /** Attempts in all, the first included (at least 1). */
  readonly attempts: number;
  /** The wait after the first failure, in ms; it doubles after each further one. */
  readonly baseDelayMs: number;
  /** No wait is longer than this, in ms. */
  readonly maxDelayMs: number;
}

/**
 * The wait after failed attempt number `attempt` (1 for the first): half of
 * `baseDelayMs · 2^(attempt−1)` (capped at `maxDelayMs`) plus a random part
 * of up to the other half. Never less than half the exponential step, so the
 * backoff still grows.
 * @param random a number in [0, 1); default `Math.random`.
 */
export function retryDelayMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}
