import { SignJWT } from "jose";
import { LocalTenant, LOCAL_APP_CLIENT } from "@/lib/local-tenant";
import {
  API,
  apiError,
  call,
  idToken,
  insufficientScope,
  INTRUDER,
  INVALID_TOKEN,
  m2mToken,
  OWNER,
  OWNER_GITHUB,
  SUBJECT_MISMATCH,
  userToken,
  userUrl,
  useMswServer,
  useTenant,
} from "./management-support";

const server = useMswServer();

describe("the Management API's bearer token check", () => {
  it("answers 401 invalid_token when the Authorization header is missing", async () => {
    await useTenant(server);
    expect(await call("GET", userUrl(OWNER))).toMatchObject({ status: 401, body: INVALID_TOKEN });
  });

  it.each([
    ["a Basic header", "Basic b3duZXI6c2VjcmV0"],
    ["Bearer without a token", "Bearer"],
    ["a bearer that is not a JWT", "Bearer not-a-jwt"],
  ])("answers 401 invalid_token for %s", async (_, authorization) => {
    await useTenant(server);
    expect(await call("GET", userUrl(OWNER), { authorization })).toMatchObject({ status: 401, body: INVALID_TOKEN });
  });

  it("answers 401 invalid_token for a token another tenant signed", async () => {
    await useTenant(server);
    const other = await LocalTenant.create();
    const token = await userToken(other, OWNER);
    expect(await call("GET", userUrl(OWNER), { token })).toMatchObject({ status: 401, body: INVALID_TOKEN });
  });

  it("answers 401 invalid_token for an HS256 token with the right claims", async () => {
    const tenant = await useTenant(server);
    const token = await new SignJWT({ sub: OWNER, azp: LOCAL_APP_CLIENT.clientId, scope: "read:current_user read:users" })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer(tenant.issuer)
      .setAudience(tenant.managementAudience)
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode("a-shared-secret-of-at-least-32-bytes"));
    expect(await call("GET", userUrl(OWNER), { token })).toMatchObject({ status: 401, body: INVALID_TOKEN });
  });

  it("answers 401 invalid_token once the token has expired by the tenant's clock", async () => {
    let now = Date.parse("2030-01-01T00:00:00Z");
    const tenant = await useTenant(server, { now: () => now });
    const token = await userToken(tenant, OWNER, "read:current_user", 60);
    expect((await call("GET", userUrl(OWNER), { token })).status).toBe(200);
    now += 61_000;
    expect(await call("GET", userUrl(OWNER), { token })).toMatchObject({ status: 401, body: INVALID_TOKEN });
  });

  it("answers 401 invalid_token for a token whose audience is not the Management API", async () => {
    const tenant = await useTenant(server);
    const otherApi = await tenant.issueAccessToken({
      subject: OWNER,
      clientId: LOCAL_APP_CLIENT.clientId,
      audience: "https://api.example.com/",
      scope: "openid read:current_user",
    });
    const anIdToken = await idToken(tenant, OWNER);
    expect(await call("GET", userUrl(OWNER), { token: otherApi })).toMatchObject({ status: 401, body: INVALID_TOKEN });
    expect(await call("GET", userUrl(OWNER), { token: anIdToken })).toMatchObject({ status: 401, body: INVALID_TOKEN });
  });
});

describe("the Management API's scope and subject checks", () => {
  it.each([
    ["GET", "", undefined, "read:users,read:current_user"],
    ["PATCH", "", { user_metadata: { a: 1 } }, "update:users,update:current_user_metadata,create:current_user_metadata"],
    ["POST", "/identities", { link_with: "x" }, "update:users,update:current_user_identities"],
    ["DELETE", "/identities/github/1000001", undefined, "update:users,update:current_user_identities"],
  ])("answers 403 insufficient_scope to %s /users/{id}%s without any of its scopes", async (method, suffix, body, scopes) => {
    const tenant = await useTenant(server);
    const token = await userToken(tenant, OWNER, "openid profile email");
    expect(await call(method, userUrl(OWNER, suffix), { token, body })).toMatchObject({
      status: 403,
      body: insufficientScope(scopes),
    });
  });

  it("answers 403 insufficient_scope to users-by-email with a user's own token", async () => {
    const tenant = await useTenant(server);
    const token = await userToken(tenant, OWNER);
    expect(await call("GET", `${API}/users-by-email?email=owner%40example.com`, { token })).toMatchObject({
      status: 403,
      body: insufficientScope("read:users"),
    });
  });

  it.each([
    ["GET", "", undefined],
    ["PATCH", "", { user_metadata: { theme: "light" } }],
    ["POST", "/identities", { link_with: "x" }],
    ["DELETE", "/identities/github/1000002", undefined],
  ])("answers 403 to %s /users/{id}%s when a user's own token names another user", async (method, suffix, body) => {
    const tenant = await useTenant(server);
    const token = await userToken(tenant, OWNER);
    expect(await call(method, userUrl(INTRUDER, suffix), { token, body })).toMatchObject({ status: 403, body: SUBJECT_MISMATCH });
    expect(tenant.getUser(INTRUDER)?.user_metadata).toEqual({});
  });
});

