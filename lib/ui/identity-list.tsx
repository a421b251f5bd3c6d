import type { ReactNode } from "react";
import { DEFAULT_UI, type UiContext } from "./class-names";
import type { LinkedIdentity } from "./linked-identity";
import { ProviderIcon } from "./provider-icon";
import { UNLINK_CONFIRMATION_ID, UnlinkConfirmation } from "./unlink-confirmation";

/**
 * Every sign-in method of the user, the primary one first and marked. Each
 * secondary one has an Unlink button: a plain GET form that reloads Settings
 * with `?confirm=provider|user_id`, where the row asks for confirmation. No
 * JavaScript is involved. `signInAgainFirst`: the confirmation says a fresh
 * sign-in comes first (the current one is too old to unlink).
 */
export function IdentityList({
  identities,
  confirming,
  signInAgainFirst = false,
  ui = DEFAULT_UI,
}: {
  identities: readonly LinkedIdentity[];
  confirming: LinkedIdentity | null;
  signInAgainFirst?: boolean;
  ui?: UiContext;
}): ReactNode {
  return (
    <ul className={ui.className("list")}>
      {identities.map((entry) => {
        const isConfirming = confirming?.id === entry.id;
        return (
          <li key={entry.id} className={ui.className("item", isConfirming && "confirming")}>
            <div className={ui.className("row")}>
              <span className={ui.className("icon")}>
                <ProviderIcon connection={entry.identity.connection} provider={entry.identity.provider} />
              </span>
              <span className={ui.className("text")}>
                <strong>{entry.connectionName}</strong>
                <span>{entry.account}</span>
              </span>
              {entry.primary ? <span className={ui.className("badge")}>{ui.localization.messages.identities.primary}</span> : null}
              {!entry.primary && !isConfirming ? <UnlinkButton entry={entry} ui={ui} /> : null}
            </div>
            {isConfirming ? (
              <UnlinkConfirmation entry={entry} remaining={identities.filter((other) => other.id !== entry.id)} signInAgainFirst={signInAgainFirst} ui={ui} />
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

/** Shows "Unlink"; its accessible name, "Unlink GitHub owner.github@example.com", starts with those words and names the account. */
function UnlinkButton({ entry, ui }: { entry: LinkedIdentity; ui: UiContext }): ReactNode {
  const { identities } = ui.localization.messages;
  return (
    // The fragment brings the confirmation into view and moves keyboard focus there.
    <form method="get" action={`${ui.paths.settings}#${UNLINK_CONFIRMATION_ID}`} className={ui.className("action")}>
      <input type="hidden" name="confirm" value={entry.id} />
      <button type="submit" className={ui.className("button", "quiet")} aria-label={identities.unlinkLabel({ connection: entry.connectionName, account: entry.account })}>
        {identities.unlink}
      </button>
    </form>
  );
}
