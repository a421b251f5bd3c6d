/**
 * The SDK's session cookie as our code sees it, without decrypting it:
 * whether a response writes it, a digest naming the version a request
 * carries, and the exact cookies a session is read from. Used by the roll
 * marker (lib/session/rolling.ts), the token-fresh hint (lib/session/token-refresh.ts)
 * and the session memo (lib/session/memo.ts), each with the name the SDK
 * client is configured with (lib/session/sdk-config.ts): an app may set
 * `session.cookie.name`, and a cookie the SDK does not read says nothing
 * about the session.
 */
import { createHash } from "node:crypto";
import type { NextResponse } from "next/server";

/** The SDK's default session cookie name (`session.cookie.name`). */
export const DEFAULT_SESSION_COOKIE = "__session";

/** Cookies as a request carries them: `request.cookies`, or `await cookies()` in a Server Component. */
export interface RequestCookieList {
  getAll(): readonly { readonly name: string; readonly value: string }[];
}

/** Whether `cookie` is the session cookie `name` or one of its chunks (`{name}__0`, …). */
function isSessionCookie(cookie: string, name: string): boolean {
  return cookie === name || cookie.startsWith(`${name}__`);
}

/**
 * Whether the SDK may read `cookie` into a session besides the session cookie
 * `name`: the v3 cookie it migrates (`appSession`, `appSession.0`, …), which it
 * reads when the session cookie is missing or its chunks are incomplete.
 */
function feedsSession(cookie: string, name: string): boolean {
  return isSessionCookie(cookie, name) || cookie.startsWith("appSession");
}

/** `name=value` of the cookies `pick` chooses, sorted and joined, or `null` when `cookies` carries no session cookie `name`. */
function joined(cookies: RequestCookieList, name: string, pick: (cookie: string, name: string) => boolean): string | null {
  const all = cookies.getAll().filter((cookie) => cookie.value !== "");
  if (!all.some((cookie) => isSessionCookie(cookie.name, name))) return null;
  return all
    .filter((cookie) => pick(cookie.name, name))
    .map((cookie) => `${cookie.name}=${cookie.value}`)
    .sort()
    .join(";");
}

/** Whether `response` writes a (non-empty) session cookie `name`: the SDK created, rolled or refreshed the session. */
export function wroteSession(response: NextResponse, name: string): boolean {
  return response.cookies.getAll().some((cookie) => isSessionCookie(cookie.name, name) && cookie.value !== "");
}

/**
 * A digest of the session cookie `name` that `request` carries (all its
 * chunks), or `null` when it carries none. It changes whenever the SDK writes
 * the session (each write encrypts afresh), so it names one version of one session.
 */
export function sessionCookieDigest(request: { readonly cookies: RequestCookieList }, name: string): string | null {
  const parts = joined(request.cookies, name, isSessionCookie);
  if (parts === null) return null;
  return createHash("sha256").update(parts).digest("base64url").slice(0, 22);
}

/**
 * Every cookie the SDK reads a session from when its session cookie is
 * `name`, exactly as sent (`name=value`, sorted, joined), or `null` when there
 * is no session cookie. Two requests with the same key carry the same session
 * cookies. The SDK's connection token cookies are not part of it: see
 * {@link carriesConnectionTokens}.
 */
export function sessionReadKey(cookies: RequestCookieList, name: string): string | null {
  return joined(cookies, name, feedsSession);
}

/**
 * Whether `cookies` carries the SDK's connection token sets (`__FC_0`, …),
 * which it decrypts into the session one by one, each with its own expiry.
 */
export function carriesConnectionTokens(cookies: RequestCookieList): boolean {
  return cookies.getAll().some((cookie) => cookie.name.startsWith("__FC"));
}
