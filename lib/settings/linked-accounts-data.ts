/**
 * What the Settings page shows, read for the session's own user: their
 * identities, the connections offered, whether linking or unlinking first asks
 * for a fresh sign-in, suggested accounts, and the identity just unlinked.
 * The body of `AccountLinkingSetup.loadLinkedAccounts` once the session is known.
 */
import type { SessionData } from "@auth0/nextjs-auth0/types";
import type { LocaleChoice } from "../i18n";
import type { CookieReader } from "../linking/unlink-notice";
import type { ManagementResult, ManagementUser } from "../management/types";
import type { Services } from "../setup/services";
import { loadLinkedAccounts } from "./load-linked-accounts";
import type { SuggestedAccount } from "./suggest-accounts";

/** What the Settings page passes to `<LinkedAccounts>` (with its `searchParams`). */
export interface LinkedAccountsData {
  /** The signed-in user with their identities, or why they could not be read. */
  readonly result: ManagementResult<ManagementUser>;
  /** The connections offered (`LINK_CONNECTIONS`). */
  readonly connections: readonly string[];
  /** Whether unlinking will first ask for a fresh sign-in. */
  readonly unlinkNeedsFreshSignIn: boolean;
  /** Whether linking will first ask for a fresh sign-in (as the signed-in user). */
  readonly linkNeedsFreshSignIn: boolean;
  /** Other accounts with the user's verified email (none without a machine-to-machine client). */
  readonly suggestions: readonly SuggestedAccount[];
  /**
   * The identity `/link/unlink` just unlinked from this user (its sealed
   * cookie says so), or `null`: Settings announces "Unlinked …" only for it,
   * since the URL alone can be crafted. Spread into `<LinkedAccounts>` with the rest.
   */
  readonly unlinkedIdentity?: string | null;
  /**
   * How the section picks its language: the setup's `locale` and `messages`
   * and the request's `Accept-Language` (read only to choose among the
   * available locales, never shown). Spread into `<LinkedAccounts>` with the rest.
   */
  readonly localeChoice?: LocaleChoice;
}

/**
 * What Settings shows `user` (the session's own): their identities read with
 * `accessToken` (or the machine token in server-side mode), the connections
 * offered, whether unlinking asks for a fresh sign-in, suggestions, and the
 * identity the unlink route just unlinked as the request's `cookies` prove it
 * (none without them), and the request's `acceptLanguage` for the section's
 * language. The body of {@link AccountLinkingSetup.loadLinkedAccounts}
 * once the session is known; the flow tests call it with a session they hold.
 */
export async function linkedAccountsData(
  services: Pick<Services, "management" | "managementAccess" | "userCache" | "logger" | "linking" | "config" | "suggestions" | "localeOptions">,
  user: SessionData["user"],
  accessToken: () => Promise<string>,
  cookieReader?: CookieReader,
  acceptLanguage?: string | null,
): Promise<LinkedAccountsData> {
  const { management, managementAccess, userCache, logger, linking, config, suggestions, localeOptions } = services;
  // The read carries the user's own token, or the machine token in server-side mode; always of the session's own user.
  const [result, unlinkedIdentity] = await Promise.all([
    loadLinkedAccounts({ management, userCache, logger, access: managementAccess, accessToken }, user.sub),
    // Only for the session's own user: another user's cookie proves nothing here.
    cookieReader ? linking.unlinkedIdentity(cookieReader, user.sub) : null,
  ]);
  // Never fails the page: no machine client, an unverified email or a failed look-up all suggest nothing.
  const suggested = result.ok ? await suggestions.forUser(result.value) : [];
  return {
    result,
    connections: config.linking.connections,
    unlinkNeedsFreshSignIn: linking.unlinkNeedsFreshSignIn(user),
    linkNeedsFreshSignIn: linking.linkNeedsFreshSignIn(user),
    suggestions: suggested,
    unlinkedIdentity,
    localeChoice: {
      ...(localeOptions?.locale ? { locale: localeOptions.locale } : {}),
      acceptLanguage: acceptLanguage ?? null,
      ...(localeOptions?.messages ? { messages: [localeOptions.messages] } : {}),
    },
  };
}
