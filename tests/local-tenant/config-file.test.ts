/**
 * The local tenant started from a configuration file (README, "Configuring
 * it"): examples/local-tenant.json's applications, API, grants, connections,
 * users and rate limit, as a team's own app and SDKs meet them over HTTP.
 */
import { createHash, randomBytes } from "node:crypto";
import { decodeJwt } from "jose";
import { LocalTenantCliError, localTenantBanner, parseLocalTenantArgs, startLocalTenantFromCli } from "@/lib/local-tenant/cli";
import { startLocalTenantServer, type RunningLocalTenant } from "@/lib/local-tenant/server";
import { freePort } from "../support/processes";
import { parseLoginPage } from "./oidc-flow";

const EXAMPLE = "examples/local-tenant.json";
const WEB = { id: "shop-web", secret: "shop-web-secret-for-local-use-only", callback: "http://localhost:3300/auth/callback" };
const SPA = { id: "shop-spa", callback: "http://localhost:5173/" };
const BACKEND = { id: "shop-backend", secret: "shop-backend-secret-for-local-use-only" };
const API = "https://api.shop.example/";

let running: RunningLocalTenant;
beforeEach(async () => {
  running = await startLocalTenantServer({ port: 0, config: EXAMPLE });
});
afterEach(() => running.close());

