/**
 * The options of the link at sign-in (`AccountLinkingOptions.prompt`) and
 * what they resolve to once: the page's path, the machine token's calls, the
 * connections whose verified emails are trusted, and the prompt cookie's key.
 */
import type { SessionRevocations } from "../../session/revocations";
import type { Logger } from "../../util/log";
import type { ManagementClient } from "../../management/client";
import type { MachineTokenSource } from "../../management/machine-token";
import { DEFAULT_SUGGESTION_TRUSTED_CONNECTIONS } from "../../settings/trusted-connections";
import { createManagementAccess, withMachineToken, type MachineCall, type ManagementAccess } from "../management-access";

/** Options for the link at sign-in (see ./index). */
export interface PromptOptions {
  /**
   * Where the app shows the prompt: the path of the page made with
   * `linkPromptPage` (`auth0-account-linking/ui`), e.g. `/link-accounts`.
   */
  readonly page: string;
  /**
   * A machine-to-machine application's tokens, granted `read:users` (to find
   * the existing account: no user token can read other users) and
   * `update:users` (the link, and "Keep separate" in `app_metadata`).
   */
  readonly machineToken: MachineTokenSource;
  /**
   * Connections whose `email_verified` is trusted: only a sign-in on one of
   * these is looked up by its email, as for Settings' suggestions; default
   * `DEFAULT_SUGGESTION_TRUSTED_CONNECTIONS`.
   */
  readonly trustedConnections?: readonly string[];
  /**
   * "Sessions valid after" marks (lib/session/revocations): after a link, the
   * sessions of the user linked away, in any browser, are ended (the proxy
   * signs them out). Default: none (only this browser's session ends).
   */
  readonly revocations?: SessionRevocations;
  /**
   * The longest a sign-in waits for the look-up, in ms; default 2000. A slower
   * one (a tenant that hangs: each call has its own deadline and a retry) lets
   * the sign-in go on without the prompt.
   */
  readonly waitMs?: number;
}

/** {@link PromptOptions}, resolved. */
export interface PromptContext {
  /** The page's path (a safe, same-origin path). */
  readonly page: string;
  /** Runs a Management API call with the machine token (a rejected token is renewed once). */
  readonly asMachine: MachineCall;
  /** The link's calls: server-side, with the machine token, whatever the app's mode (./finish-prompt says why). */
  readonly access: ManagementAccess;
  readonly trustedConnections: ReadonlySet<string>;
  readonly revocations: SessionRevocations | null;
  readonly waitMs: number;
}

/** Resolves {@link PromptOptions}. @throws {Error} when `page` is not a path of the app. */
export function resolvePromptOptions(options: PromptOptions, parts: { readonly management: ManagementClient; readonly logger: Logger }): PromptContext {
  const { management, logger } = parts;
  if (!/^\/[A-Za-z0-9/_-]*$/.test(options.page) || options.page.startsWith("//")) {
    throw new Error(`The link prompt's page must be a path of the app, e.g. "/link-accounts" (got "${options.page}").`);
  }
  return {
    page: options.page,
    asMachine: withMachineToken(options.machineToken, logger),
    access: createManagementAccess({ mode: "server_side", management, machineToken: options.machineToken, logger }),
    trustedConnections: new Set(options.trustedConnections ?? DEFAULT_SUGGESTION_TRUSTED_CONNECTIONS),
    revocations: options.revocations ?? null,
    waitMs: options.waitMs ?? 2000,
  };
}
