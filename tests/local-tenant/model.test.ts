import { LocalTenant } from "@/lib/local-tenant";

describe("the local tenant's model", () => {
  it("signs tokens it can verify and refuses tokens from another tenant", async () => {
    const tenant = await LocalTenant.create();
    const other = await LocalTenant.create();
    const token = await tenant.signJwt({ sub: "auth0|x", aud: "a" }, 60);
    expect(await tenant.verifyJwt(token, "a")).toMatchObject({ sub: "auth0|x", iss: "http://localhost:4010/" });
    expect(await other.verifyJwt(token, "a")).toBeNull();
  });
});
