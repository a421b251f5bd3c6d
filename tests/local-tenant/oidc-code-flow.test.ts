import { decodeJwt } from "jose";
import { LOCAL_APP_CLIENT, LOCAL_M2M_CLIENT } from "@/lib/local-tenant";
import {
  authorizeUrl,
  CALLBACK,
  exchangeCode,
  get,
  LINK_CALLBACK,
  logIn,
  parseLoginPage,
  pkcePair,
  postForm,
  query,
  TENANT,
  tokenRequest,
  useLocalTenant,
} from "./oidc-flow";

const OWNER = "auth0|65a000000000000000000001";

interface TokenBody {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
  scope: string;
  expires_in: number;
  token_type: string;
}

describe("the authorization code flow with PKCE", () => {
  const local = useLocalTenant();

  it("returns the code and state to the callback, then tokens whose ID token carries nonce, auth_time and email", async () => {
    const before = Math.floor(Date.now() / 1000);
    const login = await logIn(OWNER, { state: "s-1", nonce: "n-1", audience: local.tenant.managementAudience, scope: `${"openid profile email offline_access"} read:current_user update:current_user_identities read:users` });
    expect(login.state).toBe("s-1");
    const response = await exchangeCode(login.code, login.verifier);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const tokens = (await response.json()) as TokenBody;
    expect(tokens).toMatchObject({ token_type: "Bearer", expires_in: 86400 });
    expect(tokens.refresh_token).toEqual(expect.any(String));
    // read:users is not a scope a user's own login may hold: Auth0 drops it.
    expect(tokens.scope.split(" ").sort()).toEqual(
      ["email", "offline_access", "openid", "profile", "read:current_user", "update:current_user_identities"].sort(),
    );
    const idToken = decodeJwt(tokens.id_token ?? "");
    expect(idToken).toMatchObject({ iss: `${TENANT}/`, aud: LOCAL_APP_CLIENT.clientId, sub: OWNER, nonce: "n-1", email: "owner@example.com", email_verified: true });
    expect(idToken.auth_time).toBeGreaterThanOrEqual(before);
    expect(idToken["sid"]).toEqual(expect.any(String));
    const accessToken = decodeJwt(tokens.access_token);
    expect(accessToken).toMatchObject({ sub: OWNER, azp: LOCAL_APP_CLIENT.clientId, aud: [local.tenant.managementAudience, local.tenant.userinfoAudience] });
  });

  it("leaves out the refresh token when offline_access was not asked for", async () => {
    const login = await logIn(OWNER, { scope: "openid email" });
    const tokens = (await (await exchangeCode(login.code, login.verifier)).json()) as TokenBody;
    expect(tokens.refresh_token).toBeUndefined();
    expect(tokens.scope).toBe("openid email");
  });

  describe("without PKCE, as Auth0 allows a regular web application (it proves itself with its client secret)", () => {
    const withoutPkce = { code_challenge: undefined, code_challenge_method: undefined };

    it("signs in and exchanges the code with the client secret alone", async () => {
      const login = await logIn(OWNER, { ...withoutPkce, state: "s-2" });
      expect(login.state).toBe("s-2");
      const response = await exchangeCode(login.code, undefined);
      expect(response.status).toBe(200);
      expect(decodeJwt(((await response.json()) as TokenBody).id_token ?? "")).toMatchObject({ sub: OWNER, aud: LOCAL_APP_CLIENT.clientId });
    });

    it("still answers 401 without the client secret", async () => {
      const login = await logIn(OWNER, withoutPkce);
      const response = await tokenRequest({ grant_type: "authorization_code", code: login.code, redirect_uri: CALLBACK }, { auth: "none" });
      expect(response.status).toBe(401);
    });

    it("refuses a code_verifier for a code whose login sent no challenge (a PKCE downgrade), with 403 invalid_grant", async () => {
      const login = await logIn(OWNER, withoutPkce);
      const response = await exchangeCode(login.code, pkcePair().verifier);
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ error: "invalid_grant", error_description: "Failed to verify code verifier" });
    });

    it("still needs the verifier of a code whose login sent a challenge", async () => {
      const login = await logIn(OWNER);
      const response = await exchangeCode(login.code, undefined);
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ error: "invalid_grant", error_description: "Failed to verify code verifier" });
    });
  });

  it("refuses the plain PKCE method and a response_type other than code", async () => {
    expect(query(await get(authorizeUrl({ code_challenge_method: "plain" }))).get("error")).toBe("invalid_request");
    expect(query(await get(authorizeUrl({ response_type: "token" }))).get("error")).toBe("unsupported_response_type");
  });

  it("sends an unknown connection back with invalid_request", async () => {
    expect(query(await get(authorizeUrl({ connection: "twitter" }))).get("error")).toBe("invalid_request");
  });

  it("answers a wrong code_verifier with 403 invalid_grant, and the code is spent", async () => {
    const login = await logIn(OWNER);
    const wrong = await exchangeCode(login.code, pkcePair().verifier);
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toEqual({ error: "invalid_grant", error_description: "Failed to verify code verifier" });
    const retry = await exchangeCode(login.code, login.verifier);
    expect(retry.status).toBe(403);
  });

  it("refuses a replayed code with 403 invalid_grant", async () => {
    const login = await logIn(OWNER);
    expect((await exchangeCode(login.code, login.verifier)).status).toBe(200);
    const replay = await exchangeCode(login.code, login.verifier);
    expect(replay.status).toBe(403);
    expect(await replay.json()).toEqual({ error: "invalid_grant", error_description: "Invalid authorization code" });
  });

  it("refuses a code presented with another redirect_uri than the login's", async () => {
    const login = await logIn(OWNER);
    const response = await exchangeCode(login.code, login.verifier, { redirectUri: LINK_CALLBACK });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: "invalid_grant", error_description: "Invalid authorization code" });
  });

  it("shows a 400 page and never redirects for an unregistered redirect_uri", async () => {
    const response = await get(authorizeUrl({ redirect_uri: "https://evil.example.com/callback" }));
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    const html = await response.text();
    expect(html).toContain("Callback URL mismatch");
    expect(html).toContain("https://evil.example.com/callback");
  });

  it("shows a 400 page for an unknown client_id", async () => {
    const response = await get(authorizeUrl({ client_id: "nobody" }));
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
  });

  it("accepts client_secret_basic as well as client_secret_post", async () => {
    const first = await logIn(OWNER);
    expect((await exchangeCode(first.code, first.verifier, { auth: "basic" })).status).toBe(200);
    const second = await logIn(OWNER);
    expect((await exchangeCode(second.code, second.verifier, { auth: "post" })).status).toBe(200);
  });

  it("answers a wrong or missing client secret with 401 access_denied Unauthorized", async () => {
    const login = await logIn(OWNER);
    for (const attempt of [
      tokenRequest({ grant_type: "authorization_code", code: login.code }, { secret: "wrong" }),
      tokenRequest({ grant_type: "authorization_code", code: login.code }, { auth: "basic", secret: "wrong" }),
      tokenRequest({ grant_type: "authorization_code", code: login.code }, { auth: "none" }),
      tokenRequest({ grant_type: "authorization_code", code: login.code }, { clientId: LOCAL_M2M_CLIENT.clientId }),
    ]) {
      const response = await attempt;
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: "access_denied", error_description: "Unauthorized" });
    }
    // A refused client does not spend the code.
    expect((await exchangeCode(login.code, login.verifier)).status).toBe(200);
  });

  it("answers an unsupported grant type with 403 unsupported_grant_type", async () => {
    const response = await tokenRequest({ grant_type: "password", username: "owner@example.com", password: "x" });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: string }).error).toBe("unsupported_grant_type");
  });

  it("cancelling on the login page returns access_denied to the callback with the state", async () => {
    const page = parseLoginPage(await (await get(authorizeUrl({ state: "s-cancel" }))).text());
    const response = await postForm(`${TENANT}${page.action}`, { transaction: page.transaction, action: "cancel" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(
      `${CALLBACK}?error=access_denied&error_description=User%20cancelled%20the%20login&state=s-cancel`,
    );
    expect(new URL(response.headers.get("location") ?? "").searchParams.get("error_description")).toBe("User cancelled the login");
    // The transaction is spent: the page cannot be submitted again.
    expect((await postForm(`${TENANT}${page.action}`, { transaction: page.transaction, action: "login", identity: OWNER })).status).toBe(400);
  });
});

