import type { NextRequest, NextResponse } from "next/server";
import { accountLinking, getServices } from "./lib/services";

/**
 * Mounts the SDK's `/auth/*` routes and keeps the session rolling. On
 * Settings, whose server code uses the user's access token, refreshes it here
 * when it is near expiry: a proxy can save the refreshed token; a Server
 * Component cannot (see lib/access-token.ts).
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const response = await getServices().auth0.middleware(request);
  return accountLinking.refreshAccessToken(request, response);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icons/|sitemap.xml|robots.txt).*)"],
};
