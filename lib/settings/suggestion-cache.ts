/**
 * What keeps suggested accounts from spending the tenant's Management API
 * quota: each user's last look-up (found accounts for a few minutes, a failure
 * for a minute), one look-up in flight per user, and a process-wide budget of
 * look-ups per minute. Per process, like the Settings user cache.
 * @see https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy
 */
import { forgetProcessSingleton, processSingleton } from "../process-singleton";
import { createSingleFlight } from "../single-flight";

/** An account Settings suggests linking: another root user with the primary's verified email. */
export interface SuggestedAccount {
  /** Its root user id, `provider|user_id`, e.g. `github|1000003`: the `sub` its sign-in must return. */
  readonly userId: string;
  /** Its connection, e.g. `github`: the one the second sign-in goes to. */
  readonly connection: string;
  readonly provider: string;
  /** How a person names the connection, e.g. "GitHub". */
  readonly providerName: string;
  /** Its verified email (the primary's, up to case). */
  readonly email: string;
  readonly name?: string;
  readonly picture?: string;
}

/** Options for {@link createSuggestionCache}. */
export interface SuggestionCacheOptions {
  /** How long found accounts are shown without a new look-up, in ms; default 300000 (5 minutes). */
  readonly ttlMs?: number;
  /** How long a failed look-up is not tried again, in ms; default 60000. */
  readonly failureTtlMs?: number;
  /** At most this many users are kept; the least recently written goes first; default 1000. */
  readonly maxEntries?: number;
  /** Look-ups this process may make in any 60 seconds, all users together; default 30. */
  readonly lookupsPerMinute?: number;
  /** Clock in epoch ms; default `Date.now`. */
  readonly now?: () => number;
}

/** A user's last look-up: the accounts found, or `null` after a failure. */
export interface CachedSuggestions {
  readonly accounts: readonly SuggestedAccount[] | null;
}

/** Per-user suggestions, a per-user in-flight look-up, and the process's look-up budget. */
export interface SuggestionCache {
  /** The user's last look-up for `email` while fresh, else `undefined`. */
  get(userId: string, email: string): CachedSuggestions | undefined;
  /** Keeps found accounts (for `ttlMs`) or a failure (`null`, for `failureTtlMs`). */
  set(userId: string, email: string, accounts: readonly SuggestedAccount[] | null): void;
  /** The fresh suggestion `suggestedId` of `userId`, if it has one. */
  find(userId: string, suggestedId: string): SuggestedAccount | undefined;
  /** Forgets a user's suggestions (after a link or unlink), so the next view looks again. */
  delete(userId: string): void;
  /** Takes one look-up from the process's budget; false when this minute's is spent. */
  takeLookup(): boolean;
  /** Runs `lookUp` for `userId` unless one is already running, whose promise is then shared. */
  shared<T>(userId: string, lookUp: () => Promise<T>): Promise<T>;
}

interface Entry {
  readonly email: string;
  readonly accounts: readonly SuggestedAccount[] | null;
  readonly expiresAt: number;
}

/** Creates an in-memory {@link SuggestionCache}. */
export function createSuggestionCache(options: SuggestionCacheOptions = {}): SuggestionCache {
  const ttlMs = options.ttlMs ?? 300_000;
  const failureTtlMs = options.failureTtlMs ?? 60_000;
  const maxEntries = Math.max(1, options.maxEntries ?? 1000);
  const lookupsPerMinute = Math.max(0, options.lookupsPerMinute ?? 30);
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  const lookups: number[] = [];

  function fresh(userId: string): Entry | undefined {
    const entry = entries.get(userId);
    if (entry && entry.expiresAt <= now()) {
      entries.delete(userId);
      return undefined;
    }
    return entry;
  }

  return {
    get(userId, email) {
      const entry = fresh(userId);
      // Another email (changed since) is another question.
      return entry && entry.email === email ? { accounts: entry.accounts } : undefined;
    },
    set(userId, email, accounts) {
      // Re-inserting moves the key last: Map order is then the write order.
      entries.delete(userId);
      entries.set(userId, { email, accounts, expiresAt: now() + (accounts === null ? failureTtlMs : ttlMs) });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    },
    find: (userId, suggestedId) => fresh(userId)?.accounts?.find((account) => account.userId === suggestedId),
    delete: (userId) => void entries.delete(userId),
    takeLookup() {
      // Sliding window: any 60 s span holds at most `lookupsPerMinute` look-ups.
      const since = now() - 60_000;
      while (lookups.length > 0 && (lookups[0] ?? 0) <= since) lookups.shift();
      if (lookups.length >= lookupsPerMinute) return false;
      lookups.push(now());
      return true;
    },
    shared: createSingleFlight(),
  };
}

/**
 * The one {@link SuggestionCache} of this process, created on first use, shared
 * like `processUserCache`: Settings (a page) and `/link/start`,
 * `/link/callback`, `/link/unlink` (routes) must all see it.
 */
export function processSuggestionCache(options: SuggestionCacheOptions = {}): SuggestionCache {
  return processSingleton("suggestion-cache", () => createSuggestionCache(options));
}

/** Forgets the process's {@link processSuggestionCache}, so the next use starts empty (tests that start the app afresh). */
export function forgetProcessSuggestionCache(): void {
  forgetProcessSingleton("suggestion-cache");
}
