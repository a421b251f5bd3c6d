/**
 * Everything account linking is built from, once per setup: the Management
 * API client, throttle, caches and route handlers, from validated settings
 * and the app's own SDK client. No process-wide state of its own: the
 * caches it shares between pages and routes are process singletons
 * (lib/util/process-singleton.ts), and the app holds the one setup
 * (`setupAccountLinking` in its own file, e.g. app/account-linking.ts).
 */
import type { Auth0Client } from "@auth0/nextjs-auth0/server";
import type { AppConfig } from "../config/app-config";
import { ConfigError } from "../config/load-config";
import type { PromptOptions } from "../linking/prompt";
import type { LocaleOptions } from "../i18n";
import { consoleLogger, type Logger } from "../util/log";
import { createAccountLinking, type AccountLinking } from "../linking";
import { createManagementAccess, type ManagementAccess } from "../linking/management-access";
import { createManagementClient, type ManagementClient } from "../management/client";
import { createMachineTokenSource, type MachineTokenSource } from "../management/machine-token";
import { processUserCache, type UserCache } from "../management/user-cache";
import { createAccountSuggestions, type AccountSuggestions } from "../settings/suggest-accounts";
import { processSuggestionCache } from "../settings/suggestion-cache";
import { createAttemptThrottle, type ClosableThrottle } from "../throttle";
import { sharedKeyPrefix, sharedState, type SharedState } from "../shared-state";
import { createNotices } from "../notices";
import { processSingleton } from "../util/process-singleton";
import { linkingOptions } from "./linking-options";
import type { NoticeSender } from "../linking/report/notice";
import { processSessionRevocations, type SessionRevocations } from "../session/revocations";

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
  /** What every instance shares through Redis (REDIS_URL), or `null`: each instance keeps its own state. */
  readonly shared: SharedState | null;
  /** The notices of links and unlinks (SMTP_URL, or the app's own `notices`), or `null` when off. */
  readonly notices: NoticeSender | null;
  /** "Sessions valid after" marks: a session of a user begun before theirs is signed out ("This wasn't me"). In Redis with REDIS_URL. */
  readonly sessionRevocations: SessionRevocations;
  /** The setup's `locale` and `messages`, for the Settings page's words. */
  readonly localeOptions?: LocaleOptions;
  /** Closes the throttle and the Redis connection (tests; a process that shuts down). */
  close(): Promise<void>;
}

/**
 * The link at sign-in's options when LINK_PROMPT_AT_SIGN_IN=true (loadConfig
 * has checked the machine client is set), else none.
 * @throws {ConfigError} when the page's path is missing: the prompt would lead nowhere.
 */
function promptOptions(config: AppConfig, machineToken: MachineTokenSource | null, page: string | undefined, revocations: SessionRevocations): { prompt?: PromptOptions } {
  if (!config.linking.promptAtSignIn || !machineToken) return {};
  if (!page) {
    throw new ConfigError([
      'LINK_PROMPT_AT_SIGN_IN=true, but the app has no page for the prompt: add app/link-accounts/page.tsx with `export default linkPromptPage(accountLinking);` (from "auth0-account-linking/ui") and pass `linkPromptPage: "/link-accounts"` to setupAccountLinking, or set LINK_PROMPT_AT_SIGN_IN=false.',
    ]);
  }
  return { prompt: { page, machineToken, trustedConnections: config.linking.suggestionTrustedConnections, revocations } };
}

/** How long Settings serves a user without a Management API read, in ms. */
const USER_TTL_MS = 30_000;

/** Suggested accounts: found ones for 5 minutes, failures for 1; 30 look-ups a minute (per fleet with Redis), 3 of them per person. */
const SUGGESTION_LIMITS = { ttlMs: 300_000, failureTtlMs: 60_000, maxEntries: 1000, lookupsPerMinute: 30, lookupsPerUserPerMinute: 3 };

/** Options for {@link createServices}. */
export interface CreateServicesOptions {
  /** The app's own SDK client, created with `linkingAuth0Options`. */
  readonly auth0: Auth0Client;
  /** Default: JSON lines on the console. */
  readonly logger?: Logger;
  /** Delivers the notices of links and unlinks (see `SetupAccountLinkingOptions.notices`). */
  readonly notices?: NoticeSender;
  /** The setup's `locale` and `messages` (`setupAccountLinking`'s options). */
  readonly localeOptions?: LocaleOptions;
  /** Where the link at sign-in's page is (`setupAccountLinking`'s `linkPromptPage`). */
  readonly linkPromptPage?: string;
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
export function createServices(config: AppConfig, options: CreateServicesOptions): Services {
  const logger = options.logger ?? consoleLogger;
  const { auth0 } = options;
  const management = createManagementClient({ baseUrl: config.auth0.managementAudience, logger, timeoutMs: config.auth0.httpTimeoutMs });
  const shared = config.throttle.redisUrl
    ? sharedState({ redisUrl: config.throttle.redisUrl, tenantOrigin: config.auth0.origin, userTtlMs: USER_TTL_MS, suggestions: SUGGESTION_LIMITS }, logger)
    : null;
  const throttle = createAttemptThrottle(config.throttle, logger, shared?.connection);
  // Shared by every instance through Redis, else by every page and route of the process (see processUserCache).
  const userCache = shared?.userCache ?? processUserCache({ ttlMs: USER_TTL_MS, maxEntries: 1000 });
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
  const sessionRevocations = shared?.sessionRevocations ?? processSessionRevocations();
  // One outbox per process and settings (Next.js gives each route its own copy of these modules).
  const notices: NoticeSender | null =
    options.notices ??
    (config.notices
      ? processSingleton(`notices:${config.notices.smtpUrl}:${shared?.keyPrefix ?? ""}`, () =>
          createNotices({ config: config.notices, logger, redis: shared?.connection ?? null, keyPrefix: shared?.keyPrefix ?? sharedKeyPrefix(config.auth0.origin) }),
        )
      : null);
  const suggestions = createAccountSuggestions({
    management,
    machineToken,
    // Shared by every page and route of the process, like the user cache.
    cache: shared?.suggestionCache ?? processSuggestionCache(SUGGESTION_LIMITS),
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
    shared,
    sessionRevocations,
    notices,
    ...(options.localeOptions ? { localeOptions: options.localeOptions } : {}),
    linking: createAccountLinking({
      ...linkingOptions(config, { auth0, management, throttle, userCache, suggestions, logger, machineToken, shared, ...(options.localeOptions ? { localeOptions: options.localeOptions } : {}) }),
      // "This wasn't me": unlinks and revokes with the machine token (without one, its page says what to do instead).
      report: { machineToken, revocations: sessionRevocations },
      ...promptOptions(config, machineToken, options.linkPromptPage, sessionRevocations),
      ...(notices ? { notices } : {}),
    }),
    async close() {
      await throttle.close();
      await shared?.close();
    },
  };
}
