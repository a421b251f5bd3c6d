import type { ReactNode } from "react";
import { connectionName } from "../i18n";
import type { SuggestedAccount } from "../settings/suggest-accounts";
import { DEFAULT_UI, type UiContext } from "./class-names";
import { ProviderIcon } from "./provider-icon";

/** Id of the panel; focused by its `#fragment` so the keyboard starts there. */
export const CONTINUE_LINK_ID = "continue-link";

type Params = Readonly<Record<string, string | string[] | undefined>>;

/** The link to continue: an offered connection, and the suggested account when it is one of the user's suggestions. */
export interface LinkToContinue {
  readonly connection: string;
  readonly suggestion?: SuggestedAccount;
}

/**
 * The link Settings' `?continue=<connection>[&suggested=<id>]` asks to
 * continue (the linking callback sends the person there after they signed in
 * again), or `null`. Only an offered connection and one of the user's own
 * suggestions are accepted, so nothing from the URL is shown or posted as it came.
 */
export function linkToContinue(params: Params, connections: readonly string[], suggestions: readonly SuggestedAccount[]): LinkToContinue | null {
  const connection = connections.find((offered) => offered === params["continue"]);
  if (connection === undefined) return null;
  const suggestion = suggestions.find((account) => account.userId === params["suggested"] && account.connection === connection);
  return suggestion ? { connection, suggestion } : { connection };
}

/**
 * "Continue linking GitHub": after the person signed in again (linking needs
 * a recent sign-in), the link they asked for, ready in one click: a plain POST
 * form to the start route, so it works without JavaScript. With
 * `signInAgainFirst` (the sign-in is old again, or the URL was opened by
 * hand), it says that the app will ask for a fresh sign-in first.
 */
export function ContinueLink({ link, signInAgainFirst, ui = DEFAULT_UI }: { link: LinkToContinue; signInAgainFirst: boolean; ui?: UiContext }): ReactNode {
  const { messages } = ui.localization;
  const { continueLink } = messages;
  const name = connectionName(messages, link.connection);
  const headingId = `${CONTINUE_LINK_ID}-heading`;
  return (
    <section id={CONTINUE_LINK_ID} className={ui.className("continueLink")} aria-labelledby={headingId} tabIndex={-1}>
      <h3 id={headingId}>{continueLink.title({ connection: name })}</h3>
      <p>
        {signInAgainFirst
          ? continueLink.signInAgainFirst
          : link.suggestion
            ? continueLink.nextSuggested({ connection: name, account: link.suggestion.email })
            : continueLink.next({ connection: name })}
      </p>
      <div className={ui.className("confirmActions")}>
        <a className={ui.className("button", "secondary")} href={ui.paths.settings}>
          {continueLink.cancel}
        </a>
        <form method="post" action={ui.paths.start}>
          <input type="hidden" name="connection" value={link.connection} />
          {link.suggestion ? <input type="hidden" name="suggested" value={link.suggestion.userId} /> : null}
          <button type="submit" className={ui.className("button")}>
            <ProviderIcon connection={link.connection} />
            {continueLink.title({ connection: name })}
          </button>
        </form>
      </div>
    </section>
  );
}
