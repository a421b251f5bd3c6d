/**
 * The notice an account's owner receives after a sign-in was added to or
 * removed from their account: what changed, when, from which browser and
 * system, and a "This wasn't me" button. A plain-text and an HTML part with
 * the same facts; every value from the event is escaped in the HTML, the
 * raw `User-Agent` header never appears (./user-agent), and the only secret
 * is the report URL's own token, which the button needs.
 */
import { SHIPPED_MESSAGES, type NoticeMessages } from "../i18n";
import { isReportUrl, type NoticeEvent } from "./event";
import { summariseUserAgent, type UserAgentSummary } from "./user-agent";

/**
 * Every sentence a person reads in a notice, in English: the message
 * catalog's `notice` part (lib/i18n), which has them in every shipped
 * language too. Values are inserted as given: the HTML part escapes them.
 */
export const NOTICE_TEXT: NoticeMessages = SHIPPED_MESSAGES.en.notice;

function browserSentence(words: NoticeMessages, { browser, system }: UserAgentSummary): string {
  if (browser && system) return words.browser.both({ browser, system });
  if (browser) return words.browser.browserOnly({ browser });
  if (system) return words.browser.systemOnly({ system });
  return words.browser.unknown;
}

/** A composed notice, ready for the mailer. */
export interface ComposedNotice {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** Options for {@link composeNotice}. */
export interface ComposeNoticeOptions {
  /** The app's name as the person knows it, e.g. `Example` (in the subject and footer). */
  readonly appName: string;
  /** The time written when `event.at` cannot be read (checked events always can); default the current time. */
  readonly now?: Date;
  /** The notice's language, e.g. `de` (its date is written in it); default English. */
  readonly locale?: string;
  /** Its words in that language (the catalog's `notice`, with the app's overrides); default English. */
  readonly messages?: NoticeMessages;
}

/** The notice's `event.at`, e.g. `Tuesday, December 1, 2026 at 10:00 AM UTC`: UTC, with the zone written, so no reader guesses. */
function formatWhen(at: string, now: Date | undefined, locale: string): string {
  const time = new Date(at);
  const format = new Intl.DateTimeFormat(locale, {
    weekday: "long",
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZone: "UTC",
    timeZoneName: "short",
  });
  // Newer ICU data puts a narrow no-break space before AM/PM; a plain one reads the same in every mail client.
  return format.format(Number.isNaN(time.getTime()) ? (now ?? new Date()) : time).replace(/[\u202f\u00a0]/g, " ");
}

const HTML_ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text for HTML content and attribute values (double- or single-quoted). */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}

/**
 * Composes the notice for `event`.
 * @throws {TypeError} when `event.reportUrl` is not an absolute http(s) URL (the outbox checks every event before it is queued).
 */
export function composeNotice(event: NoticeEvent, options: ComposeNoticeOptions): ComposedNotice {
  if (!isReportUrl(event.reportUrl)) throw new TypeError("A notice's reportUrl must be an absolute http(s) URL.");
  const { appName } = options;
  const words = options.messages ?? NOTICE_TEXT;
  const locale = options.locale ?? "en";
  const signIn = { connection: event.identity.connectionName, ...(event.identity.detail ? { account: event.identity.detail } : {}) };
  const change = words.change[event.kind](signIn);
  const when = formatWhen(event.at, options.now, locale);
  const browser = browserSentence(words, summariseUserAgent(event.userAgent));
  const explanation = event.kind === "linked" ? words.whatTheButtonDoes.linked({ connection: signIn.connection }) : words.whatTheButtonDoes.unlinked;
  const subject = words.subject[event.kind]({ app: appName });
  const footer = words.footer({ app: appName });

  const text = [
    change,
    "",
    `${words.whenLabel}: ${when}`,
    `${words.browserLabel}: ${browser}`,
    "",
    words.ifItWasYou,
    explanation,
    "",
    `${words.button}: ${event.reportUrl}`,
    "",
    "--",
    footer,
    "",
  ].join("\n");

  const e = escapeHtml;
  const html = `<!doctype html>
<html lang="${e(locale)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${e(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f6f6f6;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#1a1a1a;">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px;">
<p style="font-size:16px;line-height:1.5;margin:0 0 16px;"><strong>${e(change)}</strong></p>
<table role="presentation" style="font-size:14px;line-height:1.5;margin:0 0 16px;border-collapse:collapse;">
<tr><td style="padding:0 12px 0 0;color:#555;">${e(words.whenLabel)}</td><td>${e(when)}</td></tr>
<tr><td style="padding:0 12px 0 0;color:#555;">${e(words.browserLabel)}</td><td>${e(browser)}</td></tr>
</table>
<p style="font-size:14px;line-height:1.5;margin:0 0 8px;">${e(words.ifItWasYou)}</p>
<p style="font-size:14px;line-height:1.5;margin:0 0 20px;">${e(explanation)}</p>
<p style="margin:0 0 20px;"><a href="${e(event.reportUrl)}" style="display:inline-block;background:#b00020;color:#ffffff;text-decoration:none;font-weight:600;padding:10px 18px;border-radius:6px;">${e(words.button)}</a></p>
<p style="font-size:12px;line-height:1.5;color:#555;margin:0 0 16px;">${e(words.linkFallback)}<br><a href="${e(event.reportUrl)}" style="color:#555;word-break:break-all;">${e(event.reportUrl)}</a></p>
<p style="font-size:12px;line-height:1.5;color:#777;margin:0;">${e(footer)}</p>
</div>
</body>
</html>
`;
  return { subject, text, html };
}
