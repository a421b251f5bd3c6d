/**
 * A real mail catcher for the notice tests: maildev (the one `npm run dev`
 * runs) as a child process on free localhost ports, read back through its
 * REST API (`GET /api/email`). A child process because maildev ships ES
 * modules only, with a dependency tree jest would have to compile.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, start, type Started } from "./processes";

const bin = path.resolve(__dirname, "../../node_modules/maildev/dist/bin/maildev.js");

/** One message as maildev's REST API lists it (the fields the tests read). */
export interface CaughtMail {
  readonly subject: string;
  readonly from: readonly { readonly address: string; readonly name: string }[];
  readonly to: readonly { readonly address: string; readonly name: string }[];
  readonly text: string;
  readonly html: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** A running maildev. */
export interface MailCatcher {
  /** e.g. `smtp://127.0.0.1:40123` */
  readonly smtpUrl: string;
  /** e.g. `http://127.0.0.1:40124` */
  readonly webUrl: string;
  /** Every message caught so far, oldest first. */
  messages(): Promise<CaughtMail[]>;
  /** Resolves with the messages once there are at least `count` (polling), or rejects after `timeoutMs`. */
  waitForMessages(count: number, timeoutMs?: number): Promise<CaughtMail[]>;
  /** Stops it: the SMTP port then refuses connections. */
  stop(): Promise<void>;
  /** Starts it (again) on the same ports; messages caught before are kept. */
  restart(): Promise<void>;
  /** Stops it and removes its messages. */
  close(): Promise<void>;
}

/**
 * Starts maildev on free ports, bound to 127.0.0.1.
 * @param options.started false: only pick the ports (SMTP refuses until {@link MailCatcher.restart}).
 */
export async function startMailCatcher(options: { readonly started?: boolean } = {}): Promise<MailCatcher> {
  const [smtpPort, webPort] = [await freePort(), await freePort()];
  const directory = mkdtempSync(path.join(tmpdir(), "notices-mail-"));
  let running: Started | undefined;
  const launch = async (): Promise<void> => {
    running = start(
      process.execPath,
      [bin, "--smtp", String(smtpPort), "--web", String(webPort), "--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--mail-directory", directory, "--silent"],
      { ...process.env },
    );
    await running.waitFor(/MailDev API running at/, 20_000);
  };
  if (options.started !== false) await launch();
  const webUrl = `http://127.0.0.1:${webPort}`;
  const messages = async (): Promise<CaughtMail[]> => {
    const response = await fetch(`${webUrl}/api/email`);
    if (!response.ok) throw new Error(`maildev answered ${response.status}`);
    return (await response.json()) as CaughtMail[];
  };
  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    webUrl,
    messages,
    async waitForMessages(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const caught = await messages();
        if (caught.length >= count) return caught;
        if (Date.now() > deadline) throw new Error(`maildev caught ${caught.length} of ${count} messages`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop() {
      await running?.stop();
      running = undefined;
    },
    async restart() {
      await running?.stop();
      await launch();
    },
    async close() {
      await running?.stop();
      running = undefined;
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
