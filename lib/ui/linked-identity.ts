/**
 * How Settings describes each of the user's identities, and which one (if any)
 * the `confirm` query parameter asks to unlink.
 */
import { connectionName, localize, type Localization } from "../i18n";
import { identityId } from "../management/identities";
import { parseIdentityId } from "../linking";
import type { Identity, ManagementUser } from "../management/types";

/** One row of the Linked accounts list. */
export interface LinkedIdentity {
  /** `provider|user_id`, what /link/unlink expects. */
  readonly id: string;
  readonly identity: Identity;
  /** e.g. "GitHub", "E-Mail und Passwort": in the page's language. */
  readonly connectionName: string;
  /** The account's email or name, e.g. "owner.github@example.com". */
  readonly account: string;
  /** The first identity is the user's primary one and cannot be unlinked. */
  readonly primary: boolean;
}

/** The user's identities, primary first, as Settings shows them; connections named in `localization`'s language (default English). */
export function linkedIdentities(user: ManagementUser, localization: Localization = localize()): LinkedIdentity[] {
  return user.identities.map((identity, index) => {
    const primary = index === 0;
    // Auth0 puts profileData on secondary identities only; the primary's profile is the user's own.
    const account = primary ? (user.email ?? user.name) : (identity.profileData?.email ?? identity.profileData?.name);
    const id = identityId(identity);
    return { id, identity, connectionName: connectionName(localization.messages, identity.connection, identity.provider), account: account ?? id, primary };
  });
}

/**
 * The secondary identity the `confirm` parameter names, or `null`. The raw
 * parameter is never shown: only an identity found in the user's own list is.
 */
export function identityToConfirm(identities: readonly LinkedIdentity[], confirm: string | string[] | undefined): LinkedIdentity | null {
  const parsed = parseIdentityId(typeof confirm === "string" ? confirm : undefined);
  if (!parsed) return null;
  const wanted = `${parsed.provider}|${parsed.userId}`;
  return identities.find((entry) => !entry.primary && entry.id === wanted) ?? null;
}
