/**
 * Rolling the primary session at most once per interval.
 *
 * With rolling sessions the SDK's middleware decrypts the session cookie,
 * re-encrypts it and sends it back on every request, only to move its
 * inactivity deadline (a day) forward by the seconds since the last request.
 * We roll it when it has not been rolled for {@link SESSION_ROLL_INTERVAL_SECONDS}
 * instead, remembered in a small marker cookie that holds nothing but the time
 * of the last roll. The inactivity deadline is then at most that much earlier
 * than the SDK's; the absolute deadline is unchanged. A person who forges the
 * marker only keeps their own session from being extended.
 */
import type { NextRequest, NextResponse } from "next/server";
import { wroteSession } from "./cookie";

/** The marker cookie: the epoch second the session was last rolled. */
export const SESSION_ROLLED_COOKIE = "__session_rolled";

/** Roll the session at most this often, in seconds. */
export const SESSION_ROLL_INTERVAL_SECONDS = 300;

/**
 * Whether the SDK should roll the session for `request`: when no valid marker
 * says it was rolled within the interval. For the SDK's `beforeSessionRolled` hook.
 */
export function shouldRollSession(request: NextRequest, nowMs: number = Date.now()): boolean {
  const raw = request.cookies.get(SESSION_ROLLED_COOKIE)?.value ?? "";
  if (!/^\d{1,12}$/.test(raw)) return true;
  const age = Math.floor(nowMs / 1000) - Number(raw);
  // A marker from the future (clock skew, forgery) does not count.
  return !(age >= 0 && age < SESSION_ROLL_INTERVAL_SECONDS);
}

/**
 * After the SDK's middleware ran: when it wrote the session cookie (it rolled
 * the session), remember when. The marker expires with the interval.
 * `sessionCookieName` is the name the SDK client writes the session under
 * (`sdkSessionConfig(auth0).cookieName`); with `null` (not known) nothing is
 * remembered, and the SDK rolls the session on every request, as it does by default.
 */
export function rememberSessionRolled(response: NextResponse, sessionCookieName: string | null, secure: boolean, nowMs: number = Date.now()): void {
  if (sessionCookieName === null || !wroteSession(response, sessionCookieName)) return;
  response.cookies.set(SESSION_ROLLED_COOKIE, String(Math.floor(nowMs / 1000)), {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: SESSION_ROLL_INTERVAL_SECONDS,
  });
}
