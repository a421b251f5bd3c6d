import type { ReactNode } from "react";
import type { SuggestedAccount } from "../settings/suggest-accounts";
import { DEFAULT_UI, type UiContext } from "./class-names";
import { ProviderIcon } from "./provider-icon";

/**
 * "You also have a GitHub sign-in as owner@example.com": other accounts with
 * the user's verified email (lib/settings/suggest-accounts.ts). Each has a
 * "Link this account" button, a plain POST form to the start route (no
 * JavaScript needed) carrying the connection and the suggested account's id;
 * the person still signs in as that account, and any other sign-in links
 * nothing. Renders nothing when there is nothing to suggest.
 */
export function SuggestedAccounts({ suggestions, ui = DEFAULT_UI }: { suggestions: readonly SuggestedAccount[]; ui?: UiContext }): ReactNode {
  if (suggestions.length === 0) return null;
  return (
    <section className={ui.className("suggestions")} aria-labelledby="suggested-accounts">
      <h3 id="suggested-accounts">Suggested accounts</h3>
      <p className={ui.className("intro")}>These sign-ins use your verified email address. To link one, you&rsquo;ll sign in with it once.</p>
      <ul className={ui.className("list")}>
        {suggestions.map((account) => (
          <li key={account.userId} className={ui.className("item")}>
            <div className={ui.className("row")}>
              <span className={ui.className("icon")}>
                <ProviderIcon connection={account.connection} provider={account.provider} />
              </span>
              <span className={ui.className("text")}>
                <strong>{account.providerName}</strong>
                <span>
                  You also have a {account.providerName} sign-in as {account.email}
                </span>
              </span>
              <form method="post" action={ui.paths.start} className={ui.className("action")}>
                <input type="hidden" name="connection" value={account.connection} />
                <input type="hidden" name="suggested" value={account.userId} />
                {/* The visible words start the accessible name; the rest says which account, for screen readers. */}
                <button type="submit" className={ui.className("button", "secondary")} aria-label={`Link this account: ${account.providerName} ${account.email}`}>
                  Link this account
                </button>
              </form>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
