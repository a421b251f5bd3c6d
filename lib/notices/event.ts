/**
 * What the link and unlink routes hand to the notices: one change of an
 * account's sign-ins, with everything the message says and where its "This
 * wasn't me" button goes. Checked before it is queued, and again when it is
 * read back from Redis, because the composed message is sent to a person.
 */

/** A sign-in was added to (`linked`) or removed from (`unlinked`) an account. */
export interface NoticeEvent {
  readonly kind: "linked" | "unlinked";
  /** The account's verified email: where the notice goes. */
  readonly to: string;
  /** The primary user's id, e.g. `auth0|65a000000000000000000001` (logged with the outcome; never in the message). */
  readonly userId: string;
  readonly identity: {
    /** The connection as a person knows it, e.g. `GitHub`. */
    readonly connectionName: string;
    /** What tells this sign-in apart, e.g. `owner.github@example.com`. */
    readonly detail?: string;
    /** The identity's id, e.g. `github|1000001` (not shown in the message). */
    readonly id: string;
  };
  /** When the change happened (ISO 8601). */
  readonly at: string;
  /** The request's raw `User-Agent` header: parsed into a browser and system, never quoted. */
  readonly userAgent: string | undefined;
  /** Absolute http(s) URL of "This wasn't me", built by the caller; its token is the message's only secret. */
  readonly reportUrl: string;
  /** The notice's language (a BCP 47 tag, e.g. `de`); default English. */
  readonly locale?: string;
}

/** The result of {@link checkNoticeEvent}: the event, or the first field that will not do (for a log line). */
export type NoticeEventCheck = { readonly ok: true; readonly event: NoticeEvent } | { readonly ok: false; readonly field: string };

/** An address a notice may go to: one address, no spaces, quotes, angle brackets or line breaks. */
const ADDRESS = /^[^\s@<>",;()\\]+@[^\s@<>",;()\\[\]]+$/;
/** Control characters (line breaks included): never in a header or a line of the message. */
const CONTROL = /[\u0000-\u001f\u007f]/;

function text(value: unknown, max: number): value is string {
  return typeof value === "string" && value.trim() !== "" && value.length <= max && !CONTROL.test(value);
}

/** The report URL: absolute http(s), no credentials; `javascript:` and the like never reach an `href`. */
export function isReportUrl(value: unknown): value is string {
  if (typeof value !== "string" || value.length > 2048) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.username === "" && url.password === "";
  } catch {
    return false;
  }
}

/**
 * Checks a value (an event from a route, or one read back from Redis) field
 * by field. A `userAgent` that is not a short string counts as absent: the
 * message then says "an unknown browser" instead of being dropped.
 */
export function checkNoticeEvent(value: unknown): NoticeEventCheck {
  const event = value as Partial<Record<keyof NoticeEvent, unknown>> | null;
  if (typeof event !== "object" || event === null) return { ok: false, field: "event" };
  if (event.kind !== "linked" && event.kind !== "unlinked") return { ok: false, field: "kind" };
  if (typeof event.to !== "string" || event.to.length > 320 || !ADDRESS.test(event.to)) return { ok: false, field: "to" };
  if (!text(event.userId, 512)) return { ok: false, field: "userId" };
  const identity = event.identity as Partial<Record<keyof NoticeEvent["identity"], unknown>> | null | undefined;
  if (typeof identity !== "object" || identity === null) return { ok: false, field: "identity" };
  if (!text(identity.connectionName, 128)) return { ok: false, field: "identity.connectionName" };
  if (identity.detail !== undefined && !text(identity.detail, 320)) return { ok: false, field: "identity.detail" };
  if (!text(identity.id, 512)) return { ok: false, field: "identity.id" };
  if (typeof event.at !== "string" || Number.isNaN(Date.parse(event.at))) return { ok: false, field: "at" };
  if (!isReportUrl(event.reportUrl)) return { ok: false, field: "reportUrl" };
  return {
    ok: true,
    event: {
      kind: event.kind,
      to: event.to,
      userId: event.userId,
      identity: { connectionName: identity.connectionName, ...(identity.detail === undefined ? {} : { detail: identity.detail }), id: identity.id },
      at: event.at,
      userAgent: typeof event.userAgent === "string" ? event.userAgent : undefined,
      reportUrl: event.reportUrl,
      ...(typeof event.locale === "string" && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,3}$/.test(event.locale) ? { locale: event.locale } : {}),
    },
  };
}
