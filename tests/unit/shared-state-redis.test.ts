/**
 * The stores every instance shares through Redis, each used from two
 * connections (two instances) against a real redis-server: the Settings user
 * cache, the suggestion cache and its budget, and the replay guard; and what
 * each does when Redis cannot answer.
 */
import { createRedisConnection, createRedisReplayGuard, createRedisSuggestionCache, createRedisUserCache, sharedKeyPrefix, withLocalUserCache, type RedisConnection } from "@/lib/shared-state";
import type { ManagementUser } from "@/lib/management/types";
import type { SuggestedAccount } from "@/lib/settings/suggestion-cache";
import { freePort } from "../support/processes";
import { recordingLogger } from "../support/recording-logger";
import { describeWithRedis, inspectRedis, useTestRedis } from "../support/redis";

const PREFIX = "account-linking:tenant.test:";
const primary = { connection: "Username-Password-Authentication", provider: "auth0", user_id: "1", isSocial: false };
const github = { connection: "github", provider: "github", user_id: 7, isSocial: true };
const user = (id: string): ManagementUser => ({ user_id: id, identities: [primary], email: `${id}@example.com` });
const GITHUB: SuggestedAccount = { userId: "github|1000003", connection: "github", provider: "github", providerName: "GitHub", email: "owner@example.com" };

const opened: RedisConnection[] = [];

