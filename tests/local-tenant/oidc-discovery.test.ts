import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from "jose";
import { LOCAL_APP_CLIENT, startLocalTenantServer } from "@/lib/local-tenant";
import { authorizeUrl, exchangeCode, logIn, TENANT, useLocalTenant } from "./oidc-flow";

describe("the local tenant's discovery documents", () => {
  const local = useLocalTenant();

  it("publishes an issuer ending in / and Auth0's endpoint paths", async () => {
    const response = await fetch(`${TENANT}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const configuration = (await response.json()) as Record<string, unknown>;
    expect(configuration).toMatchObject({
      issuer: `${TENANT}/`,
      authorization_endpoint: `${TENANT}/authorize`,
      token_endpoint: `${TENANT}/oauth/token`,
      userinfo_endpoint: `${TENANT}/userinfo`,
      jwks_uri: `${TENANT}/.well-known/jwks.json`,
      end_session_endpoint: `${TENANT}/oidc/logout`,
      revocation_endpoint: `${TENANT}/oauth/revoke`,
      response_types_supported: ["code", "id_token", "code id_token"],
      code_challenge_methods_supported: ["S256"],
      id_token_signing_alg_values_supported: ["RS256"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "none"],
    });
    expect(configuration["issuer"]).toBe(local.tenant.issuer);
  });

  it("serves keys that verify the ID tokens it issues, issuer and audience included", async () => {
    const login = await logIn("auth0|65a000000000000000000001");
    const tokens = (await (await exchangeCode(login.code, login.verifier)).json()) as { id_token: string };
    const jwks = (await (await fetch(`${TENANT}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
    expect(jwks.keys.every((key) => key.kty === "RSA" && key.alg === "RS256" && key.kid !== undefined && key.d === undefined)).toBe(true);
    const { payload, protectedHeader } = await jwtVerify(tokens.id_token, createLocalJWKSet(jwks), {
      issuer: `${TENANT}/`,
      audience: LOCAL_APP_CLIENT.clientId,
    });
    expect(protectedHeader.alg).toBe("RS256");
    expect(payload.sub).toBe("auth0|65a000000000000000000001");
  });
});

describe("the local tenant served over HTTP", () => {
  it("answers discovery and shows the login page on a real port", async () => {
    const running = await startLocalTenantServer({ port: 0 });
    try {
      const discovery = (await (await fetch(`${running.url}/.well-known/openid-configuration`)).json()) as { issuer: string };
      expect(discovery.issuer).toBe(`${running.url}/`);
      const url = new URL(authorizeUrl({ connection: "github" }));
      const page = await fetch(`${running.url}/authorize${url.search}`, { redirect: "manual" });
      expect(page.status).toBe(200);
      expect(page.headers.get("content-type")).toContain("text/html");
      expect(await page.text()).toContain("Continue as owner.github@example.com (github)");
    } finally {
      await running.close();
    }
  });
});
