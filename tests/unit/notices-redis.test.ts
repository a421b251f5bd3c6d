/**
 * Pending notices in Redis, as several instances share them: a notice
 * outlives the outbox that queued it and is sent by the next one, with its
 * attempts counted on; two outboxes looking at the same moment send each
 * notice once; while Redis cannot answer, notices wait in memory and are
 * still sent (said once).
 */
import { composeNotice } from "@/lib/notices/compose";
import type { NoticeEvent } from "@/lib/notices/event";
import { withLocalNoticeStore } from "@/lib/notices/fallback-store";
import { createNotices } from "@/lib/notices";
import { MailSendError, type Mailer, type OutgoingMail } from "@/lib/notices/mailer";
import { createNoticeOutbox, type NoticeOutbox } from "@/lib/notices/outbox";
import { createRedisNoticeStore, NOTICE_KEYS_TTL_MS } from "@/lib/notices/redis-store";
import { createMemoryNoticeStore } from "@/lib/notices/store";
import { createRedisConnection, type RedisConnection } from "@/lib/shared-state";
import { freePort } from "../support/processes";
import { recordingLogger, type RecordingLogger } from "../support/recording-logger";
import { describeWithRedis, inspectRedis, useTestRedis } from "../support/redis";

const PREFIX = "account-linking:tenant.test:";
const EVENT: NoticeEvent = {
  kind: "linked",
  to: "owner@example.com",
  userId: "auth0|65a000000000000000000001",
  identity: { connectionName: "GitHub", detail: "owner.github@example.com", id: "github|1000001" },
  at: "2026-12-01T10:00:00.000Z",
  userAgent: undefined,
  reportUrl: "https://app.example.com/link/report?t=report-token",
};

/** A mailer that records what it sent; `fail` makes every send fail, `delayMs` makes each take that long. */
function recordingMailer(options: { fail?: boolean; delayMs?: number } = {}): Mailer & { readonly sent: OutgoingMail[] } {
  const sent: OutgoingMail[] = [];
  return {
    sent,
    async send(mail) {
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      if (options.fail) throw new MailSendError("unreachable");
      sent.push(mail);
    },
    close: () => Promise.resolve(),
  };
}

const connections: RedisConnection[] = [];
const outboxes: NoticeOutbox[] = [];
afterEach(async () => {
  await Promise.all(outboxes.splice(0).map((outbox) => outbox.close()));
  await Promise.all(connections.splice(0).map((connection) => connection.close()));
});

function connect(url: string): RedisConnection {
  // A test's own Redis on a loaded 2-core machine: 5 s rather than the 500 ms default (see shared-state-redis.test.ts).
  const connection = createRedisConnection({ url, timeoutMs: 5000 });
  connections.push(connection);
  return connection;
}

