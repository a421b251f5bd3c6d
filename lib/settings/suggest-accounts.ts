/**
 * Settings → "Suggested accounts": other accounts of the same person, found by
 * the primary's verified email with `GET /api/v2/users-by-email` and a
 * machine-to-machine token (the user's own token cannot hold `read:users`).
 * Only for a primary whose own (root) connection is one whose `email_verified`
 * the app trusts (./trusted-connections), and only accounts whose email is verified too, on a connection the app offers
 * for linking, and not already linked, are suggested. A suggestion links
 * nothing by itself: the person still signs in as that account, and the
 * callback refuses any other (`different_account`).
 *
 * Look-ups are cached per user and budgeted per process, each user taking at
 * most a small share of that budget ({@link SuggestionCache}),
 * and never make Settings fail: whatever goes wrong, the page shows no
 * suggestions, and an operator reads why in the log.
 * @see https://auth0.com/docs/manage-users/user-accounts/user-account-linking/suggested-account-linking-server-side-implementation
 * @see https://auth0.com/docs/api/management/v2/users-by-email/get-users-by-email
 */
import { connectionDisplayName, identityId } from "../management/identities";
import type { Logger } from "../util/log";
import type { ManagementClient } from "../management/client";
import type { MachineTokenSource } from "../management/machine-token";
import type { ManagementUser } from "../management/types";
import type { SuggestedAccount, SuggestionCache } from "./suggestion-cache";
import { DEFAULT_SUGGESTION_TRUSTED_CONNECTIONS } from "./trusted-connections";
import { withinWait } from "../util/within-wait";

export type { SuggestedAccount } from "./suggestion-cache";

/** At most this many suggestions per user: a page of them, and a bound on what the cache holds. */
const MAX_SUGGESTIONS = 10;

/** What {@link createAccountSuggestions} needs. */
export interface AccountSuggestionsOptions {
  readonly management: ManagementClient;
  /** The machine-to-machine token source; `null` (none configured) means no suggestions, and no calls. */
  readonly machineToken: MachineTokenSource | null;
  /** Shared by every page and route of the process (see `processSuggestionCache`). */
  readonly cache: SuggestionCache;
  /** Connections the app offers for linking: only accounts on these are suggested. */
  readonly connections: readonly string[];
  /**
   * Connections whose `email_verified` is trusted: only a primary whose root
   * identity is on one of these gets suggestions (LINK_SUGGESTION_TRUSTED_CONNECTIONS);
   * default {@link DEFAULT_SUGGESTION_TRUSTED_CONNECTIONS}.
   */
  readonly trustedConnections?: readonly string[];
  readonly logger: Logger;
  /**
   * The longest a Settings view waits for a look-up, in ms; default 2000. A
   * slower one goes on in the background and fills the cache for the next view.
   */
  readonly waitMs?: number;
}

/** Suggested accounts for Settings, and what the linking routes ask of them. */
export interface AccountSuggestions {
  /**
   * The accounts to suggest to `primary` (the user as Settings read them),
   * from the cache when it has them. Empty unless a machine-to-machine client
   * is configured, `primary.email_verified` is `true` and the primary's root
   * identity is on a trusted connection (then no call is made). Never rejects: a
   * failed look-up is logged (`suggestions.lookup_failed`) and shows nothing.
   */
  forUser(primary: ManagementUser): Promise<SuggestedAccount[]>;
  /** The suggestion `suggestedId` of `primarySub` if it is cached; makes no call. */
  find(primarySub: string, suggestedId: string): Promise<SuggestedAccount | undefined>;
  /** Forgets `primarySub`'s suggestions: their linked accounts changed. */
  forget(primarySub: string): Promise<void>;
}

