/**
 * Keeps the user's access token fresh for pages whose server code uses it
 * (Settings reads the user's identities with it). A Server Component cannot
 * save a refreshed token into the session cookie; a proxy (middleware) can,
 * so the refresh happens there, before the page renders.
 */
import type { NextRequest, NextResponse } from "next/server";
import type { Logger } from "./log";
import type { PrimarySession } from "./linking";

/** Refresh this long before expiry (matches `tokenRefreshBuffer: 60` in {@link linkingAuth0Options}). */
const TOKEN_REFRESH_MARGIN_MS = 60_000;

/** What {@link refreshAccessTokenForPages} needs. */
export interface RefreshAccessTokenOptions {
  /** The app's `Auth0Client`. */
  readonly auth0: PrimarySession;
  /** Pages (and everything under them) that use the user's token, e.g. `["/settings"]`. */
  readonly pages: readonly string[];
  readonly logger: Logger;
  /** Clock in epoch ms; default `Date.now`. */
  readonly now?: () => number;
}

/**
 * In a proxy, after `auth0.middleware(request)`: for a request to one of
 * `pages` by a signed-in user whose access token expires within 60 s, asks the
 * SDK for a token (refreshing it with the refresh token), which writes the
 * new session into `response`. A fresh token costs nothing. A failed refresh
 * is logged (`session.token_refresh_failed`, with the SDK's error code) and
 * otherwise ignored: the page then tells the person to sign in again.
 * Returns `response`.
 * @see https://auth0.github.io/nextjs-auth0/classes/server.Auth0Client.html#getaccesstoken
 */
export async function refreshAccessTokenForPages(request: NextRequest, response: NextResponse, options: RefreshAccessTokenOptions): Promise<NextResponse> {
  const { pathname } = request.nextUrl;
  if (!options.pages.some((path) => pathname === path || pathname.startsWith(`${path}/`))) return response;
  const session = await options.auth0.getSession(request);
  // Only a token near expiry needs the SDK (and possibly a refresh); a fresh one costs nothing more here.
  const expiresAt = session?.tokenSet.expiresAt;
  const now = (options.now ?? Date.now)();
  if (session && !(typeof expiresAt === "number" && expiresAt * 1000 > now + TOKEN_REFRESH_MARGIN_MS)) {
    try {
      await options.auth0.getAccessToken(request, response);
    } catch (error) {
      // The page reports the missing token to the user; the operator gets the reason.
      options.logger.warn("session.token_refresh_failed", {
        reason: error instanceof Error ? ((error as { code?: string }).code ?? error.name) : "unknown",
      });
    }
  }
  return response;
}
