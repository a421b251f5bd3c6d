import type { ReactNode } from "react";
import { DEFAULT_UI, type UiContext } from "./class-names";
import type { LinkedIdentity } from "./linked-identity";

/** Id of the confirmation panel; the Unlink buttons link to it. */
export const UNLINK_CONFIRMATION_ID = "unlink-confirmation";

/**
 * Asks before unlinking: what will change and which sign-ins remain ("You
 * will still sign in with Email and password (owner@example.com) and
 * Google (…)", joined by Intl.ListFormat), then Cancel (back to Settings) or
 * the POST to the unlink route. Rendered on the server for `?confirm=`, so it
 * works without JavaScript. With `signInAgainFirst`, it says that the app
 * will ask for a fresh sign-in before unlinking (the current one is too old).
 */
export function UnlinkConfirmation({
  entry,
  remaining = [],
  signInAgainFirst = false,
  ui = DEFAULT_UI,
}: {
  entry: LinkedIdentity;
  /** The user's other sign-ins, primary first: those that stay. */
  remaining?: readonly LinkedIdentity[];
  signInAgainFirst?: boolean;
  ui?: UiContext;
}): ReactNode {
  const headingId = `${UNLINK_CONFIRMATION_ID}-heading`;
  const { messages, format } = ui.localization;
  const { identities, unlinkConfirmation: words } = messages;
  const signIn = { connection: entry.connectionName, account: entry.account };
  const staying = remaining.map((other) => words.remainingSignIn({ connection: other.connectionName, account: other.account }));
  return (
    <section id={UNLINK_CONFIRMATION_ID} className={ui.className("confirm")} aria-labelledby={headingId} tabIndex={-1}>
      <h3 id={headingId}>{words.heading(signIn)}</h3>
      <p>{words.consequence(signIn)}</p>
      {staying.length > 0 ? <p>{words.remaining({ signIns: format.list(staying) })}</p> : null}
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
