import { linkingAuth0Options } from "@/lib/session/auth0-options";
import { loadConfig } from "@/lib/config/load-config";
import { VALID_ENV, problemsOf } from "../support/config";

const M2M = { AUTH0_M2M_CLIENT_ID: "m2m-id", AUTH0_M2M_CLIENT_SECRET: "m2m-secret" } as const;

describe("LINK_MODE: how accounts are linked", () => {
  it("links with the user's own token by default, the primary login asking for the Management API exactly as before", () => {
    const config = loadConfig(VALID_ENV);
    expect(config.linking.mode).toBe("link_with");
    expect(config.auth0.audience).toBeNull();
    // The app's SDK client is created with linkingAuth0Options over the same environment.
    expect(linkingAuth0Options(VALID_ENV).authorizationParameters).toEqual({
      audience: "https://my-tenant.eu.auth0.com/api/v2/",
      scope: "openid profile email offline_access read:current_user update:current_user_identities",
    });
  });

  it("in server_side mode, the primary login asks for AUTH0_AUDIENCE and no Management API scopes", () => {
    const env = { ...VALID_ENV, ...M2M, LINK_MODE: "server_side", AUTH0_AUDIENCE: "https://api.example.com/" };
    expect(loadConfig(env).linking.mode).toBe("server_side");
    expect(linkingAuth0Options(env).authorizationParameters).toEqual({ audience: "https://api.example.com/", scope: "openid profile email offline_access" });
  });

  it("in server_side mode without AUTH0_AUDIENCE, the primary login asks for no audience", () => {
    const env = { ...VALID_ENV, ...M2M, LINK_MODE: " server_side " };
    expect(loadConfig(env).linking.mode).toBe("server_side");
    expect(linkingAuth0Options(env).authorizationParameters).toEqual({ scope: "openid profile email offline_access" });
  });

  it("given only the tenant's domain, the primary login asks for the Management API as in link_with mode", () => {
    expect(linkingAuth0Options(VALID_ENV.AUTH0_DOMAIN).authorizationParameters).toEqual(linkingAuth0Options(VALID_ENV).authorizationParameters);
  });

  it.each([
    ["http://localhost:4010", true],
    ["https://localhost:4010", true],
    ["localhost:4010", true],
    ["my-tenant.eu.auth0.com", false],
    ["https://my-tenant.eu.auth0.com", false],
    ["http://localhost.evil.example:4010", false],
  ])("lets the SDK use a local tenant, plain or https, but no other: AUTH0_DOMAIN=%s → allowInsecureRequests %s", (domain, allowed) => {
    expect(linkingAuth0Options(domain).allowInsecureRequests).toBe(allowed);
  });

  it("refuses server_side mode without a machine-to-machine application, naming both settings", () => {
    expect(problemsOf({ ...VALID_ENV, LINK_MODE: "server_side" })).toEqual([
      expect.stringMatching(/^LINK_MODE=server_side needs a machine-to-machine application .*read:users update:users: AUTH0_M2M_CLIENT_ID and AUTH0_M2M_CLIENT_SECRET are not set\.$/),
    ]);
  });

  it("names the one missing when only half of the machine-to-machine application is set", () => {
    expect(problemsOf({ ...VALID_ENV, LINK_MODE: "server_side", AUTH0_M2M_CLIENT_ID: "m2m-id" })).toEqual([expect.stringMatching(/^AUTH0_M2M_CLIENT_SECRET is not set/)]);
  });

  it("refuses an unknown mode with the variable's name", () => {
    expect(problemsOf({ ...VALID_ENV, LINK_MODE: "management" })).toEqual([expect.stringMatching(/^LINK_MODE must be link_with or server_side \(got "management"\)/)]);
  });

  it("refuses AUTH0_AUDIENCE in link_with mode, where the login must ask for the Management API", () => {
    expect(problemsOf({ ...VALID_ENV, AUTH0_AUDIENCE: "https://api.example.com/" })).toEqual([expect.stringMatching(/^AUTH0_AUDIENCE is set, but only LINK_MODE=server_side uses it/)]);
  });
});
