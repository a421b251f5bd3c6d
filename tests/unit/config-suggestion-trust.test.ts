/** LINK_SUGGESTION_TRUSTED_CONNECTIONS: whose verified email Settings trusts when it suggests accounts. */
import { loadConfig } from "@/lib/config/load-config";
import { VALID_ENV, problemsOf } from "../support/config";

const MESSAGE =
  "LINK_SUGGESTION_TRUSTED_CONNECTIONS must be a comma-separated list of Auth0 connection names whose verified emails Settings may trust, e.g. LINK_SUGGESTION_TRUSTED_CONNECTIONS=Username-Password-Authentication,google-oauth2 (the default when unset).";

describe("the connections whose verified emails suggestions trust", () => {
  it("trusts the default database connection and Google by default, and not GitHub", () => {
    expect(loadConfig(VALID_ENV).linking.suggestionTrustedConnections).toEqual(["Username-Password-Authentication", "google-oauth2"]);
  });

  it("reads LINK_SUGGESTION_TRUSTED_CONNECTIONS, spaces around the names ignored", () => {
    const config = loadConfig({ ...VALID_ENV, LINK_SUGGESTION_TRUSTED_CONNECTIONS: " Username-Password-Authentication , customers-db,github " });
    expect(config.linking.suggestionTrustedConnections).toEqual(["Username-Password-Authentication", "customers-db", "github"]);
  });

  it.each([[""], [" , "], ["github;google-oauth2"], ["my connection"]])("refuses LINK_SUGGESTION_TRUSTED_CONNECTIONS=%j and says how to set it", (value) => {
    expect(problemsOf({ ...VALID_ENV, LINK_SUGGESTION_TRUSTED_CONNECTIONS: value })).toEqual([MESSAGE]);
  });
});
