/**
 * `GET /link/callback`: finishes the second login and links the account.
 * Guard order: transaction (well-formed state, single use, unexpired) →
 * primary session (the same user who started, signed in recently enough when
 * it started) → the tenant's answer → code exchange (oauth4webapi, PKCE) →
 * ID-token verification (jose, RS256) → for a `reauthenticate` transaction,
 * the primary's fresh sign-in and nothing more (./reauthenticate) → the
 * sign-in's connection is the chosen one (./connection-binding) → our own
 * guards → the link (`link_with` with the primary's own token, or in
 * server-side mode `{provider, user_id}` with the machine token; see
 * ./management-access; with the metadata merge around it when enabled:
 * ./merge-metadata) → redirect.
 * The primary session is never replaced: only our transaction cookie changes.
 */
import { NextResponse, type NextRequest } from "next/server";
import type { Identity, ManagementError, ManagementErrorCode } from "../management/types";
import type { LinkingContext } from "./options";
import type { LinkOutcomeCode, Outcome } from "./outcomes";
import { copyCookies, redirectWithOutcome } from "./responses";
import { exchangeCode } from "./code-exchange";
import { finishReport } from "./report/finish-report";
import { noticeAfterResponse } from "./report/notice";
import { linkWithMetadataMerge } from "./merge-metadata";
import { identityPresent, outcomeUnknown } from "./reconcile";
import { signedInAsOtherThanSuggested } from "./suggested-link";
import { checkSignInConnection } from "./connection-binding";
import { finishReauthentication, redirectToContinueLink } from "./reauthenticate";
import { isRecentSignIn, signInAgeSeconds } from "./recent-sign-in";
import { commonFailure } from "./common-failure";
import { openManagement } from "./upstream";
import type { ManagementCalls, VerifiedSecondary } from "./management-access";
import { deleteTransactionCookie, isWellFormedState, transactionCookieName, unsealTransaction, type LinkTransaction } from "./transaction";

/** `outcomeUnknown`: the link call's failure that left its outcome unknown, for the log. */
type LinkOutcome = Outcome<LinkOutcomeCode> & { readonly outcomeUnknown?: ManagementErrorCode; readonly ownerConnection?: string };
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
  if (!transaction || transaction.state !== state) return { code: "transaction_invalid" };
  const now = context.now();
  const expiresAt = transaction.createdAt + context.transaction.ttlSeconds * 1000;
  if (!(await context.replays.use(state, expiresAt + 60_000, now))) return { code: "transaction_invalid" };
  if (now > expiresAt) return { code: "transaction_expired" };

  const session = await context.session.getSession(request);
  if (!session || session.user.sub !== transaction.primarySub) return { code: "wrong_user" };
  // Checked again here: the session may have been replaced by an older one of the same user since the start.
  if (transaction.purpose === undefined && !isRecentSignIn(context, session.user, "link", transaction.createdAt)) {
    context.logger.warn("link.sign_in_too_old", { sub: transaction.primarySub, sign_in_age_seconds: signInAgeSeconds(session.user, transaction.createdAt) ?? undefined });
    return { code: "sign_in_too_old" };
  }

  const error = params.get("error");
  if (error !== null) return { code: error === "access_denied" ? "cancelled" : "provider_error" };

  const exchanged = await exchangeCode(context, params, transaction);
  if (!exchanged.ok) return { code: exchanged.code };
  const verified = await context.idTokens.verify(exchanged.idToken, { nonce: transaction.nonce, notBefore: transaction.createdAt });
  if (!verified.ok) {
    context.logger.warn("link.id_token_refused", { problem: verified.problem, detail: verified.detail });
    // Without the tenant's keys nothing was verified, and nothing is wrong with the token: say the tenant is not answering.
    return { code: verified.problem === "keys_unavailable" ? "tenant_unavailable" : "verification_failed" };
  }
  const secondary = verified.token;
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

  const link = (): Promise<LinkOutcome> => linkAccount(context, calls, transaction.primarySub, { idToken: exchanged.idToken, sub: secondary.sub });
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
 * The link call, and what its answer (or the lack of one) means. `primarySub`
 * is the transaction's, which is the session's own user (checked above): never input.
 */
async function linkAccount(context: LinkingContext, calls: ManagementCalls, primarySub: string, secondary: VerifiedSecondary): Promise<LinkOutcome> {
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
