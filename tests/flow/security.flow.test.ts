/**
 * What an attacker might try against the linking routes: cross-site posts,
 * a callback URL planted in the victim's browser (link CSRF), open redirects
 * through `returnTo`, and anything secret leaking into URLs, cookies or logs.
 */
import { LOCAL_APP_CLIENT } from "@/lib/local-tenant";
import { ACCOUNTS, APP, OWNER_ID, type Person, useLocalTenant } from "../support/app";
import { CookieJar } from "../support/browser";
import {
  TRANSACTION_COOKIE_PREFIX,
  identityCalls,
  identityIdsOf,
  noticeFor,
  putCookie,
  redirectOf,
  sessionOf,
  setCookies,
  stateOf,
  transactionCookieNames,
  useApp,
} from "../support/linking";
import { captureLogs } from "../support/logs";

const INTRUDER_ID = "auth0|65a000000000000000000003";

const { tenant } = useLocalTenant();
const running = useApp();
const logs = captureLogs();

async function signedIn(account: { email: string; connection: string } = ACCOUNTS.owner): Promise<Person> {
  const person = running.person();
  await person.signIn(account);
  return person;
}

/** A form POST to one of our routes, as a page on `origin` (or a client sending none) would make it. */
function post(path: string, jar: CookieJar, form: Record<string, string>, origin: string | null): ReturnType<typeof running.request> {
  return running.request(`${APP}${path}`, jar, {
    method: "POST",
    headers: { ...(origin === null ? {} : { origin }), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
  });
}

const FOREIGN_ORIGINS: [string, string | null][] = [
  ["another site", "https://evil.example"],
  ["a look-alike host", "http://localhost:3000.evil.example"],
  ["another port", "http://localhost:3001"],
  ["https instead of http", "https://localhost:3000"],
  ["a sandboxed page (Origin: null)", "null"],
  ["a client that sends no Origin", null],
];

describe("cross-site requests", () => {
  it.each(FOREIGN_ORIGINS)("refuses to start a link posted from %s, and starts nothing", async (_from, origin) => {
    const person = await signedIn();

    const response = await running.app().linkStart(post("/link/start", person.app, { connection: "github" }, origin));

    expect(response.status).toBe(403);
    expect(response.headers.get("location")).toBeNull();
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(await response.text()).toBe("This request did not come from this site's own pages, so nothing was changed.");
    expect(logs.events("link.start_refused")).toEqual([expect.objectContaining({ reason: "cross_origin" })]);
  });

  it.each(FOREIGN_ORIGINS)("refuses an unlink posted from %s, and GitHub stays linked", async (_from, origin) => {
    const person = await signedIn();
    await person.link("github", ACCOUNTS.ownerGithub);
    tenant().requestLog.length = 0;

    const response = await person.unlink("github|1000001", origin);

    expect(response.status).toBe(403);
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, "github|1000001"]);
    expect(identityCalls(tenant())).toEqual([]);
  });

  it("does not start a link on GET: the start and unlink routes answer POST only, the callback GET only", async () => {
    // One route file serves /link/*: it exports GET and POST, and each action answers only its own method.
    const linkRoute = await import("@/app/link/[action]/route");
    expect(Object.keys(linkRoute).filter((name) => /^[A-Z]+$/.test(name)).sort()).toEqual(["GET", "POST"]);
    const person = await signedIn();
    for (const [method, action, allow] of [["GET", "start", "POST"], ["GET", "unlink", "POST"], ["POST", "callback", "GET"]] as const) {
      const refused = await linkRoute[method](running.request(`${APP}/link/${action}?connection=github`, person.app, { method, headers: { origin: APP } }));
      expect([refused.status, refused.headers.get("allow")]).toEqual([405, allow]);
    }
    expect(transactionCookieNames(person.app)).toEqual([]);

    // Even if the handler were mounted for GET, a same-origin GET starts nothing.
    const response = await running.app().linkStart(running.request(`${APP}/link/start?connection=github`, person.app, { headers: { origin: APP } }));
    expect(response.status).toBe(403);
    expect(transactionCookieNames(person.app)).toEqual([]);
  });
});

describe("signed-out visitors", () => {
  it("sends a signed-out visitor who posts Link to sign in first, returning to Settings", async () => {
    const jar = new CookieJar();
    const response = await running.app().linkStart(post("/link/start", jar, { connection: "github" }, APP));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${APP}/auth/login?returnTo=%2Fsettings`);
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it("sends a signed-out visitor who posts Unlink to sign in first, and unlinks nothing", async () => {
    const jar = new CookieJar();
    const response = await running.app().unlink(post("/link/unlink", jar, { identity: "github|1000001" }, APP));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${APP}/auth/login?returnTo=%2Fsettings`);
    expect(identityCalls(tenant())).toEqual([]);
  });
});

