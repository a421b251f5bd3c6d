/**
 * `POST /link/prompt`: the prompt page's two buttons (form field `intent`).
 *
 * - `link`: the second login as the existing account, with `max_age=0`, its
 *   connection and its email as `login_hint`, in a transaction bound to this
 *   session and to that exact `sub` (single use, like `/link/start`). The
 *   email match proves nothing: only that sign-in links (./finish-prompt).
 * - `keep`: remembered in the new sign-in's `app_metadata` (./keep-separate),
 *   then on to where the person was going.
 *
 * Which account is read from the sealed prompt cookie, never from the form;
 * a POST from another site is refused before anything is read.
 */
import type { NextRequest, NextResponse } from "next/server";
import type { LinkingContext } from "../options";
import { forbiddenCrossOrigin, redirectToLogin } from "../responses";
import { isSameOriginPost } from "../request-guards";
import { redirectToSecondLogin } from "../second-login";
import { takeAttempt } from "../throttle";
import { withoutBody } from "../upstream";
import { keepSeparate } from "./keep-separate";
import { deletePromptCookie, openPrompt, PROMPT_COOKIE, type LinkPrompt } from "./prompt-cookie";
import type { PromptContext } from "./prompt-context";
import { redirectOnward, redirectToPromptPage } from "./prompt-responses";

/** Handles `POST /link/prompt` (`intent=link` or `intent=keep`). */
export async function answerPrompt(context: LinkingContext, prompt: PromptContext, request: NextRequest): Promise<NextResponse> {
  if (!isSameOriginPost(request, context.appOrigin)) return forbiddenCrossOrigin(context, request);
  const form = await request.formData().catch(() => null);
  const intent = form?.get("intent");
  const session = await context.session.getSession(withoutBody(request));
  if (!session) return redirectToLogin(context);
  const sub = session.user.sub;
  const offer = await openPrompt(request.cookies.get(PROMPT_COOKIE)?.value, context.transaction, sub, context.now());
  if (!offer || (intent !== "link" && intent !== "keep")) {
    context.logger.warn("link.prompt_finished", { outcome: "expired", sub, intent: typeof intent === "string" ? intent.slice(0, 16) : undefined });
    return redirectToPromptPage(context, prompt, { code: "expired" });
  }
  return intent === "keep" ? keep(context, prompt, offer) : link(context, prompt, request, offer);
}

async function link(context: LinkingContext, prompt: PromptContext, request: NextRequest, offer: LinkPrompt): Promise<NextResponse> {
  const throttled = await takeAttempt(context, "link", offer.user.sub);
  if (throttled) {
    context.logger.warn("link.prompt_finished", { outcome: "throttled", sub: offer.user.sub, existing: offer.existing.sub });
    return redirectToPromptPage(context, prompt, { code: "rate_limited", retryAfterSeconds: throttled.retryAfterSeconds });
  }
  context.logger.info("link.prompt_link_started", { sub: offer.user.sub, existing: offer.existing.sub, existing_connection: offer.existing.connection });
  return redirectToSecondLogin(context, request, {
    purpose: "prompt",
    primarySub: offer.user.sub,
    suggestedSub: offer.existing.sub,
    connection: offer.existing.connection,
    loginHint: offer.existing.email,
    returnTo: offer.returnTo,
  });
}

async function keep(context: LinkingContext, prompt: PromptContext, offer: LinkPrompt): Promise<NextResponse> {
  const kept = await keepSeparate(context, prompt, offer.user.sub, offer.existing.sub);
  const fields = { sub: offer.user.sub, existing: offer.existing.sub };
  if (!kept.ok) {
    const { code, status, retryAfterSeconds } = kept.error;
    context.logger.warn("link.prompt_finished", { ...fields, outcome: "not_saved", code, status });
    return redirectToPromptPage(context, prompt, { code: "not_saved", ...(code === "rate_limited" && retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) });
  }
  context.logger.info("link.prompt_finished", { ...fields, outcome: "kept_separate" });
  const response = redirectOnward(context, offer.returnTo);
  response.headers.append("set-cookie", deletePromptCookie(context.transaction));
  return response;
}
