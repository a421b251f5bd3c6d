import type { ReactNode } from "react";
import { DEFAULT_UI, type UiContext } from "./class-names";
import type { LinkedIdentity } from "./linked-identity";

/** Id of the confirmation panel; the Unlink buttons link to it. */
export const UNLINK_CONFIRMATION_ID = "unlink-confirmation";

/**
 * Asks before unlinking: what will change, then Cancel (back to Settings) or
 * the POST to the unlink route. Rendered on the server for `?confirm=`, so it
 * works without JavaScript. With `signInAgainFirst`, it says that the app
 * will ask for a fresh sign-in before unlinking (the current one is too old).
 */
export function UnlinkConfirmation({
  entry,
  signInAgainFirst = false,
  ui = DEFAULT_UI,
}: {
  entry: LinkedIdentity;
  signInAgainFirst?: boolean;
  ui?: UiContext;
}): ReactNode {
  const headingId = `${UNLINK_CONFIRMATION_ID}-heading`;
  const { identities, unlinkConfirmation: words } = ui.localization.messages;
  const signIn = { connection: entry.connectionName, account: entry.account };
  return (
    <section id={UNLINK_CONFIRMATION_ID} className={ui.className("confirm")} aria-labelledby={headingId} tabIndex={-1}>
      <h3 id={headingId}>{words.heading(signIn)}</h3>
      <p>{words.consequence(signIn)}</p>
      {signInAgainFirst ? <p>{words.signInAgainFirst}</p> : null}
      <div className={ui.className("confirmActions")}>
        <a className={ui.className("button", "secondary")} href={ui.paths.settings}>
          {words.cancel}
        </a>
        <form method="post" action={ui.paths.unlink}>
          <input type="hidden" name="identity" value={entry.id} />
          {/* The same accessible name as the row's Unlink button: it starts with the visible words and names the account. */}
          <button type="submit" className={ui.className("button", "danger")} aria-label={identities.unlinkLabel(signIn)}>
            {identities.unlink}
          </button>
        </form>
      </div>
    </section>
  );
}
