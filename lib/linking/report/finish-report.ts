/**
 * `GET /link/callback` for a `report` transaction: the owner's fresh sign-in
 * after "This wasn't me". Guard order: transaction (single use, unexpired) →
 * the tenant's answer → code exchange (PKCE) → ID token (RS256, nonce,
 * `auth_time` after the start) → the sign-in is the account's own (`sub`),
 * never the reported one → the report token, used once → the reported
 * sign-in removed if still linked, the owner's Auth0 sessions and refresh
 * tokens revoked, every session of this app for the owner ended → the result
 * page. No app session is needed or created: the email may be opened anywhere.
 */
import { NextResponse } from "next/server";
import { exchangeCode } from "../code-exchange";
import type { LinkingContext } from "../options";
import { deleteTransactionCookie, type LinkTransaction } from "../transaction";
import type { ReportRefusal } from "./messages";
import type { ReportContext } from "./report-context";
import { reportResultCookie } from "./report-result";
import { openReportToken, reportTokenExpiresAt } from "./report-token";
import { revokeEverywhere, unlinkReported, type SecuredAccount } from "./secure-account";

/** Handles the callback of a `report` transaction whose `state` matched. */
export async function finishReport(context: LinkingContext, report: ReportContext, params: URLSearchParams, state: string, transaction: LinkTransaction): Promise<NextResponse> {
  const decided = await decide(context, report, params, state, transaction);
  const url = new URL(report.path, context.appOrigin);
  let response: NextResponse;
  if ("refused" in decided) {
    context.logger.warn("report.finished", { outcome: decided.refused, sub: transaction.primarySub, signed_in: decided.signedIn });
    url.searchParams.set("refused", decided.refused);
    response = NextResponse.redirect(url, 303);
  } else {
    const { secured, token } = decided;
    const fields = {
      outcome: Object.values(secured).every((step) => step.done) ? "secured" : "secured_partly",
      sub: token.sub,
      identity: token.identity,
      kind: token.kind,
      unlinked: stepLog(secured.unlinked),
      app_sessions: stepLog(secured.appSessions),
      auth0_sessions: stepLog(secured.auth0Sessions),
      refresh_tokens: stepLog(secured.refreshTokens),
    };
    if (fields.outcome === "secured") context.logger.info("report.finished", fields);
    else context.logger.error("report.finished", fields);
    url.searchParams.set("result", "1");
    response = NextResponse.redirect(url, 303);
    response.headers.append(
      "set-cookie",
      await reportResultCookie(context, report.path, { secured, identity: token.identity, ...(token.detail ? { detail: token.detail } : {}) }),
    );
  }
  response.headers.set("cache-control", "no-store");
  // Single use: the transaction is gone whatever the outcome.
  response.headers.append("set-cookie", deleteTransactionCookie(state, context.transaction));
  return response;
}

type Decided =
  | { readonly refused: ReportRefusal; readonly signedIn?: string }
  | { readonly secured: SecuredAccount; readonly token: Awaited<ReturnType<typeof openToken>> & object };

async function openToken(report: ReportContext, transaction: LinkTransaction) {
  const opened = await openReportToken(transaction.reportToken, report.tokens);
  return opened.ok ? opened.token : null;
}

async function decide(context: LinkingContext, report: ReportContext, params: URLSearchParams, state: string, transaction: LinkTransaction): Promise<Decided> {
  const now = context.now();
  const expiresAt = transaction.createdAt + context.transaction.ttlSeconds * 1000;
  if (!(await context.replays.use(state, expiresAt + 60_000, now))) return { refused: "attempt_invalid" };
  if (now > expiresAt) return { refused: "attempt_expired" };
  const token = await openToken(report, transaction);
  if (!token || token.sub !== transaction.primarySub) return { refused: "attempt_invalid" };
  if (!report.machineToken) return { refused: "unavailable" };

  const error = params.get("error");
  if (error !== null) return { refused: error === "access_denied" ? "cancelled" : "sign_in_failed" };
  const exchanged = await exchangeCode(context, params, transaction);
  if (!exchanged.ok) return { refused: exchanged.code === "tenant_unavailable" ? "tenant_unavailable" : "sign_in_failed" };
  const verified = await context.idTokens.verify(exchanged.idToken, { nonce: transaction.nonce, notBefore: transaction.createdAt });
  if (!verified.ok) {
    context.logger.warn("report.id_token_refused", { problem: verified.problem, detail: verified.detail });
    return { refused: verified.problem === "keys_unavailable" ? "tenant_unavailable" : "sign_in_failed" };
  }
  // The reported sign-in was unlinked before this sign-in began (./start-report): signing in with it is someone else now.
  if (verified.token.sub !== token.sub) return { refused: "signed_in_as_other", signedIn: verified.token.sub };
  // Used once, for as long as it could be used at all.
  if (!(await context.replays.use(`report:${token.id}`, reportTokenExpiresAt(token) + 60_000, now))) return { refused: "used" };

  const parts = { management: context.management, machineToken: report.machineToken, revocations: report.revocations, userCache: context.userCache, logger: context.logger, now: context.now };
  // Again, in case it was linked anew between the button and this sign-in.
  const again = token.kind === "linked" ? await unlinkReported(parts, token.sub, token.identity) : ({ done: true, changed: false } as const);
  // Removed by the button (before this sign-in) or just now: either way, this report removed it.
  const unlinked = again.done && transaction.reportRemoved ? ({ done: true, changed: true } as const) : again;
  const revoked = await revokeEverywhere(parts, token.sub);
  await context.userCache?.delete(token.sub);
  return { secured: { unlinked, ...revoked }, token };
}

function stepLog(step: SecuredAccount[keyof SecuredAccount]): string {
  return step.done ? (step.changed ? "done" : "nothing_to_do") : `failed:${step.code}`;
}
