/**
 * State shared by every instance of the app through Redis (REDIS_URL): one
 * connection, and behind it the Settings user cache, the suggestion cache and
 * look-up budget, and the replay guard; the attempt throttle and the metadata
 * recovery records use the same connection. Each part falls back to this
 * instance's own state while Redis cannot answer (./fallback).
 *
 * Keys are prefixed with the tenant (`account-linking:{tenant host}:`), so
 * apps of several tenants may share one Redis without ever serving one
 * tenant's user to another.
 */
import type { UserCache } from "../management/user-cache";
import type { ReplayGuard } from "../linking/transaction";
import type { SuggestionCache, SuggestionCacheOptions } from "../settings/suggestion-cache";
import type { Logger } from "../util/log";
import { forgetProcessSingleton, processSingleton } from "../util/process-singleton";
import { createRedisConnection, type RedisConnection } from "./redis-connection";
import { createRedisReplayGuard } from "./replay-guard";
import { createRedisSessionRevocations } from "./session-revocations";
import type { SessionRevocations } from "../session/revocations";
import { createRedisSuggestionCache, withLocalSuggestionCache } from "./suggestion-cache";
import { createRedisUserCache, withLocalUserCache } from "./user-cache";

export { createRedisConnection, RedisPackageMissingError, RedisUnavailableError, type RedisConnection, type RedisConnectionOptions, type RedisUnavailableReason } from "./redis-connection";
export { createRedisUserCache, withLocalUserCache, type RedisUserCacheOptions } from "./user-cache";
export { createRedisSuggestionCache, withLocalSuggestionCache, type RedisSuggestionCacheOptions } from "./suggestion-cache";
export { createRedisReplayGuard, type RedisReplayGuardOptions } from "./replay-guard";
export { createRedisSessionRevocations, type RedisSessionRevocationsOptions } from "./session-revocations";
export { createFallbackEpisodes, type FallbackEpisodes, type FallbackEpisodesOptions } from "./fallback";

/** Settings for {@link sharedState}. */
export interface SharedStateSettings {
  /** REDIS_URL. Never logged. */
  readonly redisUrl: string;
  /** The tenant's origin, e.g. `https://example.eu.auth0.com`: its host goes into every key. */
  readonly tenantOrigin: string;
  /** How long Settings serves a user, in ms. */
  readonly userTtlMs: number;
  /** The suggestion cache's TTLs and budget (for the whole fleet). */
  readonly suggestions: Omit<SuggestionCacheOptions, "now">;
}

/** What the instance keeps in Redis. */
export interface SharedState {
  readonly connection: RedisConnection;
  /** e.g. `account-linking:example.eu.auth0.com:` */
  readonly keyPrefix: string;
  readonly userCache: UserCache;
  readonly suggestionCache: SuggestionCache;
  readonly replays: ReplayGuard;
  /** "Sessions valid after" marks ("This wasn't me" ends every other session of a user on every instance). */
  readonly sessionRevocations: SessionRevocations;
  /** Closes the connection and forgets this process's {@link SharedState} (tests, shutdown). */
  close(): Promise<void>;
}

/** The key prefix for a tenant. */
export function sharedKeyPrefix(tenantOrigin: string): string {
  return `account-linking:${new URL(tenantOrigin).host}:`;
}

/**
 * The process's {@link SharedState} for these settings, created on first use:
 * one connection per process, though a Next.js build gives each page and
 * route its own copy of the app's setup.
 */
export function sharedState(settings: SharedStateSettings, logger: Logger): SharedState {
  const keyPrefix = sharedKeyPrefix(settings.tenantOrigin);
  const name = `shared-state:${keyPrefix}${settings.redisUrl}`;
  return processSingleton(name, () => {
    const connection = createRedisConnection({ url: settings.redisUrl, logger });
    const onReconnect = (listener: () => void): void => connection.onReconnect(listener);
    return {
      connection,
      keyPrefix,
      userCache: withLocalUserCache(createRedisUserCache({ connection, keyPrefix, ttlMs: settings.userTtlMs }), { logger, ttlMs: settings.userTtlMs, onReconnect }),
      suggestionCache: withLocalSuggestionCache(createRedisSuggestionCache({ connection, keyPrefix, ...settings.suggestions }), { logger, local: settings.suggestions, onReconnect }),
      replays: createRedisReplayGuard({ connection, keyPrefix, logger }),
      sessionRevocations: createRedisSessionRevocations({ connection, keyPrefix, logger }),
      async close() {
        forgetProcessSingleton(name);
        await connection.close();
      },
    };
  });
}
