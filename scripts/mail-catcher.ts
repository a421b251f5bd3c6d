/**
 * The local mail catcher `npm run dev` starts next to the local tenant:
 * maildev (devDependency), in this process, so it stops with the dev server.
 * The app sends its notices to its SMTP port; a person reads them on its page
 * (http://localhost:1080 by default), a test through its REST API: the JSON
 * list of every message at `GET /email`, as maildev has long served it (and
 * `/api/email`, where maildev 3 moved it: a small proxy in front of maildev
 * answers both, so scripts written for either work).
 *
 * Both ports listen on localhost only: the messages hold report links.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, request as forward, type IncomingMessage, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
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
  // maildev's own web server on a free port of its own; the page's port is the proxy's (below).
  const inner = await freeLocalPort();
  const maildev = new MailDev({
    smtp: options.smtpPort,
    ip: "127.0.0.1",
    web: inner,
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
  let proxy: Server;
  try {
    proxy = await listenProxy(options.webPort, inner);
  } catch (error) {
    await maildev.stop().catch(() => {});
    rmSync(mailDirectory, { recursive: true, force: true });
    const { code } = error as NodeJS.ErrnoException;
    if (code === "EADDRINUSE" || code === "EACCES") throw new MailCatcherPortError(`The mail catcher cannot listen on port ${options.webPort}: set MAIL_CATCHER_PORT (its page, ${options.webPort}) to a free port.`, { cause: error });
    throw error;
  }
  return {
    url: `http://localhost:${options.webPort}`,
    smtpUrl: `smtp://127.0.0.1:${options.smtpPort}`,
    async close() {
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await maildev.stop().catch(() => {});
      rmSync(mailDirectory, { recursive: true, force: true });
    },
  };
}

/** `/email…` (maildev 1 and 2's REST API) as maildev 3 serves it, `/api/email…`; every other path as it is. */
export function maildevPath(path: string): string {
  return /^\/email(\/|\?|$)/.test(path) ? `/api${path}` : path;
}

/** A free port on localhost, for maildev's own web server. */
function freeLocalPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "localhost", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

/** The page's port: every request (and the UI's WebSocket) passed to maildev on `inner`, `/email` mapped to `/api/email`. */
function listenProxy(port: number, inner: number): Promise<Server> {
  const server = createServer((incoming: IncomingMessage, outgoing) => {
    const upstream = forward({ host: "localhost", port: inner, method: incoming.method, path: maildevPath(incoming.url ?? "/"), headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    upstream.on("error", () => outgoing.writeHead(502).end());
    incoming.pipe(upstream);
  });
  server.on("upgrade", (incoming: IncomingMessage, socket, head) => {
    const upstream = connect(inner, "localhost", () => {
      const lines = [`${incoming.method ?? "GET"} ${maildevPath(incoming.url ?? "/")} HTTP/1.1`, ...Object.entries(incoming.headers).map(([name, value]) => `${name}: ${String(value)}`)];
      upstream.write(`${lines.join("\r\n")}\r\n\r\n`);
      upstream.write(head);
      socket.pipe(upstream).pipe(socket);
    });
    upstream.on("error", () => socket.destroy());
    socket.on("error", () => upstream.destroy());
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "localhost", () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}
