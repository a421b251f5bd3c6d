/**
 * What happens when the shared throttle's store is down: the attempt is
 * checked against a per-process throttle instead, and the fallback is logged.
 *
 * Why fail open (to a local limit) rather than closed: closing would stop
 * every link and unlink, including a user removing an account they no longer
 * trust, for as long as Redis is down. The local limit still bounds each user
 * to `limit` attempts per window per instance, and Auth0's own rate limit
 * (answered as `rate_limited`) stays behind it.
 */
import type { Logger } from "../util/log";
import { ThrottleUnavailableError, type AttemptThrottle, type ClosableThrottle, type ThrottleDecision } from "./types";

/**
 * `primary`, or `local` for any attempt `primary` cannot answer. Each such
 * attempt logs `throttle.unavailable` (warn) with the reason.
 */
export function withLocalFallback(primary: ClosableThrottle, local: AttemptThrottle, logger: Logger): ClosableThrottle {
  return {
    async hit(key: string): Promise<ThrottleDecision> {
      try {
        return await primary.hit(key);
      } catch (error) {
        const reason = error instanceof ThrottleUnavailableError ? error.code : "error";
        logger.warn("throttle.unavailable", { reason, key, fallback: "memory" });
        return local.hit(key);
      }
    },
    close: () => primary.close(),
  };
}
