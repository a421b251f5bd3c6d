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
import { createFallbackEpisodes } from "../shared-state/fallback";
import type { AttemptThrottle, ClosableThrottle, ThrottleDecision } from "./types";

/**
 * `primary`, or `local` for any attempt `primary` cannot answer. The first
 * such attempt of an outage logs `throttle.unavailable` (warn) with the
 * reason; the first answer after it, `throttle.recovered` with how many
 * attempts were counted locally meanwhile.
 */
export function withLocalFallback(primary: ClosableThrottle, local: AttemptThrottle, logger: Logger): ClosableThrottle {
  const episodes = createFallbackEpisodes({ logger, part: "throttle" });
  return {
    hit: (key: string): Promise<ThrottleDecision> => episodes.run(() => primary.hit(key), () => local.hit(key)),
    close: () => primary.close(),
  };
}
