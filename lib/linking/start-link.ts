/**
 * `POST /link/start`: begins the second login. Creates a transaction bound to
 * the signed-in primary user and redirects to the tenant's `/authorize` with
 * our own callback, `max_age=0` (so single sign-on cannot return the primary),
 * the connection asked for, PKCE S256, a fresh `state` and `nonce`
 * (./second-login). Guard order: same-origin POST → session → input →
 * throttle → a recent primary sign-in (else the primary signs in again first:
 * ./reauthenticate) → the redirect.
 */
import type { NextRequest, NextResponse } from "next/server";
import type { LinkingContext } from "./options";
import { startReauthentication } from "./reauthenticate";
import { isRecentSignIn } from "./recent-sign-in";
import { redirectToSecondLogin } from "./second-login";
import { forbiddenCrossOrigin, redirectToLogin, redirectWithOutcome } from "./responses";
import { isSameOriginPost, safeReturnTo } from "./request-guards";
import { readSuggestedSignIn } from "./suggested-link";
import { takeAttempt } from "./throttle";
import { withoutBody } from "./upstream";

async function readForm(request: NextRequest): Promise<FormData | null> {
  try {
    return await request.formData();
  } catch {
    return null;
  }
}

/** Handles `POST /link/start` (form fields `connection`, optional `returnTo` and `suggested`: see ./suggested-link). */
export async function startLink(context: LinkingContext, request: NextRequest): Promise<NextResponse> {
  if (!isSameOriginPost(request, context.appOrigin)) {
    context.logger.warn("link.start_refused", { reason: "cross_origin", origin: request.headers.get("origin") ?? "none" });
    return forbiddenCrossOrigin(context, request);
  }
  const session = await context.session.getSession(withoutBody(request));
  if (!session) return redirectToLogin(context);

  const form = await readForm(request);
  const connection = form?.get("connection");
  const returnTo = safeReturnTo(stringOrNull(form?.get("returnTo")), context.appOrigin, context.settingsPath);
  if (typeof connection !== "string" || !context.connections.includes(connection)) {
    context.logger.warn("link.start_refused", { reason: "connection_not_offered", sub: session.user.sub });
    return redirectWithOutcome(context, returnTo, "link", { code: "connection_not_offered" });
  }
  const suggested = await readSuggestedSignIn(context, form?.get("suggested"), connection, session.user.sub);
  if (suggested === "invalid") {
    context.logger.warn("link.start_refused", { reason: "suggestion_invalid", sub: session.user.sub, connection });
    return redirectWithOutcome(context, returnTo, "link", { code: "suggestion_invalid" });
  }
  const throttled = await takeAttempt(context, "link", session.user.sub);
  if (throttled) {
    context.logger.warn("link.start_refused", { reason: "throttled", sub: session.user.sub, retry_after_seconds: throttled.retryAfterSeconds });
    return redirectWithOutcome(context, returnTo, "link", throttled);
  }

  // Adding a way to sign in outlives the session and any password change: it needs a recent sign-in.
  const link = { connection, returnTo, ...(suggested ? { suggestedSub: suggested.sub } : {}) };
  if (!isRecentSignIn(context, session.user, "link")) return startReauthentication(context, request, session, link);

  const response = await redirectToSecondLogin(context, request, { primarySub: session.user.sub, ...link, ...(suggested?.loginHint ? { loginHint: suggested.loginHint } : {}) });
  context.logger.info("link.started", { sub: session.user.sub, connection, suggested: suggested?.sub });
  return response;
}

function stringOrNull(value: FormDataEntryValue | null | undefined): string | null {
  return typeof value === "string" ? value : null;
}
