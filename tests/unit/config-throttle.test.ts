/** The throttle's settings: LINK_THROTTLE_PER_MINUTE and REDIS_URL. */
import { loadConfig } from "@/lib/config/load-config";
import { VALID_ENV, problemsOf } from "../support/config";

const valid = VALID_ENV;

describe("the throttle's configuration", () => {
  it("defaults to five attempts per user per minute, counted in memory", () => {
    expect(loadConfig(valid).throttle).toEqual({ attemptsPerMinute: 5, redisUrl: null });
  });

  it("reads LINK_THROTTLE_PER_MINUTE and REDIS_URL", () => {
    const config = loadConfig({ ...valid, LINK_THROTTLE_PER_MINUTE: " 20 ", REDIS_URL: "rediss://default:s3cret@cache.internal:6380/2" });
    expect(config.throttle).toEqual({ attemptsPerMinute: 20, redisUrl: "rediss://default:s3cret@cache.internal:6380/2" });
  });

  it.each([["0"], ["-1"], ["five"], ["2.5"], ["10000"]])("refuses LINK_THROTTLE_PER_MINUTE=%s and says what it must be", (value) => {
    expect(problemsOf({ ...valid, LINK_THROTTLE_PER_MINUTE: value })).toEqual([
      `LINK_THROTTLE_PER_MINUTE must be a whole number from 1 to 9999, e.g. LINK_THROTTLE_PER_MINUTE=5 (got "${value}").`,
    ]);
  });

  it.each([["localhost:6379"], ["http://cache:6379"], ["redis://"]])("refuses REDIS_URL=%s", (value) => {
    expect(problemsOf({ ...valid, REDIS_URL: value })).toEqual([expect.stringMatching(/^REDIS_URL must be a Redis URL such as redis:\/\/localhost:6379/)]);
  });

  it("never repeats REDIS_URL's value in its message: it may hold a password", () => {
    const problems = problemsOf({ ...valid, REDIS_URL: "http://user:hunter2@cache:6379" });
    expect(problems.join("\n")).not.toContain("hunter2");
  });
});
