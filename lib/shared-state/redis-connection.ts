/**
 * The one Redis connection of an app instance (REDIS_URL), shared by
 * everything that keeps state for the whole fleet: the attempt throttle, the
 * Settings user cache, the suggestion budget, the replay guard and the
 * metadata recovery records.
 *
 * Every command runs under a deadline and fails fast while Redis is down
 * (no offline queue), so a caller can fall back to this instance's own state
 * at once instead of holding a person's request (./fallback).
 */
import type { Logger } from "../util/log";

/** `redis` is an optional peer of this package: loaded only when a Redis URL is configured. */
type RedisModule = typeof import("redis");

/** A client that refuses commands while disconnected, rather than holding the request until Redis is back. */
function buildClient(module: RedisModule, url: string) {
  return module.createClient({ url, disableOfflineQueue: true, socket: { connectTimeout: 2000 } });
}

/** The client the stores talk to (node-redis v5+). */
export type RedisClient = ReturnType<typeof buildClient>;

/** Why Redis could not answer. */
export type RedisUnavailableReason = "not_connected" | "timeout" | "error";

/** Redis could not answer a command in time; the caller decides how to fall back. */
export class RedisUnavailableError extends Error {
  override readonly name = "RedisUnavailableError";
  readonly code: RedisUnavailableReason;

  constructor(code: RedisUnavailableReason, options?: ErrorOptions) {
    super(`Redis is unavailable (${code}).`, options);
    this.code = code;
  }
}

/** REDIS_URL is set but the `redis` package is not installed in the app. */
export class RedisPackageMissingError extends Error {
  override readonly name = "RedisPackageMissingError";
  constructor(options?: ErrorOptions) {
    super(
      "REDIS_URL is set, so account linking shares its state through Redis, but the package `redis` is not installed: run `npm install redis` in your app (or unset REDIS_URL).",
      options,
    );
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

/** Options for {@link createRedisConnection}. */
export interface RedisConnectionOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…`. Never logged. */
  readonly url: string;
  /** Deadline for one command, in ms; default 500. A slower Redis counts as unavailable. */
  readonly timeoutMs?: number;
  /**
   * After a command missed its deadline, commands fail at once for this long
   * (ms; default 1000) before one is tried again: a stalled Redis costs a
   * request one deadline, not one per command it would make.
   */
  readonly pauseAfterTimeoutMs?: number;
  /** Receives `redis.disconnected` (once per outage), `redis.connected` and `redis.package_missing`. */
  readonly logger?: Logger;
}

/** A shared Redis connection. */
export interface RedisConnection {
  /**
   * Runs `command` within the deadline.
   * @throws {RedisUnavailableError} when Redis is not connected, too slow, or answers with an error.
   */
  run<T>(command: (client: RedisClient) => Promise<T>, options?: { readonly timeoutMs?: number }): Promise<T>;
  /** Calls `listener` each time the connection is back after an outage (e.g. to send what waited). */
  onReconnect(listener: () => void): void;
  /** Closes the connection; later commands fail as `not_connected`. */
  close(): Promise<void>;
}

/**
 * Connects in the background and keeps reconnecting. Commands in the first
 * `timeoutMs` wait for the first connection; afterwards, while it is not
 * connected, {@link RedisConnection.run} throws at once.
 */
export function createRedisConnection(options: RedisConnectionOptions): RedisConnection {
  const { logger } = options;
  const timeoutMs = options.timeoutMs ?? 500;
  const pauseAfterTimeoutMs = options.pauseAfterTimeoutMs ?? 1000;
  // Epoch ms until which commands fail at once, after a timeout.
  let pausedUntil = 0;
  const reconnectListeners: (() => void)[] = [];
  let down = false;
  let closed = false;
  let client: RedisClient | undefined;
  let redis: RedisModule | undefined;
  const connecting = loadRedis().then(
    (module) => {
      if (closed) return;
      redis = module;
      const created = buildClient(module, options.url);
      client = created;
      created.on("error", (error: unknown) => {
        // Without a listener, node-redis's reconnect errors would crash the process.
        if (down || closed) return;
        down = true;
        logger?.warn("redis.disconnected", { reason: error instanceof Error ? error.name : "unknown" });
      });
      created.on("ready", () => {
        if (!down) return;
        down = false;
        logger?.info("redis.connected");
        for (const listener of reconnectListeners) listener();
      });
      return created.connect().then(
        () => undefined,
        () => {
          // Retried by the client's reconnect strategy; reported through "error".
        },
      );
    },
    (error: unknown) => {
      // Said once, loudly: every part then keeps its state in this instance only (the fallbacks' job).
      logger?.error("redis.package_missing", { message: error instanceof Error ? error.message : String(error) });
    },
  );
  // The first commands after start-up wait (once, at most `timeoutMs`) for the first connection
  // instead of falling back; after that, a disconnected client answers at once.
  let startup: Promise<unknown> | undefined = Promise.race([connecting, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]).then(() => {
    startup = undefined;
  });

  return {
    async run(command, runOptions) {
      if (startup) await startup;
      if (closed || !client || !redis || !client.isReady) throw new RedisUnavailableError("not_connected");
      if (Date.now() < pausedUntil) throw new RedisUnavailableError("timeout");
      const { ClientClosedError, ClientOfflineError, TimeoutError } = redis;
      let timer: NodeJS.Timeout | undefined;
      try {
        // Our own deadline: node-redis's command timeout stops counting once the command is written.
        const deadline = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new RedisUnavailableError("timeout")), runOptions?.timeoutMs ?? timeoutMs);
        });
        const running = command(client);
        // A reply that comes after the deadline is read and dropped.
        running.catch(() => {});
        return await Promise.race([running, deadline]);
      } catch (cause) {
        if (cause instanceof RedisUnavailableError || cause instanceof TimeoutError) {
          if (cause instanceof TimeoutError || cause.code === "timeout") pausedUntil = Date.now() + pauseAfterTimeoutMs;
          throw cause instanceof RedisUnavailableError ? cause : new RedisUnavailableError("timeout", { cause });
        }
        if (cause instanceof ClientOfflineError || cause instanceof ClientClosedError) throw new RedisUnavailableError("not_connected", { cause });
        throw new RedisUnavailableError("error", { cause });
      } finally {
        clearTimeout(timer);
      }
    },
    onReconnect(listener) {
      reconnectListeners.push(listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      client?.destroy();
    },
  };
}
