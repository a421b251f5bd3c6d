/**
 * The replay guard shared by every instance: a callback's `state` is marked
 * used in Redis, so a replay answered by another instance than the first is
 * refused too.
 *
 * Key: `{prefix}replay:{state}`, set only if absent (`SET NX`) and expiring
 * when the transaction could no longer be used anyway.
 */
import type { Logger } from "../util/log";
import { createMemoryReplayGuard, type ReplayGuard } from "../linking/transaction";
import { createFallbackEpisodes } from "./fallback";
import type { RedisConnection } from "./redis-connection";

/** Options for {@link createRedisReplayGuard}. */
export interface RedisReplayGuardOptions {
  readonly connection: RedisConnection;
  /** Prepended to every key, e.g. `account-linking:example.eu.auth0.com:`. */
  readonly keyPrefix: string;
  /** Receives `replay_guard.unavailable` / `replay_guard.recovered`, once per episode. */
  readonly logger: Logger;
}

/**
 * A {@link ReplayGuard} in Redis, remembering in this instance too. While
 * Redis cannot answer, this instance's memory decides (logged once per
 * episode): a replay on the same instance is still refused, and one on
 * another is refused by Auth0, whose authorization codes are single use.
 */
export function createRedisReplayGuard(options: RedisReplayGuardOptions): ReplayGuard {
  const { connection, keyPrefix } = options;
  const local = createMemoryReplayGuard();
  const episodes = createFallbackEpisodes({ logger: options.logger, part: "replay_guard" });
  return {
    async use(state, expiresAt, now) {
      // Remembered here first: it still refuses this replay during a later Redis outage.
      if (!(await local.use(state, expiresAt, now))) return false;
      return episodes.run(
        async () => {
          const ttl = Math.max(1, Math.ceil(expiresAt - now));
          const set = await connection.run((client) => client.set(`${keyPrefix}replay:${state}`, "1", { condition: "NX", expiration: { type: "PX", value: ttl } }));
          return set === "OK";
        },
        () => Promise.resolve(true),
      );
    },
  };
}
