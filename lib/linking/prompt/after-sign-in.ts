/**
 * The proxy's part of the link at sign-in: the SDK's callback answers a
 * completed sign-in with a redirect to where the person was going, and the
 * session cookie. This sends that redirect through `/link/prompt` first
 * (./show-prompt), which shows the prompt or sends the person on. Only a
 * successful sign-in (a redirect into the app that writes the session) is
 * touched; an error page of the SDK's, or a redirect elsewhere, is left alone.
 */
import { NextResponse, type NextRequest } from "next/server";
import { wroteSession } from "../../session/cookie";
import { copyCookies } from "../responses";

/** Where things are, for {@link promptAfterSignIn}. */
export interface AfterSignInPaths {
  readonly appOrigin: string;
  /** The SDK's callback route; default `/auth/callback`. */
  readonly sdkCallback?: string;
  /** Our `/link/prompt` route. */
  readonly prompt: string;
  /** The SDK's session cookie name. */
  readonly sessionCookie: string;
}

/** `response`, or when it ends a sign-in, the same redirect sent through `/link/prompt?returnTo=…`. */
export function promptAfterSignIn(request: NextRequest, response: NextResponse, paths: AfterSignInPaths): NextResponse {
  if (request.nextUrl.pathname !== (paths.sdkCallback ?? "/auth/callback")) return response;
  const location = response.headers.get("location");
  if (response.status < 300 || response.status >= 400 || location === null || !wroteSession(response, paths.sessionCookie)) return response;
  let target: URL;
  try {
    target = new URL(location, paths.appOrigin);
  } catch {
    return response;
  }
  if (target.origin !== paths.appOrigin) return response;
  const prompt = new URL(paths.prompt, paths.appOrigin);
  prompt.searchParams.set("returnTo", `${target.pathname}${target.search}`);
  const redirect = NextResponse.redirect(prompt, response.status);
  for (const [name, value] of response.headers) if (name !== "location" && name !== "set-cookie") redirect.headers.set(name, value);
  return copyCookies(response, redirect);
}
