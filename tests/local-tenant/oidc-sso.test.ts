import { decodeJwt } from "jose";
import { LOCAL_APP_CLIENT } from "@/lib/local-tenant";
import {
  authorizeUrl,
  exchangeCode,
  get,
  LINK_CALLBACK,
  logIn,
  parseLoginPage,
  pkcePair,
  query,
  SSO_COOKIE,
  ssoCookieFrom,
  TENANT,
  useLocalTenant,
} from "./oidc-flow";

const OWNER = "auth0|65a000000000000000000001";
const APP = "http://localhost:3000";

async function subjectOf(code: string, verifier: string, redirectUri?: string): Promise<string | undefined> {
  const response = await exchangeCode(code, verifier, redirectUri === undefined ? {} : { redirectUri });
  const tokens = (await response.json()) as { id_token: string };
  return decodeJwt(tokens.id_token).sub;
}

describe("the tenant's single sign-on session", () => {
  const local = useLocalTenant();

  it("is kept in its own HttpOnly, SameSite=Lax cookie that never collides with the app's cookies", async () => {
    const page = parseLoginPage(await (await get(authorizeUrl())).text());
    const response = await fetch(`${TENANT}${page.action}`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ transaction: page.transaction, action: "login", identity: OWNER }),
    });
    const cookies = response.headers.getSetCookie();
    expect(cookies).toHaveLength(1);
    const [cookie] = cookies;
    expect(cookie).toMatch(new RegExp(`^${SSO_COOKIE}=[A-Za-z0-9_-]+;`));
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Path=/");
    expect(SSO_COOKIE.startsWith("localtenant_")).toBe(true);
    expect(SSO_COOKIE).not.toMatch(/^__(session|txn_)/);
  });

  it("answers a second /authorize silently with a code for the same user, even for connection=github", async () => {
    const first = await logIn(OWNER);
    const { verifier, challenge } = pkcePair();
    const second = await get(
      authorizeUrl({ code_challenge: challenge, connection: "github", login_hint: "owner.github@example.com", redirect_uri: LINK_CALLBACK, state: "s-2" }),
      first.cookie,
    );
    expect(second.status).toBe(302);
    expect(second.headers.get("location")?.startsWith(`${LINK_CALLBACK}?code=`)).toBe(true);
    expect(query(second).get("state")).toBe("s-2");
    expect(await subjectOf(query(second).get("code") ?? "", verifier, LINK_CALLBACK)).toBe(OWNER);
  });

  it("keeps the first login's auth_time on a silent login", async () => {
    const first = await logIn(OWNER);
    const firstTokens = (await (await exchangeCode(first.code, first.verifier)).json()) as { id_token: string };
    const { verifier, challenge } = pkcePair();
    const silent = await get(authorizeUrl({ code_challenge: challenge }), first.cookie);
    const tokens = (await (await exchangeCode(query(silent).get("code") ?? "", verifier)).json()) as { id_token: string };
    expect(decodeJwt(tokens.id_token).auth_time).toBe(decodeJwt(firstTokens.id_token).auth_time);
    expect(decodeJwt(tokens.id_token)["sid"]).toBe(decodeJwt(firstTokens.id_token)["sid"]);
  });

  it("shows the login page again for max_age=0, naming who is signed in", async () => {
    const first = await logIn(OWNER);
    const response = await get(authorizeUrl({ max_age: "0", connection: "github" }), first.cookie);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("You are signed in as owner@example.com");
    expect(parseLoginPage(html).accounts.every((account) => account.identity.startsWith("github|"))).toBe(true);
  });

  it("shows the login page again for prompt=login, and the new login replaces the session", async () => {
    const first = await logIn(OWNER);
    const page = await get(authorizeUrl({ prompt: "login" }), first.cookie);
    expect(page.status).toBe(200);
    const second = await logIn("github|1000002", { prompt: "login" });
    expect(second.cookie).toBeDefined();
    expect(second.cookie).not.toBe(first.cookie);
    const { verifier, challenge } = pkcePair();
    const silent = await get(authorizeUrl({ code_challenge: challenge }), second.cookie);
    expect(await subjectOf(query(silent).get("code") ?? "", verifier)).toBe("github|1000002");
  });

  it("answers prompt=none without a session with login_required", async () => {
    const response = await get(authorizeUrl({ prompt: "none", state: "s-none" }));
    expect(response.status).toBe(302);
    expect(query(response).get("error")).toBe("login_required");
    expect(query(response).get("state")).toBe("s-none");
  });

  it("answers prompt=none with a session silently", async () => {
    const first = await logIn(OWNER);
    const response = await get(authorizeUrl({ prompt: "none" }), first.cookie);
    expect(query(response).get("code")).toEqual(expect.any(String));
  });

  it("is not shared with a browser that does not send the cookie", async () => {
    await logIn(OWNER);
    const response = await get(authorizeUrl({ prompt: "none" }));
    expect(query(response).get("error")).toBe("login_required");
  });

  it("is ended by /oidc/logout: the cookie is cleared and the next /authorize shows the login page", async () => {
    const first = await logIn(OWNER);
    const logout = await get(`${TENANT}/oidc/logout?client_id=${LOCAL_APP_CLIENT.clientId}`, first.cookie);
    expect(logout.status).toBe(200);
    expect(await logout.text()).toContain("Logged out");
    const cleared = logout.headers.getSetCookie().find((cookie) => cookie.startsWith(`${SSO_COOKIE}=`));
    expect(cleared).toMatch(/Max-Age=0/);
    expect(local.tenant.sessions.size).toBe(0);
    // Even a browser that kept the old cookie is no longer signed in.
    const next = await get(authorizeUrl(), first.cookie);
    expect(next.status).toBe(200);
    expect(parseLoginPage(await next.text()).accounts.length).toBeGreaterThan(0);
  });
});

