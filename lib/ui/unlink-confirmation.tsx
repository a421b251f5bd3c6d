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
  const account = `${entry.connectionName} ${entry.account}`;
  return (
    <section id={UNLINK_CONFIRMATION_ID} className={ui.className("confirm")} aria-labelledby={headingId} tabIndex={-1}>
      <h3 id={headingId}>Unlink {account}?</h3>
      <p>
        You will no longer be able to sign in to this account with {entry.connectionName} ({entry.account}). Signing in with it will
        open a separate account instead. You can link it again at any time.
      </p>
      {signInAgainFirst ? (
        <p>
          You&rsquo;ll be asked to sign in again first, because you signed in a while ago. Then you&rsquo;ll come back here to confirm.
        </p>
      ) : null}
      <div className={ui.className("confirmActions")}>
        <a className={ui.className("button", "secondary")} href={ui.paths.settings}>
          Cancel
        </a>
        <form method="post" action={ui.paths.unlink}>
          <input type="hidden" name="identity" value={entry.id} />
          <button type="submit" className={ui.className("button", "danger")}>
            Unlink<span className="la-visually-hidden"> {account}</span>
          </button>
        </form>
      </div>
    </section>
  );
}
