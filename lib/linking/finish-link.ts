/**
 * `GET /link/callback`: finishes the second login and links the account.
 * A `report` or `prompt` transaction goes to its own flow (./report,
 * ./prompt). Guard order: the callback's checks (./callback-checks:
 * transaction, primary session, the tenant's answer, code exchange, ID
 * token) → for a `reauthenticate` transaction,
 * the primary's fresh sign-in and nothing more (./reauthenticate) → the
 * sign-in's connection is the chosen one (./connection-binding) → our own
 * guards → the link (`link_with` with the primary's own token, or in
 * server-side mode `{provider, user_id}` with the machine token; see
 * ./management-access; with the metadata merge around it when enabled:
 * ./merge-metadata) → redirect.
 * The primary session is never replaced: only our transaction cookie changes.
 */
import { NextResponse, type NextRequest } from "next/server";
import type { LinkingContext } from "./options";
import { copyCookies, redirectWithOutcome } from "./responses";
import { checkCallback } from "./callback-checks";
import { linkAccount, type LinkOutcome } from "./link-account";
import { finishReport } from "./report/finish-report";
import { finishPrompt } from "./prompt/finish-prompt";
import { noticeAfterResponse } from "./report/notice";
import { linkWithMetadataMerge } from "./merge-metadata";
import { signedInAsOtherThanSuggested } from "./suggested-link";
import { checkSignInConnection } from "./connection-binding";
import { finishReauthentication, redirectToContinueLink } from "./reauthenticate";
import { openManagement } from "./upstream";
import type { ManagementCalls } from "./management-access";
import { deleteTransactionCookie, isWellFormedState, transactionCookieName, unsealTransaction, type LinkTransaction } from "./transaction";

/** What the callback decides: a link outcome, or (for a `reauthenticate` transaction) the primary signed in again. */
type CallbackOutcome = LinkOutcome | { readonly code: "reauthenticated"; readonly identity?: undefined; readonly outcomeUnknown?: undefined };

/** Handles `GET /link/callback?code&state` (or `?error&state`). */
export async function finishLink(context: LinkingContext, request: NextRequest): Promise<NextResponse> {
  const started = performance.now();
  const params = request.nextUrl.searchParams;
  const state = params.get("state");
  const sessionCarrier = new NextResponse();
  let returnTo = context.settingsPath;
  let outcome: CallbackOutcome;
  let transaction: LinkTransaction | null = null;

  if (!isWellFormedState(state)) {
    outcome = { code: "transaction_invalid" };
  } else {
    transaction = await unsealTransaction(request.cookies.get(transactionCookieName(state))?.value, context.transaction);
    // The owner signing in again after "This wasn't me": a flow of its own, with no app session (./report).
    if (transaction?.purpose === "report" && transaction.state === state && context.report) return finishReport(context, context.report, params, state, transaction);
    // "Link accounts" at sign-in: the new sign-in is linked into the account just signed in as (./prompt).
    if (transaction?.purpose === "prompt" && transaction.state === state && context.prompt) return finishPrompt(context, context.prompt, request, params, state, transaction);
    outcome = await decide(context, request, params, state, transaction, sessionCarrier);
    if (transaction?.state === state) returnTo = transaction.returnTo;
  }

  log(context, outcome, transaction, params, Math.round(performance.now() - started));
  const redirect = outcome.code === "reauthenticated" && transaction ? redirectToContinueLink(context, transaction) : redirectWithOutcome(context, returnTo, "link", outcome as LinkOutcome);
  const response = copyCookies(sessionCarrier, redirect);
  response.headers.set("cache-control", "no-store");
  // Single use: the transaction is gone whatever the outcome.
  if (isWellFormedState(state)) response.headers.append("set-cookie", deleteTransactionCookie(state, context.transaction));
  return response;
}

