/**
 * What keeps suggested accounts from spending the tenant's Management API
 * quota: each user's last look-up (found accounts for a few minutes, a failure
 * for a minute), one look-up in flight per user, and a process-wide budget of
 * look-ups per minute of which each user may take only a small share (so one
 * person reloading Settings cannot leave none for everyone else). Per process,
 * like the Settings user cache.
 * @see https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy
 */
import { forgetProcessSingleton, processSingleton } from "../util/process-singleton";
import { createSingleFlight } from "../util/single-flight";

/** An account Settings suggests linking: another root user with the primary's verified email. */
export interface SuggestedAccount {
  /** Its root user id, `provider|user_id`, e.g. `github|1000003`: the `sub` its sign-in must return. */
  readonly userId: string;
  /** Its connection, e.g. `github`: the one the second sign-in goes to. */
  readonly connection: string;
  readonly provider: string;
  /**
   * How a person names the connection in English, e.g. "GitHub", "Email and
   * password". Cached (and shared through Redis) with the suggestion, so it
   * is not in the page's language: `<LinkedAccounts>` names the connection
   * from `connection` and `provider` with the page's catalog (`connectionName`).
   */
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
  /** Of those, look-ups one user may make in any 60 seconds; default 3. */
  readonly lookupsPerUserPerMinute?: number;
  /** Clock in epoch ms; default `Date.now`. */
  readonly now?: () => number;
}

/** A user's last look-up: the accounts found, or `null` after a failure. */
export interface CachedSuggestions {
  readonly accounts: readonly SuggestedAccount[] | null;
}

/** Whether a look-up may go ahead: `taken`, or which budget is spent (then nothing was taken). */
export type LookupGrant = "taken" | "user_share_spent" | "process_budget_spent";

/** Per-user suggestions, a per-user in-flight look-up, and the process's look-up budget. */
export interface SuggestionCache {
  /** The user's last look-up for `email` while fresh, else `undefined`. */
  get(userId: string, email: string): Promise<CachedSuggestions | undefined>;
  /** Keeps found accounts (for `ttlMs`) or a failure (`null`, for `failureTtlMs`). */
  set(userId: string, email: string, accounts: readonly SuggestedAccount[] | null): Promise<void>;
  /** The fresh suggestion `suggestedId` of `userId`, if it has one. */
  find(userId: string, suggestedId: string): Promise<SuggestedAccount | undefined>;
  /** Forgets a user's suggestions (after a link or unlink), so the next view looks again. */
  delete(userId: string): Promise<void>;
  /** Takes one look-up from the process's budget, for no user in particular; false when this minute's is spent. */
  takeLookup(): Promise<boolean>;
  /**
   * Takes one look-up for `userId`: from their share and from the process's
   * budget together, or from neither (a refused user spends nothing of the
   * process's, so another user's Settings still gets suggestions).
   */
  takeLookupFor(userId: string): Promise<LookupGrant>;
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
  const lookupsPerUser = Math.max(0, options.lookupsPerUserPerMinute ?? 3);
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  const lookups: number[] = [];
  // Each user's look-ups of the last 60 s, least recently used first; as many users as `entries`.
  const userLookups = new Map<string, number[]>();

  /** Drops the times of `window` that are 60 s old or more (a sliding window); returns what is left. */
  function recent(window: number[]): number[] {
    const since = now() - 60_000;
    while (window.length > 0 && (window[0] ?? 0) <= since) window.shift();
    return window;
  }

  function takeForUser(userId: string): LookupGrant {
    const mine = recent(userLookups.get(userId) ?? []);
    if (mine.length >= lookupsPerUser) return "user_share_spent";
    if (recent(lookups).length >= lookupsPerMinute) return "process_budget_spent";
    const at = now();
    lookups.push(at);
    mine.push(at);
    // Re-inserting moves the key last, so the first key is the user who looked up least recently.
    userLookups.delete(userId);
    userLookups.set(userId, mine);
    while (userLookups.size > maxEntries) {
      const oldest = userLookups.keys().next().value;
      if (oldest === undefined) break;
      userLookups.delete(oldest);
    }
    return "taken";
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
    get(userId, email) {
      const entry = fresh(userId);
      // Another email (changed since) is another question.
      return Promise.resolve(entry && entry.email === email ? { accounts: entry.accounts } : undefined);
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
      return Promise.resolve();
    },
    find: (userId, suggestedId) => Promise.resolve(fresh(userId)?.accounts?.find((account) => account.userId === suggestedId)),
    delete: (userId) => {
      entries.delete(userId);
      return Promise.resolve();
    },
    takeLookup() {
      // Sliding window: any 60 s span holds at most `lookupsPerMinute` look-ups.
      if (recent(lookups).length >= lookupsPerMinute) return Promise.resolve(false);
      lookups.push(now());
      return Promise.resolve(true);
    },
    takeLookupFor: (userId) => Promise.resolve(takeForUser(userId)),
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
