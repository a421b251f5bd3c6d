/**
 * Each outcome as a sentence a person understands, in the page's language
 * (the catalogs of ../i18n; English unless a localization is given). Nothing
 * here comes from Auth0's answers or from the query string: the subject is
 * built from the user's own identity list, and the wait is a bounded number.
 */
import { localize, waitSentence, type Localization, type OutcomeParams } from "../i18n";
import type { LinkOutcomeCode, UnlinkOutcomeCode } from "./outcomes";

/** A message for a `role=status` (success) or `role=alert` (failure) region. */
export interface OutcomeMessage {
  readonly kind: "status" | "alert";
  readonly text: string;
}

/** Who an outcome is about, as the page knows it: "GitHub (owner.github@example.com)". */
export interface OutcomeSubject {
  /** e.g. "GitHub", in the page's language (`connectionName` of ../i18n); absent when unknown. */
  readonly connectionName?: string;
  /** e.g. the identity's email; absent when unknown. */
  readonly detail?: string;
}

let english: Localization | undefined;

/** English, built once: what every caller that names no language gets (`readSettingsNotice` too). */
export function defaultLocalization(): Localization {
  return (english ??= localize());
}

function params(subject: OutcomeSubject, retryAfterSeconds: number | undefined, localization: Localization): OutcomeParams {
  return {
    ...(subject.connectionName ? { connection: subject.connectionName } : {}),
    ...(subject.detail ? { account: subject.detail } : {}),
    wait: waitSentence(localization.messages, localization.format, retryAfterSeconds),
  };
}

/**
 * The sentence for a link outcome, in `localization`'s language (default English).
 * @example linkOutcomeMessage("cancelled", {}, undefined, localize("de")).text
 */
export function linkOutcomeMessage(code: LinkOutcomeCode, subject: OutcomeSubject = {}, retryAfterSeconds?: number, localization: Localization = defaultLocalization()): OutcomeMessage {
  const kind = code === "linked" || code === "linked_metadata_pending" ? "status" : "alert";
  return { kind, text: localization.messages.link[code](params(subject, retryAfterSeconds, localization)) };
}

/** The sentence for an unlink outcome, in `localization`'s language (default English). */
export function unlinkOutcomeMessage(code: UnlinkOutcomeCode, subject: OutcomeSubject = {}, retryAfterSeconds?: number, localization: Localization = defaultLocalization()): OutcomeMessage {
  return { kind: code === "unlinked" ? "status" : "alert", text: localization.messages.unlink[code](params(subject, retryAfterSeconds, localization)) };
}
