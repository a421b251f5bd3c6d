/**
 * The attempt throttle shared by every app instance: a sliding-window log per
 * key in Redis (a sorted set of attempt times), checked and updated by one Lua
 * script so concurrent attempts from several instances cannot both take the
 * last slot.
 *
 * Keys: `{keyPrefix}{key}`, e.g. `account-linking:throttle:link:auth0|65a…`,
 * each expiring one window after its newest attempt.
 */
import { randomUUID } from "node:crypto";
import type { Logger } from "../util/log";
import { createRedisConnection, RedisUnavailableError, type RedisConnection } from "../shared-state/redis-connection";
import { ThrottleUnavailableError, type ClosableThrottle, type ThrottleDecision, type ThrottleLimit } from "./types";
import { LUA_NOW_MS } from "../shared-state/lua";

/** Options for {@link createRedisThrottle}. */
export interface RedisThrottleOptions extends ThrottleLimit {
  /** The instance's shared connection; or `url` for one of the throttle's own. */
  readonly connection?: RedisConnection;
  /** `redis://[user:password@]host:port[/db]` or `rediss://…`, when no `connection` is given. Never logged. */
  readonly url?: string;
  /** Prepended to every key; default `account-linking:throttle:`. */
  readonly keyPrefix?: string;
  /** Deadline for one check, in ms; default 500. A slower Redis counts as unavailable. */
  readonly timeoutMs?: number;
  /**
   * Clock in epoch ms. Default: Redis's own clock (`TIME`), so instances
   * whose clocks disagree still share one window. Tests freeze it.
   */
  readonly now?: () => number;
  /** For a connection of its own: receives `redis.disconnected` (once per outage), `redis.connected`, `redis.package_missing`. */
  readonly logger?: Logger;
}

/**
 * KEYS[1] the key; ARGV: now in ms (or -1 for Redis's clock), window ms,
 * limit, a unique member. Returns {1, 0} when allowed, {0, ms until the
 * oldest attempt leaves the window} when not. Refused attempts are not
 * recorded, so the wait it answers is the real one.
 */
const SLIDING_WINDOW = `${LUA_NOW_MS}local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[4])
  redis.call('PEXPIRE', KEYS[1], window)
  return {1, 0}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {0, tonumber(oldest[2]) + window - now}
`;

/**
 * Creates a throttle backed by Redis. A check that Redis cannot answer in
 * `timeoutMs` (or while it is disconnected) throws {@link ThrottleUnavailableError}
 * (wrap it with {@link ./fallback!withLocalFallback}).
 * @throws {Error} when neither `connection` nor `url` is given.
 */
export function createRedisThrottle(options: RedisThrottleOptions): ClosableThrottle {
  const { limit, windowMs } = options;
  if (!Number.isInteger(limit) || limit < 1) throw new Error("limit must be a whole number of at least 1.");
  const keyPrefix = options.keyPrefix ?? "account-linking:throttle:";
  const timeoutMs = options.timeoutMs ?? 500;
  const own = options.connection === undefined;
  if (own && options.url === undefined) throw new Error("createRedisThrottle needs a connection or a url.");
  const connection = options.connection ?? createRedisConnection({ url: options.url ?? "", timeoutMs, ...(options.logger ? { logger: options.logger } : {}) });
  let closed = false;

  return {
    async hit(key: string): Promise<ThrottleDecision> {
      if (closed) throw new ThrottleUnavailableError("not_connected");
      const now = options.now ? options.now() : -1;
      let reply: unknown;
      try {
        // A reply that comes after the deadline is dropped; the attempt it recorded stays counted.
        reply = await connection.run(
          (client) =>
            client.eval(SLIDING_WINDOW, {
              keys: [`${keyPrefix}${key}`],
              arguments: [String(now), String(windowMs), String(limit), `${now < 0 ? "" : now}:${randomUUID()}`],
            }),
          { timeoutMs },
        );
      } catch (cause) {
        throw new ThrottleUnavailableError(cause instanceof RedisUnavailableError ? cause.code : "error", { cause });
      }
      const [allowed, waitMs] = Array.isArray(reply) ? reply.map(Number) : [];
      if (allowed === undefined || waitMs === undefined || Number.isNaN(allowed) || Number.isNaN(waitMs)) throw new ThrottleUnavailableError("error");
      return allowed === 1 ? { allowed: true, retryAfterSeconds: 0 } : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      if (own) await connection.close();
    },
  };
}
