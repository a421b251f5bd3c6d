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
import type { createClient as CreateClient } from "redis";
import type { Logger } from "../util/log";
import { ThrottleUnavailableError, type ClosableThrottle, type ThrottleDecision, type ThrottleLimit } from "./types";

/** Options for {@link createRedisThrottle}. */
export interface RedisThrottleOptions extends ThrottleLimit {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…`. Never logged. */
  readonly url: string;
  /** Prepended to every key; default `account-linking:throttle:`. */
  readonly keyPrefix?: string;
  /** Deadline for one check, in ms; default 500. A slower Redis counts as unavailable. */
  readonly timeoutMs?: number;
  /**
   * Clock in epoch ms. Default: Redis's own clock (`TIME`), so instances
   * whose clocks disagree still share one window. Tests freeze it.
   */
  readonly now?: () => number;
  /** Receives `throttle.redis_disconnected` (once per outage) and `throttle.redis_connected`. */
  readonly logger?: Logger;
}

/** `redis` is an optional peer of this package: loaded only when a Redis URL is configured. */
type RedisModule = typeof import("redis");

/** REDIS_URL is set but the `redis` package is not installed in the app. */
export class RedisPackageMissingError extends Error {
  override readonly name = "RedisPackageMissingError";
  constructor(options?: ErrorOptions) {
    super("REDIS_URL is set, so the attempt throttle is shared through Redis, but the package `redis` is not installed: run `npm install redis` in your app (or unset REDIS_URL).", options);
  }
}

let loading: Promise<RedisModule> | undefined;

/**
 * The `redis` module, imported on first use. The ignore comments keep the
 * app's bundler from resolving it at build time, so an app without Redis
 * builds without the package.
 */
function loadRedis(): Promise<RedisModule> {
  loading ??= (import(/* webpackIgnore: true */ /* turbopackIgnore: true */ "redis") as Promise<RedisModule>).catch((cause: unknown) => {
    loading = undefined;
    throw new RedisPackageMissingError({ cause });
  });
  return loading;
}

/**
 * KEYS[1] the key; ARGV: now in ms (or -1 for Redis's clock), window ms,
 * limit, a unique member. Returns {1, 0} when allowed, {0, ms until the
 * oldest attempt leaves the window} when not. Refused attempts are not
 * recorded, so the wait it answers is the real one.
 */
const SLIDING_WINDOW = `
local now = tonumber(ARGV[1])
if now < 0 then
  local time = redis.call('TIME')
  now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end
local window = tonumber(ARGV[2])
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
 * Creates a throttle backed by Redis. It connects in the background and keeps
 * reconnecting. Hits in the first `timeoutMs` wait for the first connection;
 * afterwards, while it is not connected, {@link ClosableThrottle.hit} throws
 * {@link ThrottleUnavailableError} at once instead of queueing, and a check
 * that takes longer than `timeoutMs` throws too (wrap it with
 * {@link ./fallback!withLocalFallback}).
 */
export function createRedisThrottle(options: RedisThrottleOptions): ClosableThrottle {
  const { limit, windowMs, logger } = options;
  if (!Number.isInteger(limit) || limit < 1) throw new Error("limit must be a whole number of at least 1.");
  const keyPrefix = options.keyPrefix ?? "account-linking:throttle:";
  const timeoutMs = options.timeoutMs ?? 500;
  let down = false;
  let closed = false;
  let client: ReturnType<typeof CreateClient> | undefined;
  let redis: RedisModule | undefined;
  const connecting = loadRedis().then(
    (module) => {
      if (closed) return;
      redis = module;
      client = module.createClient({
        url: options.url,
        // Refuse commands while disconnected rather than holding the request until Redis is back.
        disableOfflineQueue: true,
        socket: { connectTimeout: 2000 },
      });
      client.on("error", (error: unknown) => {
        // Without a listener, node-redis's reconnect errors would crash the process.
        if (down || closed) return;
        down = true;
        logger?.warn("throttle.redis_disconnected", { reason: error instanceof Error ? error.name : "unknown" });
      });
      client.on("ready", () => {
        if (down) logger?.info("throttle.redis_connected");
        down = false;
      });
      return client.connect().catch(() => {
        // Retried by the client's reconnect strategy; reported through "error".
      });
    },
    (error: unknown) => {
      // Said once, loudly: every attempt then counts in this process only (the fallback's job).
      logger?.error("throttle.redis_package_missing", { message: error instanceof Error ? error.message : String(error) });
    },
  );
  // The first attempts after start-up wait (once, at most `timeoutMs`) for the first connection
  // instead of falling back; after that, a disconnected client answers at once.
  let startup: Promise<unknown> | undefined = Promise.race([connecting, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]).then(() => {
    startup = undefined;
  });

  return {
    async hit(key: string): Promise<ThrottleDecision> {
      if (startup) await startup;
      if (closed || !client || !redis || !client.isReady) throw new ThrottleUnavailableError("not_connected");
      const { ClientClosedError, ClientOfflineError, TimeoutError } = redis;
      const now = options.now ? options.now() : -1;
      let reply: unknown;
      let timer: NodeJS.Timeout | undefined;
      try {
        // Our own deadline: node-redis's command timeout stops counting once the command is written.
        const deadline = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new ThrottleUnavailableError("timeout")), timeoutMs);
        });
        const script = client.eval(SLIDING_WINDOW, {
          keys: [`${keyPrefix}${key}`],
          arguments: [String(now), String(windowMs), String(limit), `${now < 0 ? "" : now}:${randomUUID()}`],
        });
        // A reply that comes after the deadline is read and dropped; the attempt it recorded stays counted.
        script.catch(() => {});
        reply = await Promise.race([script, deadline]);
      } catch (cause) {
        if (cause instanceof ThrottleUnavailableError) throw cause;
        if (cause instanceof TimeoutError) throw new ThrottleUnavailableError("timeout", { cause });
        if (cause instanceof ClientOfflineError || cause instanceof ClientClosedError) throw new ThrottleUnavailableError("not_connected", { cause });
        throw new ThrottleUnavailableError("error", { cause });
      } finally {
        clearTimeout(timer);
      }
      const [allowed, waitMs] = Array.isArray(reply) ? reply.map(Number) : [];
      if (allowed === undefined || waitMs === undefined || Number.isNaN(allowed) || Number.isNaN(waitMs)) throw new ThrottleUnavailableError("error");
      return allowed === 1 ? { allowed: true, retryAfterSeconds: 0 } : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      client?.destroy();
    },
  };
}
