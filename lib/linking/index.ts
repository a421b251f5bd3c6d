/**
 * The linking library: route handlers and outcomes. The package's public
 * entry point, lib/index.ts, re-exports what is public from here.
 *
 * - {@link createAccountLinking}: route handlers for starting a link, its
 *   callback, and unlinking.
 * - {@link readSettingsNotice}: turns the outcome a route redirected with into
 *   a sentence for the Settings page.
 * - {@link createFileRecoveryStore}, {@link metadataPatch}: the opt-in
 *   metadata merge (option `mergeMetadata`).
 */
export { createAccountLinking, type AccountLinking } from "./account-linking";
export type { AccountLinkingOptions, MetadataMergeOptions, PrimarySession, SuggestionLookup } from "./options";
export { createFileRecoveryStore, type FileRecoveryStoreOptions, type MetadataRecoveryRecord, type MetadataRecoveryStore } from "./metadata-recovery";
export { metadataPatch, type UserMetadata } from "./metadata-patch";
export type { TenantOptions } from "./tenant";
export type { LinkMode } from "./management-access";
export {
  LINK_OUTCOMES,
  UNLINK_OUTCOMES,
  isLinkOutcomeCode,
  isUnlinkOutcomeCode,
  type LinkOutcomeCode,
  type Outcome,
  type UnlinkOutcomeCode,
} from "./outcomes";
export { linkOutcomeMessage, unlinkOutcomeMessage, type OutcomeMessage, type OutcomeSubject } from "./messages";
export { parseIdentityId } from "../management/identities";
export { readSettingsNotice, type SettingsNotice, type SettingsNoticeProof } from "./settings-notice";
export { PROMPT_METADATA_KEY, PROMPT_OUTCOMES, isPromptOutcomeCode, type LinkPromptData, type LinkPromptView, type PromptOptions, type PromptOutcomeCode, type PromptSignInView } from "./prompt";
export { UNLINKED_COOKIE, UNLINKED_NOTICE_SECONDS, type CookieReader } from "./unlink-notice";
