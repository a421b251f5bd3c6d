/**
 * Keeps the user's access token fresh for pages whose server code uses it
 * (Settings reads the user's identities with it). A Server Component cannot
 * save a refreshed token into the session cookie; a proxy (middleware) can,
 * so the refresh happens there, before the page renders.
 *
 * Checking means decrypting the session cookie (about 0.3 ms, and the page
 * decrypts it again), so the proxy remembers a check in the `__token_fresh`
 * cookie: "the token of the session whose cookie has this digest is fresh
 * until T". While that holds, Settings views skip the check. Any write of the
 * session (sign-in, roll, refresh, sign-out) changes the digest, so a hint
 * never outlives the session version it was made for. It is a hint, not an
 * authority: a forged one can only keep its own holder's token from being
 * refreshed early, after which the page asks them to sign in again.
 *
 * The digest is of the session cookie under the name the SDK client is
 * configured with (`session.cookie.name`, read off the client:
 * lib/session/sdk-config.ts). A client whose cookie name cannot be read gets no
 * hint: its token is checked on every view instead.
 */
import type { NextRequest, NextResponse } from "next/server";
import type { Logger } from "../util/log";
import type { PrimarySession } from "../linking";
import { sdkSessionConfig } from "./sdk-config";
import { sessionCookieDigest, wroteSession } from "./cookie";

/** Refresh this long before expiry (matches `tokenRefreshBuffer: 60` in {@link linkingAuth0Options}). */
const TOKEN_REFRESH_MARGIN_MS = 60_000;

/** The hint cookie: `{epoch second until which the token needs no refresh}.{session cookie digest}`. */
export const TOKEN_FRESH_COOKIE = "__token_fresh";

/** What {@link refreshAccessTokenForPages} needs. */
export interface RefreshAccessTokenOptions {
  /** The app's `Auth0Client`. */
  readonly auth0: Pick<PrimarySession, "getSession" | "getAccessToken">;
  /** Pages (and everything under them) that use the user's token, e.g. `["/settings"]`. */
  readonly pages: readonly string[];
  readonly logger: Logger;
  /** Whether the app is served over https (the hint cookie is then `Secure`); default: the request's own scheme. */
  readonly secure?: boolean;
  /** Clock in epoch ms; default `Date.now`. */
  readonly now?: () => number;
}

/**
 * In a proxy, after `auth0.middleware(request)`: for a request to one of
 * `pages` by a signed-in user whose access token expires within 60 s, asks the
 * SDK for a token (refreshing it with the refresh token), which writes the
 * new session into `response`. A fresh token costs nothing, and is remembered
 * in the `__token_fresh` hint (HttpOnly, SameSite=Lax, Secure on https) so the
 * next views of `pages` do not decrypt the session here until the token nears
 * expiry or the session cookie changes. A failed refresh is logged
 * (`session.token_refresh_failed`, with the SDK's error code) and otherwise
 * ignored: the page then tells the person to sign in again.
 * Returns `response`.
 * @see https://auth0.github.io/nextjs-auth0/classes/server.Auth0Client.html#getaccesstoken
 */
export async function refreshAccessTokenForPages(request: NextRequest, response: NextResponse, options: RefreshAccessTokenOptions): Promise<NextResponse> {
  const { pathname } = request.nextUrl;
  if (!options.pages.some((path) => pathname === path || pathname.startsWith(`${path}/`))) return response;
  const { cookieName } = sdkSessionConfig(options.auth0);
  // Without the cookie's name there is no digest to trust a hint by: the SDK checks every view.
  const digest = cookieName === null ? null : sessionCookieDigest(request, cookieName);
  // No session cookie: signed out, nothing to refresh.
  if (cookieName !== null && digest === null) return response;
  const now = (options.now ?? Date.now)();
  if (digest !== null && hintHolds(request.cookies.get(TOKEN_FRESH_COOKIE)?.value, digest, now)) return response;
  const session = await options.auth0.getSession(request);
  if (!session) return response;
  // Only a token near expiry needs the SDK (and possibly a refresh); a fresh one costs nothing more here.
  const expiresAt = session.tokenSet.expiresAt;
  const freshUntilMs = typeof expiresAt === "number" ? expiresAt * 1000 - TOKEN_REFRESH_MARGIN_MS : 0;
  if (freshUntilMs > now) {
    // Not when the middleware just rolled the session: the browser's next cookie has another digest.
    if (cookieName !== null && digest !== null && !wroteSession(response, cookieName)) {
      response.cookies.set(TOKEN_FRESH_COOKIE, `${Math.floor(freshUntilMs / 1000)}.${digest}`, {
        httpOnly: true,
        sameSite: "lax",
        secure: options.secure ?? request.nextUrl.protocol === "https:",
        path: "/",
        maxAge: Math.max(1, Math.floor((freshUntilMs - now) / 1000)),
      });
    }
    return response;
  }
  try {
    await options.auth0.getAccessToken(request, response);
  } catch (error) {
    // The page reports the missing token to the user; the operator gets the reason.
    options.logger.warn("session.token_refresh_failed", {
      reason: error instanceof Error ? ((error as { code?: string }).code ?? error.name) : "unknown",
    });
  }
  return response;
}

/** Whether the `__token_fresh` value names this session cookie (`digest`) and a time still ahead of `now` (ms). */
function hintHolds(value: string | undefined, digest: string, now: number): boolean {
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{22})$/.exec(value ?? "");
  return match !== null && match[2] === digest && Number(match[1]) * 1000 > now;
}
