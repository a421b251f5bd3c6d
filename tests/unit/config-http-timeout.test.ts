import { ConfigError, loadConfig } from "@/lib/config";

const valid = {
  AUTH0_DOMAIN: "my-tenant.eu.auth0.com",
  AUTH0_CLIENT_ID: "client-id",
  AUTH0_CLIENT_SECRET: "client-secret",
  AUTH0_SECRET: "0123456789abcdef0123456789abcdef",
};

function problemsOf(env: Record<string, string | undefined>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("AUTH0_HTTP_TIMEOUT_MS: the deadline of each call to the tenant", () => {
  it("is 5 seconds unless set", () => {
    expect(loadConfig(valid).auth0.httpTimeoutMs).toBe(5000);
  });

  it("takes whole milliseconds from 100 to 120000", () => {
    expect(loadConfig({ ...valid, AUTH0_HTTP_TIMEOUT_MS: "750" }).auth0.httpTimeoutMs).toBe(750);
    expect(loadConfig({ ...valid, AUTH0_HTTP_TIMEOUT_MS: " 120000 " }).auth0.httpTimeoutMs).toBe(120_000);
  });

  it.each(["0", "99", "120001", "1.5", "5s", "-1", ""])("refuses %p, naming the variable and an example", (value) => {
    expect(problemsOf({ ...valid, AUTH0_HTTP_TIMEOUT_MS: value })).toEqual([
      expect.stringMatching(/^AUTH0_HTTP_TIMEOUT_MS must be a whole number of milliseconds from 100 to 120000, e\.g\. AUTH0_HTTP_TIMEOUT_MS=5000/),
    ]);
  });
});
