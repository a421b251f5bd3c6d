import { usersPath } from "@/lib/management/client";

describe("usersPath: ids placed in a Management API URL path", () => {
  it("encodes each id as one path segment, bars and slashes included", () => {
    expect(usersPath("auth0|abc|def", "identities", "github", "../../users/x")).toBe("users/auth0%7Cabc%7Cdef/identities/github/..%2F..%2Fusers%2Fx");
    expect(new URL(usersPath("auth0|1", "identities", "github", "1000001/../x") ?? "", "https://tenant.example/api/v2/").pathname).toBe(
      "/api/v2/users/auth0%7C1/identities/github/1000001%2F..%2Fx",
    );
  });

  it.each([[".."], ["."]])("refuses the dot segment %j, which a URL parser would resolve away", (id) => {
    expect(usersPath("auth0|1", "identities", "github", id)).toBeNull();
    // Why: even percent-encoded, the parser removes it and the path climbs a level.
    expect(new URL("users/auth0%7C1/identities/github/%2E%2E", "https://tenant.example/api/v2/").pathname).toBe("/api/v2/users/auth0%7C1/identities/");
  });
});
