import type { ManagementError } from "./types";

/**
 * A sentence a person understands for a failed Management API read. Never
 * includes upstream text.
 */
export function readErrorMessage(error: ManagementError): string {
  switch (error.code) {
    case "rate_limited":
      return error.retryAfterSeconds === undefined
        ? "Too many requests right now. Please try again in a moment."
        : `Too many requests right now. Please try again in ${error.retryAfterSeconds} second${error.retryAfterSeconds === 1 ? "" : "s"}.`;
    case "invalid_token":
    case "insufficient_scope":
    case "forbidden":
      // The app's own machine-to-machine token was refused: signing in again would not help.
      if (error.machineToken) return "Your linked accounts could not be loaded right now. Please try again later.";
      return "Your sign-in no longer allows reading your linked accounts. Please sign out and sign in again.";
    case "not_found":
      return "Your account could not be found. Please sign out and sign in again.";
    case "timeout":
    case "tenant_unavailable":
    case "malformed_response":
      return "The sign-in service is not answering right now. Please try again in a few minutes.";
    case "bad_request":
    case "conflict":
      return "Your linked accounts could not be loaded. Please try again.";
  }
}
