/**
 * Sends composed notices over SMTP with nodemailer (SMTP_URL, MAIL_FROM).
 * nodemailer is an optional peer of this package, like `redis`: imported on
 * the first send, so an app without notices needs neither the package nor a
 * build that resolves it.
 *
 * Every failure becomes a {@link MailSendError} with a closed `code`: the
 * SMTP server's own text often quotes the recipient's address, so nothing of
 * it may reach a log line.
 */

/** One message to send. */
export interface OutgoingMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** What the outbox sends through. */
export interface Mailer {
  /** @throws {MailSendError} when the message was not accepted. */
  send(mail: OutgoingMail): Promise<void>;
  /** Closes the SMTP connection, if one is open. */
  close(): Promise<void>;
}

/**
 * Why a message was not sent:
 * `unreachable` (no connection, TLS or DNS failed), `timeout`, `deferred`
 * (a 4xx answer: try later), `rejected` (a 5xx answer or an address refused:
 * trying again will not help), `auth` (login refused), `package_missing`
 * (nodemailer is not installed), `error` (anything else).
 */
export type MailFailureReason = "unreachable" | "timeout" | "deferred" | "rejected" | "auth" | "package_missing" | "error";

/** A message was not sent; `code` says why, `permanent` whether another attempt can help. Its message never holds the server's text. */
export class MailSendError extends Error {
  override readonly name = "MailSendError";
  readonly code: MailFailureReason;
  readonly permanent: boolean;

  constructor(code: MailFailureReason, options?: ErrorOptions) {
    super(code === "package_missing" ? NODEMAILER_MISSING : `The notice was not sent (${code}).`, options);
    this.code = code;
    this.permanent = code === "rejected" || code === "package_missing";
  }
}

const NODEMAILER_MISSING =
  "SMTP_URL is set, so account linking emails a notice of every new and removed sign-in, but the package `nodemailer` is not installed: run `npm install nodemailer` in your app (or unset SMTP_URL).";

/** The part of nodemailer used here (its own types are not a dependency of this package's declarations). */
export interface NodemailerModule {
  createTransport(options: Record<string, unknown>): {
    sendMail(mail: Record<string, unknown>): Promise<unknown>;
    close(): void;
  };
}

type Transport = ReturnType<NodemailerModule["createTransport"]>;

/**
 * nodemailer, imported on first use. The ignore comments keep the app's
 * bundler from resolving it at build time (see lib/shared-state/redis-connection.ts).
 */
function loadNodemailer(): Promise<NodemailerModule> {
  return import(/* webpackIgnore: true */ /* turbopackIgnore: true */ "nodemailer").then(
    (module: { default?: NodemailerModule } & Partial<NodemailerModule>) => (module.default ?? module) as NodemailerModule,
  );
}

/** Options for {@link createSmtpMailer}. */
export interface SmtpMailerOptions {
  /** SMTP_URL: `smtp://[user:password@]host[:port]` or `smtps://…` (nodemailer's URL form). Never logged. */
  readonly smtpUrl: string;
  /** MAIL_FROM: `address` or `Name <address>`. */
  readonly mailFrom: string;
  /** Deadline of one send, in ms; default 30 000. The outbox's claim on a notice outlasts it. */
  readonly timeoutMs?: number;
  /** Loads nodemailer; default a dynamic import (tests: a missing package). */
  readonly load?: () => Promise<NodemailerModule>;
}

/** Default deadline of one send, in ms. */
export const DEFAULT_SEND_TIMEOUT_MS = 30_000;

/** The closed reason for whatever nodemailer (or the network beneath it) threw. */
export function mailFailureReason(error: unknown): MailFailureReason {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  if (typeof responseCode === "number") {
    if (responseCode >= 500 && responseCode < 600) return code === "EAUTH" ? "auth" : "rejected";
    if (responseCode >= 400 && responseCode < 500) return "deferred";
  }
  switch (code) {
    case "ECONNECTION":
    case "ECONNREFUSED":
    case "ECONNRESET":
    case "ESOCKET":
    case "EDNS":
    case "ETLS":
    case "EHOSTUNREACH":
    case "ENOTFOUND":
      return "unreachable";
    case "ETIMEDOUT":
    case "ETIME":
      return "timeout";
    case "EAUTH":
      return "auth";
    case "EENVELOPE":
      return "rejected";
    default:
      return "error";
  }
}

/**
 * A {@link Mailer} over SMTP. One transport (and connection handling) per
 * mailer, created on the first send; nodemailer's own waits are shortened
 * (it would wait up to two minutes for a connection and ten for a reply).
 */
export function createSmtpMailer(options: SmtpMailerOptions): Mailer {
  const timeoutMs = options.timeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;
  const load = options.load ?? loadNodemailer;
  let transport: Promise<Transport> | undefined;

  function open(): Promise<Transport> {
    transport ??= load().then(
      (nodemailer) =>
        nodemailer.createTransport({
          url: options.smtpUrl,
          connectionTimeout: Math.min(10_000, timeoutMs),
          greetingTimeout: Math.min(10_000, timeoutMs),
          socketTimeout: timeoutMs,
        }),
      (cause: unknown) => {
        transport = undefined;
        throw new MailSendError("package_missing", { cause });
      },
    );
    return transport;
  }

  return {
    async send(mail) {
      const sender = await open();
      let timer: NodeJS.Timeout | undefined;
      try {
        const deadline = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new MailSendError("timeout")), timeoutMs);
        });
        const sending = sender.sendMail({
          from: options.mailFrom,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          // RFC 3834: an automatic message; out-of-office replies and the like should not answer it.
          headers: { "Auto-Submitted": "auto-generated" },
        });
        // A send that ends after the deadline is dropped, not left to reject unhandled.
        sending.catch(() => {});
        await Promise.race([sending, deadline]);
      } catch (cause) {
        throw cause instanceof MailSendError ? cause : new MailSendError(mailFailureReason(cause), { cause });
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      const opened = transport;
      transport = undefined;
      if (opened) (await opened.catch(() => undefined))?.close();
    },
  };
}
