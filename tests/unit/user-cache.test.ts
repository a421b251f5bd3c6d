import { createUserCache } from "@/lib/management/user-cache";
import type { ManagementUser } from "@/lib/management/types";

const primary = { connection: "Username-Password-Authentication", provider: "auth0", user_id: "1", isSocial: false };
const github = { connection: "github", provider: "github", user_id: 7, isSocial: true };
const user = (id: string): ManagementUser => ({ user_id: id, identities: [primary] });

describe("the Settings user cache", () => {
  it("serves a user for the TTL and not after", () => {
    let now = 0;
    const cache = createUserCache({ ttlMs: 30_000, now: () => now });
    cache.set(user("a"));
    now = 29_999;
    expect(cache.get("a")?.user_id).toBe("a");
    now = 30_000;
    expect(cache.get("a")).toBeUndefined();
  });

  it("keeps at most maxEntries users, dropping the oldest written", () => {
    const cache = createUserCache({ maxEntries: 2 });
    cache.set(user("a"));
    cache.set(user("b"));
    cache.set(user("c"));
    expect([cache.get("a"), cache.get("b")?.user_id, cache.get("c")?.user_id]).toEqual([undefined, "b", "c"]);
  });

  it("replaces the identities of a cached user, and ignores users it does not hold", () => {
    const cache = createUserCache();
    cache.set(user("a"));
    cache.updateIdentities("a", [primary, github]);
    cache.updateIdentities("b", [primary, github]);
    expect(cache.get("a")?.identities).toEqual([primary, github]);
    expect(cache.get("b")).toBeUndefined();
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

  it("forgets a user on delete", () => {
    const cache = createUserCache();
    cache.set(user("a"));
    cache.delete("a");
    expect(cache.get("a")).toBeUndefined();
  });

  describe("a Settings read that was under way while a link or unlink changed the user", () => {
    const older = (id: string): ManagementUser => ({ user_id: id, identities: [primary] });

    it("does not store its older list over the link's answer", () => {
      const cache = createUserCache();
      cache.set(older("a"));
      const since = cache.mark(); // the read starts
      cache.updateIdentities("a", [primary, github]); // the link lands
      cache.set(older("a"), since); // the read's answer arrives
      expect(cache.get("a")?.identities).toEqual([primary, github]);
    });

    it("does not store its list after an unknown outcome dropped the user", () => {
      const cache = createUserCache();
      const since = cache.mark();
      cache.delete("a");
      cache.set(older("a"), since);
      expect(cache.get("a")).toBeUndefined();
    });

    it("stores its answer when nothing changed that user meanwhile (other users' changes do not count)", () => {
      const cache = createUserCache();
      const since = cache.mark();
      cache.updateIdentities("b", [primary]);
      cache.set(older("a"), since);
      expect(cache.get("a")?.user_id).toBe("a");
    });

    it("stays safe when the record of old changes was trimmed to maxEntries", () => {
      const cache = createUserCache({ maxEntries: 2 });
      const since = cache.mark();
      cache.delete("a");
      cache.delete("b");
      cache.delete("c"); // "a"'s change is forgotten
      cache.set(older("a"), since);
      expect(cache.get("a")).toBeUndefined();
      const later = cache.mark();
      cache.set(older("a"), later);
      expect(cache.get("a")?.user_id).toBe("a");
    });
  });
});
