/**
 * The outbox in one instance (pending notices in memory): a queued notice is
 * sent after the caller moved on, retried with growing waits while the mail
 * server is down, given up after its last attempt with a log line that
 * names neither the address in full nor the report link; queuing never
 * throws.
 */
import { retryDelayMs } from "@/lib/notices/backoff";
import { composeNotice } from "@/lib/notices/compose";
import type { NoticeEvent } from "@/lib/notices/event";
import { appNameOf, createNotices, type Notices } from "@/lib/notices";
import { MailSendError, type Mailer, type OutgoingMail } from "@/lib/notices/mailer";
import { createNoticeOutbox } from "@/lib/notices/outbox";
import { createMemoryNoticeStore, type NoticeStore } from "@/lib/notices/store";
import { startMailCatcher, type MailCatcher } from "../support/mail-catcher";
import { recordingLogger, type RecordingLogger } from "../support/recording-logger";

const REPORT_URL = "https://app.example.com/link/report?t=report-token-0123456789";
const EVENT: NoticeEvent = {
  kind: "linked",
  to: "owner@example.com",
  userId: "auth0|65a000000000000000000001",
  identity: { connectionName: "GitHub", detail: "owner.github@example.com", id: "github|1000001" },
  at: "2026-12-01T10:00:00.000Z",
  userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:128.0) Gecko/20100101 Firefox/128.0",
  reportUrl: REPORT_URL,
};
const FROM = "Example <no-reply@example.com>";

const opened: Notices[] = [];
const catchers: MailCatcher[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((notices) => notices.close()));
  await Promise.all(catchers.splice(0).map((catcher) => catcher.close()));
});

function notices(smtpUrl: string, logger: RecordingLogger, retry = { attempts: 3, baseDelayMs: 10, maxDelayMs: 40 }): Notices {
  const created = createNotices({ config: { smtpUrl, mailFrom: FROM }, logger, redis: null, keyPrefix: "account-linking:tenant.test:", retry });
  if (!created) throw new Error("notices are on");
  opened.push(created);
  return created;
}

/** Every line the logger kept, as one string: for "never in any log line". */
const allLogs = (logger: RecordingLogger): string => JSON.stringify(logger.lines);

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("notices through a real mail server", () => {
  it("sends one notice to the account's address and logs it with the address masked", async () => {
    const catcher = await startMailCatcher();
    catchers.push(catcher);
    const logger = recordingLogger();
    const outbox = notices(catcher.smtpUrl, logger);
    await outbox.send(EVENT);
    await outbox.drainForTests();

    const caught = await catcher.waitForMessages(1);
    expect(caught).toHaveLength(1);
    expect(caught[0]).toMatchObject({ subject: "Example: a sign-in was added to your account", to: [{ address: "owner@example.com" }] });
    expect(logger.events("notice.sent")).toEqual([{ kind: "linked", attempts: 1, to: "o***@example.com", sub: EVENT.userId }]);
    expect(allLogs(logger)).not.toContain("owner@example.com");
    expect(allLogs(logger)).not.toContain("report-token");
  }, 30_000);

  it("retries with growing waits while the mail server is down, and sends once it is back", async () => {
    const catcher = await startMailCatcher({ started: false });
    catchers.push(catcher);
    const logger = recordingLogger();
    const outbox = notices(catcher.smtpUrl, logger, { attempts: 8, baseDelayMs: 200, maxDelayMs: 2000 });
    await outbox.send(EVENT);

    await until(() => logger.events("notice.retry").length >= 2);
    await catcher.restart();
    await outbox.drainForTests();

    expect(await catcher.waitForMessages(1)).toHaveLength(1);
    const retries = logger.events("notice.retry");
    expect(retries.slice(0, 2)).toEqual([
      { kind: "linked", attempt: 1, reason: "unreachable", retryInMs: expect.any(Number), to: "o***@example.com", sub: EVENT.userId },
      { kind: "linked", attempt: 2, reason: "unreachable", retryInMs: expect.any(Number), to: "o***@example.com", sub: EVENT.userId },
    ]);
    const [first, second] = retries.map((line) => Number(line["retryInMs"]));
    expect(first).toBeGreaterThanOrEqual(100);
    expect(first).toBeLessThanOrEqual(200);
    expect(second).toBeGreaterThanOrEqual(200);
    expect(second).toBeLessThanOrEqual(400);
    expect(logger.events("notice.sent")).toEqual([{ kind: "linked", attempts: retries.length + 1, to: "o***@example.com", sub: EVENT.userId }]);
    expect(logger.events("notice.failed")).toEqual([]);
  }, 60_000);

  it("gives up after the last attempt and logs notice.failed without the address in full or the report link", async () => {
    const catcher = await startMailCatcher({ started: false });
    catchers.push(catcher);
    const logger = recordingLogger();
    const outbox = notices(catcher.smtpUrl, logger, { attempts: 3, baseDelayMs: 10, maxDelayMs: 40 });
    await outbox.send({ ...EVENT, kind: "unlinked" });
    await outbox.drainForTests();

    expect(logger.events("notice.retry")).toHaveLength(2);
    expect(logger.events("notice.failed")).toEqual([{ kind: "unlinked", attempts: 3, reason: "unreachable", to: "o***@example.com", sub: EVENT.userId }]);
    expect(logger.lines.find((line) => line.event === "notice.failed")?.level).toBe("error");
    expect(allLogs(logger)).not.toContain("owner@example.com");
    expect(allLogs(logger)).not.toContain(REPORT_URL);
    expect(allLogs(logger)).not.toContain("report-token");
  }, 30_000);
});

