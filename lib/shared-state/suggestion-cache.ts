/**
 * The suggestion cache shared by every instance through Redis: each user's
 * last look-up (so a suggestion shown by one instance is found by the one
 * that answers "Link"), and the look-up budget per minute, one for the whole
 * fleet and tenant rather than one per instance (N instances would otherwise
 * spend N times the budget of one tenant-wide Management API quota).
 *
 * Keys (`{prefix}` names the tenant):
 * - `{prefix}suggestions:{user_id}`: `{"email", "accounts", "expiresAt"}`;
 * - `{prefix}suggestion-lookups`: the fleet's look-ups of the last minute (a sorted set of times);
 * - `{prefix}suggestion-lookups:{user_id}`: one user's.
 */
import { randomUUID } from "node:crypto";
import { createSingleFlight } from "../util/single-flight";
import type { Logger } from "../util/log";
import { createSuggestionCache, type LookupGrant, type SuggestedAccount, type SuggestionCache, type SuggestionCacheOptions } from "../settings/suggestion-cache";
import { createFallbackEpisodes } from "./fallback";
import type { RedisConnection } from "./redis-connection";
import { LUA_NOW_MS } from "./lua";

/**
 * KEYS: the fleet's window, then the user's (or none). ARGV: now ms (-1:
 * Redis's clock), fleet limit, user limit, a unique member. Takes one look-up
 * from both windows or from neither: 1 taken, 2 the user's share spent, 3 the
 * fleet's budget spent.
 */
const TAKE_LOOKUP = `${LUA_NOW_MS}for i = 1, #KEYS do redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - 60000) end
if KEYS[2] and redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[3]) then return 2 end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 3 end
for i = 1, #KEYS do
  redis.call('ZADD', KEYS[i], now, ARGV[4])
  redis.call('PEXPIRE', KEYS[i], 60000)
end
return 1
`;

const GRANTS: Record<number, LookupGrant> = { 1: "taken", 2: "user_share_spent", 3: "process_budget_spent" };

/** Options for {@link createRedisSuggestionCache}: the same limits as the in-memory cache's, for the fleet. */
export interface RedisSuggestionCacheOptions extends Omit<SuggestionCacheOptions, "maxEntries"> {
  readonly connection: RedisConnection;
  /** Prepended to every key, e.g. `account-linking:example.eu.auth0.com:`. */
  readonly keyPrefix: string;
}

interface Entry {
  readonly email: string;
  readonly accounts: readonly SuggestedAccount[] | null;
  readonly expiresAt: number;
}

/**
 * A {@link SuggestionCache} in Redis. Every method rejects with
 * `RedisUnavailableError` when Redis cannot answer; {@link withLocalSuggestionCache}
 * turns that into this instance's own cache and budget.
 */
export function createRedisSuggestionCache(options: RedisSuggestionCacheOptions): SuggestionCache {
  const { connection, keyPrefix } = options;
  const ttlMs = options.ttlMs ?? 300_000;
  const failureTtlMs = options.failureTtlMs ?? 60_000;
  const lookupsPerMinute = Math.max(0, options.lookupsPerMinute ?? 30);
  const lookupsPerUser = Math.max(0, options.lookupsPerUserPerMinute ?? 3);
  const now = options.now ?? Date.now;
  const entryKey = (userId: string): string => `${keyPrefix}suggestions:${userId}`;
  const budgetKey = `${keyPrefix}suggestion-lookups`;

  async function fresh(userId: string): Promise<Entry | undefined> {
    const raw = await connection.run((client) => client.get(entryKey(userId)));
    if (raw === null) return undefined;
    try {
      const entry = JSON.parse(raw) as Entry;
      return typeof entry.email === "string" && typeof entry.expiresAt === "number" && entry.expiresAt > now() ? entry : undefined;
    } catch {
      return undefined;
    }
  }

  async function take(userId: string | null): Promise<LookupGrant> {
    const keys = userId === null ? [budgetKey] : [budgetKey, `${budgetKey}:${userId}`];
    // With a test clock, the clock decides; else Redis's, so instances whose clocks disagree share one window.
    const at = options.now ? options.now() : -1;
    const reply = await connection.run((client) => client.eval(TAKE_LOOKUP, { keys, arguments: [String(at), String(lookupsPerMinute), String(lookupsPerUser), randomUUID()] }));
    const grant = GRANTS[Number(reply)];
    if (!grant) throw new Error("unexpected reply from the look-up budget script");
    return grant;
  }

  return {
    async get(userId, email) {
      const entry = await fresh(userId);
      // Another email (changed since) is another question.
      return entry && entry.email === email ? { accounts: entry.accounts } : undefined;
    },
    async set(userId, email, accounts) {
      const lifetime = accounts === null ? failureTtlMs : ttlMs;
      const entry: Entry = { email, accounts, expiresAt: now() + lifetime };
      await connection.run((client) => client.set(entryKey(userId), JSON.stringify(entry), { expiration: { type: "PX", value: lifetime } }));
    },
    find: async (userId, suggestedId) => (await fresh(userId))?.accounts?.find((account) => account.userId === suggestedId),
    async delete(userId) {
      await connection.run((client) => client.del(entryKey(userId)));
    },
    takeLookup: async () => (await take(null)) === "taken",
    takeLookupFor: (userId) => take(userId),
    shared: createSingleFlight(),
  };
}

/**
 * `shared` (Redis), or this instance's own cache and budget while Redis
 * cannot answer (`suggestion_cache.unavailable` once per episode). A user's
 * entry forgotten during an outage is forgotten in Redis too once it answers,
 * so no instance suggests an account linked meanwhile from an old entry.
 */
export function withLocalSuggestionCache(shared: SuggestionCache, options: { readonly logger: Logger; readonly local: SuggestionCacheOptions; readonly onReconnect?: (listener: () => void) => void }): SuggestionCache {
  const local = createSuggestionCache(options.local);
  const missed = new Set<string>();
  async function flushMissed(): Promise<void> {
    for (const userId of [...missed]) {
      try {
        await shared.delete(userId);
        missed.delete(userId);
      } catch {
        return;
      }
    }
  }
  const episodes = createFallbackEpisodes({ logger: options.logger, part: "suggestion_cache", onRecovered: () => void flushMissed() });
  options.onReconnect?.(() => void flushMissed());
  return {
    get: (userId, email) => episodes.run(() => shared.get(userId, email), () => local.get(userId, email)),
    set: (userId, email, accounts) => episodes.run(() => shared.set(userId, email, accounts), () => local.set(userId, email, accounts)),
    find: (userId, suggestedId) => episodes.run(() => shared.find(userId, suggestedId), () => local.find(userId, suggestedId)),
    async delete(userId) {
      await local.delete(userId);
      await episodes.run(
        () => shared.delete(userId),
        async () => void missed.add(userId),
      );
    },
    takeLookup: () => episodes.run(() => shared.takeLookup(), () => local.takeLookup()),
    takeLookupFor: (userId) => episodes.run(() => shared.takeLookupFor(userId), () => local.takeLookupFor(userId)),
    shared: createSingleFlight(),
  };
}
