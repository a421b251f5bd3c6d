import type { ReactNode } from "react";
import { connectionName } from "../i18n";
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
  const { messages } = ui.localization;
  const { suggestions: words } = messages;
  return (
    <section className={ui.className("suggestions")} aria-labelledby="suggested-accounts">
      <h3 id="suggested-accounts">{words.heading}</h3>
      <p className={ui.className("intro")}>{words.intro}</p>
      <ul className={ui.className("list")}>
        {suggestions.map((account) => {
          // Named in the page's language from the connection, not from the (English) providerName the look-up cached.
          const signIn = { connection: connectionName(messages, account.connection, account.provider), account: account.email };
          return (
            <li key={account.userId} className={ui.className("item")}>
              <div className={ui.className("row")}>
                <span className={ui.className("icon")}>
                  <ProviderIcon connection={account.connection} provider={account.provider} />
                </span>
                <span className={ui.className("text")}>
                  <strong>{signIn.connection}</strong>
                  <span>{words.account(signIn)}</span>
                </span>
                <form method="post" action={ui.paths.start} className={ui.className("action")}>
                  <input type="hidden" name="connection" value={account.connection} />
                  <input type="hidden" name="suggested" value={account.userId} />
                  {/* The visible words start the accessible name; the rest says which account, for screen readers. */}
                  <button type="submit" className={ui.className("button", "secondary")} aria-label={words.buttonLabel(signIn)}>
                    {words.button}
                  </button>
                </form>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
