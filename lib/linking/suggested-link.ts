/**
 * Linking an account Settings suggested (same verified email): `/link/start`
 * reads the suggested id from the form and binds it to the transaction;
 * `/link/callback` refuses, after the full verification, any sign-in whose
 * `sub` is not that id (`different_account`), so a suggestion, or a form
 * changed by hand, can never link an account the person did not sign in as.
 * @see https://auth0.com/docs/manage-users/user-accounts/user-account-linking/suggested-account-linking-server-side-implementation
 */
import type { LinkingContext } from "./options";
import type { LinkTransaction } from "./transaction";
import { parseIdentityId } from "../management/identities";

/** The form's suggestion, accepted: the `sub` the second sign-in must return, and a `login_hint` when known. */
export interface SuggestedSignIn {
  readonly sub: string;
  /** The suggestion's email, from the cache of this user's own suggestions (never from the request). */
  readonly loginHint?: string;
}

/** Auth0 providers whose connections are named otherwise (database connections: provider `auth0`). */
const PROVIDER_OF_CONNECTION: Readonly<Record<string, string>> = {
  "Username-Password-Authentication": "auth0",
};

/**
 * Reads the optional form field `suggested` of `POST /link/start`.
 * @returns `null` when there is none, a {@link SuggestedSignIn} when it is
 * acceptable, `"invalid"` when it is not an identity id or its provider does
 * not belong to `connection` (for a suggestion still cached: its connection is
 * not `connection`).
 */
export async function readSuggestedSignIn(context: LinkingContext, value: FormDataEntryValue | null | undefined, connection: string, primarySub: string): Promise<SuggestedSignIn | null | "invalid"> {
  if (value === null || value === undefined || value === "") return null;
  const parsed = parseIdentityId(value);
  if (!parsed) return "invalid";
  const sub = `${parsed.provider}|${parsed.userId}`;
  const cached = await context.suggestions?.find(primarySub, sub);
  if (cached) return cached.connection === connection ? { sub, loginHint: cached.email } : "invalid";
  // No longer cached (Settings was open a while): the id's provider must still be the connection's.
  return parsed.provider === (PROVIDER_OF_CONNECTION[connection] ?? connection) ? { sub } : "invalid";
}

/**
 * Whether the verified second sign-in `signedInSub` is not the account the
 * transaction was started for. Logs `link.suggestion_mismatch` when so.
 */
export function signedInAsOtherThanSuggested(context: LinkingContext, transaction: LinkTransaction, signedInSub: string): boolean {
  if (transaction.suggestedSub === undefined || transaction.suggestedSub === signedInSub) return false;
  context.logger.warn("link.suggestion_mismatch", { sub: transaction.primarySub, suggested: transaction.suggestedSub, signed_in: signedInSub, connection: transaction.connection });
  return true;
}