/** Creates the {@link AccountSuggestions} of the app. */
export function createAccountSuggestions(options: AccountSuggestionsOptions): AccountSuggestions {
  const { cache, logger } = options;
  const waitMs = options.waitMs ?? 2000;
  const trusted = new Set(options.trustedConnections ?? DEFAULT_SUGGESTION_TRUSTED_CONNECTIONS);

  async function lookUp(primary: ManagementUser, email: string, tokens: MachineTokenSource): Promise<readonly SuggestedAccount[]> {
    const grant = await cache.takeLookupFor(primary.user_id);
    if (grant !== "taken") {
      // Not cached: the next view may find budget again.
      logger.warn("suggestions.lookup_skipped", { sub: primary.user_id, reason: grant });
      return [];
    }
    const token = await tokens.token();
    if (!token.ok) {
      logger.warn("suggestions.lookup_failed", { sub: primary.user_id, step: "machine_token", code: token.error.code, status: token.error.status });
      await cache.set(primary.user_id, email, null);
      return [];
    }
    const found = await options.management.usersByEmail(token.value, email);
    if (!found.ok) {
      // A token the Management API no longer accepts must not be handed out again.
      if (found.error.code === "invalid_token") tokens.forget();
      logger.warn("suggestions.lookup_failed", { sub: primary.user_id, step: "users_by_email", code: found.error.code, status: found.error.status });
      await cache.set(primary.user_id, email, null);
      return [];
    }
    const accounts = found.value
      .map((user) => suggestionFrom(user, primary, email, options.connections))
      .filter((account): account is SuggestedAccount => account !== null)
      .slice(0, MAX_SUGGESTIONS);
    await cache.set(primary.user_id, email, accounts);
    logger.info("suggestions.looked_up", { sub: primary.user_id, found: found.value.length, suggested: accounts.length });
    return accounts;
  }

  return {
    async forUser(primary) {
      const email = primary.email;
      if (options.machineToken === null || primary.email_verified !== true || !email || !verifiesEmails(primary, trusted)) return [];
      const cached = await cache.get(primary.user_id, email);
      if (cached) return notYetLinked(cached.accounts ?? [], primary);
      const tokens = options.machineToken;
      const running = cache.shared(primary.user_id, () =>
        lookUp(primary, email, tokens).catch(async (error: unknown) => {
          logger.error("suggestions.lookup_failed", { sub: primary.user_id, step: "unexpected", reason: (error as { name?: string } | null)?.name ?? "unknown" });
          await cache.set(primary.user_id, email, null).catch(() => {});
          return [];
        }),
      );
      const accounts = await withinWait(running, waitMs);
      if (accounts === null) {
        logger.warn("suggestions.lookup_slow", { sub: primary.user_id, wait_ms: waitMs });
        return [];
      }
      return notYetLinked(accounts, primary);
    },
    find: (primarySub, suggestedId) => cache.find(primarySub, suggestedId),
    forget: (primarySub) => cache.delete(primarySub),
  };
}

/**
 * `user` as a suggestion for `primary`, or `null` when it must not be one:
 * the primary itself, another email (compared without case: Auth0 stores its
 * own users' emails in lower case, other providers' as they send them), an
 * unverified email, or a connection the app does not offer.
 */
function suggestionFrom(user: ManagementUser, primary: ManagementUser, email: string, connections: readonly string[]): SuggestedAccount | null {
  const root = user.identities[0];
  if (user.user_id === primary.user_id || !root || identityId(root) !== user.user_id) return null;
  if (user.email_verified !== true || user.email?.toLowerCase() !== email.toLowerCase()) return null;
  if (!connections.includes(root.connection)) return null;
  return {
    userId: user.user_id,
    connection: root.connection,
    provider: root.provider,
    providerName: connectionDisplayName(root.connection, root.provider),
    email: user.email,
    ...(user.name ? { name: user.name } : {}),
    ...(user.picture ? { picture: user.picture } : {}),
  };
}

/**
 * Whether `primary`'s `email_verified` comes from a connection the app trusts
 * to verify emails: its root identity's (the one its `user_id` names, whose
 * email the profile carries). The email is the look-up's key: trusted from
 * anywhere else, it would show the person accounts of whoever owns that email.
 * The suggested accounts need no such trust: one can be linked only by
 * signing in as it, and the callback then checks that very account.
 */
function verifiesEmails(primary: ManagementUser, trusted: ReadonlySet<string>): boolean {
  const root = primary.identities[0];
  return root !== undefined && identityId(root) === primary.user_id && trusted.has(root.connection);
}

/** Leaves out accounts that are now among the primary's identities (linked since the look-up). */
function notYetLinked(accounts: readonly SuggestedAccount[], primary: ManagementUser): SuggestedAccount[] {
  const linked = new Set(primary.identities.map(identityId));
  return accounts.filter((account) => !linked.has(account.userId));
}