/** An instance's outbox as createNotices builds it with Redis, with short waits. */
function outbox(connection: RedisConnection, mailer: Mailer, logger: RecordingLogger, options: { retryMs?: number; leaseMs?: number } = {}): NoticeOutbox {
  const created = createNoticeOutbox({
    mailer,
    logger,
    store: withLocalNoticeStore({ shared: createRedisNoticeStore({ connection, keyPrefix: PREFIX, logger }), local: createMemoryNoticeStore(), logger }),
    retry: { attempts: 5, baseDelayMs: options.retryMs ?? 200, maxDelayMs: options.retryMs ?? 200 },
    compose: (event) => composeNotice(event, { appName: "Example" }),
    pollMs: 50,
    ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
  });
  outboxes.push(created);
  return created;
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describeWithRedis()("pending notices in Redis", () => {
  const redis = useTestRedis();

  it("keeps a notice its outbox could not send when that outbox stops, and the next outbox sends it, counting on its attempts", async () => {
    const loggerA = recordingLogger();
    const first = outbox(connect(redis().url), recordingMailer({ fail: true }), loggerA, { retryMs: 300 });
    await first.enqueue(EVENT);
    await until(() => loggerA.events("notice.retry").length === 1);
    await first.close();
    expect(loggerA.events("notices.dropped")).toEqual([]);

    const client = await inspectRedis(redis().url);
    try {
      expect(await client.zCard(`${PREFIX}notices:due`)).toBe(1);
      expect(await client.keys("*")).toEqual(expect.arrayContaining([`${PREFIX}notices:due`, `${PREFIX}notices:items`]));
      expect((await client.keys("*")).join(" ")).not.toMatch(/owner|65a0|github/);
      expect(await client.pTTL(`${PREFIX}notices:items`)).toBeGreaterThan(NOTICE_KEYS_TTL_MS - 60_000);
    } finally {
      client.destroy();
    }

    const loggerB = recordingLogger();
    const mailer = recordingMailer();
    const second = outbox(connect(redis().url), mailer, loggerB);
    await second.drainForTests();
    expect(mailer.sent.map((mail) => [mail.to, mail.subject])).toEqual([["owner@example.com", "Example: a sign-in was added to your account"]]);
    expect(loggerB.events("notice.sent")).toEqual([{ kind: "linked", attempts: 2, to: "o***@example.com", sub: EVENT.userId }]);
  });

  it("sends at start-up, without waiting to poll, a notice an instance queued just before it stopped", async () => {
    const connection = connect(redis().url);
    await createRedisNoticeStore({ connection, keyPrefix: PREFIX }).add({ id: "left-behind", event: EVENT, attempts: 0, dueAt: Date.now() });
    const mailer = recordingMailer();
    const logger = recordingLogger();
    const notices = createNotices({ config: { smtpUrl: "smtp://127.0.0.1:1", mailFrom: "Example <no-reply@example.com>" }, logger, redis: connection, keyPrefix: PREFIX, mailer });
    try {
      // createNotices polls every 5 s: a send well before then is the start-up look.
      await until(() => mailer.sent.length === 1, 3000);
      expect(logger.events("notice.sent")).toHaveLength(1);
    } finally {
      await notices?.close();
    }
  });

  it("sends each notice once when two outboxes share the Redis", async () => {
    const [mailerA, mailerB] = [recordingMailer({ delayMs: 15 }), recordingMailer({ delayMs: 15 })];
    const a = outbox(connect(redis().url), mailerA, recordingLogger());
    const b = outbox(connect(redis().url), mailerB, recordingLogger());
    const events = Array.from({ length: 30 }, (_, index) => ({ ...EVENT, to: `owner${index}@example.com` }));
    await Promise.all(events.map((event, index) => (index % 2 === 0 ? a : b).enqueue(event)));
    await Promise.all([a.drainForTests(), b.drainForTests()]);

    const sent = [...mailerA.sent, ...mailerB.sent].map((mail) => mail.to).sort();
    expect(sent).toEqual(events.map((event) => event.to).sort());
    // Both took part: the claims really raced.
    expect(mailerA.sent.length).toBeGreaterThan(0);
    expect(mailerB.sent.length).toBeGreaterThan(0);
  });

  it("lets another outbox send a notice whose claim ran out (its claimant died), and a late retry by that claimant does not bring it back", async () => {
    const connection = connect(redis().url);
    const store = createRedisNoticeStore({ connection, keyPrefix: PREFIX });
    await store.add({ id: "claimed-by-the-dead", event: EVENT, attempts: 0, dueAt: Date.now() });
    // An instance claims it for 300 ms, then dies before settling it.
    const [claimed] = await store.claimDue(Date.now(), 10, 300);
    expect(claimed?.id).toBe("claimed-by-the-dead");

    const mailer = recordingMailer();
    const logger = recordingLogger();
    const started = Date.now();
    const other = outbox(connect(redis().url), mailer, logger);
    await until(() => mailer.sent.length === 1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    await other.drainForTests();

    // The dead instance's late retry finds the notice sent: nothing is queued again.
    await store.retryLater({ ...claimed!, attempts: 1, dueAt: Date.now() });
    expect(await store.count()).toBe(0);
    const client = await inspectRedis(redis().url);
    try {
      expect(await client.hLen(`${PREFIX}notices:items`)).toBe(0);
    } finally {
      client.destroy();
    }
    expect(mailer.sent).toHaveLength(1);
    expect(logger.events("notice.sent")).toHaveLength(1);
  });

  it("never sends a notice twice from one outbox while its own send of it outlasts the claim", async () => {
    let release: (() => void) | undefined;
    let sends = 0;
    const slow: Mailer = {
      send: () => {
        sends += 1;
        return new Promise<void>((resolve) => (release = resolve));
      },
      close: () => Promise.resolve(),
    };
    const logger = recordingLogger();
    const box = outbox(connect(redis().url), slow, logger, { leaseMs: 100 });
    await box.enqueue(EVENT);
    await until(() => release !== undefined);
    // Several claims run out meanwhile, and the outbox polls every 50 ms.
    await new Promise((resolve) => setTimeout(resolve, 600));
    release?.();
    await box.drainForTests();
    expect(sends).toBe(1);
    expect(logger.events("notice.sent")).toHaveLength(1);
  });

  it("drops, and says, a stored notice it cannot read instead of sending half of it", async () => {
    const client = await inspectRedis(redis().url);
    try {
      await client.hSet(`${PREFIX}notices:items`, "garbled", JSON.stringify({ v: 1, event: { ...EVENT, reportUrl: "javascript:alert(1)" }, attempts: 0 }));
      await client.zAdd(`${PREFIX}notices:due`, { score: 0, value: "garbled" });
      const logger = recordingLogger();
      const mailer = recordingMailer();
      await outbox(connect(redis().url), mailer, logger).drainForTests();
      expect(mailer.sent).toEqual([]);
      expect(logger.events("notice.unreadable")).toEqual([{ count: 1 }]);
      expect(await client.hLen(`${PREFIX}notices:items`)).toBe(0);
    } finally {
      client.destroy();
    }
  });
});

describeWithRedis({ needsServer: true })("pending notices when Redis goes away mid-send", () => {
  const redis = useTestRedis({ needsServer: true });

  it("keeps a notice whose retry Redis cannot take in memory, and sends it from there once", async () => {
    let failNext: ((error: MailSendError) => void) | undefined;
    let sends = 0;
    const sent: string[] = [];
    const mailer: Mailer = {
      send: (mail) => {
        sends += 1;
        if (sends > 1) {
          sent.push(mail.to);
          return Promise.resolve();
        }
        return new Promise<void>((_, reject) => (failNext = reject));
      },
      close: () => Promise.resolve(),
    };
    const connection = createRedisConnection({ url: redis().url, timeoutMs: 500 });
    connections.push(connection);
    const logger = recordingLogger();
    const box = outbox(connection, mailer, logger, { retryMs: 100 });
    await box.enqueue(EVENT);
    await until(() => failNext !== undefined);
    await redis().stop();
    failNext?.(new MailSendError("unreachable"));
    await box.drainForTests();

    expect(sent).toEqual(["owner@example.com"]);
    expect(logger.events("notice.sent")).toEqual([{ kind: "linked", attempts: 2, to: "o***@example.com", sub: EVENT.userId }]);
    expect(logger.events("notices.unavailable")).toHaveLength(1);
    await redis().restart();
  });
});

describe("pending notices while Redis cannot answer", () => {
  it("wait in memory and are still sent; the outage is said once", async () => {
    const connection = createRedisConnection({ url: `redis://127.0.0.1:${await freePort()}`, timeoutMs: 200 });
    connections.push(connection);
    const logger = recordingLogger();
    const mailer = recordingMailer();
    const box = outbox(connection, mailer, logger);
    await box.enqueue(EVENT);
    await box.enqueue({ ...EVENT, kind: "unlinked" });
    await box.drainForTests();

    expect(mailer.sent.map((mail) => mail.subject)).toEqual(["Example: a sign-in was added to your account", "Example: a sign-in was removed from your account"]);
    expect(logger.events("notices.unavailable")).toEqual([{ reason: "not_connected", fallback: "memory" }]);
    expect(logger.events("notice.sent")).toHaveLength(2);
  });
});
