/**
 * A short-lived, per-process cache of the users Settings shows, keyed by user
 * id, so that repeat views of Settings make no call to the Management API.
 * Link and unlink write the identities their own answer returned (`201` /
 * `200`) at once, and drop the entry when the outcome is unknown, so a view
 * right after either shows the new list without a read.
 * A read that was under way when a link or unlink changed the user does not
 * store its (older) answer over theirs: see {@link UserCache.mark}.
 * Each instance caches on its own: a change made elsewhere (another instance,
 * the Auth0 dashboard) shows after at most `ttlMs`.
 */
import type { Identity, ManagementUser } from "./types";
import { forgetProcessSingleton, processSingleton } from "../util/process-singleton";
import { createSingleFlight } from "../util/single-flight";

/** Options for {@link createUserCache}. */
export interface UserCacheOptions {
  /** How long an entry is served, in ms; default 30000. */
  readonly ttlMs?: number;
  /** At most this many users are kept; the least recently written goes first; default 1000. */
  readonly maxEntries?: number;
  /** Clock in epoch ms; default `Date.now`. */
  readonly now?: () => number;
}

/** What {@link UserCache.mark} returns: opaque to the caller, handed back to {@link UserCache.set}. */
export type ReadMark = unknown;

/** A per-user cache of `GET /api/v2/users/{id}` answers. */
export interface UserCache {
  /** The cached user, or `undefined` when absent or older than the TTL. */
  get(userId: string): Promise<ManagementUser | undefined>;
  /**
   * A mark to take just before reading a user from the Management API, and to
   * give to {@link set} with the answer.
   */
  mark(userId: string): Promise<ReadMark>;
  /**
   * Stores a user read from the Management API. With `readSince` (a {@link mark}
   * taken before the read), nothing is stored when a link or unlink changed
   * that user after the mark: the read may predate the change.
   */
  set(user: ManagementUser, readSince?: ReadMark): Promise<void>;
  /**
   * Replaces a cached user's identities with those a link or unlink answered
   * (the full list, primary first). Does nothing when the user is not cached.
   */
  updateIdentities(userId: string, identities: readonly Identity[]): Promise<void>;
  /** Forgets a user, e.g. after a change whose outcome is unknown. */
  delete(userId: string): Promise<void>;
  /**
   * Runs `read` for `userId` unless a read of that user is already under way,
   * whose promise is then returned instead: Settings views that miss the cache
   * at the same moment make one Management API call, not one each.
   */
  shared<T>(userId: string, read: () => Promise<T>): Promise<T>;
}

interface Entry {
  readonly user: ManagementUser;
  readonly expiresAt: number;
}

/**
 * Creates an in-memory {@link UserCache}, private to whoever holds it. An app
 * whose pages and routes must share one cache uses {@link processUserCache}.
 */
export function createUserCache(options: UserCacheOptions = {}): UserCache {
  const ttlMs = options.ttlMs ?? 30_000;
  const maxEntries = Math.max(1, options.maxEntries ?? 1000);
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  // When each user last changed (a sequence number), for reads that overlap a change.
  const changes = new Map<string, number>();
  let sequence = 0;
  // The latest change forgotten to keep `changes` bounded: a user with no record may have changed up to then.
  let forgottenUpTo = 0;

  function changed(userId: string): void {
    sequence += 1;
    changes.delete(userId);
    changes.set(userId, sequence);
    while (changes.size > maxEntries) {
      const [oldest, at] = changes.entries().next().value ?? [];
      if (oldest === undefined || at === undefined) break;
      changes.delete(oldest);
      forgottenUpTo = Math.max(forgottenUpTo, at);
    }
  }

  function put(user: ManagementUser): void {
    // Re-inserting moves the key last: Map order is then the write order.
    entries.delete(user.user_id);
    entries.set(user.user_id, { user, expiresAt: now() + ttlMs });
    while (entries.size > maxEntries) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest);
    }
  }

  function fresh(userId: string): Entry | undefined {
    const entry = entries.get(userId);
    if (entry && entry.expiresAt <= now()) {
      entries.delete(userId);
      return undefined;
    }
    return entry;
  }

  return {
    get: (userId) => Promise.resolve(fresh(userId)?.user),
    mark: () => Promise.resolve(sequence),
    set: (user, readSince) => {
      if (typeof readSince !== "number" || (changes.get(user.user_id) ?? forgottenUpTo) <= readSince) put(user);
      return Promise.resolve();
    },
    updateIdentities: (userId, identities) => {
      changed(userId);
      const entry = fresh(userId);
      if (entry) put({ ...entry.user, identities: [...identities] });
      return Promise.resolve();
    },
    delete: (userId) => {
      changed(userId);
      entries.delete(userId);
      return Promise.resolve();
    },
    shared: createSingleFlight(),
  };
}

/**
 * The one {@link UserCache} of this process, created on first use. Kept on
 * `globalThis` because a Next.js build gives each page and route handler its
 * own copy of our modules: a cache held in a module would not let a link
 * (route `/link/callback`) update what Settings (a page) reads.
 */
export function processUserCache(options: UserCacheOptions = {}): UserCache {
  return processSingleton("user-cache", () => createUserCache(options));
}

/** Forgets the process's {@link processUserCache}, so the next use starts empty (tests that start the app afresh). */
export function forgetProcessUserCache(): void {
  forgetProcessSingleton("user-cache");
}