describe("logging out of the tenant", () => {
  useLocalTenant();

  it("redirects to an allowed logout URL with the state", async () => {
    const first = await logIn(OWNER);
    const url = `${TENANT}/oidc/logout?client_id=${LOCAL_APP_CLIENT.clientId}&post_logout_redirect_uri=${encodeURIComponent(APP)}&state=bye`;
    const response = await get(url, first.cookie);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${APP}/?state=bye`);
    expect(ssoCookieFrom(response)).toBe(`${SSO_COOKIE}=`);
  });

  it("finds the application from id_token_hint", async () => {
    const first = await logIn(OWNER);
    const tokens = (await (await exchangeCode(first.code, first.verifier)).json()) as { id_token: string };
    const url = `${TENANT}/oidc/logout?id_token_hint=${tokens.id_token}&post_logout_redirect_uri=${encodeURIComponent(`${APP}/`)}`;
    const response = await get(url, first.cookie);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${APP}/`);
  });

  it("refuses to redirect to a URL that is not an allowed logout URL, but still logs out", async () => {
    const first = await logIn(OWNER);
    const url = `${TENANT}/oidc/logout?client_id=${LOCAL_APP_CLIENT.clientId}&post_logout_redirect_uri=${encodeURIComponent("https://evil.example.com/")}`;
    const response = await get(url, first.cookie);
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(await get(authorizeUrl({ prompt: "none" }), first.cookie).then((r) => query(r).get("error"))).toBe("login_required");
  });

  it("refuses a redirect when no application is named", async () => {
    const response = await get(`${TENANT}/oidc/logout?post_logout_redirect_uri=${encodeURIComponent(APP)}`);
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
  });

  it("supports Auth0's legacy /v2/logout with returnTo and client_id", async () => {
    const first = await logIn(OWNER);
    const allowed = await get(`${TENANT}/v2/logout?client_id=${LOCAL_APP_CLIENT.clientId}&returnTo=${encodeURIComponent(APP)}`, first.cookie);
    expect(allowed.status).toBe(302);
    expect(allowed.headers.get("location")).toBe(APP);
    expect(await get(authorizeUrl({ prompt: "none" }), first.cookie).then((r) => query(r).get("error"))).toBe("login_required");
    const refused = await get(`${TENANT}/v2/logout?client_id=${LOCAL_APP_CLIENT.clientId}&returnTo=${encodeURIComponent("https://evil.example.com/")}`);
    expect(refused.status).toBe(400);
  });
});

describe("max_age against the session's age", () => {
  let clock = Date.parse("2030-01-01T00:00:00Z");
  useLocalTenant({ now: () => clock });

  it("answers silently while the session is younger than max_age, and shows the login page after", async () => {
    const first = await logIn(OWNER);
    clock += 30_000;
    expect((await get(authorizeUrl({ max_age: "60" }), first.cookie)).status).toBe(302);
    clock += 60_000;
    expect((await get(authorizeUrl({ max_age: "60" }), first.cookie)).status).toBe(200);
    expect(query(await get(authorizeUrl({ max_age: "60", prompt: "none" }), first.cookie)).get("error")).toBe("login_required");
  });
});
