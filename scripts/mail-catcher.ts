/**
 * The local mail catcher `npm run dev` starts next to the local tenant:
 * maildev (devDependency), in this process, so it stops with the dev server.
 * The app sends its notices to its SMTP port; a person reads them on its page
 * (http://localhost:1080 by default), a test through its REST API
 * (`GET /api/email`, the JSON list of every message).
 *
 * Both ports listen on localhost only: the messages hold report links.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** The sender of the notices sent through the mail catcher, when MAIL_FROM is not set. */
export const LOCAL_MAIL_FROM = "Account linking demo <no-reply@example.com>";

/** A running mail catcher. */
export interface RunningMailCatcher {
  /** The page, e.g. `http://localhost:1080`. */
  readonly url: string;
  /** What SMTP_URL gets, e.g. `smtp://127.0.0.1:1025`. */
  readonly smtpUrl: string;
  /** Stops both servers and removes the messages. */
  close(): Promise<void>;
}

/** A port the mail catcher could not listen on (`EADDRINUSE` and the like), naming the setting that moves it. */
export class MailCatcherPortError extends Error {
  override readonly name = "MailCatcherPortError";
}

/**
 * Starts maildev: its page and REST API on `webPort` (localhost), its SMTP on
 * `smtpPort` (127.0.0.1). Its messages live in a directory of their own under
 * the system's temporary directory, removed on close: like the local tenant,
 * the catcher starts empty.
 * @throws {MailCatcherPortError} when a port is taken.
 */
export async function startMailCatcher(options: { readonly webPort: number; readonly smtpPort: number }): Promise<RunningMailCatcher> {
  // Imported here: maildev and its web server load only when the local tenant is used.
  const { MailDev } = await import("maildev");
  const mailDirectory = mkdtempSync(path.join(tmpdir(), "account-linking-mail-"));
  const maildev = new MailDev({
    smtp: options.smtpPort,
    ip: "127.0.0.1",
    web: options.webPort,
    webIp: "localhost",
    mailDirectory,
    silent: true,
  });
  try {
    await maildev.start();
  } catch (error) {
    rmSync(mailDirectory, { recursive: true, force: true });
    const { code, port } = error as NodeJS.ErrnoException & { port?: number };
    if (code === "EADDRINUSE" || code === "EACCES") {
      const setting = port === options.smtpPort ? `MAIL_CATCHER_SMTP_PORT (its SMTP, ${options.smtpPort})` : `MAIL_CATCHER_PORT (its page, ${options.webPort})`;
      throw new MailCatcherPortError(`The mail catcher cannot listen on port ${port ?? "?"}: set ${setting} to a free port.`, { cause: error });
    }
    throw error;
  }
  return {
    url: `http://localhost:${options.webPort}`,
    smtpUrl: `smtp://127.0.0.1:${options.smtpPort}`,
    async close() {
      await maildev.stop().catch(() => {});
      rmSync(mailDirectory, { recursive: true, force: true });
    },
  };
}
