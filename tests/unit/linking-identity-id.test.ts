import { parseIdentityId } from "@/lib/linking";

describe("parseIdentityId: an identity's full id, split on the first bar only", () => {
  it.each([
    ["github|1000001", { provider: "github", userId: "1000001" }],
    ["google-oauth2|100000000000000000001", { provider: "google-oauth2", userId: "100000000000000000001" }],
    ["auth0|abc|def", { provider: "auth0", userId: "abc|def" }],
    ["samlp|acme|jane@acme.example", { provider: "samlp", userId: "acme|jane@acme.example" }],
    ["oauth2|custom_provider|42", { provider: "oauth2", userId: "custom_provider|42" }],
    // Path characters are the client's to encode; the parser keeps them as the id's text.
    ["github|../../users/x", { provider: "github", userId: "../../users/x" }],
  ])("reads %j", (value, expected) => {
    expect(parseIdentityId(value)).toEqual(expected);
  });

  it.each([
    ["no bar", "nope"],
    ["no provider", "|x"],
    ["no user id", "github|"],
    ["an empty string", ""],
    ["a space in the provider", "git hub|1"],
    ["a slash in the provider", "github/x|1"],
    ["a dot-dot provider", "..|1"],
    ["a dot-dot user id (would resolve away in a URL path)", "github|.."],
    ["a dot user id", "github|."],
    ["a newline in the user id", "github|1\n"],
    ["a NUL in the user id", "github|1\u0000"],
    ["a DEL in the user id", "github|1\u007f"],
    ["a provider longer than 64 characters", `${"p".repeat(65)}|1`],
    ["more than 300 characters", `github|${"1".repeat(300)}`],
  ])("refuses %s", (_label, value) => {
    expect(parseIdentityId(value)).toBeNull();
  });

  it.each([[undefined], [null], [42], [["github|1"]], [{ provider: "github" }]])("refuses the non-string %j", (value) => {
    expect(parseIdentityId(value)).toBeNull();
  });
});
