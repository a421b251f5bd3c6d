/**
 * What the "This wasn't me" flow needs besides the linking context: the key
 * its tokens are sealed with, the machine-to-machine token that unlinks and
 * revokes (no session of the owner's exists in the browser that opens the
 * email), the app's session marks, and where its page is.
 */
import { hkdfSync } from "node:crypto";
import type { MachineTokenSource } from "../../management/machine-token";
import type { SessionRevocations } from "../../session/revocations";
import type { ReportTokenOptions } from "./report-token";

/** Options for the flow (`AccountLinkingOptions.report`). */
export interface ReportOptions {
  /**
   * The machine-to-machine tokens: `read:users update:users` (to unlink the
   * reported sign-in), `delete:sessions` and `delete:refresh_tokens` (to end
   * the owner's Auth0 sessions and refresh tokens). `null`: the page says the
   * app cannot secure the account from here, and what to do instead.
   */
  readonly machineToken: MachineTokenSource | null;
  /** Where the app's sessions are ended ("sessions valid after" marks). */
  readonly revocations: SessionRevocations;
  /** The page's path; default `/link/report` (served by the catch-all route). */
  readonly path?: string;
}

/** The flow's resolved options, in {@link LinkingContext.report}. */
export interface ReportContext {
  readonly machineToken: MachineTokenSource | null;
  readonly revocations: SessionRevocations;
  readonly path: string;
  /** Seals and opens report tokens, under a key derived from the transaction secret (never the same key). */
  readonly tokens: ReportTokenOptions;
}

/** Resolves {@link ReportOptions} with the linking library's secret and clock. */
export function resolveReportOptions(options: ReportOptions, transactionSecret: string, now: () => number): ReportContext {
  return {
    machineToken: options.machineToken,
    revocations: options.revocations,
    path: options.path ?? "/link/report",
    tokens: { secret: Buffer.from(hkdfSync("sha256", transactionSecret, "", "account-linking report token", 32)).toString("hex"), now },
  };
}
