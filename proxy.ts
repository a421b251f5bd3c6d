import type { NextRequest, NextResponse } from "next/server";
import { accountLinking } from "./app/account-linking";

/**
 * Mounts the SDK's `/auth/*` routes and keeps the session rolling (at most
 * every few minutes). On Settings, whose server code uses the user's access
 * token, refreshes it here when it is near expiry: a proxy can save the
 * refreshed token; a Server Component cannot. All of it is the package's
 * `accountLinking.proxy`, as in a team's app.
 */
export function proxy(request: NextRequest): Promise<NextResponse> {
  return accountLinking.proxy(request);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icons/|sitemap.xml|robots.txt).*)"],
};
