/**
 * What keeps suggestions from spending the tenant's quota: per-user entries
 * that expire (found accounts after 5 minutes, failures after 1), a bound on
 * how many users are kept, a process-wide budget of look-ups per minute with
 * a per-user share of it, and one look-up in flight per user. The clock is a number the test moves.
 */
import { createSuggestionCache, type SuggestedAccount } from "@/lib/settings/suggestion-cache";

const OWNER = "auth0|65a000000000000000000001";
const EMAIL = "owner@example.com";
const GITHUB: SuggestedAccount = { userId: "github|1000003", connection: "github", provider: "github", providerName: "GitHub", email: EMAIL };

function cacheWithClock(options: Parameters<typeof createSuggestionCache>[0] = {}) {
  let clock = Date.UTC(2026, 0, 1);
  const cache = createSuggestionCache({ now: () => clock, ...options });
  return { cache, advance: (ms: number) => void (clock += ms) };
}

describe("the suggestion cache", () => {
  it("serves found accounts for 5 minutes, then asks for a new look-up", async () => {
    const { cache, advance } = cacheWithClock();
    await cache.set(OWNER, EMAIL, [GITHUB]);
    advance(300_000 - 1);
    expect(await cache.get(OWNER, EMAIL)).toEqual({ accounts: [GITHUB] });
    expect(await cache.find(OWNER, GITHUB.userId)).toEqual(GITHUB);
    advance(1);
    expect(await cache.get(OWNER, EMAIL)).toBeUndefined();
    expect(await cache.find(OWNER, GITHUB.userId)).toBeUndefined();
  });

  it("remembers a failed look-up for one minute only", async () => {
    const { cache, advance } = cacheWithClock();
    await cache.set(OWNER, EMAIL, null);
    advance(59_999);
    expect(await cache.get(OWNER, EMAIL)).toEqual({ accounts: null });
    advance(1);
    expect(await cache.get(OWNER, EMAIL)).toBeUndefined();
  });

  it("does not answer for another email than the one looked up", async () => {
    const { cache } = cacheWithClock();
    await cache.set(OWNER, EMAIL, [GITHUB]);
    expect(await cache.get(OWNER, "new@example.com")).toBeUndefined();
  });

  it("finds only the user's own suggestions", async () => {
    const { cache } = cacheWithClock();
    await cache.set(OWNER, EMAIL, [GITHUB]);
    expect(await cache.find("auth0|65a000000000000000000003", GITHUB.userId)).toBeUndefined();
    expect(await cache.find(OWNER, "github|1000002")).toBeUndefined();
  });

  it("forgets a user on delete", async () => {
    const { cache } = cacheWithClock();
    await cache.set(OWNER, EMAIL, [GITHUB]);
    await cache.delete(OWNER);
    expect(await cache.get(OWNER, EMAIL)).toBeUndefined();
  });

  it("keeps at most maxEntries users, dropping the least recently written", async () => {
    const { cache } = cacheWithClock({ maxEntries: 2 });
    await cache.set("a|1", EMAIL, []);
    await cache.set("b|2", EMAIL, []);
    await cache.set("a|1", EMAIL, [GITHUB]);
    await cache.set("c|3", EMAIL, []);
    expect(await cache.get("b|2", EMAIL)).toBeUndefined();
    expect(await cache.get("a|1", EMAIL)).toEqual({ accounts: [GITHUB] });
    expect(await cache.get("c|3", EMAIL)).toEqual({ accounts: [] });
  });

  it("allows lookupsPerMinute look-ups in any 60 seconds, process-wide", async () => {
    const { cache, advance } = cacheWithClock({ lookupsPerMinute: 2 });
    expect(await cache.takeLookup()).toBe(true);
    advance(30_000);
    expect(await cache.takeLookup()).toBe(true);
    expect(await cache.takeLookup()).toBe(false);
    advance(30_000);
    // The first look-up is a minute old: one more fits, not two.
    expect(await cache.takeLookup()).toBe(true);
    expect(await cache.takeLookup()).toBe(false);
  });

  it("lets one user take only their share of the look-ups, and leaves the rest of the budget to others", async () => {
    const { cache, advance } = cacheWithClock({ lookupsPerMinute: 5, lookupsPerUserPerMinute: 2 });
    expect([await cache.takeLookupFor(OWNER), await cache.takeLookupFor(OWNER)]).toEqual(["taken", "taken"]);
    // Refused without spending the process's budget, however often they ask.
    for (let i = 0; i < 10; i += 1) expect(await cache.takeLookupFor(OWNER)).toBe("user_share_spent");
    expect([await cache.takeLookupFor("other|1"), await cache.takeLookupFor("other|1"), await cache.takeLookupFor("third|1")]).toEqual(["taken", "taken", "taken"]);
    expect(await cache.takeLookupFor("fourth|1")).toBe("process_budget_spent");
    advance(60_000);
    expect(await cache.takeLookupFor(OWNER)).toBe("taken");
  });

  it("takes nothing from a user's share when the process's budget is spent", async () => {
    const { cache, advance } = cacheWithClock({ lookupsPerMinute: 1, lookupsPerUserPerMinute: 1 });
    expect(await cache.takeLookup()).toBe(true);
    expect(await cache.takeLookupFor(OWNER)).toBe("process_budget_spent");
    advance(60_000);
    expect(await cache.takeLookupFor(OWNER)).toBe("taken");
  });

  it("shares one running look-up per user, and starts a new one once it is done", async () => {
    const { cache } = cacheWithClock();
    let runs = 0;
    const lookUp = async (): Promise<number> => {
      runs += 1;
      const run = runs;
      await Promise.resolve();
      return run;
    };
    expect(await Promise.all([cache.shared(OWNER, lookUp), cache.shared(OWNER, lookUp), cache.shared("other|1", lookUp)])).toEqual([1, 1, 2]);
    expect(await cache.shared(OWNER, lookUp)).toBe(3);
  });
});
