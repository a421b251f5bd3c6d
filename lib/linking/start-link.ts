/**
 * `POST /link/start`: begins the second login. Creates a transaction bound to
 * the signed-in primary user and redirects to the tenant's `/authorize` with
 * our own callback, `max_age=0` (so single sign-on cannot return the primary),
 * the connection asked for, PKCE S256, a fresh `state` and `nonce`.
 */
import { NextResponse, type NextRequest } from "next/server";
import { calculatePKCECodeChallenge, generateRandomCodeVerifier, generateRandomNonce, generateRandomState } from "oauth4webapi";
import type { LinkingContext } from "./options";
import { forbiddenCrossOrigin, redirectToLogin, redirectWithOutcome } from "./responses";
import { isSameOriginPost, safeReturnTo } from "./request-guards";
import { readSuggestedSignIn } from "./suggested-link";
import { takeAttempt } from "./throttle";
import { authorizationServer } from "./tenant";
import { withoutBody } from "./upstream";
import { deleteTransactionCookie, sealTransaction, TRANSACTION_COOKIE_PREFIX, unsealTransaction, type LinkTransaction } from "./transaction";

/** Links in flight per browser; older ones are dropped so cookies stay small. */
const MAX_TRANSACTIONS = 4;

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
    return forbiddenCrossOrigin();
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
  const suggested = readSuggestedSignIn(context, form?.get("suggested"), connection, session.user.sub);
  if (suggested === "invalid") {
    context.logger.warn("link.start_refused", { reason: "suggestion_invalid", sub: session.user.sub, connection });
    return redirectWithOutcome(context, returnTo, "link", { code: "suggestion_invalid" });
  }
  const throttled = await takeAttempt(context, "link", session.user.sub);
  if (throttled) {
    context.logger.warn("link.start_refused", { reason: "throttled", sub: session.user.sub, retry_after_seconds: throttled.retryAfterSeconds });
    return redirectWithOutcome(context, returnTo, "link", throttled);
  }

  const codeVerifier = generateRandomCodeVerifier();
  const transaction: LinkTransaction = {
    state: generateRandomState(),
    nonce: generateRandomNonce(),
    codeVerifier,
    primarySub: session.user.sub,
    connection,
    returnTo,
    createdAt: context.now(),
    ...(suggested ? { suggestedSub: suggested.sub } : {}),
  };
  const authorize = new URL(authorizationServer(context.tenant).authorization_endpoint ?? `${context.tenant.origin}/authorize`);
  authorize.search = new URLSearchParams({
    client_id: context.tenant.clientId,
    redirect_uri: context.callbackUrl,
    response_type: "code",
    scope: "openid profile email",
    connection,
    max_age: "0",
    state: transaction.state,
    nonce: transaction.nonce,
    code_challenge: await calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    ...(suggested?.loginHint ? { login_hint: suggested.loginHint } : {}),
  }).toString();

  const response = NextResponse.redirect(authorize, 303);
  response.headers.set("cache-control", "no-store");
  for (const stale of await staleTransactions(context, request)) response.headers.append("set-cookie", deleteTransactionCookie(stale, context.transaction));
  response.headers.append("set-cookie", await sealTransaction(transaction, context.transaction));
  context.logger.info("link.started", { sub: session.user.sub, connection, suggested: suggested?.sub });
  return response;
}

/** States of this browser's oldest transactions beyond {@link MAX_TRANSACTIONS} − 1, and of unreadable ones. */
async function staleTransactions(context: LinkingContext, request: NextRequest): Promise<string[]> {
  const found: { state: string; createdAt: number }[] = [];
  for (const cookie of request.cookies.getAll()) {
    if (!cookie.name.startsWith(TRANSACTION_COOKIE_PREFIX)) continue;
    const state = cookie.name.slice(TRANSACTION_COOKIE_PREFIX.length);
    const transaction = await unsealTransaction(cookie.value, context.transaction);
    found.push({ state, createdAt: transaction?.state === state ? transaction.createdAt : 0 });
  }
  found.sort((a, b) => b.createdAt - a.createdAt);
  return found.filter((entry, index) => entry.createdAt === 0 || index >= MAX_TRANSACTIONS - 1).map((entry) => entry.state);
}

function stringOrNull(value: FormDataEntryValue | null | undefined): string | null {
  return typeof value === "string" ? value : null;
}
