/**
 * The closed set of outcomes of linking and unlinking. Routes redirect to
 * Settings with one of these codes; the page turns it into a sentence
 * ({@link ./messages}). Decided by status and by our own checks, never by
 * matching upstream message text.
 */

/**
 * Every way a link attempt can end, in the `link=` parameter of the redirect
 * to Settings. Each has a sentence in {@link linkOutcomeMessage}.
 */
export const LINK_OUTCOMES = [
  /** The account is linked. */
  "linked",
  /** The second sign-in was the account the user is already signed in with. */
  "same_account",
  /** The second sign-in was an account already linked to this one. */
  "already_linked",
  /** Auth0 answered 409: the account is linked to another user. */
  "identity_in_use",
  /** The other account's email is not verified, and the app refuses those. */
  "email_unverified",
  /** No transaction for this callback: tampered, replayed, from another browser, or never started here. */
  "transaction_invalid",
  /** The transaction is older than its lifetime. */
  "transaction_expired",
  /** The transaction belongs to another signed-in user (link CSRF). */
  "wrong_user",
  /** The user cancelled at the provider or the tenant's login page. */
  "cancelled",
  /** The tenant or provider answered the sign-in with an error other than a cancellation. */
  "provider_error",
  /** The code exchange or the ID token did not pass verification. */
  "verification_failed",
  /** The connection asked for is not one this app offers. */
  "connection_not_offered",
  /** The primary session has no usable access token (expired and not refreshable). */
  "session_expired",
  /** Auth0 refused the request (400/401/403). */
  "auth0_refused",
  /** Auth0 answered 429. */
  "rate_limited",
  /** This user started too many links in the last minute; nothing was sent to Auth0. */
  "throttled",
  /** Auth0 did not answer, answered 5xx, or answered something unreadable. */
  "tenant_unavailable",
  /** The link call got no usable answer and the follow-up read failed too: whether it happened is unknown. */
  "unconfirmed",
  /** A suggested account was being linked, and the second sign-in was another account: nothing was linked. */
  "different_account",
  /** The form named a suggested account that is not an account of the connection asked for; nothing was started. */
  "suggestion_invalid",
  /**
   * Metadata merge on: the account is linked, but the other account's metadata
   * could not be copied to the primary; it is kept for an operator to restore.
   * A successful link, as far as Settings is concerned.
   */
  "linked_metadata_pending",
  /** Metadata merge on: the other account's metadata could not be read (or kept safe), so nothing was linked. */
  "metadata_unavailable",
  /** The session's sign-in was too old for linking when the link was started (the session changed since): nothing was linked. */
  "sign_in_too_old",
  /** Asked to sign in again before linking, the person signed in as another account: nothing was changed. */
  "reauthenticated_as_other",
  /**
   * The second sign-in's `sub` is not of the connection chosen: an edited
   * authorize URL, or a sign-in linked into another user (Auth0 then answers
   * with that user's `sub`). Nothing was linked.
   */
  "wrong_connection",
] as const;

/** How a link attempt ended: one of {@link LINK_OUTCOMES}. */
export type LinkOutcomeCode = (typeof LINK_OUTCOMES)[number];

/**
 * Every way an unlink attempt can end, in the `unlink=` parameter of the
 * redirect to Settings. Each has a sentence in {@link unlinkOutcomeMessage}.
 */
export const UNLINK_OUTCOMES = [
  "unlinked",
  /** The primary identity cannot be removed. */
  "primary_identity",
  /** The identity is not one of the user's (already unlinked, or never theirs). */
  "identity_not_found",
  /** The form did not name an identity in `provider|user_id` form. */
  "invalid_identity",
  "session_expired",
  "auth0_refused",
  "rate_limited",
  /** This user tried to unlink too often in the last minute; nothing was sent to Auth0. */
  "throttled",
  "tenant_unavailable",
  /** The unlink call got no usable answer and the follow-up read failed too. */
  "unconfirmed",
] as const;

/** How an unlink attempt ended: one of {@link UNLINK_OUTCOMES}. */
export type UnlinkOutcomeCode = (typeof UNLINK_OUTCOMES)[number];

/** A redirect-worthy result: the code, the identity it concerns, and a wait for 429. */
export interface Outcome<Code extends string> {
  readonly code: Code;
  /** `provider|user_id` of the identity concerned, when known. */
  readonly identity?: string;
  /** Seconds to wait before retrying, for `rate_limited` and `throttled`. */
  readonly retryAfterSeconds?: number;
}

/** Whether `value` (e.g. a query parameter) is one of {@link LINK_OUTCOMES}. */
export function isLinkOutcomeCode(value: unknown): value is LinkOutcomeCode {
  return (LINK_OUTCOMES as readonly unknown[]).includes(value);
}

/** Whether `value` (e.g. a query parameter) is one of {@link UNLINK_OUTCOMES}. */
export function isUnlinkOutcomeCode(value: unknown): value is UnlinkOutcomeCode {
  return (UNLINK_OUTCOMES as readonly unknown[]).includes(value);
}