describe("link CSRF: an attacker plants their own second login in the victim's browser", () => {
  /** The intruder starts linking GitHub, signs in at the tenant as intruder.github, and keeps the callback URL. */
  async function intruderCallback(): Promise<{ intruder: Person; back: URL; cookieName: string }> {
    const intruder = await signedIn(ACCOUNTS.intruder);
    const start = await intruder.startLink("github");
    const back = await intruder.signInAtTenant(start.headers.get("location") ?? "", ACCOUNTS.intruderGithub);
    return { intruder, back, cookieName: `${TRANSACTION_COOKIE_PREFIX}${stateOf(start.headers.get("location") ?? "")}` };
  }

  function expectNobodyLinked(): void {
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
    expect(identityIdsOf(tenant(), INTRUDER_ID)).toEqual([INTRUDER_ID]);
    expect(identityIdsOf(tenant(), "github|1000002")).toEqual(["github|1000002"]);
    expect(identityCalls(tenant())).toEqual([]);
  }

  it("links nothing when the victim opens the attacker's callback URL (the victim has no such transaction)", async () => {
    const { back } = await intruderCallback();
    const victim = await signedIn();

    const result = redirectOf(await victim.openCallback(back));

    expect(result.params).toEqual({ link: "transaction_invalid" });
    expectNobodyLinked();
    expect((await sessionOf(running, victim.app))?.user.sub).toBe(OWNER_ID);
  });

  it("says the attempt was not started by the victim when the attacker's transaction cookie is in the victim's browser too", async () => {
    const { intruder, back, cookieName } = await intruderCallback();
    const victim = await signedIn();
    putCookie(victim.app, cookieName, intruder.app.get(cookieName) ?? "");

    const result = redirectOf(await victim.openCallback(back));

    expect(result.params).toEqual({ link: "wrong_user" });
    expectNobodyLinked();
    expect(transactionCookieNames(victim.app)).toEqual([]);
    expect(noticeFor(result, tenant(), OWNER_ID)?.text).toBe("This link attempt was not started by you in this browser, so nothing was linked to your account. To link an account of yours, choose its Link button below.");
    expect(logs.events("link.finished")).toEqual([expect.objectContaining({ outcome: "wrong_user", sub: INTRUDER_ID })]);
  });

  it("links nothing from the attacker's URL while the victim has a link of their own in another tab, which still works afterwards", async () => {
    const { back } = await intruderCallback();
    const victim = await signedIn();
    const ownTab = await victim.startLink("github");

    const planted = redirectOf(await victim.openCallback(back));
    expect(planted.params).toEqual({ link: "transaction_invalid" });
    expectNobodyLinked();
    expect(transactionCookieNames(victim.app)).toEqual([`${TRANSACTION_COOKIE_PREFIX}${stateOf(ownTab.headers.get("location") ?? "")}`]);

    const ownBack = await victim.signInAtTenant(ownTab.headers.get("location") ?? "", ACCOUNTS.ownerGithub);
    expect(redirectOf(await victim.openCallback(ownBack)).params).toEqual({ link: "linked", identity: "github|1000001" });
    expect(identityIdsOf(tenant(), INTRUDER_ID)).toEqual([INTRUDER_ID]);
  });
});

