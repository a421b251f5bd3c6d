/**
 * The local tenant's session and refresh-token endpoints, as Auth0's
 * Management API has them: `GET`/`DELETE /api/v2/users/{id}/sessions`
 * (read:sessions / delete:sessions) and `…/refresh-tokens`
 * (read:refresh_tokens / delete:refresh_tokens); a deletion answers 202 and
 * takes effect: the tenant's single sign-on asks for a login again, and a
 * revoked refresh token is refused.
 */
import { LOCAL_APP_CLIENT } from "@/lib/local-tenant";
import { TENANT, authorizeUrl, exchangeCode, get, logIn, tokenRequest, useLocalTenant } from "./oidc-flow";

const OWNER = "auth0|65a000000000000000000001";
const local = useLocalTenant();

async function machineToken(scope: string): Promise<string> {
  return local.tenant.issueAccessToken({ subject: "local-m2m-client-id@clients", clientId: "local-m2m-client-id", audience: local.tenant.managementAudience, scope, clientCredentials: true });
}

function call(method: "GET" | "DELETE", path: string, token: string): Promise<Response> {
  return fetch(`${TENANT}/api/v2/users/${encodeURIComponent(OWNER)}/${path}`, { method, headers: { authorization: `Bearer ${token}` } });
}

/** The owner signed in on the tenant (an SSO session) with a refresh token for the app. */
async function signedIn(): Promise<{ cookie: string; refreshToken: string }> {
  const login = await logIn(OWNER);
  const tokens = (await (await exchangeCode(login.code, login.verifier)).json()) as { refresh_token: string };
  return { cookie: login.cookie ?? "", refreshToken: tokens.refresh_token };
}

describe("a user's sessions and refresh tokens on the Management API", () => {
  it("lists the owner's sessions and refresh tokens", async () => {
    await signedIn();
    const sessions = (await (await call("GET", "sessions", await machineToken("read:sessions"))).json()) as { sessions: { user_id: string }[] };
    expect(sessions.sessions).toEqual([expect.objectContaining({ user_id: OWNER })]);
    const tokens = (await (await call("GET", "refresh-tokens", await machineToken("read:refresh_tokens"))).json()) as { tokens: { client_id: string }[] };
    expect(tokens.tokens).toEqual([expect.objectContaining({ user_id: OWNER, client_id: LOCAL_APP_CLIENT.clientId })]);
  });

  it("ends the owner's sessions with 202: the tenant asks for a login again instead of answering at once", async () => {
    const { cookie } = await signedIn();
    expect((await get(authorizeUrl(), cookie)).status).toBe(302);
    const answer = await call("DELETE", "sessions", await machineToken("delete:sessions"));
    expect(answer.status).toBe(202);
    expect(await answer.text()).toBe("");
    expect((await get(authorizeUrl(), cookie)).status).toBe(200);
  });

  it("revokes the owner's refresh tokens with 202: the app's refresh is then refused", async () => {
    const { refreshToken } = await signedIn();
    expect((await tokenRequest({ grant_type: "refresh_token", refresh_token: refreshToken })).status).toBe(200);
    expect((await call("DELETE", "refresh-tokens", await machineToken("delete:refresh_tokens"))).status).toBe(202);
    const refused = await tokenRequest({ grant_type: "refresh_token", refresh_token: refreshToken });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: "invalid_grant" });
  });

  it.each([
    ["DELETE", "sessions", "read:users update:users"],
    ["DELETE", "refresh-tokens", "delete:sessions"],
    ["GET", "sessions", "delete:sessions"],
  ] as const)("refuses %s …/%s without its scope (token with %s) with 403 insufficient_scope, and changes nothing", async (method, path, scope) => {
    const { refreshToken } = await signedIn();
    const answer = await call(method, path, await machineToken(scope));
    expect(answer.status).toBe(403);
    expect(await answer.json()).toMatchObject({ statusCode: 403, errorCode: "insufficient_scope" });
    expect((await tokenRequest({ grant_type: "refresh_token", refresh_token: refreshToken })).status).toBe(200);
  });

  it("answers 404 inexistent_user for a user it does not have", async () => {
    const answer = await fetch(`${TENANT}/api/v2/users/auth0%7Cnobody/sessions`, { method: "DELETE", headers: { authorization: `Bearer ${await machineToken("delete:sessions")}` } });
    expect(answer.status).toBe(404);
    expect(await answer.json()).toMatchObject({ errorCode: "inexistent_user" });
  });
});
