/**
 * `GET /link/report?t=…`: what "This wasn't me" will do, in plain words, and
 * one button. `POST /link/report` (that button, same origin only): removes
 * the reported sign-in from the account at once (for a "was added" notice),
 * then sends the owner to sign in again (`max_age=0`, `prompt=login`, their
 * own connection) through `/link/callback` (./finish-report).
 *
 * Why the reported sign-in goes first, before the owner's sign-in: while it is
 * linked, a sign-in with it returns the owner's own `sub` (Auth0's ID token
 * names the root user, whichever linked identity signed in), so the two could
 * not be told apart. Once it is unlinked, a sign-in with it is a user of its
 * own, and the callback refuses it. The token (from the owner's mailbox)
 * allows removing only the one sign-in the notice named; everything else
 * waits for the owner's fresh sign-in.
 */
import type { NextRequest, NextResponse } from "next/server";
import type { LinkingContext } from "../options";
import { forbiddenCrossOrigin } from "../responses";
import { isSameOriginPost } from "../request-guards";
import { redirectToSecondLogin } from "../second-login";
import { explanationContent, refusalContent, REPORT_REFUSALS, reportedSignIn, reportWords, type ReportRefusal } from "./messages";
import type { ReportContext } from "./report-context";
import { reportPage } from "./report-page";
import { readReportResult } from "./report-result";
import { openReportToken } from "./report-token";
import { unlinkReported } from "./secure-account";

const REFUSAL_STATUS: Partial<Record<ReportRefusal, number>> = { invalid: 400, expired: 410, unavailable: 503, tenant_unavailable: 503 };

/** The page for a refusal, with its next step, in the request's language. */
export function refusalPage(context: LinkingContext, request: NextRequest, refusal: ReportRefusal): NextResponse {
  return reportPage(refusalContent(reportWords(context, request), refusal), REFUSAL_STATUS[refusal] ?? 200);
}

/** Handles `GET /link/report`: the explanation, or after the owner's sign-in the result (`?result`), or a refusal (`?refused=<code>`). */
export async function showReport(context: LinkingContext, report: ReportContext, request: NextRequest): Promise<NextResponse> {
  const params = request.nextUrl.searchParams;
  if (params.has("result")) {
    const summary = await readReportResult(context, request, reportWords(context, request));
    return summary ? reportPage(summary) : refusalPage(context, request, "attempt_invalid");
  }
  const refused = params.get("refused");
  // Only our own codes name a page; anything else in the URL is never shown.
  if (refused !== null) return refusalPage(context, request, REPORT_REFUSALS.find((code) => code === refused) ?? "invalid");
  const opened = await openReportToken(params.get("t"), report.tokens);
  if (!opened.ok) {
    context.logger.warn("report.refused", { reason: opened.problem, step: "page" });
    return refusalPage(context, request, opened.problem);
  }
  const { token } = opened;
  const words = reportWords(context, request);
  return reportPage(explanationContent(words, token.kind, reportedSignIn(words, token.identity, token.detail), { action: report.path, token: params.get("t") ?? "" }));
}

/** Handles `POST /link/report` (form field `t`). */
export async function startReport(context: LinkingContext, report: ReportContext, request: NextRequest): Promise<NextResponse> {
  if (!isSameOriginPost(request, context.appOrigin)) {
    context.logger.warn("report.refused", { reason: "cross_origin", origin: request.headers.get("origin") ?? "none" });
    return forbiddenCrossOrigin(context, request);
  }
  let sealed: string | null = null;
  try {
    const value = (await request.formData()).get("t");
    sealed = typeof value === "string" ? value : null;
  } catch {
    sealed = null;
  }
  const opened = await openReportToken(sealed, report.tokens);
  if (!opened.ok || sealed === null) {
    context.logger.warn("report.refused", { reason: opened.ok ? "invalid" : opened.problem, step: "start" });
    return refusalPage(context, request, opened.ok ? "invalid" : opened.problem);
  }
  const { token } = opened;
  if (!report.machineToken) {
    context.logger.error("report.unavailable", { sub: token.sub, fix: "set AUTH0_M2M_CLIENT_ID/SECRET, granted read:users update:users delete:sessions delete:refresh_tokens" });
    return refusalPage(context, request, "unavailable");
  }
  let removed = false;
  if (token.kind === "linked") {
    const unlinked = await unlinkReported(
      { management: context.management, machineToken: report.machineToken, revocations: report.revocations, userCache: context.userCache, logger: context.logger, now: context.now },
      token.sub,
      token.identity,
    );
    // Never go on with the reported sign-in still linked: a sign-in with it would pass as the owner's.
    if (!unlinked.done) {
      context.logger.warn("report.unlink_failed", { sub: token.sub, identity: token.identity, code: unlinked.code });
      return refusalPage(context, request, "tenant_unavailable");
    }
    context.logger.info("report.unlinked", { sub: token.sub, identity: token.identity, changed: unlinked.changed });
    removed = unlinked.changed;
    if (unlinked.changed) await context.suggestions?.forget(token.sub);
  }
  context.logger.info("report.sign_in_started", { sub: token.sub, kind: token.kind });
  return redirectToSecondLogin(context, request, {
    primarySub: token.sub,
    connection: token.ownerConnection ?? "",
    returnTo: report.path,
    purpose: "report",
    reportToken: sealed,
    reportRemoved: removed,
    loginConnection: token.ownerConnection ?? null,
  });
}
