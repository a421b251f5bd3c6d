import type { NextRequest, NextResponse } from "next/server";
import { rememberSessionRolled } from "./lib/session-rolling";
import { getServices } from "./lib/services";

/** Pages whose server code calls the Management API with the user's token. */
const NEEDS_ACCESS_TOKEN = ["/settings"];

/** Refresh this long before expiry (matches the SDK's `tokenRefreshBuffer` of 60 s in lib/auth0.ts). */
const TOKEN_REFRESH_MARGIN_MS = 60_000;

/**
 * Mounts the SDK's `/auth/*` routes and keeps the session rolling (at most
 * every few minutes: lib/session-rolling.ts). For pages that use the user's
 * access token, refreshes it here when it is near expiry: a proxy can save the
 * refreshed token; a Server Component cannot.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const { auth0, config: settings } = getServices();
  const response = await auth0.middleware(request);
  const { pathname } = request.nextUrl;
  if (!pathname.startsWith("/auth/") && NEEDS_ACCESS_TOKEN.some((path) => pathname === path || pathname.startsWith(`${path}/`))) {
    await refreshNearExpiry(request, response);
  }
  rememberSessionRolled(response, settings.appBaseUrl.startsWith("https://"));
  return response;
}

/** Refreshes the access token into `response` when it is near expiry; a fresh one costs nothing more here. */
async function refreshNearExpiry(request: NextRequest, response: NextResponse): Promise<void> {
  const { auth0, logger } = getServices();
  const session = await auth0.getSession(request);
  const expiresAt = session?.tokenSet.expiresAt;
  if (!session || (typeof expiresAt === "number" && expiresAt * 1000 > Date.now() + TOKEN_REFRESH_MARGIN_MS)) return;
  try {
    await auth0.getAccessToken(request, response);
  } catch (error) {
    // The page reports the missing token to the user; the operator gets the reason.
    logger.warn("session.token_refresh_failed", { reason: error instanceof Error ? (error as { code?: string }).code ?? error.name : "unknown" });
  }
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icons/|sitemap.xml|robots.txt).*)"],
};
