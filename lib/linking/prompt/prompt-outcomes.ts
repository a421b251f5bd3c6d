/**
 * How the link at sign-in can end on its page (`?prompt=<code>`): a closed
 * set of codes, each a sentence of the catalog's `prompt.outcome`, never
 * text from the request. A link that happened (or may have) does not end
 * here: the person is signed in as the existing account and lands on Settings.
 */
import type { LinkOutcomeCode } from "../outcomes";

/** Every way the prompt's page can say an attempt ended. */
export const PROMPT_OUTCOMES = [
  /** The second sign-in was not the existing account: nothing was linked. */
  "different_account",
  /** The person cancelled the sign-in. */
  "cancelled",
  /** The offer or its sign-in expired, was used already, or belongs to another session. */
  "expired",
  /** The sign-in could not be completed or verified. */
  "sign_in_failed",
  /** Auth0 did not answer (or answered 5xx, or something unreadable): nothing was changed. */
  "unavailable",
  /** Auth0 refused the link (400, 401, 403): nothing was changed. */
  "refused",
  /** Too many attempts (Auth0's 429, or this app's limit). */
  "rate_limited",
  /** The new sign-in is already linked to another account. */
  "identity_in_use",
  /** "Keep separate" could not be remembered: the person is asked again next time. */
  "not_saved",
] as const;

/** One of {@link PROMPT_OUTCOMES}. */
export type PromptOutcomeCode = (typeof PROMPT_OUTCOMES)[number];

/** Whether `value` (a query parameter) is one of {@link PROMPT_OUTCOMES}. */
export function isPromptOutcomeCode(value: unknown): value is PromptOutcomeCode {
  return (PROMPT_OUTCOMES as readonly unknown[]).includes(value);
}

/**
 * Where a link outcome of the callback leads: `signed_in` (linked, or
 * perhaps: the person is signed in again as the existing account, which
 * certainly exists), else the page's code. Exhaustive: a new link outcome
 * must be placed here to compile.
 */
export const PROMPT_OUTCOME_OF: { readonly [Code in LinkOutcomeCode]: PromptOutcomeCode | "signed_in" } = {
  linked: "signed_in",
  linked_metadata_pending: "signed_in",
  unconfirmed: "signed_in",
  different_account: "different_account",
  same_account: "different_account",
  wrong_connection: "different_account",
  reauthenticated_as_other: "different_account",
  cancelled: "cancelled",
  transaction_invalid: "expired",
  transaction_expired: "expired",
  wrong_user: "expired",
  sign_in_too_old: "expired",
  session_expired: "expired",
  suggestion_invalid: "expired",
  provider_error: "sign_in_failed",
  verification_failed: "sign_in_failed",
  email_unverified: "sign_in_failed",
  tenant_unavailable: "unavailable",
  auth0_refused: "refused",
  metadata_unavailable: "unavailable",
  connection_not_offered: "unavailable",
  already_linked: "unavailable",
  rate_limited: "rate_limited",
  throttled: "rate_limited",
  identity_in_use: "identity_in_use",
};