function form(path: string, fields: Record<string, string>): Promise<Response> {
  return fetch(new URL(path, running.url), {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
}

function authorize(params: Record<string, string>): Promise<Response> {
  const url = new URL("/authorize", running.url);
  for (const [name, value] of Object.entries({ response_type: "code", scope: "openid profile email", state: "s1", ...params })) url.searchParams.set(name, value);
  return fetch(url, { redirect: "manual" });
}

/** Signs in on the login page as `identity` and returns the callback's query. */
async function signIn(params: Record<string, string>, identity: string): Promise<URLSearchParams> {
  const page = await authorize(params);
  expect(page.status).toBe(200);
  const login = parseLoginPage(await page.text());
  const answer = await form(login.action, { transaction: login.transaction, action: "login", identity });
  return new URL(answer.headers.get("location") ?? "").searchParams;
}

async function backendToken(audience: string): Promise<Response> {
  return form("/oauth/token", { grant_type: "client_credentials", client_id: BACKEND.id, client_secret: BACKEND.secret, audience });
}

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

describe("a tenant configured by a file", () => {
  it("has the file's users instead of the seed's, with a linked identity and metadata, and ids that stay the same on every start", async () => {
    const users = running.tenant.listUsers();
    expect(users.map((user) => user.email).sort()).toEqual(["ada@shop.example", "bo@shop.example", "new@shop.example"]);
    const ada = running.tenant.getUser("auth0|65b000000000000000000001");
    expect(ada?.identities.map((identity) => `${identity.provider}|${identity.user_id}`)).toEqual(["auth0|65b000000000000000000001", "github|2000001"]);
    expect(ada?.identities[1]?.profileData?.email).toBe("ada.github@shop.example");
    expect(ada?.app_metadata).toEqual({ roles: ["admin"] });
    expect(users.find((user) => user.email === "new@shop.example")?.email_verified).toBe(false);
    expect(users.find((user) => user.email === "bo@shop.example")?.user_id).toMatch(/^google-oauth2\|\d{21}$/);

    const again = await startLocalTenantServer({ port: 0, config: EXAMPLE });
    try {
      expect(again.tenant.listUsers().map((user) => user.user_id).sort()).toEqual(users.map((user) => user.user_id).sort());
    } finally {
      await again.close();
    }
  });

  it("lets its web app sign in through the file's callback, and refuses the seeded app's", async () => {
    const { challenge, verifier } = pkce();
    const callback = await signIn({ client_id: WEB.id, redirect_uri: WEB.callback, code_challenge: challenge, code_challenge_method: "S256" }, "github|2000001");
    const tokens = await form("/oauth/token", {
      grant_type: "authorization_code",
      client_id: WEB.id,
      client_secret: WEB.secret,
      code: callback.get("code") ?? "",
      redirect_uri: WEB.callback,
      code_verifier: verifier,
    });
    expect(tokens.status).toBe(200);
    const { id_token } = (await tokens.json()) as { id_token: string };
    // The GitHub identity is linked into Ada: signing in with it is signing in as her.
    expect(decodeJwt(id_token).sub).toBe("auth0|65b000000000000000000001");
    const seeded = await authorize({ client_id: "local-app-client-id", redirect_uri: "http://localhost:3000/auth/callback" });
    expect(await seeded.text()).toContain("Unknown client");
  });

  it("lets its single-page app (a public client) exchange a code with PKCE and no secret, and refuses it a code without PKCE", async () => {
    const { challenge, verifier } = pkce();
    const callback = await signIn({ client_id: SPA.id, redirect_uri: SPA.callback, code_challenge: challenge, code_challenge_method: "S256" }, "auth0|65b000000000000000000001");
    const tokens = await form("/oauth/token", { grant_type: "authorization_code", client_id: SPA.id, code: callback.get("code") ?? "", redirect_uri: SPA.callback, code_verifier: verifier });
    expect(tokens.status).toBe(200);

    const withoutPkce = await authorize({ client_id: SPA.id, redirect_uri: SPA.callback });
    const refused = new URL(withoutPkce.headers.get("location") ?? "").searchParams;
    expect([refused.get("error"), refused.get("error_description")]).toEqual(["invalid_request", "Missing required parameter: code_challenge"]);
  });

  it("never redeems a public client's code that carries no PKCE challenge, should one exist", async () => {
    running.tenant.codes.set("planted", {
      clientId: SPA.id,
      redirectUri: SPA.callback,
      codeChallenge: undefined,
      userId: "auth0|65b000000000000000000001",
      scope: "openid",
      audience: undefined,
      nonce: undefined,
      authTime: running.tenant.nowSeconds(),
      sid: "sid",
      expiresAt: running.tenant.now() + 60_000,
    });
    const tokens = await form("/oauth/token", { grant_type: "authorization_code", client_id: SPA.id, code: "planted", redirect_uri: SPA.callback });
    expect(tokens.status).toBe(403);
    expect(await tokens.json()).toEqual({ error: "invalid_grant", error_description: "Failed to verify code verifier" });
  });

  it("refuses a grant type an application does not have, with Auth0's 403 unauthorized_client", async () => {
    const spaCredentials = await form("/oauth/token", { grant_type: "client_credentials", client_id: SPA.id, audience: API });
    expect(spaCredentials.status).toBe(403);
    expect(await spaCredentials.json()).toEqual({ error: "unauthorized_client", error_description: "Grant type 'client_credentials' not allowed for the client." });
    // A machine-to-machine client has only client_credentials: no login at all.
    const backendCode = await form("/oauth/token", { grant_type: "authorization_code", client_id: BACKEND.id, client_secret: BACKEND.secret, code: "x", redirect_uri: WEB.callback });
    expect(await backendCode.json()).toEqual({ error: "unauthorized_client", error_description: "Grant type 'authorization_code' not allowed for the client." });
  });

  it("refuses the implicit flow and refresh tokens to an application whose grant_types leave them out", async () => {
    const narrow = await startLocalTenantServer({
      port: 0,
      config: { clients: [{ client_id: "narrow", client_secret: "narrow-secret", name: "Narrow", app_type: "regular_web", callbacks: [WEB.callback], grant_types: ["authorization_code"] }] },
    });
    try {
      const url = new URL("/authorize", narrow.url);
      for (const [name, value] of Object.entries({ client_id: "narrow", redirect_uri: WEB.callback, response_type: "id_token", response_mode: "form_post", nonce: "n", scope: "openid" })) url.searchParams.set(name, value);
      const implicit = new URL((await fetch(url, { redirect: "manual" })).headers.get("location") ?? "").searchParams;
      expect([implicit.get("error"), implicit.get("error_description")]).toEqual(["unauthorized_client", "Grant type 'implicit' not allowed for the client."]);
      const refresh = await fetch(new URL("/oauth/token", narrow.url), {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "refresh_token", client_id: "narrow", client_secret: "narrow-secret", refresh_token: "x" }).toString(),
      });
      expect(await refresh.json()).toEqual({ error: "unauthorized_client", error_description: "Grant type 'refresh_token' not allowed for the client." });
    } finally {
      await narrow.close();
    }
  });

  it("grants the backend the scopes of its client grants, on the Management API (/api/v2/) and on the file's API", async () => {
    const management = await backendToken(running.tenant.managementAudience);
    expect(((await management.json()) as { scope: string }).scope).toBe("read:users update:users read:connections");
    const api = await backendToken(API);
    expect(((await api.json()) as { scope: string }).scope).toBe("read:orders");
    const widened = await form("/oauth/token", { grant_type: "client_credentials", client_id: BACKEND.id, client_secret: BACKEND.secret, audience: API, scope: "write:orders" });
    expect(await widened.json()).toEqual({ error: "access_denied", error_description: "Client has not been granted scopes: write:orders" });
  });

  it("gives a user's login for the file's API the scopes that API defines, and drops the others", async () => {
    const { challenge, verifier } = pkce();
    const callback = await signIn(
      { client_id: WEB.id, redirect_uri: WEB.callback, audience: API, scope: "openid read:orders delete:everything", code_challenge: challenge, code_challenge_method: "S256" },
      "auth0|65b000000000000000000001",
    );
    const tokens = await form("/oauth/token", { grant_type: "authorization_code", client_id: WEB.id, client_secret: WEB.secret, code: callback.get("code") ?? "", redirect_uri: WEB.callback, code_verifier: verifier });
    const { access_token, scope } = (await tokens.json()) as { access_token: string; scope: string };
    expect(scope).toBe("openid read:orders");
    expect(decodeJwt(access_token).aud).toContain(API);
  });

  it("rate-limits the Management API at the file's 2 requests a second, as Auth0's free tier does", async () => {
    const { access_token } = (await (await backendToken(running.tenant.managementAudience)).json()) as { access_token: string };
    const statuses: number[] = [];
    for (let call = 0; call < 3; call++) {
      const answer = await fetch(new URL("/api/v2/users/auth0%7C65b000000000000000000001", running.url), { headers: { authorization: `Bearer ${access_token}` } });
      statuses.push(answer.status);
    }
    expect(statuses).toEqual([200, 200, 429]);
  });
});

