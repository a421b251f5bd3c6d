/**
 * The session memo on its own, with a stand-in for the SDK's decryption:
 * what it keeps, for how long, and what it never keeps. The flow test
 * (tests/flow/session-memo.flow.test.ts) runs it over the SDK's real cookies.
 */
import type { SessionData } from "@auth0/nextjs-auth0/types";
import { sdkClient } from "../support/sdk-client";
import { SESSION_MEMO_TTL_MS, createSessionMemo, processSessionMemo } from "@/lib/session/memo";

type Cookie = { name: string; value: string };
const jar = (...cookies: Cookie[]) => ({ getAll: () => cookies });
const session = (sub: string): SessionData => ({ user: { sub }, tokenSet: { accessToken: `at-${sub}`, expiresAt: 0 }, internal: { sid: sub, createdAt: 0 } }) as SessionData;

/** A stand-in for `auth0.getSession()` that answers `answer` and counts its calls. */
const decrypter = (answer: () => SessionData | null) => jest.fn(async () => answer());


describe("the session memo", () => {
  it("answers a second read of the same cookie without decrypting it again", async () => {
    const memo = createSessionMemo();
    const decrypt = decrypter(() => session("a"));
    const cookies = jar({ name: "__session", value: "v1" });

    expect((await memo.read(cookies, decrypt))?.user.sub).toBe("a");
    expect((await memo.read(cookies, decrypt))?.user.sub).toBe("a");
    expect(decrypt).toHaveBeenCalledTimes(1);
  });

  it("serves a session for 15 s from its decryption, and decrypts again after", async () => {
    let now = 1_000_000;
    const memo = createSessionMemo({ now: () => now });
    const decrypt = decrypter(() => session("a"));
    const cookies = jar({ name: "__session", value: "v1" });

    await memo.read(cookies, decrypt);
    now += SESSION_MEMO_TTL_MS - 1;
    await memo.read(cookies, decrypt);
    expect(decrypt).toHaveBeenCalledTimes(1);
    now += 1;
    await memo.read(cookies, decrypt);
    expect(decrypt).toHaveBeenCalledTimes(2);
    expect(SESSION_MEMO_TTL_MS).toBe(15_000);
  });

  it("never serves a session past the expiry its cookie carries, however recent the decryption", async () => {
    let now = 1_000_000_000;
    const memo = createSessionMemo({ now: () => now });
    const decrypt = decrypter(() => ({ ...session("a"), exp: now / 1000 + 5 }) as SessionData);
    const cookies = jar({ name: "__session", value: "v1" });

    await memo.read(cookies, decrypt);
    now += 4_999;
    await memo.read(cookies, decrypt);
    expect(decrypt).toHaveBeenCalledTimes(1);
    now += 1;
    await memo.read(cookies, decrypt);
    expect(decrypt).toHaveBeenCalledTimes(2);
  });

  it("decrypts a cookie that differs by one character afresh", async () => {
    const memo = createSessionMemo();
    await memo.read(jar({ name: "__session", value: "abcdef" }), decrypter(() => session("a")));
    const tampered = decrypter(() => null);

    expect(await memo.read(jar({ name: "__session", value: "abcdeg" }), tampered)).toBeNull();
    expect(tampered).toHaveBeenCalledTimes(1);
  });

  it("reads every chunk of a chunked session cookie: a change in any chunk is another session", async () => {
    const memo = createSessionMemo();
    const decrypt = decrypter(() => session("a"));
    await memo.read(jar({ name: "__session__0", value: "one" }, { name: "__session__1", value: "two" }), decrypt);
    await memo.read(jar({ name: "__session__1", value: "two" }, { name: "__session__0", value: "one" }), decrypt);
    expect(decrypt).toHaveBeenCalledTimes(1);

    await memo.read(jar({ name: "__session__0", value: "one" }, { name: "__session__1", value: "TWO" }), decrypt);
    expect(decrypt).toHaveBeenCalledTimes(2);
  });

  it("asks the SDK every time while connection token cookies ride along (each has an expiry of its own)", async () => {
    const memo = createSessionMemo();
    const decrypt = decrypter(() => session("a"));
    const cookies = jar({ name: "__session", value: "v1" }, { name: "__FC_0", value: "x" });
    await memo.read(cookies, decrypt);
    await memo.read(cookies, decrypt);
    expect(decrypt).toHaveBeenCalledTimes(2);
  });

  it("asks the SDK every time for a session with an upstream ceiling, which the SDK enforces with a leeway of its own", async () => {
    const memo = createSessionMemo();
    const withCeiling = { ...session("a"), internal: { sid: "a", createdAt: 0, sessionExpiresAt: Math.floor(Date.now() / 1000) + 3600 } } as SessionData;
    const decrypt = decrypter(() => withCeiling);
    const cookies = jar({ name: "__session", value: "v1" });
    await memo.read(cookies, decrypt);
    await memo.read(cookies, decrypt);
    expect(decrypt).toHaveBeenCalledTimes(2);
  });

  it("ignores the app's other cookies: the roll marker and the token hint change nothing", async () => {
    const memo = createSessionMemo();
    const decrypt = decrypter(() => session("a"));
    await memo.read(jar({ name: "__session", value: "v1" }, { name: "__session_rolled", value: "1" }), decrypt);
    await memo.read(jar({ name: "__session", value: "v1" }, { name: "__session_rolled", value: "2" }, { name: "__token_fresh", value: "3.x" }), decrypt);
    expect(decrypt).toHaveBeenCalledTimes(1);
  });

  it("never keeps a refusal: a cookie the SDK rejects is decrypted, and rejected, every time", async () => {
    const memo = createSessionMemo();
    const decrypt = decrypter(() => null);
    const cookies = jar({ name: "__session", value: "expired-or-forged" });

    expect(await memo.read(cookies, decrypt)).toBeNull();
    expect(await memo.read(cookies, decrypt)).toBeNull();
    expect(decrypt).toHaveBeenCalledTimes(2);
  });

  it("passes a failed decryption on to the page and keeps nothing", async () => {
    const memo = createSessionMemo();
    const cookies = jar({ name: "__session", value: "v1" });
    await expect(memo.read(cookies, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    const decrypt = decrypter(() => session("a"));
    expect((await memo.read(cookies, decrypt))?.user.sub).toBe("a");
    expect(decrypt).toHaveBeenCalledTimes(1);
  });

  it("asks the SDK every time when there is no session cookie (signed out, or the v3 cookie alone)", async () => {
    const memo = createSessionMemo();
    const decrypt = decrypter(() => null);
    await memo.read(jar(), decrypt);
    await memo.read(jar({ name: "appSession", value: "v3" }), decrypt);
    await memo.read(jar({ name: "appSession", value: "v3" }), decrypt);
    expect(decrypt).toHaveBeenCalledTimes(3);
  });

  it("keeps at most maxEntries sessions, dropping the oldest read", async () => {
    const memo = createSessionMemo({ maxEntries: 2 });
    const decrypt = jest.fn(async () => session("x"));
    for (const value of ["a", "b", "c"]) await memo.read(jar({ name: "__session", value }), decrypt);
    expect(decrypt).toHaveBeenCalledTimes(3);

    await memo.read(jar({ name: "__session", value: "c" }), decrypt);
    await memo.read(jar({ name: "__session", value: "b" }), decrypt);
    expect(decrypt).toHaveBeenCalledTimes(3);
    await memo.read(jar({ name: "__session", value: "a" }), decrypt);
    expect(decrypt).toHaveBeenCalledTimes(4);
  });

  it("hands out frozen sessions, so no page can change the session another page reads", async () => {
    const memo = createSessionMemo();
    const cookies = jar({ name: "__session", value: "v1" });
    const first = await memo.read(cookies, decrypter(() => session("a")));

    expect(() => {
      (first as { user: { sub: string } }).user.sub = "someone-else";
    }).toThrow(TypeError);
    expect((await memo.read(cookies, decrypter(() => null)))?.user.sub).toBe("a");
  });

  it("keeps one memo per SDK client, so a session one client decrypted is never handed to another", async () => {
    const cookies = jar({ name: "__session", value: "v1" });
    const clientA = sdkClient();
    const clientB = sdkClient({ secret: "another-unit-test-secret-of-at-least-32-chars" }); // cannot read A's cookie

    expect((await processSessionMemo(clientA).read(cookies, decrypter(() => session("a"))))?.user.sub).toBe("a");
    expect(await processSessionMemo(clientB).read(cookies, decrypter(() => null))).toBeNull();
    expect(processSessionMemo(clientA)).toBe(processSessionMemo(clientA));
  });
});

describe("the session memo with the SDK's session.cookie.name", () => {
  const planted = { name: "__session", value: "x" };

  it("keys on the configured name: a planted __session alone is no session cookie, and is asked about afresh", async () => {
    const memo = createSessionMemo({ cookieName: "__Host-session" });
    await memo.read(jar({ name: "__Host-session", value: "genuine" }, planted), decrypter(() => session("victim")));
    const decrypt = decrypter(() => null);

    expect(await memo.read(jar(planted), decrypt)).toBeNull();
    expect(decrypt).toHaveBeenCalledTimes(1);
  });

  it("answers a second read of the same custom-named cookie, chunked or not, without decrypting it again", async () => {
    const memo = createSessionMemo({ cookieName: "__Host-session" });
    const decrypt = decrypter(() => session("a"));
    await memo.read(jar({ name: "__Host-session", value: "v1" }), decrypt);
    await memo.read(jar({ name: "__Host-session", value: "v1" }, planted), decrypt);
    expect(decrypt).toHaveBeenCalledTimes(1);

    await memo.read(jar({ name: "__Host-session__0", value: "one" }, { name: "__Host-session__1", value: "two" }), decrypt);
    await memo.read(jar({ name: "__Host-session__1", value: "two" }, { name: "__Host-session__0", value: "one" }), decrypt);
    expect(decrypt).toHaveBeenCalledTimes(2);
    await memo.read(jar({ name: "__Host-session__0", value: "one" }, { name: "__Host-session__1", value: "TWO" }), decrypt);
    expect(decrypt).toHaveBeenCalledTimes(3);
  });

  it("follows the name the SDK client was built with, read off the client", async () => {
    const memo = processSessionMemo(sdkClient({ session: { cookie: { name: "__Host-session" } } }));
    await memo.read(jar({ name: "__Host-session", value: "genuine" }, planted), decrypter(() => session("victim")));

    expect(await memo.read(jar(planted), decrypter(() => null))).toBeNull();
    const decrypt = decrypter(() => session("other"));
    expect((await memo.read(jar({ name: "__Host-session", value: "genuine" }), decrypt))?.user.sub).toBe("victim");
    expect(decrypt).not.toHaveBeenCalled();
  });

  it("keeps nothing for a client whose session lives in a stateful sessionStore: every read goes to the SDK", async () => {
    const sessionStore = { get: async () => null, set: async () => undefined, delete: async () => undefined };
    const memo = processSessionMemo(sdkClient({ sessionStore }));
    const decrypt = decrypter(() => session("a"));
    const cookies = jar({ name: "__session", value: "v1" });

    await memo.read(cookies, decrypt);
    await memo.read(cookies, decrypt);
    expect(decrypt).toHaveBeenCalledTimes(2);
  });
});