/** A mailer whose sends the test settles. */
function controlledMailer(): Mailer & { readonly sent: OutgoingMail[]; fail: MailSendError | null; hold: Promise<void> | null } {
  const mailer = {
    sent: [] as OutgoingMail[],
    fail: null as MailSendError | null,
    hold: null as Promise<void> | null,
    async send(mail: OutgoingMail) {
      if (mailer.hold) await mailer.hold;
      if (mailer.fail) throw mailer.fail;
      mailer.sent.push(mail);
    },
    close: () => Promise.resolve(),
  };
  return mailer;
}

function outboxWith(mailer: Mailer, logger: RecordingLogger, store: NoticeStore = createMemoryNoticeStore()) {
  const outbox = createNoticeOutbox({
    mailer,
    logger,
    store,
    retry: { attempts: 4, baseDelayMs: 5, maxDelayMs: 20 },
    compose: (event) => composeNotice(event, { appName: "Example" }),
  });
  opened.push({ send: outbox.enqueue, drainForTests: () => outbox.drainForTests(), close: outbox.close });
  return outbox;
}

describe("queuing a notice", () => {
  it("returns once the notice is queued, before it is sent", async () => {
    const mailer = controlledMailer();
    let release = (): void => {};
    mailer.hold = new Promise<void>((resolve) => (release = resolve));
    const outbox = outboxWith(mailer, recordingLogger());
    await outbox.enqueue(EVENT);
    expect(mailer.sent).toHaveLength(0);
    release();
    await outbox.drainForTests();
    expect(mailer.sent.map((mail) => mail.to)).toEqual(["owner@example.com"]);
  });

  it("never throws: a store that fails, an invalid event and a closed outbox are log lines", async () => {
    const logger = recordingLogger();
    const broken: NoticeStore = { ...createMemoryNoticeStore(), add: () => Promise.reject(new Error("disk on fire")) };
    const outbox = outboxWith(controlledMailer(), logger, broken);
    await expect(outbox.enqueue(EVENT)).resolves.toBeUndefined();
    await expect(outbox.enqueue({ ...EVENT, to: "owner@example.com\r\nBcc: thief@example.net" })).resolves.toBeUndefined();
    await expect(outbox.enqueue(null as unknown as NoticeEvent)).resolves.toBeUndefined();
    await outbox.close();
    await expect(outbox.enqueue(EVENT)).resolves.toBeUndefined();
    expect(logger.lines.map((line) => [line.event, line.fields])).toEqual([
      ["notice.enqueue_failed", { kind: "linked", reason: "error" }],
      ["notice.invalid", { field: "to" }],
      ["notice.invalid", { field: "event" }],
      ["notice.enqueue_failed", { kind: "linked", reason: "closed" }],
    ]);
  });

  it("refuses, and says, a notice beyond what memory may hold", async () => {
    const logger = recordingLogger();
    const mailer = controlledMailer();
    mailer.hold = new Promise<void>(() => {});
    const outbox = createNoticeOutbox({
      mailer,
      logger,
      store: createMemoryNoticeStore({ maxEntries: 2 }),
      retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 5 },
      compose: (event) => composeNotice(event, { appName: "Example" }),
    });
    for (let index = 0; index < 3; index += 1) await outbox.enqueue(EVENT);
    expect(logger.events("notice.enqueue_failed")).toEqual([{ kind: "linked", reason: "full" }]);
  });

  it("does not retry a message the mail server refused for good", async () => {
    const logger = recordingLogger();
    const mailer = controlledMailer();
    mailer.fail = new MailSendError("rejected");
    const outbox = outboxWith(mailer, logger);
    await outbox.enqueue(EVENT);
    await outbox.drainForTests();
    expect(logger.events("notice.retry")).toEqual([]);
    expect(logger.events("notice.failed")).toEqual([{ kind: "linked", attempts: 1, reason: "rejected", to: "o***@example.com", sub: EVENT.userId }]);
  });

  it("names the missing nodemailer package once, however many notices fail for it", async () => {
    const logger = recordingLogger();
    const mailer = controlledMailer();
    mailer.fail = new MailSendError("package_missing");
    const outbox = outboxWith(mailer, logger);
    await outbox.enqueue(EVENT);
    await outbox.enqueue({ ...EVENT, kind: "unlinked" });
    await outbox.drainForTests();
    expect(logger.events("notices.package_missing")).toEqual([{ message: expect.stringContaining("npm install nodemailer") }]);
    expect(logger.events("notice.failed").map((line) => line["reason"])).toEqual(["package_missing", "package_missing"]);
  });

  it("says how many notices it drops when it closes before sending them", async () => {
    const logger = recordingLogger();
    const mailer = controlledMailer();
    mailer.fail = new MailSendError("unreachable");
    const outbox = createNoticeOutbox({
      mailer,
      logger,
      store: createMemoryNoticeStore(),
      retry: { attempts: 5, baseDelayMs: 60_000, maxDelayMs: 60_000 },
      compose: (event) => composeNotice(event, { appName: "Example" }),
    });
    await outbox.enqueue(EVENT);
    await until(() => logger.events("notice.retry").length === 1);
    await outbox.close();
    expect(logger.events("notices.dropped")).toEqual([{ count: 1, reason: "closed" }]);
  });
});

