/**
 * The link call itself, after every check of the callback has passed, and
 * what its answer (or the lack of one) means: shared by the link from
 * Settings (./finish-link) and the link at sign-in (./prompt). The caches
 * follow the answer at once; a call whose outcome is unknown is never
 * repeated (after a lost 201 a second POST answers 409): the primary is read instead.
 */
import type { Identity, ManagementError, ManagementErrorCode } from "../management/types";
import { commonFailure } from "./common-failure";
import type { ManagementCalls, VerifiedSecondary } from "./management-access";
import type { LinkingContext } from "./options";
import type { LinkOutcomeCode, Outcome } from "./outcomes";
import { identityPresent, outcomeUnknown } from "./reconcile";

/** A link's outcome; `outcomeUnknown`: the link call's failure that left it unknown (for the log); `ownerConnection`: the primary's root connection, from the answer. */
export type LinkOutcome = Outcome<LinkOutcomeCode> & { readonly outcomeUnknown?: ManagementErrorCode; readonly ownerConnection?: string };

/**
 * Links `secondary` into `primarySub` with `calls` (the mode's token), and
 * says how it ended. `primarySub` is never input: the session's own user, or
 * the account the second login just proved (./prompt).
 */
export async function linkAccount(context: LinkingContext, calls: ManagementCalls, primarySub: string, secondary: VerifiedSecondary): Promise<LinkOutcome> {
  const linked = await calls.link(primarySub, secondary);
  if (linked.ok) {
    await context.userCache?.updateIdentities(primarySub, linked.value);
    // The identities changed: the next Settings view looks for suggestions again (a refusal changes nothing, and spends no look-up).
    await context.suggestions?.forget(primarySub);
    const connection = linked.value[0]?.connection;
    return { ...linkedOutcome(linked.value, secondary.sub), ...(connection ? { ownerConnection: connection } : {}) };
  }
  // The identities may have changed: Settings reads them afresh.
  await context.userCache?.delete(primarySub);
  if (outcomeUnknown(linked.error)) return reconcileUnknownLink(context, calls, primarySub, secondary.sub, linked.error);
  return linked.error.code === "conflict" ? { code: "identity_in_use", identity: secondary.sub } : commonFailure(linked.error);
}

/**
 * The link call ended without saying whether the tenant linked (no answer, a
 * 5xx, an unreadable 201: see ./reconcile). It is never repeated, since after
 * a lost 201 a second POST answers 409; the primary user is read instead.
 * `linked` when the identity is there; `tenant_unavailable` ("nothing was
 * changed") when it is not; `unconfirmed` when the read fails too, so nothing
 * is claimed either way.
 */
async function reconcileUnknownLink(context: LinkingContext, calls: ManagementCalls, primarySub: string, secondarySub: string, error: ManagementError): Promise<LinkOutcome> {
  const present = await identityPresent(context, calls, primarySub, secondarySub);
  if (present === null) return { code: "unconfirmed", identity: secondarySub, outcomeUnknown: error.code };
  if (!present) return { code: "tenant_unavailable", outcomeUnknown: error.code };
  context.logger.info("link.outcome_recovered", { sub: primarySub, secondary: secondarySub, link_error: error.code, status: error.status });
  await context.suggestions?.forget(primarySub);
  return { code: "linked", identity: secondarySub, outcomeUnknown: error.code };
}

function linkedOutcome(identities: readonly Identity[], secondarySub: string): LinkOutcome {
  const present = identities.some((identity) => `${identity.provider}|${identity.user_id}` === secondarySub);
  return present ? { code: "linked", identity: secondarySub } : { code: "linked" };
}
