/**
 * The linking transaction: a sealed cookie named after the login's `state`,
 * read once by the callback. A callback whose state, cookie or age is not
 * right links nothing and tells the person to start again.
 */
import { sealData } from "iron-session";
import { ACCOUNTS, APP, OWNER_ID, Person, useLocalTenant } from "../support/app";
import {
  TRANSACTION_COOKIE_PREFIX,
  identityCalls,
  identityIdsOf,
  noticeFor,
  openTransaction,
  putCookie,
  redirectOf,
  sealTransactionValue,
  stateOf,
  transactionCookieNames,
  useApp,
  type Redirect,
} from "../support/linking";
import { captureLogs } from "../support/logs";

const { tenant } = useLocalTenant();
const running = useApp();
const logs = captureLogs();

const INVALID_TEXT = "This link attempt is not valid (it was already used, changed, or started in another browser), so nothing was linked. Please start again.";

/** The owner, signed in, has started linking GitHub and signed in at the tenant as owner.github. */
async function ownerBackFromTenant(): Promise<{ person: Person; back: URL; state: string; cookieName: string }> {
  const person = running.person();
  await person.signIn();
  const start = await person.startLink("github");
  const authorize = start.headers.get("location") ?? "";
  const back = await person.signInAtTenant(authorize, ACCOUNTS.ownerGithub);
  const state = stateOf(authorize);
  return { person, back, state, cookieName: `${TRANSACTION_COOKIE_PREFIX}${state}` };
}

function expectNothingLinkedAndInvalid(result: Redirect): void {
  expect(result.target).toBe(`${APP}/settings`);
  expect(result.params).toEqual({ link: "transaction_invalid" });
  expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
  expect(identityIdsOf(tenant(), "github|1000001")).toEqual(["github|1000001"]);
  expect(identityCalls(tenant())).toEqual([]);
  expect(noticeFor(result, tenant(), OWNER_ID)?.text).toBe(INVALID_TEXT);
}

describe("a callback that does not match the transaction", () => {
  it("says the link attempt is not valid when the state in the callback URL was changed", async () => {
    const { person, back, state } = await ownerBackFromTenant();
    const tampered = new URL(back);
    tampered.searchParams.set("state", `${state.slice(0, -4)}AAAA`);

    const result = redirectOf(await person.openCallback(tampered));

    expectNothingLinkedAndInvalid(result);
  });

  it.each([
    ["too short", "x"],
    ["markup", "<script>alert(1)</script>"],
    ["empty", ""],
    ["400 characters long", "a".repeat(400)],
  ])(
    "says the link attempt is not valid when the state is malformed (%s), and sets no cookie named after it",
    async (_shape, state) => {
      const { person, back } = await ownerBackFromTenant();
      const tampered = new URL(back);
      tampered.searchParams.set("state", state);

      const callback = await person.openCallback(tampered);

      expectNothingLinkedAndInvalid(redirectOf(callback));
      expect(callback.headers.getSetCookie()).toEqual([]);
    },
  );

  it("says the link attempt is not valid when the callback opens in another browser (no transaction cookie)", async () => {
    const { back } = await ownerBackFromTenant();
    const otherBrowser = running.person();
    await otherBrowser.signIn();

    const result = redirectOf(await otherBrowser.openCallback(back));

    expectNothingLinkedAndInvalid(result);
  });

  it("says the link attempt is not valid when the transaction cookie's value was edited", async () => {
    const { person, back, cookieName } = await ownerBackFromTenant();
    const sealed = person.app.get(cookieName) ?? "";
    const flipped = sealed.slice(0, 40) + (sealed[40] === "A" ? "B" : "A") + sealed.slice(41);
    putCookie(person.app, cookieName, flipped);

    const result = redirectOf(await person.openCallback(back));

    expectNothingLinkedAndInvalid(result);
    expect(transactionCookieNames(person.app)).toEqual([]);
  });

  it("says the link attempt is not valid when the transaction was sealed with another secret", async () => {
    const { person, back, cookieName } = await ownerBackFromTenant();
    const genuine = await openTransaction(person.app.get(cookieName) ?? "");
    putCookie(person.app, cookieName, await sealData(genuine, { password: "another-secret-of-at-least-32-characters!!", ttl: 660 }));

    const result = redirectOf(await person.openCallback(back));

    expectNothingLinkedAndInvalid(result);
  });

  it("says the link attempt is not valid when another transaction's cookie is put under this state's name", async () => {
    const person = running.person();
    await person.signIn();
    const first = await person.startLink("github");
    const second = await person.startLink("github");
    const back = await person.signInAtTenant(second.headers.get("location") ?? "", ACCOUNTS.ownerGithub);
    const firstCookie = person.app.get(`${TRANSACTION_COOKIE_PREFIX}${stateOf(first.headers.get("location") ?? "")}`) ?? "";
    putCookie(person.app, `${TRANSACTION_COOKIE_PREFIX}${stateOf(second.headers.get("location") ?? "")}`, firstCookie);

    const result = redirectOf(await person.openCallback(back));

    expectNothingLinkedAndInvalid(result);
  });
});

