/**
 * Sending a notice over SMTP with nodemailer, to a real maildev started for
 * these tests and read back through its REST API; failures as closed codes
 * that never carry the server's text.
 */
import { composeNotice } from "@/lib/notices/compose";
import type { NoticeEvent } from "@/lib/notices/event";
import { createSmtpMailer, mailFailureReason, MailSendError, type Mailer } from "@/lib/notices/mailer";
import { freePort } from "../support/processes";
import { startMailCatcher, type MailCatcher } from "../support/mail-catcher";

const EVENT: NoticeEvent = {
  kind: "linked",
  to: "owner@example.com",
  userId: "auth0|65a000000000000000000001",
  identity: { connectionName: "GitHub", detail: "owner.github@example.com", id: "github|1000001" },
  at: "2026-12-01T10:00:00.000Z",
  userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:128.0) Gecko/20100101 Firefox/128.0",
  reportUrl: "https://app.example.com/link/report?t=report-token",
};

let catcher: MailCatcher;
const mailers: Mailer[] = [];

beforeAll(async () => {
  catcher = await startMailCatcher();
}, 30_000);
afterAll(async () => {
  await catcher?.close();
});
afterEach(async () => {
  await Promise.all(mailers.splice(0).map((mailer) => mailer.close()));
});

function mailer(options: Partial<Parameters<typeof createSmtpMailer>[0]> = {}): Mailer {
  const created = createSmtpMailer({ smtpUrl: catcher.smtpUrl, mailFrom: "Example <no-reply@example.com>", ...options });
  mailers.push(created);
  return created;
}

describe("the SMTP mailer", () => {
  it("delivers the notice's subject, text and HTML from MAIL_FROM to the account's address, marked as automatic", async () => {
    const notice = composeNotice(EVENT, { appName: "Example" });
    const before = (await catcher.messages()).length;
    await mailer().send({ to: EVENT.to, ...notice });

    const caught = (await catcher.waitForMessages(before + 1)).at(-1);
    expect(caught).toMatchObject({
      subject: "Example: a sign-in was added to your account",
      from: [{ address: "no-reply@example.com", name: "Example" }],
      to: [{ address: "owner@example.com" }],
    });
    expect(caught?.text.trim()).toBe(notice.text.trim());
    expect(caught?.html).toContain('<a href="https://app.example.com/link/report?t=report-token"');
    expect(caught?.html).toContain("A GitHub sign-in, owner.github@example.com, was added to your account.");
    expect(caught?.headers["auto-submitted"]).toBe("auto-generated");
  });

  it("says the mail server is unreachable when nothing listens at SMTP_URL", async () => {
    const closed = mailer({ smtpUrl: `smtp://127.0.0.1:${await freePort()}` });
    const error = await closed.send({ to: EVENT.to, subject: "s", text: "t", html: "<p>h</p>" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MailSendError);
    expect(error).toMatchObject({ code: "unreachable", permanent: false, message: "The notice was not sent (unreachable)." });
  });

  it("gives up on a send that outlasts its deadline, even while the server keeps the connection busy", async () => {
    const { createServer } = await import("node:net");
    // Greets, then answers EHLO one continuation line every 50 ms, for ever: never idle, never done.
    const trickles: NodeJS.Timeout[] = [];
    const slow = createServer((socket) => {
      socket.on("error", () => {});
      socket.write("220 slow.example ESMTP\r\n");
      socket.once("data", () => trickles.push(setInterval(() => socket.write("250-still thinking\r\n"), 50)));
    });
    await new Promise<void>((resolve) => slow.listen(0, "127.0.0.1", resolve));
    const port = (slow.address() as { port: number }).port;
    try {
      const sender = mailer({ smtpUrl: `smtp://127.0.0.1:${port}`, timeoutMs: 400 });
      const started = Date.now();
      await expect(sender.send({ to: EVENT.to, subject: "s", text: "t", html: "h" })).rejects.toMatchObject({ code: "timeout", permanent: false });
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      for (const trickle of trickles) clearInterval(trickle);
      slow.close();
    }
  });

  it("names the package to install when nodemailer is missing", async () => {
    const missing = mailer({ load: () => Promise.reject(new Error("Cannot find package 'nodemailer'")) });
    await expect(missing.send({ to: EVENT.to, subject: "s", text: "t", html: "h" })).rejects.toMatchObject({
      code: "package_missing",
      permanent: true,
      message: expect.stringContaining("the package `nodemailer` is not installed: run `npm install nodemailer` in your app (or unset SMTP_URL)"),
    });
  });
});

describe("why a send failed", () => {
  it.each([
    ["a 550 to the recipient", "rejected", { code: "EENVELOPE", responseCode: 550, message: "Recipient command failed: 550 5.1.1 <owner@example.com>: unknown" }],
    ["a 452", "deferred", { code: "EMESSAGE", responseCode: 452 }],
    ["a refused login (535)", "auth", { code: "EAUTH", responseCode: 535 }],
    ["no connection", "unreachable", { code: "ECONNECTION" }],
    ["a socket error", "unreachable", { code: "ESOCKET" }],
    ["a timeout", "timeout", { code: "ETIMEDOUT" }],
    ["anything else", "error", new Error("something else")],
  ])("%s is %s", (_label, reason, error) => {
    expect(mailFailureReason(error)).toBe(reason);
  });

  it("never carries the server's text, which may quote the recipient", () => {
    const error = new MailSendError(mailFailureReason({ code: "EENVELOPE", responseCode: 550 }), { cause: new Error("550 <owner@example.com> unknown") });
    expect(error.message).toBe("The notice was not sent (rejected).");
    expect(error.permanent).toBe(true);
  });
});
