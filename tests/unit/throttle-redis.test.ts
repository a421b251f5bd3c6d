/**
 * The Redis attempt throttle against a real Redis: a redis-server of the
 * test's own (or REDIS_URL). Several throttles stand for several app
 * instances: each has its own connection, and they share one count.
 */
import { createMemoryThrottle, createRedisThrottle, ThrottleUnavailableError, withLocalFallback, type ClosableThrottle } from "@/lib/throttle";
import { freePort } from "../support/processes";
import { recordingLogger } from "../support/recording-logger";
import { describeWithRedis, inspectRedis, startTestRedis, type TestRedis } from "../support/redis";

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

let redis: TestRedis;
const opened: ClosableThrottle[] = [];

/** A throttle on its own connection, closed after the test. */
function instance(options: { limit?: number; now?: () => number; url?: string; timeoutMs?: number } = {}): ClosableThrottle {
  const throttle = createRedisThrottle({
    url: options.url ?? redis.url,
    limit: options.limit ?? 5,
    windowMs: 60_000,
    ...(options.now ? { now: options.now } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  opened.push(throttle);
  return throttle;
}

/** Waits until the throttle's connection is up (it connects in the background). */
async function connected(throttle: ClosableThrottle, key = "probe:connected"): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await throttle.hit(key);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/** Polls `condition` every 25 ms until it holds; fails after 10 s. */
async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("timed out waiting for a condition");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function hits(throttle: ClosableThrottle, key: string, times: number): Promise<boolean[]> {
  const answers: boolean[] = [];
  for (let i = 0; i < times; i += 1) answers.push((await throttle.hit(key)).allowed);
  return answers;
}

describeWithRedis()("the Redis attempt throttle", () => {
  beforeAll(async () => {
    redis = await startTestRedis();
  }, 20_000);
  afterAll(async () => {
    await redis?.stop();
  });
  beforeEach(async () => {
    await redis.clearThrottleKeys();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((throttle) => throttle.close()));
  });

  it("allows five attempts by one user in a minute, refuses the sixth, and does not limit another user", async () => {
    const throttle = instance({ now: () => T0 });
    await connected(throttle, "probe");
    expect(await hits(throttle, "link:alice", 6)).toEqual([true, true, true, true, true, false]);
    expect(await hits(throttle, "link:bob", 5)).toEqual([true, true, true, true, true]);
  });

  it("slides like the in-memory throttle, and answers the seconds until a slot frees", async () => {
    let at = T0;
    const throttle = instance({ limit: 2, now: () => at });
    await connected(throttle, "probe");
    await throttle.hit("k");
    at += 30_000;
    await throttle.hit("k");
    at += 29_500;
    expect(await throttle.hit("k")).toEqual({ allowed: false, retryAfterSeconds: 1 });
    at += 500;
    expect((await throttle.hit("k")).allowed).toBe(true);
    expect(await throttle.hit("k")).toEqual({ allowed: false, retryAfterSeconds: 30 });
  });

  it("shares one limit between two instances: attempts split across both are refused once five are used", async () => {
    const first = instance({ now: () => T0 });
    const second = instance({ now: () => T0 });
    await Promise.all([connected(first, "probe:1"), connected(second, "probe:2")]);

    expect(await hits(first, "link:alice", 3)).toEqual([true, true, true]);
    expect(await hits(second, "link:alice", 2)).toEqual([true, true]);
    expect((await first.hit("link:alice")).allowed).toBe(false);
    expect((await second.hit("link:alice")).allowed).toBe(false);
  });

  it("lets exactly five of thirty concurrent attempts through, from three instances (the check is atomic)", async () => {
    const throttles = [instance(), instance(), instance()];
    await Promise.all(throttles.map((throttle, n) => connected(throttle, `probe:${n}`)));

    const answers = await Promise.all(Array.from({ length: 30 }, (_, n) => throttles[n % 3]!.hit("unlink:alice")));

    expect(answers.filter((answer) => answer.allowed)).toHaveLength(5);
    // Redis's own clock: the first refusal waits about a minute.
    expect(answers.find((answer) => !answer.allowed)?.retryAfterSeconds).toBeGreaterThanOrEqual(59);
  });

  it("keeps one key per action and user, under its own prefix, expiring a window after the last attempt", async () => {
    const throttle = instance();
    await connected(throttle, "probe");
    await throttle.hit("link:auth0|65a000000000000000000001");
    await throttle.hit("link:auth0|65a000000000000000000001");

    const client = await inspectRedis(redis.url);
    try {
      const key = "account-linking:throttle:link:auth0|65a000000000000000000001";
      expect(await client.zCard(key)).toBe(2);
      const ttl = await client.pTTL(key);
      expect(ttl).toBeGreaterThan(55_000);
      expect(ttl).toBeLessThanOrEqual(60_000);
    } finally {
      client.destroy();
    }
  });

  it("waits for an unreachable Redis only at start-up and only up to its deadline, then answers at once that it is unavailable", async () => {
    const nobody = `redis://127.0.0.1:${await freePort()}`;
    const throttle = instance({ url: nobody, timeoutMs: 300 });

    let started = Date.now();
    const first = await throttle.hit("link:alice").catch((caught: unknown) => caught);
    expect(first).toBeInstanceOf(ThrottleUnavailableError);
    expect((first as ThrottleUnavailableError).code).toBe("not_connected");
    expect(Date.now() - started).toBeLessThan(600);

    started = Date.now();
    const second = await throttle.hit("link:alice").catch((caught: unknown) => caught);
    expect((second as ThrottleUnavailableError).code).toBe("not_connected");
    expect(Date.now() - started).toBeLessThan(50);
  });

  it("counts the first attempts after start-up in Redis, waiting for the first connection rather than falling back", async () => {
    const first = instance({ now: () => T0 });
    const second = instance({ now: () => T0 });
    // No waiting for the connections: the first hit of each waits for it.
    expect(await Promise.all([first.hit("link:frank"), second.hit("link:frank")])).toEqual([
      { allowed: true, retryAfterSeconds: 0 },
      { allowed: true, retryAfterSeconds: 0 },
    ]);
    const client = await inspectRedis(redis.url);
    try {
      expect(await client.zCard("account-linking:throttle:link:frank")).toBe(2);
    } finally {
      client.destroy();
    }
  });

  it("falls back to this instance's own limit while Redis is unreachable, and logs throttle.unavailable once for the outage", async () => {
    const nobody = `redis://127.0.0.1:${await freePort()}`;
    const logger = recordingLogger();
    const throttle = withLocalFallback(instance({ url: nobody }), createMemoryThrottle({ limit: 5, windowMs: 60_000 }), logger);
    opened.push(throttle);

    expect(await hits(throttle, "link:alice", 6)).toEqual([true, true, true, true, true, false]);
    expect(await hits(throttle, "link:bob", 1)).toEqual([true]);
    expect(logger.events("throttle.unavailable")).toEqual([{ reason: "not_connected", fallback: "memory" }]);
    // The URL (which may hold a password) is never logged.
    expect(JSON.stringify(logger.lines)).not.toContain(nobody);
  });
});

describeWithRedis({ needsServer: true })("the Redis attempt throttle when Redis goes away and comes back", () => {
  let own: TestRedis;
  beforeAll(async () => {
    own = await startTestRedis({ needsServer: true });
  }, 20_000);
  afterAll(async () => {
    await own?.stop();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((throttle) => throttle.close()));
  });

  it("falls back to per-instance limits while Redis is down, logs it once per outage, and shares the limit again once Redis is back", async () => {
    const logger = recordingLogger();
    const make = (): ClosableThrottle => {
      const throttle = withLocalFallback(
        createRedisThrottle({ url: own.url, limit: 2, windowMs: 60_000, logger }),
        createMemoryThrottle({ limit: 2, windowMs: 60_000 }),
        logger,
      );
      opened.push(throttle);
      return throttle;
    };
    const [first, second] = [make(), make()];
    // An attempt reached Redis when Redis holds it (the fallback logs only an outage's first).
    let probes = 0;
    const reachesRedis = async (throttle: ClosableThrottle): Promise<boolean> => {
      probes += 1;
      const key = `probe:${probes}`;
      await throttle.hit(key);
      const client = await inspectRedis(own.url);
      try {
        return (await client.zCard(`account-linking:throttle:${key}`)) === 1;
      } finally {
        client.destroy();
      }
    };
    await until(async () => (await reachesRedis(first)) && (await reachesRedis(second)));
    logger.lines.length = 0;
    expect(await hits(first, "link:alice", 1)).toEqual([true]);
    expect(await hits(second, "link:alice", 2)).toEqual([true, false]);
    expect(logger.events("throttle.unavailable")).toEqual([]);

    await own.stop();
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Each instance now counts on its own: two more attempts each, then refused.
    expect(await hits(first, "link:carol", 3)).toEqual([true, true, false]);
    expect(await hits(second, "link:carol", 3)).toEqual([true, true, false]);
    // Once per instance for the whole outage, not once per attempt.
    expect(logger.events("throttle.unavailable")).toHaveLength(2);
    expect(logger.events("redis.disconnected")).toHaveLength(2);

    await own.restart();
    await until(() => logger.events("redis.connected").length === 2);
    expect(await hits(first, "link:dave", 1)).toEqual([true]);
    expect(await hits(second, "link:dave", 2)).toEqual([true, false]);
    expect(logger.events("throttle.unavailable")).toHaveLength(2);
    expect(logger.events("throttle.recovered")).toEqual([
      { fallbacks: 3, seconds: expect.any(Number) },
      { fallbacks: 3, seconds: expect.any(Number) },
    ]);
  }, 30_000);

  it("counts a Redis that answers too slowly as unavailable, and answers again once it does", async () => {
    const throttle = createRedisThrottle({ url: own.url, limit: 5, windowMs: 60_000, timeoutMs: 200 });
    opened.push(throttle);
    await until(() => throttle.hit("probe").then(() => true, () => false));
    const client = await inspectRedis(own.url);
    try {
      await client.sendCommand(["CLIENT", "PAUSE", "1000", "ALL"]);
      const started = Date.now();
      const error = await throttle.hit("link:erin").catch((caught: unknown) => caught);
      expect((error as ThrottleUnavailableError).code).toBe("timeout");
      expect(Date.now() - started).toBeLessThan(900);
      await until(() => throttle.hit("link:erin").then(() => true, () => false));
    } finally {
      client.destroy();
    }
  }, 15_000);
});
