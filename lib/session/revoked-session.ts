/**
 * Where a session ended by "This wasn't me" is turned away: in the proxy,
 * before the SDK's middleware (which would otherwise roll it on), every
 * request whose session began at or before its user's mark
 * (./revocations) loses its session cookies and is sent back to where it was
 * going, now signed out. Read through the process's session memo, so a
 * request costs no decryption the page would not have made anyway.
 */
import type { SessionData } from "@auth0/nextjs-auth0/types";
import { NextResponse, type NextRequest } from "next/server";
import type { Logger } from "../util/log";
import { DEFAULT_SESSION_COOKIE, sessionCookieDigest } from "./cookie";
import { processSessionMemo } from "./memo";
import { isRevokedSession, type SessionRevocations } from "./revocations";
import { sdkSessionConfig } from "./sdk-config";

/** The SDK client, as far as this needs it. */
export interface RequestSessionSource {
  getSession(request?: NextRequest): Promise<SessionData | null>;
}

/**
 * The response that signs `request` out when its session was ended by a
 * mark, else `null` (go on). A GET or HEAD is sent to the same URL again, any
 * other request to the home page (a form post of an ended session changes nothing).
 */
export async function signOutIfRevoked(request: NextRequest, parts: { readonly auth0: RequestSessionSource; readonly revocations: SessionRevocations; readonly logger: Logger }): Promise<NextResponse | null> {
  const { cookieName } = sdkSessionConfig(parts.auth0);
  if (cookieName === null || sessionCookieDigest(request, cookieName) === null) return null;
  const session = await processSessionMemo(parts.auth0).read(request.cookies, () => parts.auth0.getSession(request));
  if (!session || !(await isRevokedSession(session, parts.revocations))) return null;
  parts.logger.info("session.revoked", { sub: session.user.sub, path: request.nextUrl.pathname });
  const again = request.method === "GET" || request.method === "HEAD";
  const response = NextResponse.redirect(again ? request.nextUrl : new URL("/", request.nextUrl), again ? 307 : 303);
  response.headers.set("cache-control", "no-store");
  deleteSessionCookies(request, response, cookieName);
  return response;
}

/**
 * Adds to `response` the `Set-Cookie` headers that delete the session cookie
 * `cookieName` (default the SDK's `__session`) and each of its chunks that
 * `request` carries: the app forgets the session; the tenant's is untouched.
 */
export function deleteSessionCookies(request: NextRequest, response: NextResponse, cookieName: string | null): void {
  const name = cookieName ?? DEFAULT_SESSION_COOKIE;
  for (const cookie of request.cookies.getAll()) {
    if (cookie.name === name || cookie.name.startsWith(`${name}__`)) {
      response.headers.append("set-cookie", `${cookie.name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`);
    }
  }
}
