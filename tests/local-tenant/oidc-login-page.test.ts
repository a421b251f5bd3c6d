import { decodeJwt } from "jose";
import {
  authorizeUrl,
  CALLBACK,
  exchangeCode,
  get,
  logIn,
  parseLoginPage,
  pkcePair,
  postForm,
  query,
  TENANT,
  useLocalTenant,
} from "./oidc-flow";

describe("the login page", () => {
  const local = useLocalTenant();

  it("names the application and offers every account, each button naming its email and connection", async () => {
    const response = await get(authorizeUrl());
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    const html = await response.text();
    expect(html).toContain("Account linking app (local)");
    const page = parseLoginPage(html);
    expect(page.action).toBe("/u/login");
    const labels = page.accounts.map((account) => account.label);
    expect(labels).toContain("Continue as owner@example.com (Username-Password-Authentication)");
    expect(labels).toContain("Continue as owner.github@example.com (github)");
    expect(labels).toContain("Continue as owner.google@example.com (google-oauth2)");
    expect(page.connections).toEqual(["Username-Password-Authentication", "github", "google-oauth2"]);
  });

  it("lists only GitHub accounts when the application asks for connection=github", async () => {
    const page = parseLoginPage(await (await get(authorizeUrl({ connection: "github" }))).text());
    expect(page.accounts.map((account) => account.identity).sort()).toEqual(["github|1000001", "github|1000002", "github|1000003"]);
    for (const account of page.accounts) {
      expect(account.label).toMatch(/^Continue as \S+@example\.com \(github\)$/);
    }
    expect(page.connections).toEqual(["github"]);
  });

  it("refuses an account of another connection posted against a connection=github login", async () => {
    const page = parseLoginPage(await (await get(authorizeUrl({ connection: "github" }))).text());
    const response = await postForm(`${TENANT}${page.action}`, {
      transaction: page.transaction,
      action: "login",
      identity: "auth0|65a000000000000000000001",
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
  });

  it("highlights and focuses the account named by login_hint", async () => {
    const html = await (await get(authorizeUrl({ login_hint: "owner.github@example.com" }))).text();
    const page = parseLoginPage(html);
    const focused = page.accounts.filter((account) => account.autofocus);
    expect(focused.map((account) => account.identity)).toEqual(["github|1000001"]);
    expect(page.accounts[0]?.identity).toBe("github|1000001");
    expect(html).toContain("suggested");
  });

  it("escapes what the request puts on the page", async () => {
    const html = await (await get(authorizeUrl({ login_hint: '"><script>alert(1)</script>@example.com' }))).text();
    expect(html).not.toContain("<script>");
    expect(html).toContain("&quot;&gt;&lt;script&gt;");
    const mismatch = await (await get(authorizeUrl({ redirect_uri: "https://x.example.com/<script>alert(1)</script>" }))).text();
    expect(mismatch).not.toContain("<script>");
  });

  it("creates an account and signs in as it", async () => {
    const { verifier, challenge } = pkcePair();
    const page = parseLoginPage(await (await get(authorizeUrl({ code_challenge: challenge, connection: "github" }))).text());
    const response = await postForm(`${TENANT}${page.action}`, {
      transaction: page.transaction,
      action: "signup",
      email: "New.Person@Example.com",
      name: "New Person",
      connection: "github",
      email_verified: "true",
    });
    expect(response.status).toBe(302);
    const code = query(response).get("code") ?? "";
    const tokens = (await (await exchangeCode(code, verifier)).json()) as { id_token: string };
    const idToken = decodeJwt(tokens.id_token);
    expect(idToken).toMatchObject({ email: "new.person@example.com", email_verified: true, name: "New Person" });
    expect(idToken.sub).toMatch(/^github\|\d+$/);
    expect(local.tenant.getUser(idToken.sub ?? "")?.identities[0]?.connection).toBe("github");
  });

  it("creates an account with an unverified email when the box is left unticked", async () => {
    const page = parseLoginPage(await (await get(authorizeUrl())).text());
    const response = await postForm(`${TENANT}${page.action}`, {
      transaction: page.transaction,
      action: "signup",
      email: "fresh@example.com",
      connection: "Username-Password-Authentication",
    });
    expect(response.status).toBe(302);
    expect(local.tenant.usersByEmail("fresh@example.com")[0]?.email_verified).toBe(false);
  });

  it("shows the page again with a message when the new account already exists", async () => {
    const page = parseLoginPage(await (await get(authorizeUrl())).text());
    const response = await postForm(`${TENANT}${page.action}`, {
      transaction: page.transaction,
      action: "signup",
      email: "owner.github@example.com",
      connection: "github",
      email_verified: "true",
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("already exists");
    // The same transaction still works.
    expect(parseLoginPage(html).transaction).toBe(page.transaction);
  });

  it("signs a linked identity in as its primary user", async () => {
    local.tenant.linkUsers("auth0|65a000000000000000000001", "github|1000001");
    const page = parseLoginPage(await (await get(authorizeUrl({ connection: "github" }))).text());
    expect(page.accounts.find((account) => account.identity === "github|1000001")?.label).toBe(
      "Continue as owner.github@example.com (github)",
    );
    const login = await logIn("github|1000001", { connection: "github" });
    const tokens = (await (await exchangeCode(login.code, login.verifier)).json()) as { id_token: string };
    expect(decodeJwt(tokens.id_token).sub).toBe("auth0|65a000000000000000000001");
  });

  it("refuses a post whose transaction is unknown, without redirecting", async () => {
    const response = await postForm(`${TENANT}/u/login`, { transaction: "forged", action: "login", identity: "github|1000001" });
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
  });

  it("takes the callback from the server-side transaction, never from the form", async () => {
    const page = parseLoginPage(await (await get(authorizeUrl({ state: "s-tx" }))).text());
    const response = await postForm(`${TENANT}${page.action}`, {
      transaction: page.transaction,
      action: "login",
      identity: "auth0|65a000000000000000000001",
      redirect_uri: "https://evil.example.com/",
    });
    expect(response.headers.get("location")?.startsWith(`${CALLBACK}?code=`)).toBe(true);
    expect(query(response).get("state")).toBe("s-tx");
  });
});

describe("an expired login page", () => {
  let clock = Date.parse("2030-01-01T00:00:00Z");
  useLocalTenant({ now: () => clock });

  it("refuses a login posted after the transaction expired", async () => {
    const page = parseLoginPage(await (await get(authorizeUrl())).text());
    clock += 11 * 60 * 1000;
    const response = await postForm(`${TENANT}${page.action}`, {
      transaction: page.transaction,
      action: "login",
      identity: "auth0|65a000000000000000000001",
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("expired");
  });
});