describe("the backoff", () => {
  const policy = { attempts: 8, baseDelayMs: 100, maxDelayMs: 1000 };

  it("doubles the wait after each failure, between half and all of each step, up to the cap", () => {
    expect([1, 2, 3, 4, 5, 6].map((attempt) => retryDelayMs(attempt, policy, () => 0))).toEqual([50, 100, 200, 400, 500, 500]);
    expect([1, 2, 3, 4, 5, 6].map((attempt) => retryDelayMs(attempt, policy, () => 0.999_999))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it("spreads the waits of notices that failed together", () => {
    const waits = new Set(Array.from({ length: 50 }, () => retryDelayMs(3, policy)));
    expect(waits.size).toBeGreaterThan(10);
  });
});

describe("createNotices", () => {
  it("is null when notices are off (no SMTP_URL)", () => {
    expect(createNotices({ config: null, logger: recordingLogger(), redis: null, keyPrefix: "account-linking:tenant.test:" })).toBeNull();
  });

  it.each([
    ["Example <no-reply@example.com>", "Example"],
    ['"Example, Inc." <no-reply@example.com>', "Example, Inc."],
    ["no-reply@example.com", "example.com"],
  ])("calls the app by MAIL_FROM's name: %s → %s", (mailFrom, name) => {
    expect(appNameOf(mailFrom)).toBe(name);
  });
});