describe("the Management API's routes", () => {
  it.each([
    ["GET", `${API}/clients`],
    ["PUT", userUrl(OWNER)],
    ["GET", userUrl(OWNER, "/identities")],
  ])("answers Auth0's 404 body to an unknown route: %s %s", async (method, url) => {
    const tenant = await useTenant(server);
    const token = await m2mToken(tenant);
    expect(await call(method, url, { token })).toMatchObject({ status: 404, body: apiError(404, "Not Found", "Not Found") });
  });

  it("keeps a log of the calls it answered, with decoded paths and statuses", async () => {
    const tenant = await useTenant(server);
    const token = await userToken(tenant, OWNER);
    await call("GET", userUrl(OWNER), { token });
    await call("GET", userUrl(INTRUDER), { token });
    await call("POST", userUrl(OWNER, "/identities"), { token, body: { link_with: await idToken(tenant, OWNER_GITHUB) } });
    await call("GET", `${API}/nothing-here?x=1`);
    expect(tenant.requestLog).toEqual([
      { method: "GET", path: `/api/v2/users/${OWNER}`, status: 200 },
      { method: "GET", path: `/api/v2/users/${INTRUDER}`, status: 403 },
      { method: "POST", path: `/api/v2/users/${OWNER}/identities`, status: 201 },
      { method: "GET", path: "/api/v2/nothing-here", status: 404 },
    ]);
  });
});

describe("the Management API's rate limit", () => {
  const frozen = Date.parse("2030-01-01T00:00:00Z");
  const resetAt = String(frozen / 1000 + 1);

  it("puts X-RateLimit headers on every answer, errors included", async () => {
    const tenant = await useTenant(server, { rateLimit: { limit: 2, perSecond: 2 }, now: () => frozen });
    const ok = await call("GET", userUrl(OWNER), { token: await userToken(tenant, OWNER) });
    const refused = await call("GET", userUrl(OWNER));
    expect(ok.status).toBe(200);
    expect(refused.status).toBe(401);
    expect([ok.headers.get("x-ratelimit-limit"), ok.headers.get("x-ratelimit-remaining"), ok.headers.get("x-ratelimit-reset")]).toEqual(["2", "1", resetAt]);
    expect([refused.headers.get("x-ratelimit-limit"), refused.headers.get("x-ratelimit-remaining"), refused.headers.get("x-ratelimit-reset")]).toEqual(["2", "0", resetAt]);
  });

  it("answers 429 with Retry-After once the bucket is empty, even before checking the token", async () => {
    const tenant = await useTenant(server, { rateLimit: { limit: 2, perSecond: 2 }, now: () => frozen });
    const token = await userToken(tenant, OWNER);
    await call("GET", userUrl(OWNER));
    await call("GET", `${API}/unknown`);
    const limited = await call("GET", userUrl(OWNER), { token });
    expect(limited).toMatchObject({
      status: 429,
      body: apiError(429, "Too Many Requests", "Global limit has been reached", "too_many_requests"),
    });
    expect(limited.headers.get("retry-after")).toBe("1");
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(limited.headers.get("x-ratelimit-reset")).toBe(resetAt);
    expect(tenant.requestLog.map((entry) => entry.status)).toEqual([401, 404, 429]);
  });

  it("answers again once the bucket has refilled", async () => {
    let now = frozen;
    const tenant = await useTenant(server, { rateLimit: { limit: 2, perSecond: 2 }, now: () => now });
    const token = await userToken(tenant, OWNER);
    for (let i = 0; i < 2; i += 1) await call("GET", userUrl(OWNER), { token });
    expect((await call("GET", userUrl(OWNER), { token })).status).toBe(429);
    now += 500;
    expect((await call("GET", userUrl(OWNER), { token })).status).toBe(200);
  });
});
