/**
 * `redis` is an optional peer: an app that sets REDIS_URL without installing
 * it gets one error line that names the package and how to add it, and its
 * links and unlinks still go through, limited per instance.
 */
import { createAttemptThrottle } from "@/lib/throttle";
import type { LogFields } from "@/lib/util/log";

// As in an app without the package: requiring it fails the way Node's resolver does.
jest.mock("redis", () => {
  throw Object.assign(new Error("Cannot find module 'redis' from 'lib/throttle/redis.ts'"), { code: "MODULE_NOT_FOUND" });
});

test("says to install redis, once, and still limits attempts in this process when REDIS_URL is set without the package", async () => {
  const errors: [string, LogFields | undefined][] = [];
  const logger = { info() {}, warn() {}, error: (event: string, fields?: LogFields) => void errors.push([event, fields]) };
  const throttle = createAttemptThrottle({ attemptsPerMinute: 2, redisUrl: "redis://localhost:6379" }, logger);
  try {
    expect(await throttle.hit("link:alice")).toMatchObject({ allowed: true });
    expect(await throttle.hit("link:alice")).toMatchObject({ allowed: true });
    expect(await throttle.hit("link:alice")).toMatchObject({ allowed: false });
    const missing = errors.filter(([event]) => event === "redis.package_missing");
    expect(missing).toHaveLength(1);
    expect(missing[0]?.[1]?.["message"]).toContain("the package `redis` is not installed: run `npm install redis`");
  } finally {
    await throttle.close();
  }
});
