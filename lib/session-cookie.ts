/**
 * The SDK's session cookie as our code sees it, without decrypting it:
 * whether a response writes it, a digest naming the version a request
 * carries, and the exact cookies a session is read from. Used by the roll
 * marker (lib/session-rolling.ts), the token-fresh hint (lib/access-token.ts)
 * and the session memo (lib/session-memo.ts).
 */
import { createHash } from "node:crypto";
import type { NextResponse } from "next/server";

/** The SDK's session cookie name, and the prefix of its chunks (`__session__0`, …). */
const SESSION_COOKIE = "__session";

/** Cookies as a request carries them: `request.cookies`, or `await cookies()` in a Server Component. */
export interface RequestCookieList {
  getAll(): readonly { readonly name: string; readonly value: string }[];
}

/** Whether `name` is the SDK's session cookie or one of its chunks. */
function isSessionCookie(name: string): boolean {
  return name === SESSION_COOKIE || name.startsWith(`${SESSION_COOKIE}__`);
}

/**
 * Whether the SDK may read `name` into a session besides the session cookie:
 * the v3 cookie it migrates (`appSession`, `appSession.0`, …) and its
 * connection token sets (`__FC_…`).
 */
function feedsSession(name: string): boolean {
  return isSessionCookie(name) || name.startsWith("appSession") || name.startsWith("__FC");
}

/** `name=value` of the cookies `pick` chooses, sorted and joined, or `null` when `cookies` carries no session cookie. */
function joined(cookies: RequestCookieList, pick: (name: string) => boolean): string | null {
  const all = cookies.getAll().filter((cookie) => cookie.value !== "");
  if (!all.some((cookie) => isSessionCookie(cookie.name))) return null;
  return all
    .filter((cookie) => pick(cookie.name))
    .map((cookie) => `${cookie.name}=${cookie.value}`)
    .sort()
    .join(";");
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
export function sessionCookieDigest(request: { readonly cookies: RequestCookieList }): string | null {
  const parts = joined(request.cookies, isSessionCookie);
  if (parts === null) return null;
  return createHash("sha256").update(parts).digest("base64url").slice(0, 22);
}

/**
 * Every cookie the SDK reads a session from, exactly as sent (`name=value`,
 * sorted, joined), or `null` when there is no session cookie. Two requests
 * with the same key decrypt to the same session.
 */
export function sessionReadKey(cookies: RequestCookieList): string | null {
  return joined(cookies, feedsSession);
}
