import { createUserCache } from "@/lib/management/user-cache";
import type { ManagementUser } from "@/lib/management/types";

const primary = { connection: "Username-Password-Authentication", provider: "auth0", user_id: "1", isSocial: false };
const github = { connection: "github", provider: "github", user_id: 7, isSocial: true };
const user = (id: string): ManagementUser => ({ user_id: id, identities: [primary] });

describe("the Settings user cache", () => {
  it("serves a user for the TTL and not after", async () => {
    let now = 0;
    const cache = createUserCache({ ttlMs: 30_000, now: () => now });
    await cache.set(user("a"));
    now = 29_999;
    expect((await cache.get("a"))?.user_id).toBe("a");
    now = 30_000;
    expect((await cache.get("a"))).toBeUndefined();
  });

  it("keeps at most maxEntries users, dropping the oldest written", async () => {
    const cache = createUserCache({ maxEntries: 2 });
    await cache.set(user("a"));
    await cache.set(user("b"));
    await cache.set(user("c"));
    expect([(await cache.get("a")), (await cache.get("b"))?.user_id, (await cache.get("c"))?.user_id]).toEqual([undefined, "b", "c"]);
  });

  it("replaces the identities of a cached user, and ignores users it does not hold", async () => {
    const cache = createUserCache();
    await cache.set(user("a"));
    await cache.updateIdentities("a", [primary, github]);
    await cache.updateIdentities("b", [primary, github]);
    expect((await cache.get("a"))?.identities).toEqual([primary, github]);
    expect((await cache.get("b"))).toBeUndefined();
  });

  it("shares one read among callers that ask while it is under way, and starts a new one once it ended", async () => {
    const cache = createUserCache();
    let reads = 0;
    let finish: (value: string) => void = () => undefined;
    const read = () => {
      reads += 1;
      return new Promise<string>((resolve) => (finish = resolve));
    };

    const first = cache.shared("a", read);
    const second = cache.shared("a", read);
    finish("answer");
    expect(await Promise.all([first, second])).toEqual(["answer", "answer"]);
    expect(reads).toBe(1);

    const third = cache.shared("a", read);
    finish("later");
    expect(await third).toBe("later");
    expect(reads).toBe(2);
  });

  it("forgets a user on delete", async () => {
    const cache = createUserCache();
    await cache.set(user("a"));
    await cache.delete("a");
    expect((await cache.get("a"))).toBeUndefined();
  });

  describe("a Settings read that was under way while a link or unlink changed the user", () => {
    const older = (id: string): ManagementUser => ({ user_id: id, identities: [primary] });

    it("does not store its older list over the link's answer", async () => {
      const cache = createUserCache();
      await cache.set(older("a"));
      const since = await cache.mark("a"); // the read starts
      await cache.updateIdentities("a", [primary, github]); // the link lands
      await cache.set(older("a"), since); // the read's answer arrives
      expect((await cache.get("a"))?.identities).toEqual([primary, github]);
    });

    it("does not store its list after an unknown outcome dropped the user", async () => {
      const cache = createUserCache();
      const since = await cache.mark("a");
      await cache.delete("a");
      await cache.set(older("a"), since);
      expect((await cache.get("a"))).toBeUndefined();
    });

    it("stores its answer when nothing changed that user meanwhile (other users' changes do not count)", async () => {
      const cache = createUserCache();
      const since = await cache.mark("a");
      await cache.updateIdentities("b", [primary]);
      await cache.set(older("a"), since);
      expect((await cache.get("a"))?.user_id).toBe("a");
    });

    it("stays safe when the record of old changes was trimmed to maxEntries", async () => {
      const cache = createUserCache({ maxEntries: 2 });
      const since = await cache.mark("a");
      await cache.delete("a");
      await cache.delete("b");
      await cache.delete("c"); // "a"'s change is forgotten
      await cache.set(older("a"), since);
      expect((await cache.get("a"))).toBeUndefined();
      const later = await cache.mark("a");
      await cache.set(older("a"), later);
      expect((await cache.get("a"))?.user_id).toBe("a");
    });
  });
});
