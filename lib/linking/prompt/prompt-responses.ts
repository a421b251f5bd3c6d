/** The redirects the link at sign-in answers with. */
import { NextResponse } from "next/server";
import type { LinkingContext } from "../options";
import type { PromptContext } from "./prompt-context";
import type { PromptOutcomeCode } from "./prompt-outcomes";

/** A 303 to `path` (a safe path of the app), not stored by any cache. */
export function redirectOnward(context: Pick<LinkingContext, "appOrigin">, path: string): NextResponse {
  // Appended to our origin, never resolved against it: even a path like "//host" stays on the app.
  const response = NextResponse.redirect(new URL(`${context.appOrigin}${path.startsWith("/") ? path : `/${path}`}`), 303);
  response.headers.set("cache-control", "no-store");
  return response;
}

/** A 303 to the prompt's page; with `outcome`, the page says how the last attempt ended (`?prompt=`, `retry=`). */
export function redirectToPromptPage(context: Pick<LinkingContext, "appOrigin">, prompt: PromptContext, outcome?: { readonly code: PromptOutcomeCode; readonly retryAfterSeconds?: number }): NextResponse {
  const url = new URL(prompt.page, context.appOrigin);
  if (outcome) url.searchParams.set("prompt", outcome.code);
  if (outcome?.retryAfterSeconds !== undefined) url.searchParams.set("retry", String(outcome.retryAfterSeconds));
  return redirectOnward(context, `${url.pathname}${url.search}`);
}
