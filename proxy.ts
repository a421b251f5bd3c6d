import type { NextRequest, NextResponse } from "next/server";
import { sdkSessionConfig } from "./lib/session/sdk-config";
import { rememberSessionRolled } from "./lib/session/rolling";
import { accountLinking, getServices } from "./lib/setup/services";

/**
 * Mounts the SDK's `/auth/*` routes and keeps the session rolling (at most
 * every few minutes: lib/session/rolling.ts). On Settings, whose server code
 * uses the user's access token, refreshes it here when it is near expiry: a
 * proxy can save the refreshed token; a Server Component cannot (see
 * lib/session/token-refresh.ts).
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const { auth0, config: settings } = getServices();
  const response = await accountLinking.refreshAccessToken(request, await auth0.middleware(request));
  // Under the cookie name the SDK client actually writes (session.cookie.name).
  rememberSessionRolled(response, sdkSessionConfig(auth0).cookieName, settings.appBaseUrl.startsWith("https://"));
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icons/|sitemap.xml|robots.txt).*)"],
};
