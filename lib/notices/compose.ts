/**
 * The notice an account's owner receives after a sign-in was added to or
 * removed from their account: what changed, when, from which browser and
 * system, and a "This wasn't me" button. A plain-text and an HTML part with
 * the same facts; every value from the event is escaped in the HTML, the
 * raw `User-Agent` header never appears (./user-agent), and the only secret
 * is the report URL's own token, which the button needs.
 */
import { isReportUrl, type NoticeEvent } from "./event";
import { summariseUserAgent, type UserAgentSummary } from "./user-agent";

/**
 * Every sentence a person reads in a notice, in one place (a message
 * catalogue will take them over). Values are inserted as given: the HTML part
 * escapes them.
 */
export const NOTICE_TEXT = {
  subject: {
    linked: (appName: string) => `${appName}: a sign-in was added to your account`,
    unlinked: (appName: string) => `${appName}: a sign-in was removed from your account`,
  },
  change: {
    linked: (sort: string, detail: string | undefined) => `${capitalised(article(sort))} ${sort} sign-in${detail ? `, ${detail},` : ""} was added to your account.`,
    unlinked: (sort: string, detail: string | undefined) => `${capitalised(article(sort))} ${sort} sign-in${detail ? `, ${detail},` : ""} was removed from your account.`,
  },
  whenLabel: "When",
  browserLabel: "Browser",
  browser: ({ browser, system }: UserAgentSummary): string =>
    browser && system ? `${browser} on ${system}` : browser ? browser : system ? `a browser on ${system}` : "an unknown browser",
  ifItWasYou: "If this was you, there is nothing to do.",
  button: "This wasn't me",
  whatTheButtonDoes: {
    linked: (sort: string) =>
      `If it was not you, press "This wasn't me": we remove this ${sort} sign-in from your account at once, and after you sign in again as yourself, we sign your account out everywhere.`,
    unlinked: () => `If it was not you, press "This wasn't me": after you sign in again as yourself, we sign your account out everywhere, so whoever did it is locked out.`,
  },
  linkFallback: "If the button does not work, open this address:",
  footer: (appName: string) => `${appName} sends this message whenever the ways to sign in to your account change, so that you can undo a change you did not make.`,
} as const;

/** "a GitHub", "an Apple": the article for the connection's name. */
function article(word: string): string {
  return /^[aeiou]/i.test(word) ? "an" : "a";
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
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
  /** Only English for now. */
  readonly locale?: "en";
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
  const sort = event.identity.connectionName;
  const change = NOTICE_TEXT.change[event.kind](sort, event.identity.detail);
  const when = formatWhen(event.at, options.now, options.locale ?? "en");
  const browser = NOTICE_TEXT.browser(summariseUserAgent(event.userAgent));
  const explanation = NOTICE_TEXT.whatTheButtonDoes[event.kind](sort);
  const subject = NOTICE_TEXT.subject[event.kind](appName);
  const footer = NOTICE_TEXT.footer(appName);

  const text = [
    change,
    "",
    `${NOTICE_TEXT.whenLabel}: ${when}`,
    `${NOTICE_TEXT.browserLabel}: ${browser}`,
    "",
    NOTICE_TEXT.ifItWasYou,
    explanation,
    "",
    `${NOTICE_TEXT.button}: ${event.reportUrl}`,
    "",
    "--",
    footer,
    "",
  ].join("\n");

  const e = escapeHtml;
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${e(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f6f6f6;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#1a1a1a;">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px;">
<p style="font-size:16px;line-height:1.5;margin:0 0 16px;"><strong>${e(change)}</strong></p>
<table role="presentation" style="font-size:14px;line-height:1.5;margin:0 0 16px;border-collapse:collapse;">
<tr><td style="padding:0 12px 0 0;color:#555;">${e(NOTICE_TEXT.whenLabel)}</td><td>${e(when)}</td></tr>
<tr><td style="padding:0 12px 0 0;color:#555;">${e(NOTICE_TEXT.browserLabel)}</td><td>${e(browser)}</td></tr>
</table>
<p style="font-size:14px;line-height:1.5;margin:0 0 8px;">${e(NOTICE_TEXT.ifItWasYou)}</p>
<p style="font-size:14px;line-height:1.5;margin:0 0 20px;">${e(explanation)}</p>
<p style="margin:0 0 20px;"><a href="${e(event.reportUrl)}" style="display:inline-block;background:#b00020;color:#ffffff;text-decoration:none;font-weight:600;padding:10px 18px;border-radius:6px;">${e(NOTICE_TEXT.button)}</a></p>
<p style="font-size:12px;line-height:1.5;color:#555;margin:0 0 16px;">${e(NOTICE_TEXT.linkFallback)}<br><a href="${e(event.reportUrl)}" style="color:#555;word-break:break-all;">${e(event.reportUrl)}</a></p>
<p style="font-size:12px;line-height:1.5;color:#777;margin:0;">${e(footer)}</p>
</div>
</body>
</html>
`;
  return { subject, text, html };
}
