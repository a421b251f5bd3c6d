/**
 * When the Management API client tries a call again, how long it waits
 * first, and the loop that does it ({@link withRetries}). Only reads,
 * metadata merges (idempotent) and deletes are retried,
 * and only on failures that say nothing against the request itself: no
 * answer before the deadline, no connection, a 5xx, a 429, and (not for
 * deletes) a 2xx whose body cannot be read.
 * A link (`POST …/identities`) is never retried: after a lost 201 a retry
 * answers 409, so the caller reads the user instead.
 *
 * @see https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy
 */
import type { Logger } from "../util/log";
import type { Attempt } from "./request";
import type { ManagementError, ManagementErrorCode, ManagementResult } from "./types";

/** How a call is retried. */
export interface RetryPolicy {
  /** Attempts after the first one; 0 turns retrying off. */
  readonly maxRetries: number;
  /** Wait before the first retry; doubled for each one after it, each with jitter (between half and all of it). */
  readonly baseDelayMs: number;
  /**
   * The most one call waits between its attempts, in total. A 429 that asks
   * for a longer wait is not waited for: it is reported at once, with that wait.
   */
  readonly maxWaitMs: number;
}

/** Up to 2 retries, after 100–200 ms and 200–400 ms (jittered); never more than 2 s of waiting in all. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 2, baseDelayMs: 200, maxWaitMs: 2000 };

/** What the decision knows about the attempt that just failed. */
export interface FailedAttempt {
  /** The attempt's number: 1 for the first. */
  readonly attempt: number;
  readonly error: ManagementError;
  /** For a 429: the wait the tenant asked for (`Retry-After`, else `X-RateLimit-Reset`), in ms. */
  readonly serverWaitMs?: number;
  /** Whether an unreadable 2xx may be tried again: yes for a read; a delete that answered 2xx has happened. */
  readonly retryMalformed: boolean;
  /** Time this call already spent waiting between attempts, in ms. */
  readonly waitedMs: number;
  /** Attempts of this call that ran into their deadline, this one included. */
  readonly timeouts: number;
}

/** Retry after `delayMs`, or stop and report the attempt's error (`reason` is for the log). */
export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number }
  | { readonly retry: false; readonly reason: "not_transient" | "attempts_used" | "timed_out_twice" | "wait_too_long" };

function transient(error: ManagementError, retryMalformed: boolean): boolean {
  switch (error.code) {
    case "timeout":
    case "tenant_unavailable":
    case "rate_limited":
      return true;
    case "malformed_response":
      return retryMalformed;
    default:
      return false;
  }
}

/**
 * Decides whether to try a failed call again, and after how long.
 * - Transient failures only (see the module comment), at most `maxRetries` times.
 * - An attempt that ran into its deadline is retried once per call: a second
 *   one would double again a wait the person already sits through.
 * - The wait is the backoff (`baseDelayMs × 2^(retry − 1)`, jittered), or for a
 *   429 the tenant's wait when that is longer; if the call's waits would then
 *   pass `maxWaitMs`, it stops (a 429's error carries `retryAfterSeconds` for the person).
 * @param random a number in [0, 1), for the jitter.
 */
export function decideRetry(policy: RetryPolicy, failed: FailedAttempt, random: () => number): RetryDecision {
  if (!transient(failed.error, failed.retryMalformed)) return { retry: false, reason: "not_transient" };
  if (failed.attempt > policy.maxRetries) return { retry: false, reason: "attempts_used" };
  if (failed.error.code === "timeout" && failed.timeouts > 1) return { retry: false, reason: "timed_out_twice" };
  const backoff = policy.baseDelayMs * 2 ** (failed.attempt - 1);
  const jittered = Math.round(backoff / 2 + (backoff / 2) * Math.min(Math.max(random(), 0), 1));
  const delayMs = Math.max(jittered, Math.ceil(failed.serverWaitMs ?? 0));
  if (failed.waitedMs + delayMs > policy.maxWaitMs) return { retry: false, reason: "wait_too_long" };
  return { retry: true, delayMs };
}

/**
 * The wait a 429 asks for, in ms: `Retry-After` (seconds, or an HTTP date),
 * else `X-RateLimit-Reset` (epoch seconds) minus `nowMs`. `undefined` when it names none.
 */
export function rateLimitWaitMs(headers: Headers, nowMs: number): number | undefined {
  const retryAfter = headers.get("retry-after")?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Number(retryAfter) * 1000;
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - nowMs);
  }
  const reset = Number(headers.get("x-ratelimit-reset"));
  if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - nowMs);
  return undefined;
}

/** A wait in ms as the whole seconds a person is told to wait (at least 1). */
export function waitInSeconds(waitMs: number): number {
  return Math.max(1, Math.ceil(waitMs / 1000));
}

/** Failures after which the tenant may have done what was asked. */
const UNKNOWN_OUTCOME: readonly ManagementErrorCode[] = ["timeout", "tenant_unavailable", "malformed_response"];

/** Which calls are retried: reads, metadata merges and deletes; `retryMalformed` for all but deletes. */
export interface RetryMode {
  readonly retryMalformed: boolean;
}

/** What the loop needs besides the attempt: the policy, and the injected jitter, wait and log. */
export interface Retrier {
  readonly policy: RetryPolicy;
  /** A number in [0, 1), for the jitter. */
  readonly random: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly logger: Logger;
}

/**
 * Runs `tryOnce` until it succeeds or {@link decideRetry} says stop, waiting
 * between attempts; with `mode` `null` (a link) only once. After an attempt
 * whose outcome is unknown (`timeout`, `tenant_unavailable`,
 * `malformed_response`), a later failure is marked `afterUnknownOutcome`:
 * the call may have happened. Logs
 * each retry, and why it gave up on a transient failure.
 * @param operation the call's name in the log.
 */
export async function withRetries<T>(retrier: Retrier, operation: string, mode: RetryMode | null, tryOnce: () => Promise<Attempt<T>>): Promise<ManagementResult<T>> {
  const { policy, random, sleep, logger } = retrier;
  let waitedMs = 0;
  let timeouts = 0;
  let unknownEarlier = false;
  for (let number = 1; ; number += 1) {
    const attempted = await tryOnce();
    const { serverWaitMs } = attempted;
    let { result } = attempted;
    if (result.ok || mode === null) return result;
    if (unknownEarlier) result = { ok: false, error: { ...result.error, afterUnknownOutcome: true } };
    unknownEarlier ||= UNKNOWN_OUTCOME.includes(result.error.code);
    if (result.error.code === "timeout") timeouts += 1;
    const decision = decideRetry(
      policy,
      { attempt: number, error: result.error, retryMalformed: mode.retryMalformed, waitedMs, timeouts, ...(serverWaitMs === undefined ? {} : { serverWaitMs }) },
      random,
    );
    if (!decision.retry) {
      // A transient failure left unretried: say why (a refusal needs no such line).
      if (decision.reason !== "not_transient") {
        logger.warn("management_api.gave_up", { operation, attempts: number, code: result.error.code, status: result.error.status, reason: decision.reason });
      }
      return result;
    }
    logger.warn("management_api.retry", {
      operation,
      attempt: number + 1,
      code: result.error.code,
      status: result.error.status,
      delay_ms: decision.delayMs,
    });
    await sleep(decision.delayMs);
    waitedMs += decision.delayMs;
  }
}
