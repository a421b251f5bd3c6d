import type { NextRequest, NextResponse } from "next/server";
import { getServices } from "./lib/services";

/** Pages whose server code calls the Management API with the user's token. */
const NEEDS_ACCESS_TOKEN = ["/settings"];

/**
 * Mounts the SDK's `/auth/*` routes and keeps the session rolling. For pages
 * that use the user's access token, refreshes it here when it is near expiry:
 * a proxy can save the refreshed token; a Server Component cannot.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const { auth0, logger } = getServices();
  const response = await auth0.middleware(request);
  const { pathname } = request.nextUrl;
  if (pathname.startsWith("/auth/") || !NEEDS_ACCESS_TOKEN.some((path) => pathname === path || pathname.startsWith(`${path}/`))) {
    return response;
  }
  const session = await auth0.getSession(request);
  if (session) {
    try {
      await auth0.getAccessToken(request, response);
    } catch (error) {
      // The page reports the missing token to the user; the operator gets the reason.
      logger.warn("session.token_refresh_failed", { reason: error instanceof Error ? (error as { code?: string }).code ?? error.name : "unknown" });
    }
  }
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icons/|sitemap.xml|robots.txt).*)"],
};
