/**
 * The composition root: builds the app's services once from the validated
 * configuration. Lazy, so that importing a page never reads the environment
 * before a request needs it. The package's `setupAccountLinking` builds on
 * {@link createServices} too, so an embedding app is composed exactly as this one.
 */
import type { Auth0Client } from "@auth0/nextjs-auth0/server";
import { hkdfSync } from "node:crypto";
import { accountLinkingFrom, type AccountLinkingSetup } from "./mount";
import { createAuth0Client } from "../session/auth0-options";
import { getConfig, type AppConfig } from "../config/load-config";
import { consoleLogger, type Logger } from "../util/log";
import { createAccountLinking, type AccountLinking, type AccountLinkingOptions } from "../linking";
import { createFileRecoveryStore } from "../linking/metadata-recovery";
import { createManagementAccess, type ManagementAccess } from "../linking/management-access";
import { createManagementClient, type ManagementClient } from "../management/client";
import { createMachineTokenSource, type MachineTokenSource } from "../management/machine-token";
import { processUserCache, type UserCache } from "../management/user-cache";
import { createAccountSuggestions, type AccountSuggestions } from "../settings/suggest-accounts";
import { processSuggestionCache } from "../settings/suggestion-cache";
import { createAttemptThrottle, type ClosableThrottle } from "../throttle";

/** Everything a route or page needs to talk to Auth0. */
export interface Services {
  readonly config: AppConfig;
  readonly auth0: Auth0Client;
  readonly management: ManagementClient;
  readonly logger: Logger;
  readonly linking: AccountLinking;
  /** Limits link and unlink attempts per user (in memory, or shared through REDIS_URL). */
  readonly throttle: ClosableThrottle;
  /** Management API tokens of the machine-to-machine client (AUTH0_M2M_*), or `null` when none is configured. Server-side only. */
  readonly machineToken: MachineTokenSource | null;
  /** Which token Settings' read carries: the user's own, or the machine token in server-side mode (LINK_MODE). */
  readonly managementAccess: ManagementAccess;
  /** Users as Settings shows them, for 30 s, one cache per process; link and unlink update it at once. */
  readonly userCache: UserCache;
  /** Accounts Settings suggests linking (same verified email), looked up with the machine token, cached and budgeted per process; none without a machine client. */
  readonly suggestions: AccountSuggestions;
}

let services: Services | undefined;

/** The process-wide services, built on first use from `process.env` (see lib/config/load-config.ts). */
export function getServices(): Services {
  services ??= createServices(getConfig());
  return services;
}

/**
 * This app's account linking: the same {@link AccountLinkingSetup} an
 * embedding app gets from `setupAccountLinking`, over {@link getServices}.
 */
export const accountLinking: AccountLinkingSetup = accountLinkingFrom(getServices);

/** Options for {@link createServices}. */
export interface CreateServicesOptions {
  /** The app's own SDK client; default one built by `createAuth0Client(config)`, which has `linkingAuth0Options`. */
  readonly auth0?: Auth0Client;
  /** Default: JSON lines on the console. */
  readonly logger?: Logger;
}

/**
 * Builds everything account linking needs from validated settings: the
 * Management API client, the per-user throttle (Redis when `REDIS_URL` is
 * set), the user cache, the machine-to-machine token source, and the route
 * handlers. Call it once per process (it holds caches and connections).
 * Throws nothing itself; `config` comes from `loadConfig`, which throws a
 * `ConfigError` naming every missing setting.
 * @see https://auth0.com/docs/manage-users/user-accounts/user-account-linking
 */
