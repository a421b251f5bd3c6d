/**
 * Per-user limits on link and unlink attempts, protecting the tenant-wide
 * Management API quota. {@link createAttemptThrottle} builds the one the app
 * uses from its configuration.
 */
import type { Logger } from "../util/log";
import type { RedisConnection } from "../shared-state/redis-connection";
import { withLocalFallback } from "./fallback";
import { createMemoryThrottle } from "./memory";
import { createRedisThrottle } from "./redis";
import type { ClosableThrottle } from "./types";

export { createMemoryThrottle, type MemoryThrottleOptions } from "./memory";
export { createRedisThrottle, type RedisThrottleOptions } from "./redis";
export { withLocalFallback } from "./fallback";
export {
  ThrottleUnavailableError,
  type AttemptThrottle,
  type ClosableThrottle,
  type ThrottleDecision,
  type ThrottleLimit,
  type ThrottleUnavailableReason,
} from "./types";

/** Settings for {@link createAttemptThrottle}, as `AppConfig.throttle` holds them. */
export interface AttemptThrottleSettings {
  /** Attempts per key per minute. */
  readonly attemptsPerMinute: number;
  /** Redis shared by every instance; `null` counts in this process only. */
  readonly redisUrl: string | null;
}

/**
 * The app's throttle: in memory by default; with a Redis URL, shared through
 * Redis and falling back to memory (logged as `throttle.unavailable`, once per
 * outage) while Redis cannot answer. With `connection` (the instance's shared
 * one), it uses that instead of a connection of its own.
 */
export function createAttemptThrottle(settings: AttemptThrottleSettings, logger: Logger, connection?: RedisConnection): ClosableThrottle {
  const limit = { limit: settings.attemptsPerMinute, windowMs: 60_000 };
  const local = createMemoryThrottle(limit);
  if (settings.redisUrl === null) return { hit: (key) => local.hit(key), close: () => Promise.resolve() };
  const store = connection ? { connection } : { url: settings.redisUrl, logger };
  return withLocalFallback(createRedisThrottle({ ...limit, ...store }), local, logger);
}