describe("auth0-local-tenant --config", () => {
  it("prints the file's web app, machine-to-machine client and accounts for .env.local", async () => {
    // No --app-base-url: the origin comes from the file's web app, not the default http://localhost:3000.
    const options = parseLocalTenantArgs(["--port", String(await freePort()), "--config", EXAMPLE]);
    if (options === "help") throw new Error("unexpected");
    const cli = await startLocalTenantFromCli(options);
    try {
      const banner = localTenantBanner(options, cli);
      expect(banner).toContain(`Configured by ${EXAMPLE}`);
      expect(banner).toContain(`AUTH0_CLIENT_ID=${WEB.id}\nAUTH0_CLIENT_SECRET=${WEB.secret}\n`);
      expect(banner).toContain("APP_BASE_URL=http://localhost:3300\n");
      expect(banner).toContain(`AUTH0_M2M_CLIENT_ID=${BACKEND.id}\nAUTH0_M2M_CLIENT_SECRET=${BACKEND.secret}\n`);
      expect(banner).toContain(`Allowed Callback URLs: ${WEB.callback}, http://localhost:3300/link/callback`);
      expect(banner).toMatch(/ada\.github@shop\.example +github +linked into auth0\|65b000000000000000000001/);
      expect(banner).not.toContain("owner@example.com");
    } finally {
      await cli.close();
    }
  });

  it("refuses --callback-url beside a file that lists its own clients, rather than drop the URL", async () => {
    const options = parseLocalTenantArgs(["--port", String(await freePort()), "--config", EXAMPLE, "--callback-url", "http://localhost:3300/cb"]);
    if (options === "help") throw new Error("unexpected");
    await expect(startLocalTenantFromCli(options)).rejects.toThrow(LocalTenantCliError);
    await expect(startLocalTenantFromCli(options)).rejects.toThrow("put the URLs in their callbacks");
  });

  it("keeps the seeded app (with --callback-url) when the file has no clients, and gives it the file's grants", async () => {
    const options = parseLocalTenantArgs(["--port", String(await freePort()), "--config", "tests/local-tenant/fixtures/grants-only.json", "--callback-url", "http://localhost:3000/api/auth/callback"]);
    if (options === "help") throw new Error("unexpected");
    const cli = await startLocalTenantFromCli(options);
    try {
      const app = cli.tenant.client("local-app-client-id");
      expect(app?.callbacks).toContain("http://localhost:3000/api/auth/callback");
      expect(cli.tenant.client("local-m2m-client-id")?.grants).toEqual({ [cli.tenant.managementAudience]: ["read:users"] });
      expect(cli.tenant.getUser("auth0|65a000000000000000000001")?.email).toBe("owner@example.com");
    } finally {
      await cli.close();
    }
  });
});
