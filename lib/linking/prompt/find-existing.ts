/**
 * Whether a person who just signed in already has an older account with the
 * same verified email, found with the machine token (`read:users`): the
 * session's user is read (`GET /api/v2/users/{id}`: its root connection, its
 * `created_at`, its "Keep separate" memory), then the tenant's users with
 * that email (`GET /api/v2/users-by-email`).
 *
 * The rules, as for Settings' suggestions (lib/settings/suggest-accounts.ts):
 * the email is the look-up's key, so it must be verified and come from a
 * connection whose `email_verified` the app trusts; the other account's email
 * must be verified too. The signed-in user must hold no linked sign-in of its
 * own (it would be no new sign-in). Only an account created before this one is offered
 * (the prompt is for the newer sign-in; the older account stays the primary),
 * the oldest first, and none the person chose to keep separate. Finding one
 * links nothing: the person must sign in as it (./answer-prompt, ./finish-prompt).
 * @see https://auth0.com/docs/manage-users/user-accounts/user-account-linking/suggested-account-linking-server-side-implementation
 */
import { identityId } from "../../management/identities";
import type { ManagementError, ManagementUser } from "../../management/types";
import type { LinkingContext } from "../options";
import { keptSeparate } from "./keep-separate";
import type { PromptSignIn } from "./prompt-cookie";
import type { PromptContext } from "./prompt-context";

/** What users-by-email is asked for: what the rules above read, and no metadata of other people. */
export const PROMPT_USERS_BY_EMAIL_FIELDS = "user_id,email,email_verified,identities,created_at";

/** What the look-up found. */
export type ExistingAccount =
  | { readonly kind: "found"; readonly user: PromptSignIn; readonly existing: PromptSignIn }
  /** Nothing to offer; `reason` for the log. */
  | { readonly kind: "none"; readonly reason: "email_not_trusted" | "has_linked_sign_ins" | "no_older_account" | "kept_separate" }
  | { readonly kind: "failed"; readonly step: "read_user" | "users_by_email"; readonly error: ManagementError };

/** Looks for an older account of the session's user `sub` (rules above). Never rejects. */
export async function findExistingAccount(context: Pick<LinkingContext, "management">, prompt: PromptContext, sub: string): Promise<ExistingAccount> {
  const read = await prompt.asMachine("prompt.read_user", (token) => context.management.getUser(token, sub));
  if (!read.ok) return { kind: "failed", step: "read_user", error: read.error };
  const user = read.value;
  const own = signInOf(user);
  if (!own || user.email_verified !== true || !prompt.trustedConnections.has(own.connection) || !user.created_at) return { kind: "none", reason: "email_not_trusted" };
  // An account that already holds other sign-ins is no new sign-in: it is offered nothing (and Auth0 would not link it into another).
  if (user.identities.length > 1) return { kind: "none", reason: "has_linked_sign_ins" };

  const found = await prompt.asMachine("prompt.users_by_email", (token) => context.management.usersByEmail(token, own.email, PROMPT_USERS_BY_EMAIL_FIELDS));
  if (!found.ok) return { kind: "failed", step: "users_by_email", error: found.error };
  const createdAt = Date.parse(user.created_at);
  const older = found.value
    .filter((other) => other.user_id !== user.user_id && other.email_verified === true && other.email?.toLowerCase() === own.email.toLowerCase())
    .filter((other) => other.created_at !== undefined && Date.parse(other.created_at) < createdAt)
    .sort((a, b) => Date.parse(a.created_at ?? "") - Date.parse(b.created_at ?? ""));
  if (older.length === 0) return { kind: "none", reason: "no_older_account" };
  const kept = new Set(keptSeparate(user));
  const existing = older.filter((other) => !kept.has(other.user_id)).map(signInOf).find((signIn) => signIn !== null);
  return existing ? { kind: "found", user: own, existing } : { kind: "none", reason: "kept_separate" };
}

/** A root user's own sign-in (the identity its `user_id` names) with its email, or `null`. */
function signInOf(user: ManagementUser): PromptSignIn | null {
  const root = user.identities[0];
  if (!root || identityId(root) !== user.user_id || !user.email) return null;
  return { sub: user.user_id, connection: root.connection, provider: root.provider, email: user.email };
}
