/**
 * What the result page shows after the owner's sign-in: a short-lived sealed
 * cookie (HttpOnly, scoped to the page's path, 5 minutes) written by the
 * callback, so the page can be reloaded and its URL (`?result`) proves
 * nothing by itself.
 */
import { hkdfSync } from "node:crypto";
import { sealData, unsealData } from "iron-session";
import type { NextRequest } from "next/server";
import type { LinkingContext } from "../options";
import { reportedSignIn, securedContent, type ReportWords } from "./messages";
import type { ReportPageContent } from "./report-page";
import type { SecuredAccount } from "./secure-account";

/** The cookie's name. */
export const REPORT_RESULT_COOKIE = "__link_report_result";
const RESULT_SECONDS = 300;

interface StoredResult {
  readonly secured: SecuredAccount;
  /** The reported sign-in, `provider|user_id`, and its account as the notice named it. */
  readonly identity: string;
  readonly detail?: string;
}

function resultKey(context: LinkingContext): string {
  return Buffer.from(hkdfSync("sha256", context.transaction.secret, "", "account-linking report result", 32)).toString("hex");
}

/** The `Set-Cookie` value for the result page at `path`. */
export async function reportResultCookie(context: LinkingContext, path: string, result: StoredResult): Promise<string> {
  const sealed = await sealData(result, { password: resultKey(context), ttl: RESULT_SECONDS });
  const attributes = [`${REPORT_RESULT_COOKIE}=${sealed}`, `Path=${path}`, `Max-Age=${RESULT_SECONDS}`, "HttpOnly", "SameSite=Lax"];
  if (context.transaction.secure) attributes.push("Secure");
  return attributes.join("; ");
}

/** The result page's content, or `null` without a valid cookie. */
export async function readReportResult(context: LinkingContext, request: NextRequest, words: ReportWords): Promise<ReportPageContent | null> {
  const sealed = request.cookies.get(REPORT_RESULT_COOKIE)?.value;
  if (!sealed) return null;
  let stored: Partial<StoredResult>;
  try {
    stored = await unsealData<Partial<StoredResult>>(sealed, { password: resultKey(context), ttl: RESULT_SECONDS });
  } catch {
    return null;
  }
  if (!stored.secured || typeof stored.identity !== "string") return null;
  return securedContent(words, stored.secured, reportedSignIn(words, stored.identity, typeof stored.detail === "string" ? stored.detail : undefined), context.loginPath);
}
