/**
 * `GET /link/callback` for a second login started by "Link accounts"
 * (transaction purpose `prompt`): the callback's checks (../callback-checks),
 * then the one rule of this flow: the sign-in must be the very account the
 * prompt offered (the transaction's `suggestedSub`). An email match alone
 * never links; anyone else links nothing and is told so.
 *
 * The session's user (the new sign-in) is linked into the existing account,
 * which stays the primary: server-side, with the machine token and
 * `{provider, user_id}` taken from the session, whatever LINK_MODE says.
 * Why: the flow needs the machine client anyway (the look-up, "Keep
 * separate"); the existing account's login would otherwise have to ask for
 * the Management API as its audience, which an app whose login asks for its
 * own API cannot; and the session's ID token, which `link_with` would send,
 * may be hours old. Ownership is proven by the second login itself (PKCE,
 * nonce, `max_age=0`, RS256), bound to this session and this account.
 *
 * After the link the new sign-in's user no longer exists, so the session that
 * names it is ended here, and the person signs in again through the SDK:
 * the tenant's single sign-on now holds the existing account, so that sign-in
 * needs no page, and lands on Settings with both sign-ins listed. The same
 * when the outcome is unknown (`unconfirmed`): the existing account certainly
 * exists. Every other outcome changed nothing: the session stays, and the
 * prompt's page says what happened and offers the buttons again.
 */
import type { NextRequest, NextResponse } from "next/server";
import { sdkSessionConfig } from "../../session/sdk-config";
import { deleteSessionCookies } from "../../session/revoked-session";
import { checkCallback } from "../callback-checks";
import { linkAccount, type LinkOutcome } from "../link-account";
import { linkWithMetadataMerge } from "../merge-metadata";
import type { LinkingContext } from "../options";
import { noticeAfterResponse } from "../report/notice";
import { redirectWithOutcome } from "../responses";
import { deleteTransactionCookie, type LinkTransaction } from "../transaction";
import { deletePromptCookie } from "./prompt-cookie";
import type { PromptContext } from "./prompt-context";
import { PROMPT_OUTCOME_OF } from "./prompt-outcomes";
import { redirectOnward, redirectToPromptPage } from "./prompt-responses";

/** Handles the callback of a `prompt` transaction (`transaction.state === state`, checked by the caller). */
export async function finishPrompt(
  context: LinkingContext,
  prompt: PromptContext,
  request: NextRequest,
  params: URLSearchParams,
  state: string,
  transaction: LinkTransaction,
): Promise<NextResponse> {
  const started = performance.now();
  const outcome = await decide(context, prompt, request, params, state, transaction);
  const fields = {
    outcome: outcome.code,
    duration_ms: Math.round(performance.now() - started),
    sub: transaction.primarySub,
    existing: transaction.suggestedSub,
    outcome_unknown: outcome.outcomeUnknown,
    // The tenant's error code only (a short token), never its description.
    tenant_error: params.get("error")?.slice(0, 64),
  };
  if (outcome.code === "linked") context.logger.info("link.prompt_finished", fields);
  else context.logger.warn("link.prompt_finished", fields);

  const next = PROMPT_OUTCOME_OF[outcome.code];
  const response = next === "signed_in" ? signInAsExisting(context, request, outcome) : redirectToPromptPage(context, prompt, { code: next, ...(outcome.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: outcome.retryAfterSeconds }) });
  // Single use: the transaction is gone whatever the outcome.
  response.headers.append("set-cookie", deleteTransactionCookie(state, context.transaction));
  return response;
}

async function decide(context: LinkingContext, prompt: PromptContext, request: NextRequest, params: URLSearchParams, state: string, transaction: LinkTransaction): Promise<LinkOutcome> {
  const checked = await checkCallback(context, request, params, state, transaction);
  if (!checked.ok) return { code: checked.code };
  const existingSub = transaction.suggestedSub;
  if (existingSub === undefined || checked.secondary.sub !== existingSub) {
    context.logger.warn("link.prompt_mismatch", { sub: transaction.primarySub, existing: existingSub, signed_in: checked.secondary.sub });
    return { code: "different_account" };
  }
  // Server-side, whatever the app's mode (see above): the machine token, the session's own sub.
  const calls = await prompt.access.open(() => Promise.resolve(null));
  if (calls === null) return { code: "tenant_unavailable" };
  // The server-side link sends `{provider, user_id}` from the sub; no ID token goes to the tenant.
  const newSignIn = { idToken: "", sub: transaction.primarySub };
  const link = (): Promise<LinkOutcome> => linkAccount(context, calls, existingSub, newSignIn);
  const outcome = await (context.mergeMetadata ? linkWithMetadataMerge(context, context.mergeMetadata, existingSub, newSignIn.sub, link) : link());
  if (outcome.code === "linked" || outcome.code === "linked_metadata_pending" || outcome.code === "unconfirmed") {
    // The new sign-in's user is gone (or may be): nothing may serve it again, and no browser stays signed in as it.
    await context.userCache?.delete(transaction.primarySub);
    await context.suggestions?.forget(transaction.primarySub);
    await endSessionsOf(context, prompt, transaction.primarySub);
  }
  if (outcome.code === "linked" || outcome.code === "linked_metadata_pending") {
    // A way into the existing account was added: its owner hears of it, at its verified email, after the response.
    noticeAfterResponse(context, request, {
      kind: "linked",
      user: { sub: existingSub, email: checked.secondary.email, email_verified: checked.secondary.emailVerified },
      identity: { id: transaction.primarySub, ...(typeof checked.session.user.email === "string" ? { detail: checked.session.user.email } : {}) },
      ownerConnection: transaction.connection,
    });
  }
  return outcome;
}

/** Marks every session of `sub` (the user linked away) as ended: the proxy signs each out at its next request, in any browser. */
async function endSessionsOf(context: LinkingContext, prompt: PromptContext, sub: string): Promise<void> {
  try {
    await prompt.revocations?.revokeBefore(sub, context.now());
  } catch (error) {
    // This browser's session ends regardless (below); others end when they expire, or at their next Settings read, which finds no user.
    context.logger.warn("link.prompt_sessions_not_ended", { sub, reason: (error as { code?: string; name?: string } | null)?.code ?? (error as { name?: string } | null)?.name ?? "unknown" });
  }
}

/**
 * Ends the session of the user that was linked away and has the SDK sign the
 * person in again (single sign-on: as the existing account), returning to
 * Settings with the outcome, as a link from Settings ends.
 */
function signInAsExisting(context: LinkingContext, request: NextRequest, outcome: LinkOutcome): NextResponse {
  const settings = redirectWithOutcome(context, context.settingsPath, "link", { code: outcome.code, ...(outcome.identity === undefined ? {} : { identity: outcome.identity }) });
  const returnTo = new URL(settings.headers.get("location") ?? context.settingsPath);
  const login = new URL(context.loginPath, context.appOrigin);
  login.searchParams.set("returnTo", `${returnTo.pathname}${returnTo.search}`);
  const response = redirectOnward(context, `${login.pathname}${login.search}`);
  deleteSessionCookies(request, response, sdkSessionConfig(context.session).cookieName);
  response.headers.append("set-cookie", deletePromptCookie(context.transaction));
  return response;
}
