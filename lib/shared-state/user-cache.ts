/**
 * The Settings user cache shared by every instance through Redis, so a link
 * or unlink answered by one instance shows on the next Settings view on any
 * other, and the fleet reads each person from the Management API at most once
 * per TTL (not once per instance).
 *
 * Why a shared cache and not per-instance caches invalidated through Redis: an
 * invalidation (pub/sub or a version key) still costs one Redis round trip per
 * view to be safe, the same as reading the entry itself, and it leaves each
 * instance reading the Management API on its own (N reads per person per TTL
 * for N instances). Measured in docs/benchmarks.md ("Several instances").
 *
 * Keys (`{prefix}` names the tenant, e.g. `account-linking:example.eu.auth0.com:`):
 * - `{prefix}user:{user_id}`: `{"user": …, "expiresAt": …}`, expiring after the TTL;
 * - `{prefix}user-changes:{user_id}`: a counter raised by every link and
 *   unlink of that user, so a read that overlapped a change does not store
 *   its older answer (see {@link UserCache.mark}); kept 10 minutes.
 */
import type { Identity, ManagementUser } from "../management/types";
import { createUserCache, type UserCache } from "../management/user-cache";
import { createSingleFlight } from "../util/single-flight";
import type { Logger } from "../util/log";
import { createFallbackEpisodes } from "./fallback";
import type { RedisConnection } from "./redis-connection";

/** How long a user's change counter is kept: far longer than any read (each has a deadline of seconds). */
const CHANGES_TTL_MS = 600_000;

/** KEYS: entry, changes. ARGV: json, ttl ms, readSince (-1: none). Stores unless the user changed after the mark. */
const SET_UNLESS_CHANGED = `
local since = tonumber(ARGV[3])
if since >= 0 and tonumber(redis.call('GET', KEYS[2]) or '0') > since then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', tonumber(ARGV[2]))
return 1
`;

/**
 * KEYS: entry, changes. ARGV: changes ttl ms, the entry as read, the new entry
 * ('' for none), ttl ms. Counts a change; replaces the entry only if it is
 * still the one read (else drops it: the next view reads the Management API).
 */
const CHANGE = `
redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[1]))
if ARGV[3] ~= '' and redis.call('GET', KEYS[1]) == ARGV[2] then
  redis.call('SET', KEYS[1], ARGV[3], 'PX', tonumber(ARGV[4]))
  return 1
end
redis.call('DEL', KEYS[1])
return 0
`;

/** Options for {@link createRedisUserCache}. */
export interface RedisUserCacheOptions {
  readonly connection: RedisConnection;
  /** Prepended to every key, e.g. `account-linking:example.eu.auth0.com:`. */
  readonly keyPrefix: string;
  /** How long an entry is served, in ms; default 30000. */
  readonly ttlMs?: number;
  /** Clock in epoch ms; default `Date.now`. */
  readonly now?: () => number;
}

interface Entry {
  readonly user: ManagementUser;
  readonly expiresAt: number;
}

