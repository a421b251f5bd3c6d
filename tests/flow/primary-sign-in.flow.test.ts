/**
 * The real @auth0/nextjs-auth0 SDK, mounted by our proxy.ts, signs a user in
 * against the local tenant (msw). Nothing is mocked but Auth0 itself.
 */
import type { NextRequest, NextResponse } from "next/server";
import { setupServer } from "msw/node";
import { decodeJwt } from "jose";
import { LOCAL_APP_API_AUDIENCE, LOCAL_APP_CLIENT, LocalTenant, createLocalTenantHandlers } from "@/lib/local-tenant";
import { MODE, loadedAppServices, modeEnv } from "../support/app";
import { CookieJar, appRequest, signInAtTenant } from "../support/browser";
import { captureLogs } from "../support/logs";

const APP = "http://localhost:3000";
const OWNER = { email: "owner@example.com", connection: "Username-Password-Authentication" };
const OWNER_ID = "auth0|65a000000000000000000001";

captureLogs();

let tenant: LocalTenant;
const server = setupServer();
let proxy: (request: NextRequest) => Promise<NextResponse>;

beforeAll(async () => {
  Object.assign(process.env, {
    AUTH0_DOMAIN: "http://localhost:4010",
    AUTH0_CLIENT_ID: LOCAL_APP_CLIENT.clientId,
    AUTH0_CLIENT_SECRET: LOCAL_APP_CLIENT.clientSecret,
    AUTH0_SECRET: "a-test-secret-that-is-at-least-32-characters-long",
    APP_BASE_URL: APP,
    ...modeEnv(),
  });
  // Before the app loads: its SDK client keeps the fetch it was created with, which msw must already wrap.
  server.listen({ onUnhandledRequest: "error" });
  ({ proxy } = await import("@/proxy"));
});

beforeEach(async () => {
  tenant = await LocalTenant.create({ appBaseUrl: APP });
  server.resetHandlers(...createLocalTenantHandlers(tenant));
});

afterAll(() => server.close());

/** Signs in through /auth/login → tenant → /auth/callback; returns the app's cookie jar. */
async function signIn(returnTo = "/settings"): Promise<{ app: CookieJar; tenantJar: CookieJar; landing: string | null }> {
  const app = new CookieJar();
  const tenantJar = new CookieJar();
  const login = await proxy(appRequest(`${APP}/auth/login?returnTo=${encodeURIComponent(returnTo)}`, app));
  app.store(login);
  const callback = await signInAtTenant(login.headers.get("location") ?? "", tenantJar, OWNER);
  const done = await proxy(appRequest(callback.toString(), app));
  app.store(done);
  return { app, tenantJar, landing: done.headers.get("location") };
}

