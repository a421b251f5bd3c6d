/**
 * The in-memory attempt throttle (the default): a sliding window per key, on
 * a frozen clock.
 */
import { createMemoryThrottle } from "@/lib/throttle";

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

function frozenClock(): { now: () => number; advance: (ms: number) => void } {
  let at = T0;
  return { now: () => at, advance: (ms) => (at += ms) };
}

async function hits(throttle: { hit(key: string): Promise<{ allowed: boolean }> }, key: string, times: number): Promise<boolean[]> {
  const answers: boolean[] = [];
  for (let i = 0; i < times; i += 1) answers.push((await throttle.hit(key)).allowed);
  return answers;
}

describe("the in-memory attempt throttle", () => {
  it("allows five attempts by one user in a minute and refuses the sixth", async () => {
    const throttle = createMemoryThrottle({ limit: 5, windowMs: 60_000, now: frozenClock().now });
    expect(await hits(throttle, "link:alice", 6)).toEqual([true, true, true, true, true, false]);
  });

  it("limits one user without limiting another", async () => {
    const throttle = createMemoryThrottle({ limit: 5, windowMs: 60_000, now: frozenClock().now });
    await hits(throttle, "link:alice", 5);
    expect((await throttle.hit("link:alice")).allowed).toBe(false);
    expect(await hits(throttle, "link:bob", 5)).toEqual([true, true, true, true, true]);
  });

  it("counts links and unlinks of one user separately", async () => {
    const throttle = createMemoryThrottle({ limit: 2, windowMs: 60_000, now: frozenClock().now });
    expect(await hits(throttle, "link:alice", 3)).toEqual([true, true, false]);
    expect(await hits(throttle, "unlink:alice", 3)).toEqual([true, true, false]);
  });

  it("says how many seconds until the oldest attempt leaves the window", async () => {
    const clock = frozenClock();
    const throttle = createMemoryThrottle({ limit: 2, windowMs: 60_000, now: clock.now });
    await throttle.hit("k");
    clock.advance(15_000);
    await throttle.hit("k");
    clock.advance(500);
    expect(await throttle.hit("k")).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect((await throttle.hit("k")).retryAfterSeconds).toBe(45);
  });

  it("slides: one slot frees when the oldest attempt is a window old, not the whole minute's", async () => {
    const clock = frozenClock();
    const throttle = createMemoryThrottle({ limit: 2, windowMs: 60_000, now: clock.now });
    await throttle.hit("k");
    clock.advance(30_000);
    await throttle.hit("k");
    clock.advance(29_999);
    expect((await throttle.hit("k")).allowed).toBe(false);
    clock.advance(1);
    expect((await throttle.hit("k")).allowed).toBe(true);
    // The attempt at 30 s is still within the window: the next slot frees at 90 s.
    expect(await throttle.hit("k")).toEqual({ allowed: false, retryAfterSeconds: 30 });
  });

  it("does not count refused attempts, so hammering does not push the wait back", async () => {
    const clock = frozenClock();
    const throttle = createMemoryThrottle({ limit: 1, windowMs: 60_000, now: clock.now });
    await throttle.hit("k");
    for (let second = 1; second < 60; second += 1) {
      clock.advance(1000);
      expect(await throttle.hit("k")).toEqual({ allowed: false, retryAfterSeconds: 60 - second });
    }
    clock.advance(1000);
    expect((await throttle.hit("k")).allowed).toBe(true);
  });

  it("never answers a wait of zero seconds while refusing", async () => {
    const clock = frozenClock();
    const throttle = createMemoryThrottle({ limit: 1, windowMs: 60_000, now: clock.now });
    await throttle.hit("k");
    clock.advance(59_999);
    expect(await throttle.hit("k")).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it("keeps counting right after sweeping users with no attempt left in the window", async () => {
    const clock = frozenClock();
    const throttle = createMemoryThrottle({ limit: 1, windowMs: 60_000, now: clock.now, sweepAbove: 3 });
    for (const user of ["a", "b", "c"]) await throttle.hit(user);
    clock.advance(60_000);
    await throttle.hit("d");
    await throttle.hit("e");
    expect(await hits(throttle, "a", 2)).toEqual([true, false]);
    expect((await throttle.hit("d")).allowed).toBe(false);
  });

  it("refuses a limit below one", () => {
    expect(() => createMemoryThrottle({ limit: 0, windowMs: 60_000 })).toThrow("limit must be a whole number of at least 1.");
  });
});