describe("where the app redirects", () => {
  it.each([["//evil.example"], ["https://evil.example"], ["/\\evil.example"], ["/\\/evil.example"], ["%2F%2Fevil.example"], ["/%2F%2Fevil.example"], ["\t//evil.example"], ["javascript:alert(1)"], ["/.//evil.example"], ["/a/..//evil.example"], ["/%2e//evil.example"]])(
    "keeps the person on this site when returnTo is %j",
    async (returnTo) => {
      const person = await signedIn();
      const start = await person.startLink("github", { returnTo });
      const back = await person.signInAtTenant(start.headers.get("location") ?? "", ACCOUNTS.ownerGithub);

      const result = redirectOf(await person.openCallback(back));

      expect(result.url.origin).toBe(APP);
      expect(result.params["link"]).toBe("linked");
      expect(result.url.pathname).not.toMatch(/^\/\//);
    },
  );

  it("returns to the page the link was started from, on this site", async () => {
    const person = await signedIn();
    const start = await person.startLink("github", { returnTo: "/settings?tab=accounts&link=forged" });
    const back = await person.signInAtTenant(start.headers.get("location") ?? "", ACCOUNTS.ownerGithub);

    const result = redirectOf(await person.openCallback(back));

    expect(result.target).toBe(`${APP}/settings`);
    // Our outcome replaces any outcome the returnTo carried.
    expect(result.params).toEqual({ tab: "accounts", link: "linked", identity: "github|1000001" });
  });

  it("keeps a refused start on this site too", async () => {
    const person = await signedIn();
    const start = await person.startLink("facebook", { returnTo: "https://evil.example/settings" });
    expect(redirectOf(start).target).toBe(`${APP}/settings`);
    expect(redirectOf(start).params).toEqual({ link: "connection_not_offered" });
  });
});

describe("what the start of a link sends", () => {
  it("sets an HttpOnly, SameSite=Lax transaction cookie on /link for 10 minutes, not Secure on http://localhost", async () => {
    const person = await signedIn();
    const start = await person.startLink("github");
    const state = stateOf(start.headers.get("location") ?? "");

    const [cookie, ...others] = setCookies(start, TRANSACTION_COOKIE_PREFIX);
    expect(others).toEqual([]);
    const [pair = "", ...attributes] = (cookie ?? "").split(";").map((part) => part.trim());
    expect(pair.startsWith(`${TRANSACTION_COOKIE_PREFIX}${state}=`)).toBe(true);
    expect(attributes.sort()).toEqual(["HttpOnly", "Max-Age=600", "Path=/link", "SameSite=Lax"]);
    expect(start.headers.get("cache-control")).toBe("no-store");
  });

  it("sends the browser to the tenant for a fresh GitHub login with PKCE, state, nonce and our own callback", async () => {
    const person = await signedIn();
    const start = await person.startLink("github");

    expect(start.status).toBe(303);
    const authorize = new URL(start.headers.get("location") ?? "");
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${tenant().baseUrl}/authorize`);
    const params = Object.fromEntries(authorize.searchParams);
    expect(params).toEqual({
      client_id: LOCAL_APP_CLIENT.clientId,
      redirect_uri: `${APP}/link/callback`,
      response_type: "code",
      scope: "openid profile email",
      connection: "github",
      max_age: "0",
      state: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      nonce: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      code_challenge_method: "S256",
    });
    expect(params["nonce"]).not.toBe(params["state"]);
  });

  it("starts each link with a new state and nonce", async () => {
    const person = await signedIn();
    const first = new URL((await person.startLink("github")).headers.get("location") ?? "");
    const second = new URL((await person.startLink("github")).headers.get("location") ?? "");
    expect(second.searchParams.get("state")).not.toBe(first.searchParams.get("state"));
    expect(second.searchParams.get("nonce")).not.toBe(first.searchParams.get("nonce"));
    expect(second.searchParams.get("code_challenge")).not.toBe(first.searchParams.get("code_challenge"));
  });
});

describe("secrets stay out of URLs and logs", () => {
  it("puts no token, authorization code or client secret in any redirect it answers with", async () => {
    const person = await signedIn();
    const locations: string[] = [];

    const start = await person.startLink("github");
    locations.push(start.headers.get("location") ?? "");
    const back = await person.signInAtTenant(start.headers.get("location") ?? "", ACCOUNTS.ownerGithub);
    const code = back.searchParams.get("code") ?? "";
    const callback = await person.openCallback(back);
    locations.push(callback.headers.get("location") ?? "");
    const replay = await person.openCallback(back);
    locations.push(replay.headers.get("location") ?? "");
    const unlink = await person.unlink("github|1000001");
    locations.push(unlink.headers.get("location") ?? "");

    expect(code).not.toBe("");
    expect(callback.headers.get("cache-control")).toBe("no-store");
    for (const location of locations) {
      expect(location).not.toBe("");
      expect(location).not.toMatch(/eyJ/);
      expect(location).not.toContain(code);
      expect(location).not.toContain(LOCAL_APP_CLIENT.clientSecret);
      expect(location).not.toMatch(/[?&](code|id_token|access_token|code_verifier)=/);
    }
    const text = logs.text();
    expect(text).not.toMatch(/eyJ/);
    expect(text).not.toContain(code);
    expect(text).not.toContain(LOCAL_APP_CLIENT.clientSecret);
  });
});
