import type { ReactNode } from "react";
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
}: {
  identities: readonly LinkedIdentity[];
  confirming: LinkedIdentity | null;
  signInAgainFirst?: boolean;
}): ReactNode {
  return (
    <ul className="identities">
      {identities.map((entry) => {
        const isConfirming = confirming?.id === entry.id;
        return (
          <li key={entry.id} className={isConfirming ? "confirming" : undefined}>
            <div className="identity-row">
              <span className="identity-icon">
                <ProviderIcon connection={entry.identity.connection} provider={entry.identity.provider} />
              </span>
              <span className="identity-text">
                <strong>{entry.connectionName}</strong>
                <span>{entry.account}</span>
              </span>
              {entry.primary ? <span className="badge">Primary</span> : null}
              {!entry.primary && !isConfirming ? <UnlinkButton entry={entry} /> : null}
            </div>
            {isConfirming ? <UnlinkConfirmation entry={entry} signInAgainFirst={signInAgainFirst} /> : null}
          </li>
        );
      })}
    </ul>
  );
}

/** "Unlink GitHub owner.github@example.com": shows "Unlink", names the account for screen readers. */
function UnlinkButton({ entry }: { entry: LinkedIdentity }): ReactNode {
  return (
    // The fragment brings the confirmation into view and moves keyboard focus there.
    <form method="get" action={`/settings#${UNLINK_CONFIRMATION_ID}`} className="identity-action">
      <input type="hidden" name="confirm" value={entry.id} />
      <button type="submit" className="button quiet">
        Unlink<span className="visually-hidden"> {entry.connectionName} {entry.account}</span>
      </button>
    </form>
  );
}
