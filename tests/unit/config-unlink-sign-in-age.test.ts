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

describe("UNLINK_MAX_SIGN_IN_AGE_MINUTES: how recent a sign-in unlinking needs", () => {
  it("is 10 minutes unless set", () => {
    expect(loadConfig(valid).linking.unlinkMaxSignInAgeMinutes).toBe(10);
  });

  it("takes a whole number of minutes from 1 to 1440", () => {
    expect(loadConfig({ ...valid, UNLINK_MAX_SIGN_IN_AGE_MINUTES: "1" }).linking.unlinkMaxSignInAgeMinutes).toBe(1);
    expect(loadConfig({ ...valid, UNLINK_MAX_SIGN_IN_AGE_MINUTES: " 30 " }).linking.unlinkMaxSignInAgeMinutes).toBe(30);
    expect(loadConfig({ ...valid, UNLINK_MAX_SIGN_IN_AGE_MINUTES: "1440" }).linking.unlinkMaxSignInAgeMinutes).toBe(1440);
  });

  it.each([["0"], ["1441"], ["-5"], ["2.5"], ["ten"], [""], ["1e3"]])("refuses %j, naming the variable and an example", (value) => {
    expect(problemsOf({ ...valid, UNLINK_MAX_SIGN_IN_AGE_MINUTES: value })).toEqual([
      expect.stringMatching(/^UNLINK_MAX_SIGN_IN_AGE_MINUTES must be a whole number of minutes from 1 to 1440, e\.g\. UNLINK_MAX_SIGN_IN_AGE_MINUTES=10/),
    ]);
  });
});
