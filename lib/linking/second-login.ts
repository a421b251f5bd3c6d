/**
 * The redirect that starts a login at the tenant for `/link/callback`: a new
 * transaction cookie (state, nonce, PKCE verifier, bound to the signed-in
 * primary) and a 303 to `/authorize` with `max_age=0`, so single sign-on can
 * never answer for the person. Used by `/link/start` for the second login of a
 * link, and for the primary signing in again first (./reauthenticate).
 */
import { NextResponse, type NextRequest } from "next/server";
import { calculatePKCECodeChallenge, generateRandomCodeVerifier, generateRandomNonce, generateRandomState } from "oauth4webapi";
import type { LinkingContext } from "./options";
import { authorizationServer } from "./tenant";
import { deleteTransactionCookie, sealTransaction, TRANSACTION_COOKIE_PREFIX, unsealTransaction, type LinkTransaction } from "./transaction";

/** Links in flight per browser; older ones are dropped so cookies stay small. */
const MAX_TRANSACTIONS = 4;

/** What the login is for, and the hints the tenant's login page gets. */
export interface SecondLogin {
  readonly primarySub: string;
  /** The connection to link (kept in the transaction). */
  readonly connection: string;
  readonly returnTo: string;
  readonly suggestedSub?: string;
  readonly purpose?: "reauthenticate" | "report" | "prompt";
  /** For `report`: the sealed report token, and whether the reported sign-in was just removed (see ./report). */
  readonly reportToken?: string;
  readonly reportRemoved?: boolean;
  /** The connection the tenant shows (`connection=`); default {@link SecondLogin.connection}; `null`: none, the tenant offers all. */
  readonly loginConnection?: string | null;
  readonly loginHint?: string;
}

/**
 * A 303 to the tenant's `/authorize` for `login`, with the transaction cookie
 * set (and this browser's oldest or unreadable ones deleted).
 */
export async function redirectToSecondLogin(context: LinkingContext, request: NextRequest, login: SecondLogin): Promise<NextResponse> {
  const codeVerifier = generateRandomCodeVerifier();
  const transaction: LinkTransaction = {
    state: generateRandomState(),
    nonce: generateRandomNonce(),
    codeVerifier,
    primarySub: login.primarySub,
    connection: login.connection,
    returnTo: login.returnTo,
    createdAt: context.now(),
    ...(login.suggestedSub ? { suggestedSub: login.suggestedSub } : {}),
    ...(login.purpose ? { purpose: login.purpose } : {}),
    ...(login.reportToken ? { reportToken: login.reportToken } : {}),
    ...(login.reportRemoved ? { reportRemoved: true } : {}),
  };
  const loginConnection = login.loginConnection === undefined ? login.connection : login.loginConnection;
  const authorize = new URL(authorizationServer(context.tenant).authorization_endpoint ?? `${context.tenant.origin}/authorize`);
  authorize.search = new URLSearchParams({
    client_id: context.tenant.clientId,
    redirect_uri: context.callbackUrl,
    response_type: "code",
    scope: "openid profile email",
    ...(loginConnection === null ? {} : { connection: loginConnection }),
    max_age: "0",
    // The owner's fresh sign-in after "This wasn't me" must be a real one, whatever the tenant's session says.
    ...(login.purpose === "report" ? { prompt: "login" } : {}),
    state: transaction.state,
    nonce: transaction.nonce,
    code_challenge: await calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    ...(login.loginHint ? { login_hint: login.loginHint } : {}),
  }).toString();

  const response = NextResponse.redirect(authorize, 303);
  response.headers.set("cache-control", "no-store");
  for (const stale of await staleTransactions(context, request)) response.headers.append("set-cookie", deleteTransactionCookie(stale, context.transaction));
  response.headers.append("set-cookie", await sealTransaction(transaction, context.transaction));
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
