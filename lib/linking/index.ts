/**
 * Self-service account linking for Next.js apps on Auth0: the public API.
 *
 * - {@link createAccountLinking}: route handlers for starting a link, its
 *   callback, and unlinking.
 * - {@link readSettingsNotice}: turns the outcome a route redirected with into
 *   a sentence for the Settings page.
 */
export { createAccountLinking, type AccountLinking } from "./account-linking";
export type { AccountLinkingOptions, PrimarySession } from "./options";
export type { TenantOptions } from "./tenant";
export type { LinkMode } from "./management-access";
export { LINK_OUTCOMES, UNLINK_OUTCOMES, type LinkOutcomeCode, type Outcome, type UnlinkOutcomeCode } from "./outcomes";
export { linkOutcomeMessage, unlinkOutcomeMessage, type OutcomeMessage, type OutcomeSubject } from "./messages";
export { parseIdentityId } from "./unlink-identity";
export { readSettingsNotice, type SettingsNotice } from "./settings-notice";