describeWithRedis()("state shared through Redis", () => {
  const redis = useTestRedis();
  /** The test's Redis by default, with a deadline no busy CI machine misses; `unreachable`'s keeps the default. */
  function connect(unreachable?: string): RedisConnection {
    // These tests are about what is shared, not about deadlines: the 500 ms default once let B fall
    // back to its own memory on a loaded 2-core run.
    const connection = createRedisConnection(unreachable ? { url: unreachable } : { url: redis().url, timeoutMs: 5_000 });
    opened.push(connection);
    return connection;
  }
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((connection) => connection.close()));
  });

  it("names the tenant in every key, so two tenants sharing a Redis never see each other's users", () => {
    expect(sharedKeyPrefix("https://example.eu.auth0.com")).toBe("account-linking:example.eu.auth0.com:");
    expect(sharedKeyPrefix("http://localhost:4010")).toBe("account-linking:localhost:4010:");
  });

  describe("the Settings user cache", () => {
    it("serves on instance B the user instance A stored, for the TTL and not after", async () => {
      let now = Date.UTC(2026, 0, 1);
      const a = createRedisUserCache({ connection: connect(), keyPrefix: PREFIX, now: () => now });
      const b = createRedisUserCache({ connection: connect(), keyPrefix: PREFIX, now: () => now });
      await a.set(user("a"));
      now += 29_999;
      expect((await b.get("a"))?.email).toBe("a@example.com");
      now += 1;
      expect(await b.get("a")).toBeUndefined();
    });

    it("keeps entries no longer than the TTL in Redis itself, under the tenant's prefix", async () => {
      await createRedisUserCache({ connection: connect(), keyPrefix: PREFIX }).set(user("a"));
      const client = await inspectRedis(redis().url);
      try {
        const ttl = await client.pTTL(`${PREFIX}user:a`);
        expect(ttl).toBeGreaterThan(29_000);
        expect(ttl).toBeLessThanOrEqual(30_000);
      } finally {
        client.destroy();
      }
    });

    it("shows on B the identities a link on A answered, and forgets a user on delete", async () => {
      const a = createRedisUserCache({ connection: connect(), keyPrefix: PREFIX });
      const b = createRedisUserCache({ connection: connect(), keyPrefix: PREFIX });
      await b.set(user("a"));
      await a.updateIdentities("a", [primary, github]);
      expect((await b.get("a"))?.identities).toEqual([primary, github]);
      await a.updateIdentities("nobody", [primary]);
      expect(await b.get("nobody")).toBeUndefined();
      await a.delete("a");
      expect(await b.get("a")).toBeUndefined();
    });

    it("does not store on B a read that was under way while A linked", async () => {
      const a = createRedisUserCache({ connection: connect(), keyPrefix: PREFIX });
      const b = createRedisUserCache({ connection: connect(), keyPrefix: PREFIX });
      await b.set(user("a"));
      const since = await b.mark("a"); // B's read starts
      await a.updateIdentities("a", [primary, github]); // A's link lands
      await b.set(user("a"), since); // B's older answer arrives
      expect((await a.get("a"))?.identities).toEqual([primary, github]);
      // A read that starts after the change stores its answer.
      await b.set(user("a"), await b.mark("a"));
      expect((await a.get("a"))?.identities).toEqual([primary]);
    });

    it("uses the instance's own cache while Redis is unreachable, and says so once", async () => {
      const logger = recordingLogger();
      const nobody = connect(`redis://127.0.0.1:${await freePort()}`);
      const cache = withLocalUserCache(createRedisUserCache({ connection: nobody, keyPrefix: PREFIX }), { logger });
      await cache.set(user("a"), await cache.mark("a"));
      expect((await cache.get("a"))?.user_id).toBe("a");
      await cache.updateIdentities("a", [primary, github]);
      expect((await cache.get("a"))?.identities).toEqual([primary, github]);
      expect(logger.events("user_cache.unavailable")).toEqual([{ reason: "not_connected", fallback: "memory" }]);
    });
  });

  describe("the suggestion cache", () => {
    const options = { lookupsPerMinute: 3, lookupsPerUserPerMinute: 2 };

    it("finds on B the suggestion A looked up", async () => {
      const a = createRedisSuggestionCache({ connection: connect(), keyPrefix: PREFIX, ...options });
      const b = createRedisSuggestionCache({ connection: connect(), keyPrefix: PREFIX, ...options });
      await a.set("auth0|1", "owner@example.com", [GITHUB]);
      expect(await b.get("auth0|1", "owner@example.com")).toEqual({ accounts: [GITHUB] });
      expect(await b.find("auth0|1", GITHUB.userId)).toEqual(GITHUB);
      expect(await b.get("auth0|1", "new@example.com")).toBeUndefined();
      await b.delete("auth0|1");
      expect(await a.find("auth0|1", GITHUB.userId)).toBeUndefined();
    });

    it("budgets look-ups once for the fleet: a person's share and the tenant's budget count across both instances", async () => {
      let now = Date.UTC(2026, 0, 1);
      const a = createRedisSuggestionCache({ connection: connect(), keyPrefix: PREFIX, now: () => now, ...options });
      const b = createRedisSuggestionCache({ connection: connect(), keyPrefix: PREFIX, now: () => now, ...options });
      expect(await a.takeLookupFor("auth0|1")).toBe("taken");
      expect(await b.takeLookupFor("auth0|1")).toBe("taken");
      // Refused without spending the fleet's budget.
      expect(await a.takeLookupFor("auth0|1")).toBe("user_share_spent");
      expect(await b.takeLookupFor("auth0|1")).toBe("user_share_spent");
      expect(await b.takeLookupFor("auth0|2")).toBe("taken");
      expect(await a.takeLookupFor("auth0|3")).toBe("process_budget_spent");
      expect(await b.takeLookup()).toBe(false);
      now += 60_000;
      expect(await a.takeLookupFor("auth0|3")).toBe("taken");
    });
  });

  describe("the replay guard", () => {
    it("refuses on B a state A already used, until the transaction's end", async () => {
      const logger = recordingLogger();
      const a = createRedisReplayGuard({ connection: connect(), keyPrefix: PREFIX, logger });
      const b = createRedisReplayGuard({ connection: connect(), keyPrefix: PREFIX, logger });
      const now = Date.now();
      expect(await a.use("state-1", now + 60_000, now)).toBe(true);
      expect(await b.use("state-1", now + 60_000, now)).toBe(false);
      expect(await a.use("state-1", now + 60_000, now)).toBe(false);
      expect(await b.use("state-2", now + 60_000, now)).toBe(true);
      const client = await inspectRedis(redis().url);
      try {
        expect(await client.pTTL(`${PREFIX}replay:state-1`)).toBeGreaterThan(59_000);
      } finally {
        client.destroy();
      }
    });

    it("still refuses a replay on the same instance while Redis is unreachable, and says so once", async () => {
      const logger = recordingLogger();
      const guard = createRedisReplayGuard({ connection: connect(`redis://127.0.0.1:${await freePort()}`), keyPrefix: PREFIX, logger });
      const now = Date.now();
      expect(await guard.use("state-1", now + 60_000, now)).toBe(true);
      expect(await guard.use("state-1", now + 60_000, now)).toBe(false);
      expect(await guard.use("state-2", now + 60_000, now)).toBe(true);
      expect(logger.events("replay_guard.unavailable")).toEqual([{ reason: "not_connected", fallback: "memory" }]);
    });
  });
});
