/** The redirects the linking routes answer with. */
import { NextResponse, type NextRequest } from "next/server";
import { chooseLocale, localize } from "../i18n";
import type { LinkingContext } from "./options";
import type { Outcome } from "./outcomes";

/**
 * A 303 to `returnTo` (a safe path) carrying the outcome as query parameters
 * that Settings maps to fixed sentences: `link=<code>` or `unlink=<code>`,
 * `identity=<provider|user_id>`, `retry=<seconds>`.
 */
export function redirectWithOutcome(context: LinkingContext, returnTo: string, kind: "link" | "unlink", outcome: Outcome<string>): NextResponse {
  // Appended to our origin, never resolved against it: even a path like "//host" stays on the app.
  const url = new URL(`${context.appOrigin}${returnTo.startsWith("/") ? returnTo : `/${returnTo}`}`);
  for (const key of ["link", "unlink", "identity", "retry", "confirm"]) url.searchParams.delete(key);
  url.searchParams.set(kind, outcome.code);
  if (outcome.identity !== undefined) url.searchParams.set("identity", outcome.identity);
  if (outcome.retryAfterSeconds !== undefined) url.searchParams.set("retry", String(outcome.retryAfterSeconds));
  return NextResponse.redirect(url, 303);
}

/** A 303 to the SDK's login, returning to Settings afterwards. */
export function redirectToLogin(context: LinkingContext): NextResponse {
  const url = new URL(context.loginPath, context.appOrigin);
  url.searchParams.set("returnTo", context.settingsPath);
  return NextResponse.redirect(url, 303);
}

/**
 * 403 for a cross-origin or non-POST change. Plain text in the request's
 * language (the app's `locale`, else `Accept-Language`); nothing from the request is echoed.
 */
export function forbiddenCrossOrigin(context: Pick<LinkingContext, "localeOptions">, request: NextRequest): NextResponse {
  const { locale, messages } = context.localeOptions;
  const chosen = chooseLocale({ locale, acceptLanguage: request.headers.get("accept-language"), messages: [messages] });
  const words = localize(chosen, messages);
  return new NextResponse(words.messages.routes.notFromThisSite, {
    status: 403,
    headers: { "content-type": "text/plain; charset=utf-8", "content-language": words.locale, "cache-control": "no-store" },
  });
}

/** Copies `Set-Cookie` headers (e.g. a refreshed session) from one response to another. */
export function copyCookies(from: NextResponse, to: NextResponse): NextResponse {
  for (const cookie of from.headers.getSetCookie()) to.headers.append("set-cookie", cookie);
  return to;
}
