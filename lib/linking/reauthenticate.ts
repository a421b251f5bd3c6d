/**
 * Linking needs a recent sign-in (./recent-sign-in). After an older one,
 * `POST /link/start` sends the person to sign in again **as the primary**
 * before anything reaches the second login: `max_age=0`, the primary's own
 * connection and their email as `login_hint`, through our own
 * `/link/callback` with a transaction of purpose `reauthenticate`.
 *
 * Our callback, not the SDK's `/auth/callback`: the SDK would write whoever
 * signs in into the session, so signing in there as someone else would
 * replace the primary session. Here a sign-in as anyone but the primary
 * changes nothing (`reauthenticated_as_other`); the primary's own fresh
 * sign-in (a verified ID token: RS256, nonce, `auth_time` after the
 * transaction started) is written into the session as its new `auth_time`,
 * and Settings then offers to continue the link with one click (a plain form,
 * so without JavaScript too): `?continue=<connection>[&suggested=<id>]`.
 * @see https://auth0.com/docs/authenticate/login/max-age-reauthentication
 */
import type { SessionData } from "@auth0/nextjs-auth0/types";
import { NextResponse, type NextRequest } from "next/server";
import type { VerifiedIdToken } from "./id-token";
import type { LinkingContext } from "./options";
import { signInAgeSeconds } from "./recent-sign-in";
import { copyCookies } from "./responses";
import { redirectToSecondLogin } from "./second-login";
import { openManagement, withoutBody } from "./upstream";
import type { LinkTransaction } from "./transaction";

/** The link the person asked for, to continue after they signed in again. */
export interface PendingLink {
  readonly connection: string;
  readonly returnTo: string;
  readonly suggestedSub?: string;
}

/**
 * Providers whose connection Auth0 names after them by default (the
 * dashboard's social connections), so a primary whose `sub` starts with one
 * signs in again on that connection even before Settings read their identities.
 */
const CONNECTION_NAMED_AFTER_PROVIDER = new Set(["github", "google-oauth2", "windowslive", "apple", "facebook", "linkedin", "twitter"]);

/**
 * The 303 that has the primary sign in again before `link`: to the tenant's
 * `/authorize` with `max_age=0`, their own connection (see `primaryConnection`)
 * and `login_hint`.
 * Logs `link.fresh_sign_in_required`.
 */
export async function startReauthentication(context: LinkingContext, request: NextRequest, session: SessionData, link: PendingLink): Promise<NextResponse> {
  const sub = session.user.sub;
  const sessionCarrier = new NextResponse();
  const loginConnection = await primaryConnection(context, request, sub, sessionCarrier);
  const email = session.user.email;
  context.logger.info("link.fresh_sign_in_required", {
    sub,
    connection: link.connection,
    sign_in_age_seconds: signInAgeSeconds(session.user, context.now()) ?? undefined,
  });
  const response = await redirectToSecondLogin(context, request, {
    primarySub: sub,
    connection: link.connection,
    returnTo: link.returnTo,
    ...(link.suggestedSub ? { suggestedSub: link.suggestedSub } : {}),
    purpose: "reauthenticate",
    loginConnection,
    ...(typeof email === "string" && email ? { loginHint: email } : {}),
  });
  return copyCookies(sessionCarrier, response);
}

/**
 * The connection the primary signs in with: their root identity's, as Settings
 * read it (cached), else as a read now says (this path only; a refreshed token
 * lands in `sessionCarrier`), else their `sub`'s provider when Auth0 names its
 * connection after it, else `null` (the tenant then offers every connection;
 * the callback still accepts only the primary).
 */
async function primaryConnection(context: LinkingContext, request: NextRequest, sub: string, sessionCarrier: NextResponse): Promise<string | null> {
  const cached = (await context.userCache?.get(sub))?.identities[0]?.connection;
  if (cached) return cached;
  const calls = await openManagement(context, withoutBody(request), sessionCarrier, "link.no_access_token");
  const read = calls ? await calls.getUser(sub) : null;
  if (read?.ok && read.value.identities[0]) return read.value.identities[0].connection;
  const provider = sub.slice(0, sub.indexOf("|"));
  return CONNECTION_NAMED_AFTER_PROVIDER.has(provider) ? provider : null;
}

/** How signing in again ended: done (Settings offers to continue), or refused with a link outcome. */
export type Reauthentication = { readonly code: "reauthenticated" } | { readonly code: "reauthenticated_as_other" | "verification_failed" };

/**
 * After the tenant answered a `reauthenticate` transaction with a verified ID
 * token: anyone but the primary changes nothing; the primary's fresh
 * `auth_time` is written into the session (into `sessionCarrier`'s cookies).
 */
export async function finishReauthentication(
  context: LinkingContext,
  request: NextRequest,
  session: SessionData,
  transaction: LinkTransaction,
  signedIn: VerifiedIdToken,
  sessionCarrier: NextResponse,
): Promise<Reauthentication> {
  if (signedIn.sub !== transaction.primarySub) {
    context.logger.warn("link.reauthentication_refused", { sub: transaction.primarySub, signed_in: signedIn.sub, connection: transaction.connection });
    return { code: "reauthenticated_as_other" };
  }
  try {
    await context.session.updateSession(request, sessionCarrier, { ...session, user: { ...session.user, auth_time: signedIn.authTime } });
  } catch (error) {
    context.logger.error("link.reauthentication_not_saved", { sub: transaction.primarySub, reason: (error as { name?: string } | null)?.name ?? "unknown" });
    return { code: "verification_failed" };
  }
  context.logger.info("link.reauthenticated", { sub: transaction.primarySub, connection: transaction.connection });
  return { code: "reauthenticated" };
}

/**
 * The 303 back to Settings after the primary signed in again: the link they
 * asked for, ready to continue (`continue=<connection>`, and `suggested=<id>`
 * for a suggested account).
 */
export function redirectToContinueLink(context: LinkingContext, transaction: LinkTransaction): NextResponse {
  const returnTo = transaction.returnTo.startsWith("/") ? transaction.returnTo : `/${transaction.returnTo}`;
  const url = new URL(`${context.appOrigin}${returnTo}`);
  for (const key of ["link", "unlink", "identity", "retry", "confirm", "continue", "suggested"]) url.searchParams.delete(key);
  url.searchParams.set("continue", transaction.connection);
  if (transaction.suggestedSub) url.searchParams.set("suggested", transaction.suggestedSub);
  return NextResponse.redirect(url, 303);
}
