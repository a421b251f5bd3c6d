/**
 * Changing the ways to sign in needs a recent primary sign-in: the session's
 * `auth_time` (epoch seconds of the last interactive login) must be at most
 * `unlinkMaxSignInAgeSeconds` old to unlink, and `linkMaxSignInAgeSeconds` to
 * link. Linking is the more dangerous direction: someone holding a stolen or
 * left-open session could add their own sign-in and keep a way in that
 * outlives the session and any password change.
 *
 * Unlinking after an older (or unknown) sign-in goes through the SDK's login
 * route with `max_age=0` (the tenant then shows its login page even with a
 * single sign-on session) and comes back to Settings with the confirmation
 * for the identity they asked about already open. Linking signs in again
 * through our own callback instead (./reauthenticate), so that signing in as
 * someone else there replaces no session.
 *
 * `auth_time` is in the session because lib/session/auth0-options.ts keeps it there: the SDK
 * keeps only its default ID-token claims in `session.user` otherwise.
 *
 * @see https://openid.net/specs/openid-connect-core-1_0.html#AuthRequest (max_age, auth_time)
 * @see https://auth0.com/docs/authenticate/login/max-age-reauthentication
 */
import { NextResponse } from "next/server";
import type { LinkingContext } from "./options";

/** A primary sign-in as the session records it; `auth_time` is epoch seconds. */
export interface SignedInUser {
  readonly sub: string;
  readonly auth_time?: unknown;
}

/**
 * How long ago the primary user signed in interactively, in whole seconds, by
 * the app's clock; `null` when the session does not say.
 */
export function signInAgeSeconds(user: SignedInUser, now: number): number | null {
  const authTime = user.auth_time;
  if (typeof authTime !== "number" || !Number.isFinite(authTime)) return null;
  // A tenant clock slightly ahead of ours makes a just-made sign-in look like it is from the future: that is recent.
  return Math.max(0, Math.floor(now / 1000 - authTime));
}

/** The change a recent sign-in is asked for: adding a way to sign in, or removing one. */
export type SignInChange = "link" | "unlink";

/**
 * Whether the primary sign-in is recent enough for `change` at `at` (epoch ms;
 * default now). An unknown sign-in time is not.
 */
export function isRecentSignIn(
  context: Pick<LinkingContext, "now" | "unlinkMaxSignInAgeSeconds" | "linkMaxSignInAgeSeconds">,
  user: SignedInUser,
  change: SignInChange = "unlink",
  at: number = context.now(),
): boolean {
  const age = signInAgeSeconds(user, at);
  return age !== null && age <= (change === "link" ? context.linkMaxSignInAgeSeconds : context.unlinkMaxSignInAgeSeconds);
}

/**
 * A 303 to the SDK's login route that forces a fresh primary sign-in and
 * returns to Settings with the unlink confirmation for `identityId` open:
 * `/auth/login?returnTo=/settings?confirm=<provider|user_id>&max_age=0`.
 * The SDK's `/auth/login` passes every query parameter but `returnTo` on to
 * `/authorize`, and checks the returned ID token's `auth_time` against `max_age`.
 */
export function redirectToFreshSignIn(context: LinkingContext, identityId: string): NextResponse {
  const back = new URL(context.settingsPath, context.appOrigin);
  back.searchParams.set("confirm", identityId);
  const url = new URL(context.loginPath, context.appOrigin);
  url.searchParams.set("returnTo", `${back.pathname}${back.search}`);
  url.searchParams.set("max_age", "0");
  const response = NextResponse.redirect(url, 303);
  response.headers.set("cache-control", "no-store");
  return response;
}
