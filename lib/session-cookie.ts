/**
 * The SDK's session cookie as the proxy sees it, without decrypting it:
 * whether a response writes it, and a digest naming the version a request
 * carries. Used by the roll marker (lib/session-rolling.ts) and the
 * token-fresh hint (lib/access-token.ts).
 */
import { createHash } from "node:crypto";
import type { NextRequest, NextResponse } from "next/server";

/** The SDK's session cookie name, and the prefix of its chunks (`__session__0`, …). */
const SESSION_COOKIE = "__session";

/** Whether `name` is the SDK's session cookie or one of its chunks. */
function isSessionCookie(name: string): boolean {
  return name === SESSION_COOKIE || name.startsWith(`${SESSION_COOKIE}__`);
}

/** Whether `response` writes a (non-empty) session cookie: the SDK created, rolled or refreshed the session. */
export function wroteSession(response: NextResponse): boolean {
  return response.cookies.getAll().some((cookie) => isSessionCookie(cookie.name) && cookie.value !== "");
}

/**
 * A digest of the session cookie `request` carries (all its chunks), or `null`
 * when it carries none. It changes whenever the SDK writes the session (each
 * write encrypts afresh), so it names one version of one session.
 */
export function sessionCookieDigest(request: NextRequest): string | null {
  const parts = request.cookies
    .getAll()
    .filter((cookie) => isSessionCookie(cookie.name) && cookie.value !== "")
    .map((cookie) => `${cookie.name}=${cookie.value}`)
    .sort();
  if (parts.length === 0) return null;
  return createHash("sha256").update(parts.join(";")).digest("base64url").slice(0, 22);
}
