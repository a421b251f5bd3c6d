/**
 * panva's `openid-client` v6, a client nobody here wrote, driven unmodified
 * against the local tenant over a real socket (issue #14): discovery, the
 * authorization code flow with PKCE and without it (a regular web
 * application proving itself with its secret, as Auth0 allows), form_post,
 * the hybrid flow, refresh, userinfo, logout, revocation and client credentials. A failure here is a fidelity
 * bug of the tenant's unless Auth0's docs say otherwise.
 */
import * as client from "openid-client";
import { LOCAL_APP_CLIENT, LOCAL_M2M_CLIENT, startLocalTenantServer, type RunningLocalTenant } from "@/lib/local-tenant";
import { CookieJar, signInAtTenant } from "../support/browser";

const APP = "http://localhost:3000";
const CALLBACK = `${APP}/auth/callback`;
const OWNER = { email: "owner@example.com", connection: "Username-Password-Authentication" };
const OWNER_ID = "auth0|65a000000000000000000001";

let running: RunningLocalTenant;
beforeAll(async () => {
  running = await startLocalTenantServer({ port: 0, appBaseUrl: APP });
});
afterAll(async () => {
  await running?.close();
});

/** The app's client as openid-client configures it from discovery (http: the local tenant's only insecure part). */
function webApp(): Promise<client.Configuration> {
  return client.discovery(new URL(running.url), LOCAL_APP_CLIENT.clientId, LOCAL_APP_CLIENT.clientSecret, undefined, { execute: [client.allowInsecureRequests] });
}

/** Signs in as the owner through the tenant's login page and returns the callback URL the browser lands on. */
function signIn(authorizationUrl: URL): Promise<URL> {
  return signInAtTenant(authorizationUrl.href, new CookieJar(), OWNER);
}

/**
 * Signs in as the owner with `response_mode=form_post`: the tenant answers
 * with a page whose form the browser posts to the callback; returns that
 * POST as the app's callback route receives it, and the tenant's cookies.
 */
async function signInPosted(authorizationUrl: URL): Promise<{ callback: Request; jar: CookieJar }> {
  const jar = new CookieJar();
  const page = await fetch(authorizationUrl, { redirect: "manual" });
  jar.store(page);
  const transaction = /name="transaction" value="([^"]+)"/.exec(await page.text())?.[1] ?? "";
  const answer = await fetch(new URL("/u/login", running.url), {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
    body: new URLSearchParams({ transaction, action: "login", identity: OWNER_ID }).toString(),
  });
  jar.store(answer);
  const html = await answer.text();
  const action = /<form method="post" action="([^"]+)">/.exec(html)?.[1]?.replace(/&amp;/g, "&") ?? "";
  const fields = [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(([, name = "", value = ""]) => [name, value.replace(/&amp;/g, "&")]);
  const callback = new Request(action, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields).toString() });
  return { callback, jar };
}

