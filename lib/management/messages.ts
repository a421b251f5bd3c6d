import { localize, waitSentence, type Localization, type ReadErrorCase } from "../i18n";
import type { ManagementError } from "./types";

/** Which sentence a failed read gets. */
function readErrorCase(error: ManagementError): ReadErrorCase {
  switch (error.code) {
    case "rate_limited":
      return "rate_limited";
    case "invalid_token":
    case "insufficient_scope":
    case "forbidden":
      // The app's own machine-to-machine token was refused: signing in again would not help.
      return error.machineToken ? "app_refused" : "session_refused";
    case "not_found":
      return "not_found";
    case "timeout":
    case "tenant_unavailable":
    case "malformed_response":
      return "unavailable";
    case "bad_request":
    case "conflict":
      return "failed";
  }
}

let english: Localization | undefined;

/**
 * A sentence a person understands for a failed Management API read, in
 * `localization`'s language (default English). Never includes upstream text.
 */
export function readErrorMessage(error: ManagementError, localization: Localization = (english ??= localize())): string {
  const { messages, format } = localization;
  const wait = error.code === "rate_limited" && error.retryAfterSeconds !== undefined ? waitSentence(messages, format, error.retryAfterSeconds) : undefined;
  return messages.readError[readErrorCase(error)](wait === undefined ? {} : { wait });
}
