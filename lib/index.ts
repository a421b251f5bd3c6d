/**
 * `auth0-account-linking`: self-service account linking for Next.js (App
 * Router) apps that sign users in with `@auth0/nextjs-auth0` v4. Server-side
 * only; the UI is `auth0-account-linking/ui`, its stylesheet
 * `auth0-account-linking/styles.css`, and the local Auth0 tenant for tests
 * `auth0-account-linking/local-tenant`.
 *
 * The common case is two calls: {@link linkingAuth0Options} on the app's
 * `Auth0Client`, and {@link setupAccountLinking} (its `locale` and `messages`
 * options word the UI; {@link Messages} is the catalog's type). The building blocks below
 * them ({@link createAccountLinking}, {@link createManagementClient},
 * {@link loadLinkedAccounts}, {@link readSettingsNotice}) are for apps that
 * compose their own.
 *
 * @see https://auth0.com/docs/manage-users/user-accounts/user-account-linking
 * @packageDocumentation
 */

// The common case.
export { setupAccountLinking, type SetupAccountLinkingOptions } from "./setup/setup-account-linking";
export type { AccountLinkingSetup } from "./setup/mount";
export type { LinkingRoutes } from "./setup/routes";
export type { LinkedAccountsData } from "./settings/linked-accounts-data";
export type { Services as AccountLinkingServices } from "./setup/services";
export { PRIMARY_LOGIN_SCOPE, SERVER_SIDE_LOGIN_SCOPE, keepSignInTime, linkingAuth0Options, type LinkingAuth0Options } from "./session/auth0-options";
export { shouldRollSession } from "./session/rolling";
export type { AppConfig } from "./config/app-config";
export { ConfigError, loadConfig } from "./config/load-config";
export { validateConfigOrExit } from "./config/startup-check";

// Words: the message catalog, its languages, and the locale choice.
export {
  DEFAULT_LOCALE,
  SHIPPED_MESSAGES,
  chooseLocale,
  connectionName,
  localize,
  negotiateLocale,
  type Formatter,
  type LocaleChoice,
  type LocaleOptions,
  type Localization,
  type MessageOverrides,
  type Messages,
  type OutcomeParams,
  type OutcomeText,
  type PartialMessages,
  type Plural,
  type ReadErrorCase,
  type SignInParams,
} from "./i18n";

// Building blocks: route handlers, the Management API, the Settings page's data.
export {
  LINK_OUTCOMES,
  UNLINK_OUTCOMES,
  createAccountLinking,
  createFileRecoveryStore,
  isLinkOutcomeCode,
  isUnlinkOutcomeCode,
  linkOutcomeMessage,
  metadataPatch,
  parseIdentityId,
  readSettingsNotice,
  unlinkOutcomeMessage,
  type AccountLinking,
  type AccountLinkingOptions,
  type FileRecoveryStoreOptions,
  type LinkMode,
  type LinkOutcomeCode,
  type MetadataMergeOptions,
  type MetadataRecoveryRecord,
  type MetadataRecoveryStore,
  type SuggestionLookup,
  type UserMetadata,
  type Outcome,
  type OutcomeMessage,
  type OutcomeSubject,
  type PrimarySession,
  type SettingsNotice,
  type SettingsNoticeProof,
  type TenantOptions,
  type UnlinkOutcomeCode,
  PROMPT_METADATA_KEY,
  PROMPT_OUTCOMES,
  isPromptOutcomeCode,
  type LinkPromptData,
  type LinkPromptView,
  type PromptOptions,
  type PromptOutcomeCode,
  type PromptSignInView,
} from "./linking";
export { createManagementClient, type ManagementClient, type ManagementClientOptions } from "./management/client";
export { readErrorMessage } from "./management/messages";
export type { Identity, ManagementError, ManagementErrorCode, ManagementResult, ManagementUser } from "./management/types";
export { createUserCache, processUserCache, type UserCache, type UserCacheOptions } from "./management/user-cache";
export { loadLinkedAccounts, type LinkedAccountsSource } from "./settings/load-linked-accounts";
export { createAccountSuggestions, type AccountSuggestions, type AccountSuggestionsOptions, type SuggestedAccount } from "./settings/suggest-accounts";
export { createSuggestionCache, processSuggestionCache, type LookupGrant, type SuggestionCache, type SuggestionCacheOptions } from "./settings/suggestion-cache";
export { DEFAULT_SUGGESTION_TRUSTED_CONNECTIONS } from "./settings/trusted-connections";
export { createMachineTokenSource, type MachineTokenOptions, type MachineTokenSource } from "./management/machine-token";
export { refreshAccessTokenForPages, type RefreshAccessTokenOptions } from "./session/token-refresh";
export {
  createAttemptThrottle,
  type AttemptThrottle,
  type AttemptThrottleSettings,
  type ClosableThrottle,
  type ThrottleDecision,
} from "./throttle";
export {
  createRedisConnection,
  createRedisReplayGuard,
  createRedisSuggestionCache,
  createRedisUserCache,
  sharedState,
  withLocalSuggestionCache,
  withLocalUserCache,
  RedisPackageMissingError,
  RedisUnavailableError,
  type RedisConnection,
  type RedisConnectionOptions,
  type SharedState,
  type SharedStateSettings,
} from "./shared-state";
export { createRedisRecoveryStore, DEFAULT_RECOVERY_RETENTION_SECONDS, type RedisRecoveryStoreOptions } from "./shared-state/recovery-store";
export { createMemoryReplayGuard, type ReplayGuard } from "./linking/transaction";
export { consoleLogger, type LogFields, type Logger } from "./util/log";
