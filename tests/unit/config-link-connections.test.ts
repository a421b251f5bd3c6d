/**
 * LINK_CONNECTIONS and the connection check of the callback: a connection
 * whose name is not its strategy can be checked only with the strategy read
 * from the Management API, so it needs the machine-to-machine client.
 */
import { loadConfig } from "@/lib/config/load-config";
import { VALID_ENV, problemsOf } from "../support/config";

const M2M = { AUTH0_M2M_CLIENT_ID: "m2m-id", AUTH0_M2M_CLIENT_SECRET: "m2m-secret" } as const;

describe("LINK_CONNECTIONS: connections whose strategy the app must read", () => {
  it("accepts the default (github, google-oauth2) without a machine client", () => {
    expect(loadConfig(VALID_ENV).linking.connections).toEqual(["github", "google-oauth2"]);
  });

  it("accepts connections named after their strategy without a machine client", () => {
    const config = loadConfig({ ...VALID_ENV, LINK_CONNECTIONS: "github,Username-Password-Authentication,email,windowslive" });
    expect(config.linking.connections).toEqual(["github", "Username-Password-Authentication", "email", "windowslive"]);
  });

  it("refuses a connection not named after its strategy without a machine client, naming it and both ways to fix it", () => {
    const problems = problemsOf({ ...VALID_ENV, LINK_CONNECTIONS: "github,corp-github" });
    expect(problems).toHaveLength(1);
    const [problem = ""] = problems;
    expect(problem).toMatch(/^LINK_CONNECTIONS offers corp-github, /);
    expect(problem).toContain("set AUTH0_M2M_CLIENT_ID and AUTH0_M2M_CLIENT_SECRET");
    expect(problem).toContain("read:connections");
    expect(problem).toContain("or offer only connections named after their strategy");
    // A known one is not named among them.
    expect(problem).not.toMatch(/offers github/);
  });

  it("names every such connection at once", () => {
    expect(problemsOf({ ...VALID_ENV, LINK_CONNECTIONS: "corp-github,github,acme-saml" })).toEqual([expect.stringMatching(/^LINK_CONNECTIONS offers corp-github, acme-saml, /)]);
  });

  it("does not take a prototype key such as constructor for a known connection", () => {
    expect(problemsOf({ ...VALID_ENV, LINK_CONNECTIONS: "github,constructor" })).toEqual([expect.stringMatching(/^LINK_CONNECTIONS offers constructor, /)]);
  });

  it("accepts them with the machine-to-machine client", () => {
    const config = loadConfig({ ...VALID_ENV, ...M2M, LINK_CONNECTIONS: "github,corp-github" });
    expect(config.linking.connections).toEqual(["github", "corp-github"]);
    expect(config.auth0.machineClient).toEqual({ clientId: "m2m-id", clientSecret: "m2m-secret" });
  });

  it("with only half the machine client, names the missing half and nothing more", () => {
    expect(problemsOf({ ...VALID_ENV, AUTH0_M2M_CLIENT_ID: "m2m-id", LINK_CONNECTIONS: "corp-github" })).toEqual([
      expect.stringMatching(/^AUTH0_M2M_CLIENT_SECRET is not set, but AUTH0_M2M_CLIENT_ID is/),
    ]);
  });

  it("treats blank machine client settings as none", () => {
    expect(problemsOf({ ...VALID_ENV, AUTH0_M2M_CLIENT_ID: " ", AUTH0_M2M_CLIENT_SECRET: "", LINK_CONNECTIONS: "corp-github" })).toEqual([
      expect.stringMatching(/^LINK_CONNECTIONS offers corp-github, /),
    ]);
  });
});