function parseEntry(raw: string | null): Entry | undefined {
  if (raw === null) return undefined;
  try {
    const entry = JSON.parse(raw) as Partial<Entry>;
    return typeof entry.expiresAt === "number" && typeof entry.user?.user_id === "string" && Array.isArray(entry.user.identities) ? (entry as Entry) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A {@link UserCache} in Redis. Every method rejects with `RedisUnavailableError`
 * when Redis cannot answer; {@link withLocalUserCache} turns that into this
 * instance's own cache.
 */
export function createRedisUserCache(options: RedisUserCacheOptions): UserCache {
  const { connection, keyPrefix } = options;
  const ttlMs = options.ttlMs ?? 30_000;
  const now = options.now ?? Date.now;
  const entryKey = (userId: string): string => `${keyPrefix}user:${userId}`;
  const changesKey = (userId: string): string => `${keyPrefix}user-changes:${userId}`;

  function change(userId: string, read: string | null, next: string): Promise<void> {
    return connection.run(async (client) => {
      await client.eval(CHANGE, { keys: [entryKey(userId), changesKey(userId)], arguments: [String(CHANGES_TTL_MS), read ?? "", next, String(ttlMs)] });
    });
  }

  return {
    async get(userId) {
      const entry = parseEntry(await connection.run((client) => client.get(entryKey(userId))));
      // Redis expires the key too; the clock here keeps the TTL exact (and testable).
      return entry && entry.expiresAt > now() ? entry.user : undefined;
    },
    mark: (userId) => connection.run(async (client) => Number((await client.get(changesKey(userId))) ?? 0)),
    async set(user, readSince) {
      const since = typeof readSince === "number" ? readSince : -1;
      const json = JSON.stringify({ user, expiresAt: now() + ttlMs } satisfies Entry);
      await connection.run((client) => client.eval(SET_UNLESS_CHANGED, { keys: [entryKey(user.user_id), changesKey(user.user_id)], arguments: [json, String(ttlMs), String(since)] }));
    },
    async updateIdentities(userId, identities) {
      const read = await connection.run((client) => client.get(entryKey(userId)));
      const entry = parseEntry(read);
      const next = entry && entry.expiresAt > now() ? JSON.stringify({ user: { ...entry.user, identities: [...identities] }, expiresAt: now() + ttlMs } satisfies Entry) : "";
      await change(userId, read, next);
    },
    delete: (userId) => change(userId, null, ""),
    shared: createSingleFlight(),
  };
}

/** A mark of {@link withLocalUserCache}: the shared store's, or `null` when Redis could not give one. */
interface FallbackMark {
  readonly local: unknown;
  readonly shared: unknown;
}

/**
 * `shared` (Redis), or this instance's own cache while Redis cannot answer
 * (`user_cache.unavailable` once per episode). Links and unlinks are applied to
 * both; one that could not reach Redis is remembered and its user dropped from
 * Redis as soon as it answers again, so no instance serves the list from
 * before it. Reads that could not take a mark in Redis are not stored there.
 */
export function withLocalUserCache(shared: UserCache, options: { readonly logger: Logger; readonly ttlMs?: number; readonly onReconnect?: (listener: () => void) => void }): UserCache {
  const ttlMs = options.ttlMs ?? 30_000;
  let local = createUserCache({ ttlMs });
  // Users changed while Redis was down, with when: dropped from Redis once it answers.
  const missed = new Map<string, number>();
  // Tried every second while some are missed: another instance may be reading Redis's older entry meanwhile.
  let retry: NodeJS.Timeout | undefined;
  function retrySoon(): void {
    retry ??= setInterval(() => {
      if (missed.size === 0) {
        clearInterval(retry);
        retry = undefined;
        return;
      }
      void flushMissed();
    }, 1000).unref();
  }
  let flushing = false;
  async function flushMissed(): Promise<void> {
    if (flushing) return;
    flushing = true;
    try {
      await dropMissed();
    } finally {
      flushing = false;
    }
  }
  async function dropMissed(): Promise<void> {
    for (const [userId, at] of [...missed]) {
      missed.delete(userId);
      // Older than the TTL, the Redis entry it could contradict has expired.
      if (at + ttlMs < Date.now()) continue;
      try {
        await shared.delete(userId);
      } catch {
        missed.set(userId, at);
        return;
      }
    }
  }
  const episodes = createFallbackEpisodes({
    logger: options.logger,
    part: "user_cache",
    onRecovered: () => {
      // What this instance cached on its own may be stale by the next outage.
      local = createUserCache({ ttlMs });
      void flushMissed();
    },
  });
  options.onReconnect?.(() => void flushMissed());

  async function changed(userId: string, sharedChange: () => Promise<void>, localChange: () => Promise<void>): Promise<void> {
    await localChange();
    await episodes.run(sharedChange, async () => {
      missed.set(userId, Date.now());
      retrySoon();
    });
  }

  return {
    get: (userId) => episodes.run(() => shared.get(userId), () => local.get(userId)),
    async mark(userId) {
      const mark: FallbackMark = {
        local: await local.mark(userId),
        shared: await episodes.run(
          () => shared.mark(userId),
          () => Promise.resolve(null),
        ),
      };
      return mark;
    },
    async set(user, readSince) {
      const mark = readSince as FallbackMark | undefined;
      if (mark !== undefined && mark.shared === null) return local.set(user, mark.local);
      await episodes.run(
        () => shared.set(user, mark?.shared),
        () => local.set(user, mark?.local),
      );
    },
    updateIdentities: (userId, identities: readonly Identity[]) =>
      changed(
        userId,
        () => shared.updateIdentities(userId, identities),
        () => local.updateIdentities(userId, identities),
      ),
    delete: (userId) =>
      changed(
        userId,
        () => shared.delete(userId),
        () => local.delete(userId),
      ),
    shared: createSingleFlight(),
  };
}
