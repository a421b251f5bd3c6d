/**
 * The linking library's options from the app's validated settings: the one
 * mapping from {@link AppConfig} to {@link AccountLinkingOptions}, used by
 * `createServices` and by tests that start from the app's own composition.
 */
import type { Auth0Client } from "@auth0/nextjs-auth0/server";
import { hkdfSync } from "node:crypto";
import type { AppConfig } from "../config/app-config";
import type { LocaleOptions } from "../i18n";
import type { AccountLinkingOptions } from "../linking";
import { createFileRecoveryStore, type MetadataRecoveryStore } from "../linking/metadata-recovery";
import type { SharedState } from "../shared-state";
import { createRedisRecoveryStore } from "../shared-state/recovery-store";
import type { MachineTokenSource } from "../management/machine-token";

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
    /** With REDIS_URL: the replay guard and the recovery records are in Redis (records in the directory only when Redis cannot take one). */
    readonly shared?: SharedState | null;
    /** The setup's `locale` and `messages`. */
    readonly localeOptions?: LocaleOptions;
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
    // Shared by every instance with REDIS_URL; else the library's default, in this process's memory.
    ...(parts.shared ? { replays: parts.shared.replays } : {}),
    ...(merge && parts.machineToken
      ? { mergeMetadata: { machineToken: parts.machineToken, recovery: recoveryStore(merge, parts.shared ?? null, parts.logger) } }
      : {}),
    // Without a machine token, server_side mode fails at once (resolveOptions) rather than quietly linking another way.
    ...(config.linking.mode === "server_side" ? { mode: "server_side" } : {}),
    // In link_with mode too: it learns the strategy of an offered connection not named after it (read:connections).
    ...(parts.machineToken ? { machineToken: parts.machineToken } : {}),
    logger: parts.logger,
    ...(parts.localeOptions ? { localeOptions: parts.localeOptions } : {}),
  };
}

/** Where metadata waits: Redis when the instances share one (never lost with an instance), else the directory. */
function recoveryStore(merge: NonNullable<AppConfig["linking"]["mergeMetadata"]>, shared: SharedState | null, logger: AccountLinkingOptions["logger"]): MetadataRecoveryStore {
  const files = createFileRecoveryStore({ directory: merge.recoveryDirectory });
  if (!shared) return files;
  return createRedisRecoveryStore({ connection: shared.connection, keyPrefix: shared.keyPrefix, fallback: files, logger, retentionSeconds: merge.recoveryRetentionDays * 86_400 });
}

/** A key for the linking transaction cookie, derived from AUTH0_SECRET so it never equals the session's key. */
function transactionSecret(secret: string): string {
  return Buffer.from(hkdfSync("sha256", secret, "", "account-linking transaction cookie", 32)).toString("hex");
}
