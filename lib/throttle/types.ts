/**
 * What the linking routes ask before an attempt that costs Management API
 * quota: may this key (an action and a user) go ahead now?
 */

/** The answer to one attempt. */
export interface ThrottleDecision {
  /** Whether the attempt may go ahead. A refused attempt is not counted. */
  readonly allowed: boolean;
  /** Whole seconds until the window frees a slot; 0 when allowed. */
  readonly retryAfterSeconds: number;
}

/**
 * Counts attempts per key in a sliding window and refuses those beyond the
 * limit. Implementations: {@link ./memory!createMemoryThrottle} (one process)
 * and {@link ./redis!createRedisThrottle} (shared by every instance).
 */
export interface AttemptThrottle {
  /**
   * Records an attempt for `key` if the limit allows it.
   * @throws {ThrottleUnavailableError} when the store cannot answer (e.g. Redis is down).
   */
  hit(key: string): Promise<ThrottleDecision>;
}

/** A throttle that holds a connection, closed when the process or test is done with it. */
export interface ClosableThrottle extends AttemptThrottle {
  /** Releases connections; later hits are answered as unavailable. */
  close(): Promise<void>;
}

/** Why a throttle's store could not answer. */
export type ThrottleUnavailableReason = "not_connected" | "timeout" | "error";

/** The throttle's store could not answer; the caller decides whether to fail open. */
export class ThrottleUnavailableError extends Error {
  readonly code: ThrottleUnavailableReason;

  constructor(code: ThrottleUnavailableReason, options?: { cause?: unknown }) {
    super(`The attempt throttle's store is unavailable (${code}).`, options);
    this.name = "ThrottleUnavailableError";
    this.code = code;
  }
}

/** Settings every throttle shares. */
export interface ThrottleLimit {
  /** Attempts allowed per key within one window; at least 1. */
  readonly limit: number;
  /** The window's length in ms (sliding: any `windowMs` span holds at most `limit` attempts). */
  readonly windowMs: number;
}

/** Whole seconds from `now` until `freesAt` (epoch ms), at least 1. */
export function secondsUntil(freesAt: number, now: number): number {
  return Math.max(1, Math.ceil((freesAt - now) / 1000));
}