export function createServices(config: AppConfig, options: CreateServicesOptions = {}): Services {
  const logger = options.logger ?? consoleLogger;
  const auth0 = options.auth0 ?? createAuth0Client(config);
  const management = createManagementClient({ baseUrl: config.auth0.managementAudience, logger, timeoutMs: config.auth0.httpTimeoutMs });
  const throttle = createAttemptThrottle(config.throttle, logger);
  // Shared by every page and route of the process (see processUserCache).
  const userCache = processUserCache({ ttlMs: 30_000, maxEntries: 1000 });
  const machineClient = config.auth0.machineClient;
  const machineToken = machineClient
    ? createMachineTokenSource({
        tenantOrigin: config.auth0.origin,
        clientId: machineClient.clientId,
        clientSecret: machineClient.clientSecret,
        audience: config.auth0.managementAudience,
        logger,
        timeoutMs: config.auth0.httpTimeoutMs,
      })
    : null;
  const suggestions = createAccountSuggestions({
    management,
    machineToken,
    // Shared by every page and route of the process, like the user cache.
    cache: processSuggestionCache({ ttlMs: 300_000, failureTtlMs: 60_000, maxEntries: 1000, lookupsPerMinute: 30, lookupsPerUserPerMinute: 3 }),
    connections: config.linking.connections,
    trustedConnections: config.linking.suggestionTrustedConnections,
    logger,
  });
  return {
    config,
    auth0,
    management,
    logger,
    throttle,
    userCache,
    machineToken,
    managementAccess: createManagementAccess({ mode: config.linking.mode, management, machineToken, logger }),
    suggestions,
    linking: createAccountLinking(linkingOptions(config, { auth0, management, throttle, userCache, suggestions, logger, machineToken })),
  };
}

/**
 * The linking library's options as this app composes them from its settings.
 * Exported so that tests (and teams embedding the library) can start from the
 * app's own composition and change one option.
 * @throws {Error} when the settings turn the metadata merge on and `parts` has no `machineToken`.
 */
export function linkingOptions(
  config: AppConfig,
  parts: Pick<AccountLinkingOptions, "management" | "throttle" | "userCache" | "suggestions" | "logger"> & {
    readonly auth0: Auth0Client;
    /** Required when LINK_MODE is `server_side`. */
    readonly machineToken?: MachineTokenSource | null;
  },
): AccountLinkingOptions {
  const merge = config.linking.mergeMetadata;
  // Never quietly drop the merge the settings ask for: that would lose metadata.
  if (merge && !parts.machineToken) throw new Error("LINK_MERGE_METADATA=true needs the machine-to-machine token source (AUTH0_M2M_CLIENT_ID/SECRET).");
  return {
    session: parts.auth0,
    management: parts.management,
    tenant: {
      origin: config.auth0.origin,
      clientId: config.auth0.clientId,
      clientSecret: config.auth0.clientSecret,
      allowInsecureRequests: config.auth0.isLocalTenant,
    },
    appBaseUrl: config.appBaseUrl,
    transactionSecret: transactionSecret(config.auth0.secret),
    connections: config.linking.connections,
    allowUnverifiedEmails: config.linking.allowUnverifiedEmails,
    timeoutMs: config.auth0.httpTimeoutMs,
    unlinkMaxSignInAgeSeconds: config.linking.unlinkMaxSignInAgeMinutes * 60,
    linkMaxSignInAgeSeconds: config.linking.linkMaxSignInAgeMinutes * 60,
    ...(parts.throttle ? { throttle: parts.throttle } : {}),
    ...(parts.userCache ? { userCache: parts.userCache } : {}),
    ...(parts.suggestions ? { suggestions: parts.suggestions } : {}),
    ...(merge && parts.machineToken
      ? { mergeMetadata: { machineToken: parts.machineToken, recovery: createFileRecoveryStore({ directory: merge.recoveryDirectory }) } }
      : {}),
    // Without a machine token, server_side mode fails at once (resolveOptions) rather than quietly linking another way.
    ...(config.linking.mode === "server_side" ? { mode: "server_side" } : {}),
    // In link_with mode too: it learns the strategy of an offered connection not named after it (read:connections).
    ...(parts.machineToken ? { machineToken: parts.machineToken } : {}),
    logger: parts.logger,
  };
}

/** A key for the linking transaction cookie, derived from AUTH0_SECRET so it never equals the session's key. */
function transactionSecret(secret: string): string {
  return Buffer.from(hkdfSync("sha256", secret, "", "account-linking transaction cookie", 32)).toString("hex");
}
