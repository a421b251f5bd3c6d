/**
 * `GET /link/prompt?returnTo=…`: where a sign-in lands first when the link at
 * sign-in is on (the proxy sends the SDK's callback redirect here:
 * ./after-sign-in). It looks for an older account with the same verified
 * email (./find-existing) and either shows the prompt (the prompt cookie,
 * then a 303 to the page) or sends the person on to `returnTo`, as if nothing
 * happened. Nothing here can make a sign-in fail: a look-up that fails, is
 * throttled, takes longer than 2 s or finds nothing goes on to `returnTo`,
 * and the log says why.
 */
import type { NextRequest, NextResponse } from "next/server";
import type { LinkingContext } from "../options";
import { isRecentSignIn } from "../recent-sign-in";
import { safeReturnTo } from "../request-guards";
import { takeAttempt } from "../throttle";
import { findExistingAccount } from "./find-existing";
import { sealPrompt } from "./prompt-cookie";
import type { PromptContext } from "./prompt-context";
import { redirectOnward, redirectToPromptPage } from "./prompt-responses";
import { withinWait } from "../../util/within-wait";

/** Handles `GET /link/prompt`. */
export async function showPrompt(context: LinkingContext, prompt: PromptContext, request: NextRequest): Promise<NextResponse> {
  const returnTo = safeReturnTo(request.nextUrl.searchParams.get("returnTo"), context.appOrigin, "/");
  const session = await context.session.getSession(request);
  // Only at the moment of sign-in: an old session opening this URL is sent on, and costs no look-up.
  if (!session || !isRecentSignIn(context, session.user, "link")) return redirectOnward(context, returnTo);
  const sub = session.user.sub;
  const throttled = await takeAttempt(context, "prompt", sub);
  if (throttled) {
    context.logger.warn("link.prompt_skipped", { sub, reason: "throttled" });
    return redirectOnward(context, returnTo);
  }
  const found = await withinWait(findExistingAccount(context, prompt, sub), prompt.waitMs);
  if (found === null) {
    context.logger.warn("link.prompt_skipped", { sub, reason: "lookup_slow", wait_ms: prompt.waitMs });
    return redirectOnward(context, returnTo);
  }
  if (found.kind === "failed") {
    context.logger.warn("link.prompt_skipped", { sub, reason: "lookup_failed", step: found.step, code: found.error.code, status: found.error.status });
    return redirectOnward(context, returnTo);
  }
  if (found.kind === "none") {
    // One line per sign-in, so an operator can tell why someone was not asked.
    context.logger.info("link.prompt_not_shown", { sub, reason: found.reason });
    return redirectOnward(context, returnTo);
  }
  // The existing account's Settings may have cached "nothing to suggest" from before this sign-in existed: look again there.
  await context.suggestions?.forget(found.existing.sub);
  context.logger.info("link.prompt_shown", { sub, connection: found.user.connection, existing: found.existing.sub, existing_connection: found.existing.connection });
  const response = redirectToPromptPage(context, prompt);
  response.headers.append("set-cookie", await sealPrompt({ user: found.user, existing: found.existing, returnTo, createdAt: context.now() }, context.transaction));
  return response;
}