describe("openid-client v6 against the local tenant", () => {
  it("discovers the tenant: issuer with a trailing slash, RS256, the endpoints it uses", async () => {
    const metadata = (await webApp()).serverMetadata();
    expect(metadata.issuer).toBe(`${running.url}/`);
    expect(metadata.id_token_signing_alg_values_supported).toContain("RS256");
    expect(metadata.token_endpoint).toBe(`${running.url}/oauth/token`);
  });

  it("signs in with the authorization code flow and PKCE, then refreshes, reads userinfo and revokes the refresh token", async () => {
    const config = await webApp();
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: CALLBACK,
      scope: "openid profile email offline_access",
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state,
      nonce,
    });
    const tokens = await client.authorizationCodeGrant(config, await signIn(url), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
    expect(tokens.claims()).toMatchObject({ sub: OWNER_ID, email: "owner@example.com", aud: LOCAL_APP_CLIENT.clientId });
    expect(tokens.refresh_token).toEqual(expect.any(String));

    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token ?? "");
    expect(refreshed.access_token).toEqual(expect.any(String));
    expect(await client.fetchUserInfo(config, refreshed.access_token, OWNER_ID)).toMatchObject({ sub: OWNER_ID, email: "owner@example.com" });

    await client.tokenRevocation(config, tokens.refresh_token ?? "", { token_type_hint: "refresh_token" });
    await expect(client.refreshTokenGrant(config, tokens.refresh_token ?? "")).rejects.toMatchObject({ error: "invalid_grant" });
  });

  it("signs in without PKCE, the code exchanged with the client secret alone", async () => {
    const config = await webApp();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, { redirect_uri: CALLBACK, scope: "openid email", state, nonce });
    const tokens = await client.authorizationCodeGrant(config, await signIn(url), { expectedState: state, expectedNonce: nonce });
    expect(tokens.claims()).toMatchObject({ sub: OWNER_ID, nonce });
  });

  it("signs in with response_mode=form_post, the code posted to the callback", async () => {
    const config = await webApp();
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: CALLBACK,
      scope: "openid email",
      response_mode: "form_post",
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state,
    });
    const { callback } = await signInPosted(url);
    const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state });
    expect(tokens.claims()).toMatchObject({ sub: OWNER_ID, email: "owner@example.com" });
  });

  it("signs in with the hybrid flow (response_type=code id_token), checking the front-channel ID token's c_hash and nonce", async () => {
    const config = await webApp();
    client.useCodeIdTokenResponseType(config);
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: CALLBACK,
      scope: "openid email",
      response_mode: "form_post",
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state,
      nonce,
    });
    expect(url.searchParams.get("response_type")).toBe("code id_token");
    const { callback } = await signInPosted(url);
    const posted = new URLSearchParams(await callback.clone().text());
    expect([...posted.keys()].sort()).toEqual(["code", "id_token", "state"]);
    const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
    expect(tokens.claims()).toMatchObject({ sub: OWNER_ID, nonce });
  });

  it("signs out through the end_session endpoint, back to an allowed logout URL, and the tenant forgets the sign-in", async () => {
    const config = await webApp();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(config, { redirect_uri: CALLBACK, scope: "openid", state, response_mode: "form_post" });
    const { callback, jar } = await signInPosted(url);
    const tokens = await client.authorizationCodeGrant(config, callback, { expectedState: state });
    const logout = await fetch(client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token ?? "", post_logout_redirect_uri: APP }), { redirect: "manual", headers: { cookie: jar.header() } });
    expect(logout.status).toBe(302);
    expect(logout.headers.get("location")).toBe(APP);
    jar.store(logout);
    // Without the tenant's single sign-on, the next sign-in shows the login page again instead of answering at once.
    const again = await fetch(client.buildAuthorizationUrl(config, { redirect_uri: CALLBACK, scope: "openid", state }), { redirect: "manual", headers: { cookie: jar.header() } });
    expect(again.status).toBe(200);
  });

  it("refuses the code to a client that does not hold the secret", async () => {
    const config = await webApp();
    const state = client.randomState();
    const callback = await signIn(client.buildAuthorizationUrl(config, { redirect_uri: CALLBACK, scope: "openid", state }));
    const stranger = await client.discovery(new URL(running.url), LOCAL_APP_CLIENT.clientId, "not-the-secret", undefined, { execute: [client.allowInsecureRequests] });
    await expect(client.authorizationCodeGrant(stranger, callback, { expectedState: state })).rejects.toMatchObject({ status: 401 });
  });

  it("gets a Management API token with client credentials", async () => {
    const m2m = await client.discovery(new URL(running.url), LOCAL_M2M_CLIENT.clientId, LOCAL_M2M_CLIENT.clientSecret, undefined, { execute: [client.allowInsecureRequests] });
    const tokens = await client.clientCredentialsGrant(m2m, { audience: `${running.url}/api/v2/` });
    expect(tokens.token_type.toLowerCase()).toBe("bearer");
    expect(tokens.scope?.split(" ")).toEqual(expect.arrayContaining(["read:users", "update:users"]));
  });
});
