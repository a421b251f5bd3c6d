/**
 * Self-service account linking for Next.js apps on Auth0: the public API.
 *
 * - {@link createAccountLinking}: route handlers for starting a link, its
 *   callback, and unlinking.
 * - {@link readSettingsNotice}: turns the outcome a route redirected with into
 *   a sentence for the Settings page.
 * - {@link createFileRecoveryStore}, {@link metadataPatch}: the opt-in
 *   metadata merge (option `mergeMetadata`).
 */
export { createAccountLinking, type AccountLinking } from "./account-linking";
export type { AccountLinkingOptions, MetadataMergeOptions, PrimarySession } from "./options";
export { createFileRecoveryStore, type FileRecoveryStoreOptions, type MetadataRecoveryRecord, type MetadataRecoveryStore } from "./metadata-recovery";
export { metadataPatch, type UserMetadata } from "./metadata-patch";
export type { TenantOptions } from "./tenant";
export { LINK_OUTCOMES, UNLINK_OUTCOMES, type LinkOutcomeCode, type Outcome, type UnlinkOutcomeCode } from "./outcomes";
export { linkOutcomeMessage, unlinkOutcomeMessage, type OutcomeMessage, type OutcomeSubject } from "./messages";
export { parseIdentityId } from "./unlink-identity";
export { readSettingsNotice, type SettingsNotice } from "./settings-notice";