describe("signing in with the SDK against the local tenant", () => {
  const asks =
    MODE === "link_with"
      ? "sends the browser to the tenant asking for the Management API with the current-user scopes and PKCE"
      : "sends the browser to the tenant asking for the app's own API, without Management API scopes, and PKCE";
  it(asks, async () => {
    const response = await proxy(appRequest(`${APP}/auth/login`, new CookieJar()));
    expect(response.status).toBe(307);
    const authorize = new URL(response.headers.get("location") ?? "");
    expect(authorize.origin + authorize.pathname).toBe("http://localhost:4010/authorize");
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      client_id: LOCAL_APP_CLIENT.clientId,
      redirect_uri: `${APP}/auth/callback`,
      ...(MODE === "link_with"
        ? { audience: "http://localhost:4010/api/v2/", scope: "openid profile email offline_access read:current_user update:current_user_identities" }
        : { audience: LOCAL_APP_API_AUDIENCE, scope: "openid profile email offline_access" }),
      code_challenge_method: "S256",
      response_type: "code",
    });
    expect(authorize.searchParams.get("state")).toBeTruthy();
  });

  it("signs owner@example.com in and lands back on Settings with an encrypted, HttpOnly session cookie", async () => {
    const login = await proxy(appRequest(`${APP}/auth/login?returnTo=%2Fsettings`, new CookieJar()));
    const app = new CookieJar();
    app.store(login);
    const callback = await signInAtTenant(login.headers.get("location") ?? "", new CookieJar(), OWNER);
    expect(callback.origin + callback.pathname).toBe(`${APP}/auth/callback`);

    const done = await proxy(appRequest(callback.toString(), app));
    expect(done.headers.get("location")).toBe(`${APP}/settings`);
    const sessionCookie = done.headers.getSetCookie().find((line) => line.startsWith("__session="));
    expect(sessionCookie).toMatch(/HttpOnly/i);
    expect(sessionCookie).toMatch(/SameSite=Lax/i);
    // The cookie is encrypted: no token is readable in it.
    expect(sessionCookie).not.toMatch(/eyJ[\w-]+\.eyJ/);
  });

  const holds =
    MODE === "link_with"
      ? "holds a session whose access token reads the user's identities from the Management API"
      : "holds a session whose access token is for the app's own API, which the Management API refuses";
  it(holds, async () => {
    const { app } = await signIn();
    const { auth0, management } = await loadedAppServices();
    const session = await auth0.getSession(appRequest(`${APP}/settings`, app));
    expect(session?.user.sub).toBe(OWNER_ID);
    expect(session?.user.email).toBe("owner@example.com");
    expect(session?.tokenSet.refreshToken).toBeTruthy();
    if (MODE === "server_side") {
      expect(decodeJwt(session?.tokenSet.accessToken ?? "")).toMatchObject({ aud: expect.arrayContaining([LOCAL_APP_API_AUDIENCE]), scope: "openid profile email offline_access" });
      const refused = await management.getUser(session?.tokenSet.accessToken ?? "", OWNER_ID);
      expect(refused).toMatchObject({ ok: false, error: { code: "invalid_token", status: 401 } });
      return;
    }
    expect(session?.tokenSet.scope?.split(" ")).toEqual(expect.arrayContaining(["read:current_user", "update:current_user_identities"]));
    const user = await management.getUser(session?.tokenSet.accessToken ?? "", OWNER_ID);
    expect(user).toMatchObject({ ok: true, value: { user_id: OWNER_ID, identities: [{ provider: "auth0", connection: "Username-Password-Authentication" }] } });
  });

  it("keeps the access-token endpoint off, so a signed-in browser cannot fetch the token", async () => {
    const { app } = await signIn();
    const response = await proxy(appRequest(`${APP}/auth/access-token`, app));
    // Passed on to the app (which has no such page) instead of answering with a token.
    expect(response.headers.get("x-middleware-next")).toBe("1");
    expect(await response.text()).not.toMatch(/eyJ/);
  });

  it("sends a signed-out visitor of Settings to the sign-in with a real redirect, and lets a signed-in one through", async () => {
    const signedOut = await proxy(appRequest(`${APP}/settings?link=linked`, new CookieJar()));
    expect(signedOut.status).toBe(307);
    expect(signedOut.headers.get("location")).toBe(`${APP}/auth/login?returnTo=%2Fsettings`);
    const { app } = await signIn();
    const signedIn = await proxy(appRequest(`${APP}/settings`, app));
    expect(signedIn.headers.get("x-middleware-next")).toBe("1");
    // Other pages are the app's to protect.
    expect((await proxy(appRequest(`${APP}/`, new CookieJar()))).headers.get("x-middleware-next")).toBe("1");
  });

  it("signs out of the app and of the tenant's single sign-on session", async () => {
    const { app, tenantJar } = await signIn();
    const logout = await proxy(appRequest(`${APP}/auth/logout`, app));
    app.store(logout);
    expect(app.get("__session")).toBeUndefined();
    const endSession = new URL(logout.headers.get("location") ?? "");
    expect(endSession.origin + endSession.pathname).toBe("http://localhost:4010/oidc/logout");
    const back = await fetch(endSession, { redirect: "manual", headers: { cookie: tenantJar.header() } });
    tenantJar.store(back);
    expect(back.headers.get("location")).toMatch(new RegExp(`^${APP}/?$`));
    expect(tenantJar.names()).toEqual([]);
  });
});
