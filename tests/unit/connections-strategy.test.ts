/**
 * Which connection a sign-in can come from, told by its `sub` alone
 * (lib/management/identities.ts): the provider before the first `|` is the
 * connection's strategy, and for strategies whose ids name their connection
 * (`oauth2|corp|123`, `samlp|acme|u`) that name must be the connection's.
 */
import { signInBelongsToConnection, strategyOfKnownConnection } from "@/lib/management/identities";

describe("signInBelongsToConnection", () => {
  it.each([
    ["github|1000001", "github", "github", true],
    ["github|1000001", "google-oauth2", "google-oauth2", false],
    ["google-oauth2|100000000000000000001", "github", "github", false],
    ["google-oauth2|100000000000000000001", "google-oauth2", "google-oauth2", true],
    ["auth0|65a000000000000000000003", "Username-Password-Authentication", "auth0", true],
    // A database connection of another name: its users' ids still start with auth0.
    ["auth0|65a000000000000000000003", "corp-db", "auth0", true],
    ["auth0|65a000000000000000000003", "github", "github", false],
    ["github|1000001", "Username-Password-Authentication", "auth0", false],
    ["email|6650000000000000000001", "email", "email", true],
    ["sms|6650000000000000000001", "email", "email", false],
  ])("%s from %s (strategy %s): %s", (sub, connection, strategy, expected) => {
    expect(signInBelongsToConnection(sub, connection, strategy)).toBe(expected);
  });

  it.each([
    ["oauth2|corp|123", "corp", "oauth2", true],
    ["oauth2|other|123", "corp", "oauth2", false],
    ["oauth2|corp|123", "other", "oauth2", false],
    // The connection's name is the whole second part, not a prefix of it.
    ["oauth2|corporate|123", "corp", "oauth2", false],
    ["oauth2", "corp", "oauth2", false],
    ["samlp|acme|u", "acme", "samlp", true],
    ["samlp|acme|u", "other", "samlp", false],
    ["samlp|other|u", "acme", "samlp", false],
    ["oidc|acme|u", "acme", "samlp", false],
    ["waad|acme|u", "acme", "waad", true],
  ])("%s from %s (strategy %s, ids name their connection): %s", (sub, connection, strategy, expected) => {
    expect(signInBelongsToConnection(sub, connection, strategy)).toBe(expected);
  });

  it("refuses a sub without a provider, or an empty one", () => {
    expect(signInBelongsToConnection("", "github", "github")).toBe(false);
    expect(signInBelongsToConnection("|1000001", "github", "github")).toBe(false);
    expect(signInBelongsToConnection("1000001", "github", "github")).toBe(false);
  });

  it("compares the provider exactly (case included)", () => {
    expect(signInBelongsToConnection("GitHub|1000001", "github", "github")).toBe(false);
    expect(signInBelongsToConnection("github-enterprise|1", "github", "github")).toBe(false);
  });
});

describe("strategyOfKnownConnection", () => {
  it.each([
    ["github", "github"],
    ["google-oauth2", "google-oauth2"],
    ["Username-Password-Authentication", "auth0"],
    ["email", "email"],
    ["windowslive", "windowslive"],
  ])("knows %s is of strategy %s", (connection, strategy) => {
    expect(strategyOfKnownConnection(connection)).toBe(strategy);
  });

  it.each(["corp-github", "acme", "GitHub", "username-password-authentication", ""])("does not know %j", (connection) => {
    expect(strategyOfKnownConnection(connection)).toBeUndefined();
  });

  it.each(["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"])("does not take the object prototype's %s for a connection", (name) => {
    expect(strategyOfKnownConnection(name)).toBeUndefined();
  });
});
