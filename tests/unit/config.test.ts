import { loadConfig } from "@/lib/config/load-config";
import { VALID_ENV, problemsOf } from "../support/config";

const valid = VALID_ENV;

describe("configuration", () => {
  it("names every missing setting and how to set it, all at once", () => {
    const problems = problemsOf({});
    expect(problems).toEqual([
      expect.stringMatching(/^AUTH0_DOMAIN is not set\. .*my-tenant\.eu\.auth0\.com/),
      expect.stringMatching(/^AUTH0_CLIENT_ID is not set\. .*Auth0 dashboard/),
      expect.stringMatching(/^AUTH0_CLIENT_SECRET is not set\. .*Auth0 dashboard/),
      expect.stringMatching(/^AUTH0_SECRET is not set\. .*openssl rand -hex 32/),
    ]);
  });

  it("says where a team sets the settings and how to start the local tenant's bin, naming none of this repository's files", () => {
    expect(() => loadConfig({})).toThrow(/Set these in your app's environment: \.env\.local while developing, your host's environment settings in production\./);
    expect(() => loadConfig({})).toThrow(/run `npx auth0-local-tenant --port 4010 --app-base-url http:\/\/localhost:3000` \(with your app's URL\): it starts the local Auth0 tenant and prints the settings to put in \.env\.local\./);
    expect(() => loadConfig({})).not.toThrow(/\.env\.example|npm run dev/);
  });

  it("accepts a bare tenant host and derives the Management API audience over https", () => {
    const config = loadConfig(valid);
    expect(config.auth0).toMatchObject({
      origin: "https://my-tenant.eu.auth0.com",
      domain: "my-tenant.eu.auth0.com",
      managementAudience: "https://my-tenant.eu.auth0.com/api/v2/",
      isLocalTenant: false,
    });
    expect(config.appBaseUrl).toBe("http://localhost:3000");
  });

  it("enables insecure requests only for a http://localhost:PORT tenant", () => {
    const local = loadConfig({ ...valid, AUTH0_DOMAIN: "http://localhost:4010" });
    expect(local.auth0).toMatchObject({ domain: "http://localhost:4010", isLocalTenant: true, managementAudience: "http://localhost:4010/api/v2/" });
    for (const domain of ["http://127.0.0.1:4010", "http://evil.example", "http://localhost"]) {
      expect(problemsOf({ ...valid, AUTH0_DOMAIN: domain })).toEqual([expect.stringMatching(/^AUTH0_DOMAIN=.* uses plain http/)]);
    }
    expect(loadConfig({ ...valid, AUTH0_DOMAIN: "https://my-tenant.eu.auth0.com/" }).auth0.isLocalTenant).toBe(false);
  });

  it("refuses malformed values with the variable's name", () => {
    expect(problemsOf({ ...valid, AUTH0_DOMAIN: "https://tenant.auth0.com/some/path" })).toEqual([expect.stringMatching(/^AUTH0_DOMAIN must be a host name/)]);
    expect(problemsOf({ ...valid, AUTH0_SECRET: "short" })).toEqual([expect.stringMatching(/^AUTH0_SECRET is too short/)]);
    expect(problemsOf({ ...valid, APP_BASE_URL: "localhost:3000/app" })).toEqual([expect.stringMatching(/^APP_BASE_URL must be an origin/)]);
  });

  it("derives the app's URL from PORT unless APP_BASE_URL is set", () => {
    expect(loadConfig({ ...valid, PORT: "3100" }).appBaseUrl).toBe("http://localhost:3100");
    expect(loadConfig({ ...valid, APP_BASE_URL: "https://app.example.com/" }).appBaseUrl).toBe("https://app.example.com");
  });

  it("refuses SDK cookie settings that would weaken the session cookie", () => {
    expect(problemsOf({ ...valid, AUTH0_COOKIE_SAME_SITE: "none" })).toEqual([expect.stringMatching(/^AUTH0_COOKIE_SAME_SITE=none would send the session cookie on cross-site requests/)]);
    expect(problemsOf({ ...valid, APP_BASE_URL: "https://app.example.com", AUTH0_COOKIE_SECURE: "false" })).toEqual([
      expect.stringMatching(/^AUTH0_COOKIE_SECURE=false would let the session cookie travel over plain http/),
    ]);
    expect(loadConfig({ ...valid, AUTH0_COOKIE_SAME_SITE: "strict" }).appBaseUrl).toBe("http://localhost:3000");
  });
});
