/**
 * The "sessions valid after" marks shared by every instance (see
 * lib/session/revocations.ts): key `{prefix}sessions-valid-after:{sub}`, the
 * mark in epoch ms, kept 30 days. Written with a Lua script that keeps the
 * later of two marks. Each instance also remembers the marks it wrote and
 * read, so while Redis cannot answer it still refuses the sessions it knows
 * are ended (logged once per episode).
 */
import type { Logger } from "../util/log";
import { createMemorySessionRevocations, REVOCATION_RETENTION_MS, type SessionRevocations } from "../session/revocations";
import { createFallbackEpisodes } from "./fallback";
import type { RedisConnection } from "./redis-connection";

/** Options for {@link createRedisSessionRevocations}. */
export interface RedisSessionRevocationsOptions {
  readonly connection: RedisConnection;
  /** e.g. `account-linking:example.eu.auth0.com:` */
  readonly keyPrefix: string;
  /** Receives `session_revocations.unavailable` / `.recovered`, once per episode. */
  readonly logger: Logger;
}

/** Sets the key to ARGV[1] unless it holds a later mark, with a TTL of ARGV[2] ms. */
const KEEP_LATER = `
local current = tonumber(redis.call("GET", KEYS[1]) or "0")
local mark = tonumber(ARGV[1])
if mark > current then current = mark end
redis.call("SET", KEYS[1], tostring(current), "PX", ARGV[2])
return current`;

/** {@link SessionRevocations} in Redis, remembered in this instance too. */
export function createRedisSessionRevocations(options: RedisSessionRevocationsOptions): SessionRevocations {
  const { connection, keyPrefix } = options;
  const local = createMemorySessionRevocations();
  const episodes = createFallbackEpisodes({ logger: options.logger, part: "session_revocations" });
  const key = (sub: string): string => `${keyPrefix}sessions-valid-after:${sub}`;
  return {
    async revokeBefore(sub, at) {
      await local.revokeBefore(sub, at);
      await episodes.run(
        async () => {
          await connection.run((client) => client.eval(KEEP_LATER, { keys: [key(sub)], arguments: [String(at), String(REVOCATION_RETENTION_MS)] }));
        },
        async () => undefined,
      );
    },
    async validAfter(sub) {
      const known = await local.validAfter(sub);
      return episodes.run(
        async () => {
          const stored = Number((await connection.run((client) => client.get(key(sub)))) ?? 0);
          const mark = Number.isFinite(stored) ? Math.max(stored, known) : known;
          // Remembered here: the next outage still ends the sessions this instance learnt about.
          if (mark > known) await local.revokeBefore(sub, mark);
          return mark;
        },
        async () => known,
      );
    },
  };
}