describe("a transaction's lifetime and single use", () => {
  it("says the link attempt expired when the person came back more than 10 minutes after starting", async () => {
    const { person, back, cookieName } = await ownerBackFromTenant();
    const genuine = await openTransaction(person.app.get(cookieName) ?? "");
    putCookie(person.app, cookieName, await sealTransactionValue({ ...genuine, createdAt: Date.now() - 601_000 }));

    const callback = await person.openCallback(back);
    const result = redirectOf(callback);

    expect(result.params).toEqual({ link: "transaction_expired" });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
    expect(identityCalls(tenant())).toEqual([]);
    expect(transactionCookieNames(person.app)).toEqual([]);
    expect(noticeFor(result, tenant(), OWNER_ID)?.text).toBe("This link attempt took too long and expired, so nothing was linked. To link the account, choose its Link button below again and finish the other sign-in within a few minutes.");
    expect(logs.events("link.finished")).toEqual([expect.objectContaining({ outcome: "transaction_expired", sub: OWNER_ID })]);
  });

  it("still links when the person came back just under 10 minutes after starting", async () => {
    const { person, back, cookieName } = await ownerBackFromTenant();
    const genuine = await openTransaction(person.app.get(cookieName) ?? "");
    putCookie(person.app, cookieName, await sealTransactionValue({ ...genuine, createdAt: Date.now() - 590_000 }));

    const result = redirectOf(await person.openCallback(back));

    expect(result.params).toEqual({ link: "linked", identity: "github|1000001" });
  });

  it("says the link attempt is not valid when the same callback is opened again with the cookie restored, and changes nothing", async () => {
    const { person, back, cookieName } = await ownerBackFromTenant();
    const sealed = person.app.get(cookieName) ?? "";
    const first = redirectOf(await person.openCallback(back));
    expect(first.params).toEqual({ link: "linked", identity: "github|1000001" });
    expect(person.app.get(cookieName)).toBeUndefined();

    putCookie(person.app, cookieName, sealed);
    const replay = redirectOf(await person.openCallback(back));

    expect(replay.params).toEqual({ link: "transaction_invalid" });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, "github|1000001"]);
    expect(identityCalls(tenant())).toEqual([{ method: "POST", path: `/api/v2/users/${OWNER_ID}/identities`, status: 201 }]);
    expect(transactionCookieNames(person.app)).toEqual([]);
  });

  it("keeps a cookie that reveals nothing: sealed, bound to the owner, the connection and Settings", async () => {
    const person = running.person();
    await person.signIn();
    const start = await person.startLink("github");
    const authorize = new URL(start.headers.get("location") ?? "");
    const cookieName = `${TRANSACTION_COOKIE_PREFIX}${stateOf(authorize)}`;
    const sealed = person.app.get(cookieName) ?? "";

    for (const readable of [OWNER_ID, "github", authorize.searchParams.get("nonce") ?? "nonce", "/settings"]) expect(sealed).not.toContain(readable);
    expect(await openTransaction(sealed)).toMatchObject({
      state: stateOf(authorize),
      nonce: authorize.searchParams.get("nonce"),
      primarySub: OWNER_ID,
      connection: "github",
      returnTo: "/settings",
    });
  });
});

describe("links started in several tabs", () => {
  it("keeps both transactions, and finishing one leaves the other usable", async () => {
    const person = running.person();
    await person.signIn();
    const githubTab = await person.startLink("github");
    const googleTab = await person.startLink("google-oauth2");
    const githubCookie = `${TRANSACTION_COOKIE_PREFIX}${stateOf(githubTab.headers.get("location") ?? "")}`;
    const googleCookie = `${TRANSACTION_COOKIE_PREFIX}${stateOf(googleTab.headers.get("location") ?? "")}`;
    expect(transactionCookieNames(person.app).sort()).toEqual([githubCookie, googleCookie].sort());

    const googleBack = await person.signInAtTenant(googleTab.headers.get("location") ?? "", ACCOUNTS.ownerGoogle);
    expect(redirectOf(await person.openCallback(googleBack)).params).toEqual({ link: "linked", identity: "google-oauth2|100000000000000000001" });
    expect(transactionCookieNames(person.app)).toEqual([githubCookie]);

    const githubBack = await person.signInAtTenant(githubTab.headers.get("location") ?? "", ACCOUNTS.ownerGithub);
    expect(redirectOf(await person.openCallback(githubBack)).params).toEqual({ link: "linked", identity: "github|1000001" });
    expect(transactionCookieNames(person.app)).toEqual([]);
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, "google-oauth2|100000000000000000001", "github|1000001"]);
  });

  it("keeps at most four links in flight, dropping the oldest", async () => {
    const person = running.person();
    await person.signIn();
    const states: string[] = [];
    for (let tab = 0; tab < 5; tab += 1) {
      states.push(stateOf((await person.startLink("github")).headers.get("location") ?? ""));
      // Distinct creation times, so "oldest" is well defined.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }

    expect(transactionCookieNames(person.app).sort()).toEqual(states.slice(1).map((state) => `${TRANSACTION_COOKIE_PREFIX}${state}`).sort());
  });
});
