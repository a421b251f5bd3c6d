/**
 * panva's `openid-client` v6, a client nobody here wrote, driven unmodified
 * against the local tenant over a real socket (issue #14): discovery, the
 * authorization code flow with PKCE and without it (a regular web
 * application proving itself with its secret, as Auth0 allows), refresh,
 * userinfo, revocation and client credentials. A failure here is a fidelity
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
