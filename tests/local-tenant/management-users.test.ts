import type { TenantUser } from "@/lib/local-tenant";
import {
  API,
  apiError,
  call,
  insufficientScope,
  invalidBody,
  m2mToken,
  OWNER,
  OWNER_GITHUB,
  userToken,
  userUrl,
  useMswServer,
  useTenant,
} from "./management-support";

const server = useMswServer();

const INEXISTENT_USER = apiError(404, "Not Found", "The user does not exist.", "inexistent_user");

describe("reading users", () => {
  it("gives a user their own profile with read:current_user", async () => {
    const tenant = await useTenant(server);
    const answer = await call<TenantUser>("GET", userUrl(OWNER), { token: await userToken(tenant, OWNER, "read:current_user") });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      user_id: OWNER,
      email: "owner@example.com",
      email_verified: true,
      name: "Olivia Owner",
      identities: [{ connection: "Username-Password-Authentication", provider: "auth0", user_id: "65a000000000000000000001", isSocial: false }],
      user_metadata: { theme: "dark" },
      app_metadata: {},
    });
  });

  it("gives any user to a read:users token, with GitHub's user_id as a number", async () => {
    const tenant = await useTenant(server);
    const answer = await call<TenantUser>("GET", userUrl(OWNER_GITHUB), { token: await m2mToken(tenant) });
    expect(answer.status).toBe(200);
    expect(answer.body.identities).toEqual([{ connection: "github", provider: "github", user_id: 1000001, isSocial: true }]);
  });

  it("answers only the listed fields when include_fields is true", async () => {
    const tenant = await useTenant(server);
    const url = `${userUrl(OWNER)}?fields=identities,email,name,picture&include_fields=true`;
    const answer = await call<Record<string, unknown>>("GET", url, { token: await userToken(tenant, OWNER) });
    expect(Object.keys(answer.body).sort()).toEqual(["email", "identities", "name", "picture"]);
  });

  it("answers every field but the listed ones when include_fields is false", async () => {
    const tenant = await useTenant(server);
    const url = `${userUrl(OWNER)}?fields=identities,user_metadata&include_fields=false`;
    const answer = await call<Record<string, unknown>>("GET", url, { token: await userToken(tenant, OWNER) });
    expect(answer.body).toMatchObject({ user_id: OWNER, email: "owner@example.com" });
    expect(answer.body).not.toHaveProperty("identities");
    expect(answer.body).not.toHaveProperty("user_metadata");
  });

  it("answers 404 inexistent_user for a user that does not exist", async () => {
    const tenant = await useTenant(server);
    const answer = await call("GET", userUrl("auth0|nobody"), { token: await m2mToken(tenant) });
    expect(answer).toMatchObject({ status: 404, body: INEXISTENT_USER });
  });

  it("lists the users with exactly that email, case included, as Auth0 does", async () => {
    const tenant = await useTenant(server);
    const token = await m2mToken(tenant);
    const found = await call<TenantUser[]>("GET", `${API}/users-by-email?email=${encodeURIComponent("owner.github@example.com")}`, { token });
    expect(found.status).toBe(200);
    expect(found.body.map((user) => user.user_id)).toEqual([OWNER_GITHUB]);
    const otherCase = await call("GET", `${API}/users-by-email?email=${encodeURIComponent("Owner.GitHub@Example.com")}`, { token });
    expect(otherCase).toMatchObject({ status: 200, body: [] });
    const none = await call("GET", `${API}/users-by-email?email=nobody%40example.com`, { token });
    expect(none).toMatchObject({ status: 200, body: [] });
  });

  it("answers 400 to users-by-email without an email", async () => {
    const tenant = await useTenant(server);
    const answer = await call("GET", `${API}/users-by-email`, { token: await m2mToken(tenant) });
    expect(answer).toMatchObject({
      status: 400,
      body: apiError(400, "Bad Request", "Query validation error: 'Missing required property: email'.", "invalid_query_string"),
    });
  });
});

describe("updating users", () => {
  it("merges a user's own user_metadata one level deep and deletes keys set to null", async () => {
    const tenant = await useTenant(server);
    tenant.updateUser(OWNER, { user_metadata: { locale: "fr", prefs: { a: 1, b: 2 } } });
    const token = await userToken(tenant, OWNER);
    const answer = await call<TenantUser>("PATCH", userUrl(OWNER), {
      token,
      body: { user_metadata: { theme: null, prefs: { c: 3 }, linked_at: "2030-01-01" } },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.user_metadata).toEqual({ locale: "fr", prefs: { c: 3 }, linked_at: "2030-01-01" });
    const read = await call<TenantUser>("GET", userUrl(OWNER), { token });
    expect(read.body.user_metadata).toEqual({ locale: "fr", prefs: { c: 3 }, linked_at: "2030-01-01" });
  });

  it("lets create:current_user_metadata alone write the user's own user_metadata", async () => {
    const tenant = await useTenant(server);
    const token = await userToken(tenant, OWNER, "create:current_user_metadata");
    const answer = await call<TenantUser>("PATCH", userUrl(OWNER), { token, body: { user_metadata: { a: 1 } } });
    expect(answer.status).toBe(200);
    expect(answer.body.user_metadata).toEqual({ theme: "dark", a: 1 });
  });

  it("merges app_metadata and other attributes with update:users", async () => {
    const tenant = await useTenant(server);
    const token = await m2mToken(tenant);
    await call("PATCH", userUrl(OWNER), { token, body: { app_metadata: { plan: "pro", trial: true } } });
    const answer = await call<TenantUser>("PATCH", userUrl(OWNER), { token, body: { app_metadata: { trial: null }, name: "Olivia O." } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ app_metadata: { plan: "pro" }, name: "Olivia O.", user_metadata: { theme: "dark" } });
  });

  it.each([
    ["app_metadata", { app_metadata: { plan: "pro" } }],
    ["name", { user_metadata: { a: 1 }, name: "Someone else" }],
  ])("answers 403 when a user's own token writes %s", async (_, body) => {
    const tenant = await useTenant(server);
    const answer = await call("PATCH", userUrl(OWNER), { token: await userToken(tenant, OWNER), body });
    expect(answer).toMatchObject({ status: 403, body: insufficientScope("update:users") });
    expect(tenant.getUser(OWNER)).toMatchObject({ app_metadata: {}, user_metadata: { theme: "dark" }, name: "Olivia Owner" });
  });

  it.each([
    ["a body that is not JSON", { rawBody: "{user_metadata:" }, "Payload validation error: 'Invalid request payload JSON format'."],
    ["a body that is not an object", { rawBody: "[1]" }, "Payload validation error: 'Expected type object but found type array'."],
    ["an unknown property", { body: { user_metadata: {}, password: "x" } }, "Payload validation error: 'Additional properties not allowed: password'."],
    ["user_metadata that is not an object", { body: { user_metadata: "dark" } }, "Payload validation error: 'Expected type object but found type string' on property user_metadata."],
  ])("answers 400 invalid_body to %s", async (_, payload, message) => {
    const tenant = await useTenant(server);
    const answer = await call("PATCH", userUrl(OWNER), { token: await userToken(tenant, OWNER), ...payload });
    expect(answer).toMatchObject({ status: 400, body: invalidBody(message) });
  });

  it("answers 404 inexistent_user when updating a user that does not exist", async () => {
    const tenant = await useTenant(server);
    const answer = await call("PATCH", userUrl("auth0|nobody"), { token: await m2mToken(tenant), body: { user_metadata: { a: 1 } } });
    expect(answer).toMatchObject({ status: 404, body: INEXISTENT_USER });
  });
});
