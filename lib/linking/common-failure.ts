/**
 * A Management API failure as one of the outcomes the link and unlink routes
 * (and the connection check) report alike. Apart from lib/linking/upstream.ts
 * because it needs nothing of the linking context, so that the connection
 * check, which the options build, can use it without an import circle.
 */
import type { ManagementError } from "../management/types";

/** Failures both flows report the same way. */
export type CommonFailure =
  | { readonly code: "rate_limited"; readonly retryAfterSeconds?: number }
  | { readonly code: "tenant_unavailable" }
  | { readonly code: "auth0_refused" };

/** A Management API error as a common outcome (status decides, never message text). */
export function commonFailure(error: ManagementError): CommonFailure {
  switch (error.code) {
    case "rate_limited":
      return { code: "rate_limited", ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }) };
    case "timeout":
    case "tenant_unavailable":
    case "malformed_response":
      return { code: "tenant_unavailable" };
    default:
      return { code: "auth0_refused" };
  }
}
