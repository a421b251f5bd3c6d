/**
 * Reads the outcome a linking route redirected to Settings with. Only known
 * codes are accepted; the identity is looked up in the user's own identities
 * (never echoed from the URL); the wait is a bounded integer.
 */
import { connectionName, type Localization } from "../i18n";
import { connectionDisplayName, identityId } from "../management/identities";
import type { Identity } from "../management/types";
import { defaultLocalization, linkOutcomeMessage, unlinkOutcomeMessage, type OutcomeMessage, type OutcomeSubject } from "./messages";
import { isLinkOutcomeCode, isUnlinkOutcomeCode } from "./outcomes";
import { parseIdentityId } from "../management/identities";
import { retrySeconds, singleParam } from "./query-params";

/** What Settings shows after a redirect: a message, and whether it concerns a link or an unlink. */
export interface SettingsNotice extends OutcomeMessage {
  readonly about: "link" | "unlink";
}

type Params = Readonly<Record<string, string | string[] | undefined>>;

/** The identity the URL names, and whether the user's list holds it. */
function subjectFor(raw: string | undefined, identities: readonly Identity[], localization: Localization): OutcomeSubject & { listed: boolean } {
  const parsed = parseIdentityId(raw);
  if (!parsed) return { listed: false };
  const match = identities.find((identity) => identityId(identity) === `${parsed.provider}|${parsed.userId}`);
  if (match) {
    const detail = match.profileData?.email ?? match.profileData?.name;
    return { listed: true, connectionName: connectionName(localization.messages, match.connection, match.provider), ...(detail ? { detail } : {}) };
  }
  // Gone from the list (unlinked): the provider's display name is ours, not the URL's text (an unknown provider is not named).
  if (connectionDisplayName(parsed.provider, parsed.provider) === parsed.provider) return { listed: false };
  return { listed: false, connectionName: connectionName(localization.messages, parsed.provider, parsed.provider) };
}

/** What Settings knows besides its URL and the identity list. */
export interface SettingsNoticeProof {
  /**
   * The identity the unlink route confirmed it just unlinked for this user
   * (`LinkedAccountsData.unlinkedIdentity`, from `AccountLinking.unlinkedIdentity`);
   * without it, `unlink=unlinked` is never announced.
   */
  readonly unlinkedIdentity?: string | null;
}

/** Whether the URL's identity is the one the unlink route vouched for. */
function isConfirmedUnlink(raw: string | undefined, confirmed: string | null | undefined): boolean {
  const parsed = parseIdentityId(raw);
  return parsed !== null && typeof confirmed === "string" && confirmed === `${parsed.provider}|${parsed.userId}`;
}

/**
 * The notice for Settings' search parameters (`link` or `unlink`, `identity`,
 * `retry`), or `null` when there is none or it is not one of ours. A success
 * is announced only when it can be checked: a link when `identities` shows
 * it, an unlink when `proof.unlinkedIdentity` names it and `identities` no
 * longer shows it. The sentence is in `localization`'s language (default English).
 */
export function readSettingsNotice(
  params: Params,
  identities: readonly Identity[],
  proof: SettingsNoticeProof = {},
  localization: Localization = defaultLocalization(),
): SettingsNotice | null {
  const retry = retrySeconds(params["retry"]);
  const { listed, ...subject } = subjectFor(singleParam(params["identity"]), identities, localization);
  const link = singleParam(params["link"]);
  if (isLinkOutcomeCode(link)) {
    // A success is shown only when the list agrees, so a crafted URL cannot announce a link that did not happen.
    if ((link === "linked" || link === "linked_metadata_pending") && !listed) return null;
    return { about: "link", ...linkOutcomeMessage(link, subject, retry, localization) };
  }
  const unlink = singleParam(params["unlink"]);
  if (isUnlinkOutcomeCode(unlink)) {
    // An identity missing from the list may never have been linked: only the unlink route's proof tells.
    if (unlink === "unlinked" && (listed || !isConfirmedUnlink(singleParam(params["identity"]), proof.unlinkedIdentity))) return null;
    return { about: "unlink", ...unlinkOutcomeMessage(unlink, subject, retry, localization) };
  }
  return null;
}
