import { loadConfig } from "@/lib/config/load-config";
import { VALID_ENV, problemsOf } from "../support/config";

describe("AUTH0_M2M_CLIENT_ID / AUTH0_M2M_CLIENT_SECRET: the machine-to-machine application", () => {
  it("is absent unless both are set", () => {
    expect(loadConfig(VALID_ENV).auth0.machineClient).toBeNull();
  });

  it("is read when both are set", () => {
    const config = loadConfig({ ...VALID_ENV, AUTH0_M2M_CLIENT_ID: " m2m-id ", AUTH0_M2M_CLIENT_SECRET: "m2m-secret" });
    expect(config.auth0.machineClient).toEqual({ clientId: "m2m-id", clientSecret: "m2m-secret" });
  });

  it("refuses an id without a secret, naming the missing one", () => {
    expect(problemsOf({ ...VALID_ENV, AUTH0_M2M_CLIENT_ID: "m2m-id" })).toEqual([expect.stringMatching(/^AUTH0_M2M_CLIENT_SECRET is not set, but AUTH0_M2M_CLIENT_ID is/)]);
  });

  it("refuses a secret without an id, and never echoes the secret", () => {
    const problems = problemsOf({ ...VALID_ENV, AUTH0_M2M_CLIENT_SECRET: "the-m2m-secret" });
    expect(problems).toEqual([expect.stringMatching(/^AUTH0_M2M_CLIENT_ID is not set, but AUTH0_M2M_CLIENT_SECRET is/)]);
    expect(problems.join(" ")).not.toContain("the-m2m-secret");
  });
});
