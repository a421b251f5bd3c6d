/**
 * How the linking routes use a throttle: the key they count under, failing
 * open when a throttle cannot answer, and the sentence Settings shows.
 */
import { readSettingsNotice } from "@/lib/linking";
import { takeAttempt } from "@/lib/linking/throttle";
import { createMemoryThrottle, ThrottleUnavailableError, type AttemptThrottle } from "@/lib/throttle";
import { recordingLogger } from "../support/recording-logger";

describe("taking an attempt before a link or unlink", () => {
  it("counts links and unlinks under link:{sub} and unlink:{sub}", async () => {
    const keys: string[] = [];
    const throttle: AttemptThrottle = { hit: (key) => (keys.push(key), Promise.resolve({ allowed: true, retryAfterSeconds: 0 })) };
    const logger = recordingLogger();
    await takeAttempt({ throttle, logger }, "link", "auth0|65a000000000000000000001");
    await takeAttempt({ throttle, logger }, "unlink", "auth0|65a000000000000000000001");
    expect(keys).toEqual(["link:auth0|65a000000000000000000001", "unlink:auth0|65a000000000000000000001"]);
  });

  it("answers 'throttled' with the throttle's wait once the limit is reached", async () => {
    const throttle = createMemoryThrottle({ limit: 1, windowMs: 60_000, now: () => 0 });
    const logger = recordingLogger();
    expect(await takeAttempt({ throttle, logger }, "link", "u")).toBeNull();
    expect(await takeAttempt({ throttle, logger }, "link", "u")).toEqual({ code: "throttled", retryAfterSeconds: 60 });
  });

  it("lets the attempt through and logs throttle.unavailable when the throttle itself fails", async () => {
    const throttle: AttemptThrottle = { hit: () => Promise.reject(new ThrottleUnavailableError("timeout")) };
    const logger = recordingLogger();
    expect(await takeAttempt({ throttle, logger }, "unlink", "u")).toBeNull();
    expect(logger.lines).toEqual([{ level: "warn", event: "throttle.unavailable", fields: { reason: "timeout", key: "unlink:u", fallback: "none" } }]);
  });
});

describe("what Settings says about a throttled attempt", () => {
  it.each([
    ["link", "42", "Too many attempts. Please try again in 42 seconds."],
    ["unlink", "1", "Too many attempts. Please try again in 1 second."],
    ["link", undefined, "Too many attempts. Please wait a moment and try again."],
  ])("%s=throttled&retry=%s: %s", (about, retry, text) => {
    expect(readSettingsNotice({ [about]: "throttled", ...(retry ? { retry } : {}) }, [])).toEqual({ about, kind: "alert", text });
  });
});
