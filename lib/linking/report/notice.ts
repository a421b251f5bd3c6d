/**
 * The notice a link or unlink sends to the account's verified email (see
 * lib/notices for the message and its delivery): built here from what the
 * route knows, with the "This wasn't me" URL and its sealed token. Sent after
 * the response (`context.defer`), so mail never delays or fails the change.
 */
import type { NextRequest } from "next/server";
import type { NoticeEvent } from "../../notices/event";
import type { LinkingContext } from "../options";
import { reportedSignIn, reportWords } from "./messages";
import { sealReportToken } from "./report-token";

/** What a notice says: lib/notices' event (its one definition). */
export type LinkNotice = NoticeEvent;

/** Where notices go: lib/notices' sender. `send` never rejects. */
export interface NoticeSender {
  send(notice: LinkNotice): Promise<void>;
}

/** What the route knows about the change. */
export interface ChangeForNotice {
  readonly kind: "linked" | "unlinked";
  readonly user: { readonly sub: string; readonly email?: unknown; readonly email_verified?: unknown };
  /** The sign-in: its id (whose provider names its connection in the notice's language) and its account. */
  readonly identity: { readonly id: string; readonly detail?: string };
  /** The owner's own connection, for their fresh sign-in after "This wasn't me". */
  readonly ownerConnection?: string;
}

/**
 * Queues the notice of `change` after the response, when notices are on and
 * the account has a verified email (an unverified address may be anyone's:
 * it gets nothing). Never throws and never waits for mail.
 */
export function noticeAfterResponse(context: LinkingContext, request: NextRequest, change: ChangeForNotice): void {
  const sender = context.notices;
  const report = context.report;
  if (!sender || !report) return;
  const email = change.user.email;
  if (typeof email !== "string" || !email || change.user.email_verified !== true) {
    context.logger.info("notice.skipped", { kind: change.kind, sub: change.user.sub, reason: "no_verified_email" });
    return;
  }
  const at = new Date(context.now()).toISOString();
  const words = reportWords(context, request);
  // The connection named in the notice's language ("E-Mail und Passwort"), brands as they are.
  const identity = { ...change.identity, connectionName: reportedSignIn(words, change.identity.id, undefined).connection };
  const userAgent = request.headers.get("user-agent") ?? undefined;
  context.defer(async () => {
    try {
      const token = await sealReportToken(
        {
          sub: change.user.sub,
          identity: change.identity.id,
          ...(change.identity.detail ? { detail: change.identity.detail } : {}),
          kind: change.kind,
          ...(change.ownerConnection ? { ownerConnection: change.ownerConnection } : {}),
        },
        report.tokens,
      );
      const reportUrl = new URL(report.path, context.appOrigin);
      reportUrl.searchParams.set("t", token);
      await sender.send({ kind: change.kind, to: email, userId: change.user.sub, identity, at, userAgent, reportUrl: reportUrl.href, locale: words.locale });
    } catch (error) {
      context.logger.error("notice.failed", { kind: change.kind, sub: change.user.sub, reason: (error as { name?: string } | null)?.name ?? "unknown", attempts: 0 });
    }
  });
}