describe("the authorization code's lifetime", () => {
  let clock = Date.parse("2030-01-01T00:00:00Z");
  useLocalTenant({ now: () => clock });

  it("refuses a code exchanged more than 60 seconds after the login", async () => {
    const login = await logIn(OWNER);
    clock += 61_000;
    const response = await exchangeCode(login.code, login.verifier);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: "invalid_grant", error_description: "Invalid authorization code" });
  });

  it("accepts a code exchanged within its 60 seconds", async () => {
    const login = await logIn(OWNER);
    clock += 59_000;
    expect((await exchangeCode(login.code, login.verifier)).status).toBe(200);
  });
});

describe("refresh tokens, revocation and userinfo", () => {
  useLocalTenant();

  async function tokensFor(identity: string, scope = "openid profile email offline_access"): Promise<TokenBody> {
    const login = await logIn(identity, { scope });
    return (await (await exchangeCode(login.code, login.verifier)).json()) as TokenBody;
  }

  it("mints a new access token and ID token from a refresh token, with the same scope", async () => {
    const tokens = await tokensFor(OWNER);
    const response = await tokenRequest({ grant_type: "refresh_token", refresh_token: tokens.refresh_token ?? "" });
    expect(response.status).toBe(200);
    const refreshed = (await response.json()) as TokenBody;
    expect(refreshed.scope).toBe(tokens.scope);
    expect(decodeJwt(refreshed.access_token).sub).toBe(OWNER);
    expect(decodeJwt(refreshed.id_token ?? "").sub).toBe(OWNER);
  });

  it("refuses an unknown refresh token, and one presented by another client", async () => {
    const unknown = await tokenRequest({ grant_type: "refresh_token", refresh_token: "nope" });
    expect(unknown.status).toBe(403);
    expect(await unknown.json()).toEqual({ error: "invalid_grant", error_description: "Unknown or invalid refresh token." });
    const tokens = await tokensFor(OWNER);
    const stolen = await tokenRequest(
      { grant_type: "refresh_token", refresh_token: tokens.refresh_token ?? "" },
      { clientId: LOCAL_M2M_CLIENT.clientId, secret: LOCAL_M2M_CLIENT.clientSecret },
    );
    expect(stolen.status).toBe(403);
  });

  it("makes a revoked refresh token unusable, answering the revocation with an empty 200", async () => {
    const tokens = await tokensFor(OWNER);
    const revoke = await postForm(`${TENANT}/oauth/revoke`, {
      client_id: LOCAL_APP_CLIENT.clientId,
      client_secret: LOCAL_APP_CLIENT.clientSecret,
      token: tokens.refresh_token ?? "",
    });
    expect(revoke.status).toBe(200);
    expect(await revoke.text()).toBe("");
    const refresh = await tokenRequest({ grant_type: "refresh_token", refresh_token: tokens.refresh_token ?? "" });
    expect(refresh.status).toBe(403);
  });

  it("refuses a revocation without the client's secret", async () => {
    const tokens = await tokensFor(OWNER);
    const revoke = await postForm(`${TENANT}/oauth/revoke`, { client_id: LOCAL_APP_CLIENT.clientId, token: tokens.refresh_token ?? "" });
    expect(revoke.status).toBe(401);
    expect((await tokenRequest({ grant_type: "refresh_token", refresh_token: tokens.refresh_token ?? "" })).status).toBe(200);
  });

  it("answers userinfo with the profile of the access token's user", async () => {
    const tokens = await tokensFor("github|1000001");
    const response = await fetch(`${TENANT}/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      sub: "github|1000001",
      name: "Olivia Owner (GitHub)",
      nickname: "owner.github",
      picture: expect.any(String),
      updated_at: expect.any(String),
      email: "owner.github@example.com",
      email_verified: true,
    });
  });

  it("answers userinfo with 401 without a token, with a forged one, or with a machine-to-machine token", async () => {
    expect((await fetch(`${TENANT}/userinfo`)).status).toBe(401);
    expect((await fetch(`${TENANT}/userinfo`, { headers: { authorization: "Bearer not.a.jwt" } })).status).toBe(401);
    const m2m = (await (
      await tokenRequest(
        { grant_type: "client_credentials", audience: `${TENANT}/api/v2/` },
        { clientId: LOCAL_M2M_CLIENT.clientId, secret: LOCAL_M2M_CLIENT.clientSecret },
      )
    ).json()) as TokenBody;
    expect((await fetch(`${TENANT}/userinfo`, { headers: { authorization: `Bearer ${m2m.access_token}` } })).status).toBe(401);
  });
});
