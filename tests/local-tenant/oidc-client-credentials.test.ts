import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from "jose";
import { LOCAL_M2M_CLIENT } from "@/lib/local-tenant";
import { TENANT, tokenRequest, useLocalTenant } from "./oidc-flow";

const MANAGEMENT_API = `${TENANT}/api/v2/`;
const m2m = { clientId: LOCAL_M2M_CLIENT.clientId, secret: LOCAL_M2M_CLIENT.clientSecret };

describe("the client credentials grant", () => {
  useLocalTenant();

  it("gives the machine-to-machine client a Management API token with read:users update:users read:connections delete:sessions delete:refresh_tokens", async () => {
    const response = await tokenRequest({ grant_type: "client_credentials", audience: MANAGEMENT_API }, { ...m2m, auth: "basic" });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({ access_token: expect.any(String), scope: "read:users update:users read:connections delete:sessions delete:refresh_tokens", expires_in: 86400, token_type: "Bearer" });
    const jwks = (await (await fetch(`${TENANT}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
    const { payload } = await jwtVerify(String(body["access_token"]), createLocalJWKSet(jwks), { issuer: `${TENANT}/`, audience: MANAGEMENT_API });
    expect(payload).toMatchObject({
      sub: `${LOCAL_M2M_CLIENT.clientId}@clients`,
      azp: LOCAL_M2M_CLIENT.clientId,
      gty: "client-credentials",
      scope: "read:users update:users read:connections delete:sessions delete:refresh_tokens",
      aud: MANAGEMENT_API,
    });
  });

  it("narrows the token to the scopes asked for", async () => {
    const response = await tokenRequest({ grant_type: "client_credentials", audience: MANAGEMENT_API, scope: "read:users" }, m2m);
    expect(((await response.json()) as { scope: string }).scope).toBe("read:users");
  });

  it("refuses scopes outside the client's grant", async () => {
    const response = await tokenRequest({ grant_type: "client_credentials", audience: MANAGEMENT_API, scope: "read:users delete:users" }, m2m);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: "access_denied", error_description: "Client has not been granted scopes: delete:users" });
  });

  it("refuses the web application, which has no client grant for the Management API", async () => {
    const response = await tokenRequest({ grant_type: "client_credentials", audience: MANAGEMENT_API }, { auth: "basic" });
    expect(response.status).toBe(403);
    const body = (await response.json()) as { error: string; error_description: string };
    expect(body.error).toBe("access_denied");
    expect(body.error_description).toContain(`Client is not authorized to access "${MANAGEMENT_API}". You need to create a "client-grant" associated to this API.`);
  });

  it("refuses a request without an audience, or for an API the tenant does not have", async () => {
    const missing = await tokenRequest({ grant_type: "client_credentials" }, m2m);
    expect(missing.status).toBe(403);
    expect(((await missing.json()) as { error: string }).error).toBe("access_denied");
    const unknown = await tokenRequest({ grant_type: "client_credentials", audience: "https://api.example.com/" }, m2m);
    expect(unknown.status).toBe(403);
    expect(await unknown.json()).toEqual({ error: "access_denied", error_description: "Service not found: https://api.example.com/" });
  });

  it("refuses the machine-to-machine client with a wrong secret", async () => {
    const response = await tokenRequest({ grant_type: "client_credentials", audience: MANAGEMENT_API }, { ...m2m, secret: "wrong" });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "access_denied", error_description: "Unauthorized" });
  });
});