async function decide(
  context: LinkingContext,
  request: NextRequest,
  params: URLSearchParams,
  state: string,
  transaction: LinkTransaction | null,
  sessionCarrier: NextResponse,
): Promise<CallbackOutcome> {
  const checked = await checkCallback(context, request, params, state, transaction);
  if (!checked.ok || !transaction) return { code: checked.ok ? "transaction_invalid" : checked.code };
  const { session, secondary, idToken } = checked;
  if (transaction.purpose === "reauthenticate") return finishReauthentication(context, request, session, transaction, secondary, sessionCarrier);
  // The primary's own sub comes back for a sign-in already linked to it too: ./signedInAsPrimary tells which, below.
  if (secondary.sub !== transaction.primarySub) {
    const refused = await checkSignInConnection(context, transaction.primarySub, transaction.connection, secondary.sub);
    if (refused) return refused;
  }
  if (signedInAsOtherThanSuggested(context, transaction, secondary.sub)) return { code: "different_account" };

  const calls = await openManagement(context, request, sessionCarrier, "link.no_access_token");
  if (calls === null) return { code: "session_expired" };
  if (secondary.sub === transaction.primarySub) return signedInAsPrimary(calls, transaction);
  if (!secondary.emailVerified && !context.allowUnverifiedEmails) return { code: "email_unverified", identity: secondary.sub };

  const link = (): Promise<LinkOutcome> => linkAccount(context, calls, transaction.primarySub, { idToken, sub: secondary.sub });
  // Opt-in: reads both users before the link and PATCHes the primary only after it succeeded (./merge-metadata).
  const outcome = await (context.mergeMetadata ? linkWithMetadataMerge(context, context.mergeMetadata, transaction.primarySub, secondary.sub, link) : link());
  // A way into the account was added (also one recovered after a lost answer): its owner hears of it, after the response.
  if (outcome.code === "linked" || outcome.code === "linked_metadata_pending") {
    noticeAfterResponse(context, request, {
      kind: "linked",
      user: session.user,
      identity: { id: secondary.sub, ...(secondary.email ? { detail: secondary.email } : {}) },
      ...("ownerConnection" in outcome && outcome.ownerConnection ? { ownerConnection: outcome.ownerConnection } : await ownerConnection(context, transaction.primarySub)),
    });
  }
  return outcome;
}

/** The owner's own connection (their root identity's, as the cache now holds it), for their sign-in after "This wasn't me". */
async function ownerConnection(context: LinkingContext, sub: string): Promise<{ ownerConnection?: string }> {
  const connection = (await context.userCache?.get(sub))?.identities[0]?.connection;
  return connection ? { ownerConnection: connection } : {};
}

/**
 * The second login returned the primary's own `sub`: the person signed in with
 * the account they use, or with one already linked to it (a linked identity
 * signs in as the primary). Only the identity list tells which; this read
 * happens on this refusal path only, never on a successful link.
 */
async function signedInAsPrimary(calls: ManagementCalls, transaction: LinkTransaction): Promise<LinkOutcome> {
  const user = await calls.getUser(transaction.primarySub);
  const linked = user.ok ? user.value.identities.slice(1).find((identity) => identity.connection === transaction.connection) : undefined;
  return linked ? { code: "already_linked", identity: `${linked.provider}|${linked.user_id}` } : { code: "same_account" };
}

function log(context: LinkingContext, outcome: CallbackOutcome, transaction: LinkTransaction | null, params: URLSearchParams, durationMs: number): void {
  const fields = {
    outcome: outcome.code,
    duration_ms: durationMs,
    sub: transaction?.primarySub,
    connection: transaction?.connection,
    secondary: outcome.identity,
    outcome_unknown: outcome.outcomeUnknown,
    // The tenant's error code only (a short token), never its description.
    tenant_error: params.get("error")?.slice(0, 64),
  };
  if (outcome.code === "linked" || outcome.code === "reauthenticated") context.logger.info("link.finished", fields);
  else context.logger.warn("link.finished", fields);
}
