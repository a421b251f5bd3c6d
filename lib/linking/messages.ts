/**
 * Each outcome as a sentence a person understands. Nothing here comes from
 * Auth0's answers or from the query string: the subject is built from the
 * user's own identity list, and the wait is a bounded number.
 */
import type { LinkOutcomeCode, UnlinkOutcomeCode } from "./outcomes";

/** A message for a `role=status` (success) or `role=alert` (failure) region. */
export interface OutcomeMessage {
  readonly kind: "status" | "alert";
  readonly text: string;
}

/** Who an outcome is about, as the page knows it: "GitHub (owner.github@example.com)". */
export interface OutcomeSubject {
  /** e.g. "GitHub"; absent when unknown. */
  readonly connectionName?: string;
  /** e.g. the identity's email; absent when unknown. */
  readonly detail?: string;
}

function describe(subject: OutcomeSubject, fallback: string): string {
  if (subject.connectionName && subject.detail) return `${subject.connectionName} account ${subject.detail}`;
  if (subject.connectionName) return `${subject.connectionName} account`;
  return fallback;
}

function wait(seconds: number | undefined): string {
  if (seconds === undefined) return "Please wait a moment and try again.";
  return `Please try again in ${seconds} second${seconds === 1 ? "" : "s"}.`;
}

const UNAVAILABLE = "The sign-in service is not answering right now, so nothing was changed. Please try again in a few minutes.";

/** The sentence for a link outcome. */
export function linkOutcomeMessage(code: LinkOutcomeCode, subject: OutcomeSubject = {}, retryAfterSeconds?: number): OutcomeMessage {
  const account = describe(subject, "the other account");
  switch (code) {
    case "linked":
      return { kind: "status", text: `Linked ${account === "the other account" ? account : `your ${account}`}. You can now sign in with it.` };
    case "same_account":
      return { kind: "alert", text: "You signed in with the account you are already using, so there was nothing to link. Choose a different account." };
    case "already_linked":
      return {
        kind: "alert",
        text: subject.connectionName
          ? `That ${subject.connectionName} sign-in is already linked to your account.`
          : "The account you signed in with is already linked to your account.",
      };
    case "identity_in_use":
      return { kind: "alert", text: "That account is already linked to another user, so it could not be linked to yours." };
    case "email_unverified":
      return { kind: "alert", text: `The email address of the ${describe({ ...(subject.connectionName ? { connectionName: subject.connectionName } : {}) }, "other account")} is not verified, so it was not linked. Verify it with the provider, then try again.` };
    case "transaction_invalid":
      return { kind: "alert", text: "This link attempt is not valid (it was already used, changed, or started in another browser), so nothing was linked. Please start again." };
    case "transaction_expired":
      return { kind: "alert", text: "This link attempt took too long and expired, so nothing was linked. Please start again." };
    case "wrong_user":
      return { kind: "alert", text: "This link attempt was not started by you in this browser, so nothing was linked to your account." };
    case "cancelled":
      return { kind: "alert", text: "You cancelled the sign-in, so nothing was linked." };
    case "provider_error":
      return { kind: "alert", text: "The other sign-in did not complete, so nothing was linked. Please try again." };
    case "verification_failed":
      return { kind: "alert", text: "The other sign-in could not be verified, so nothing was linked. Please try again." };
    case "connection_not_offered":
      return { kind: "alert", text: "That kind of account cannot be linked here." };
    case "session_expired":
      return { kind: "alert", text: "Your sign-in has expired, so nothing was linked. Please sign out, sign in again, and retry." };
    case "auth0_refused":
      return { kind: "alert", text: "The sign-in service refused to link these accounts, so nothing was changed." };
    case "rate_limited":
      return { kind: "alert", text: `Too many attempts right now, so nothing was linked. ${wait(retryAfterSeconds)}` };
    case "throttled":
      return { kind: "alert", text: `Too many attempts. ${wait(retryAfterSeconds)}` };
    case "tenant_unavailable":
      return { kind: "alert", text: UNAVAILABLE };
    case "linked_metadata_pending":
      return {
        kind: "status",
        text: `Linked ${account === "the other account" ? account : `your ${account}`}. You can now sign in with it, but some of your settings from that account could not be copied yet; support can restore them.`,
      };
    case "metadata_unavailable":
      return { kind: "alert", text: `The settings of ${account === "the other account" ? account : `your ${account}`} could not be read, and linking now would lose them, so nothing was linked. Please try again in a few minutes.` };
    case "unconfirmed":
      return { kind: "alert", text: `The sign-in service stopped answering while linking, so we could not confirm whether your ${account === "the other account" ? "other account" : account} was linked. Reload this page in a moment to see your linked accounts.` };
    case "different_account":
      return { kind: "alert", text: "You signed in as a different account than the one suggested, so nothing was linked. To link the suggested account, try again and sign in as that account." };
    case "suggestion_invalid":
      return { kind: "alert", text: "That suggested account could not be linked this way, so nothing was changed. Reload this page and try again." };
    case "sign_in_too_old":
      return {
        kind: "alert",
        text: "You signed in too long ago to add a way to sign in, so nothing was linked. Choose the account to link again: you'll be asked to sign in again first.",
      };
    case "reauthenticated_as_other":
      return {
        kind: "alert",
        text: "You signed in again as a different account than the one you're using here, so nothing was changed. To link an account, try again and sign in as yourself.",
      };
    case "wrong_connection":
      return {
        kind: "alert",
        text: "The account you signed in with is not of the kind you chose, or that sign-in already belongs to another account, so nothing was linked. Try again and sign in with an account of the kind you chose.",
      };
  }
}

/** The sentence for an unlink outcome. */
export function unlinkOutcomeMessage(code: UnlinkOutcomeCode, subject: OutcomeSubject = {}, retryAfterSeconds?: number): OutcomeMessage {
  const account = describe(subject, "account");
  switch (code) {
    case "unlinked":
      return { kind: "status", text: `Unlinked your ${account}. You can no longer sign in with it.` };
    case "primary_identity":
      return { kind: "alert", text: "Your primary sign-in cannot be unlinked." };
    case "identity_not_found":
      return { kind: "alert", text: "That sign-in is not linked to your account (it may already have been unlinked)." };
    case "invalid_identity":
      return { kind: "alert", text: "That request did not name a linked account, so nothing was changed." };
    case "session_expired":
      return { kind: "alert", text: "Your sign-in has expired, so nothing was unlinked. Please sign out, sign in again, and retry." };
    case "auth0_refused":
      return { kind: "alert", text: "The sign-in service refused to unlink that account, so nothing was changed." };
    case "rate_limited":
      return { kind: "alert", text: `Too many attempts right now, so nothing was unlinked. ${wait(retryAfterSeconds)}` };
    case "throttled":
      return { kind: "alert", text: `Too many attempts. ${wait(retryAfterSeconds)}` };
    case "tenant_unavailable":
      return { kind: "alert", text: UNAVAILABLE };
    case "unconfirmed":
      return { kind: "alert", text: "The sign-in service stopped answering while unlinking, so we could not confirm whether it was unlinked. Reload this page in a moment to see your linked accounts." };
  }
}
