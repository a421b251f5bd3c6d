import { SignJWT, type JWTPayload } from "jose";
import { LocalTenant, LOCAL_APP_CLIENT, LOCAL_M2M_CLIENT, type TenantIdentity, type TenantUser } from "@/lib/local-tenant";
import {
  apiError,
  call,
  idToken,
  insufficientScope,
  INTRUDER,
  INTRUDER_GITHUB,
  invalidBody,
  m2mToken,
  OWNER,
  OWNER_GITHUB,
  OWNER_GOOGLE,
  SUBJECT_MISMATCH,
  userToken,
  userUrl,
  useMswServer,
  useTenant,
} from "./management-support";

const server = useMswServer();

const OWNER_PRIMARY_IDENTITY = { connection: "Username-Password-Authentication", provider: "auth0", user_id: "65a000000000000000000001", isSocial: false };

/** The owner links their GitHub account the way the app does: their own token, the GitHub login's ID token. */
async function linkOwnerGitHub(tenant: LocalTenant) {
  return call<TenantIdentity[]>("POST", userUrl(OWNER, "/identities"), {
    token: await userToken(tenant, OWNER),
    body: { link_with: await idToken(tenant, OWNER_GITHUB) },
  });
}

/** Links with `link_with` as the owner; answers what the tenant said. */
async function ownerLinksWith(tenant: LocalTenant, linkWith: string) {
  return call("POST", userUrl(OWNER, "/identities"), { token: await userToken(tenant, OWNER), body: { link_with: linkWith } });
}

function linkWithError(message: string) {
  return { status: 400, body: invalidBody(message) };
}

describe("linking with link_with", () => {
  it("answers 201 with the primary's identities, the GitHub one with profileData and a numeric user_id", async () => {
    const tenant = await useTenant(server);
    const answer = await linkOwnerGitHub(tenant);
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual([
      OWNER_PRIMARY_IDENTITY,
      {
        connection: "github",
        provider: "github",
        user_id: 1000001,
        isSocial: true,
        profileData: {
          email: "owner.github@example.com",
          email_verified: true,
          name: "Olivia Owner (GitHub)",
          nickname: "owner.github",
          picture: expect.any(String),
        },
      },
    ]);
  });

  it("removes the secondary root user and discards its metadata", async () => {
    const tenant = await useTenant(server);
    await linkOwnerGitHub(tenant);
    const admin = await m2mToken(tenant);
    expect(await call("GET", userUrl(OWNER_GITHUB), { token: admin })).toMatchObject({
      status: 404,
      body: apiError(404, "Not Found", "The user does not exist.", "inexistent_user"),
    });
    const owner = await call<TenantUser>("GET", userUrl(OWNER), { token: await userToken(tenant, OWNER) });
    expect(owner.body.identities.map((identity) => identity.user_id)).toEqual(["65a000000000000000000001", 1000001]);
    expect(owner.body.user_metadata).toEqual({ theme: "dark" });
    expect(JSON.stringify(owner.body)).not.toContain("github_theme");
  });

  it("accepts link_with with an update:users token when the ID token's aud is that client", async () => {
    const tenant = await useTenant(server);
    const answer = await call<TenantIdentity[]>("POST", userUrl(OWNER, "/identities"), {
      token: await m2mToken(tenant),
      body: { link_with: await idToken(tenant, OWNER_GOOGLE, LOCAL_M2M_CLIENT.clientId) },
    });
    expect(answer.status).toBe(201);
    expect(answer.body.map((identity) => identity.provider)).toEqual(["auth0", "google-oauth2"]);
  });

  it("accepts an aud array that contains the calling token's azp", async () => {
    const tenant = await useTenant(server);
    const token = await tenant.signJwt({ sub: OWNER_GITHUB, aud: ["https://other.example/", LOCAL_APP_CLIENT.clientId] }, 600);
    expect((await ownerLinksWith(tenant, token)).status).toBe(201);
  });

  it("answers 403 when a user's token names another user as primary", async () => {
    const tenant = await useTenant(server);
    const answer = await call("POST", userUrl(INTRUDER, "/identities"), {
      token: await userToken(tenant, OWNER),
      body: { link_with: await idToken(tenant, OWNER_GITHUB) },
    });
    expect(answer).toMatchObject({ status: 403, body: SUBJECT_MISMATCH });
    expect(tenant.getUser(OWNER_GITHUB)).toBeDefined();
  });

  it("answers 400 about the alg to an HS256 ID token, before looking at its signature", async () => {
    const tenant = await useTenant(server);
    const hs256 = await new SignJWT({ sub: OWNER_GITHUB })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuer(tenant.issuer)
      .setAudience(LOCAL_APP_CLIENT.clientId)
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode(LOCAL_APP_CLIENT.clientSecret));
    expect(await ownerLinksWith(tenant, hs256)).toMatchObject(linkWithError("JWT (link_with) must have an alg of RS256"));
  });

  it("answers 400 Invalid token (link_with) to an ID token another tenant signed", async () => {
    const tenant = await useTenant(server);
    const other = await LocalTenant.create();
    expect(await ownerLinksWith(tenant, await idToken(other, OWNER_GITHUB))).toMatchObject(linkWithError("Invalid token (link_with)."));
  });

  it("answers 400 Invalid token (link_with) to an expired ID token", async () => {
    let now = Date.parse("2030-01-01T00:00:00Z");
    const tenant = await useTenant(server, { now: () => now });
    const expired = await tenant.signJwt({ sub: OWNER_GITHUB, aud: LOCAL_APP_CLIENT.clientId }, 60);
    now += 61_000;
    expect(await ownerLinksWith(tenant, expired)).toMatchObject(linkWithError("Invalid token (link_with)."));
  });

  it("answers 400 Invalid token (link_with) to a tampered ID token or to garbage", async () => {
    const tenant = await useTenant(server);
    const [header, , signature] = (await idToken(tenant, OWNER_GITHUB)).split(".");
    const claims = Buffer.from(JSON.stringify({ sub: INTRUDER_GITHUB, aud: LOCAL_APP_CLIENT.clientId, iss: tenant.issuer })).toString("base64url");
    expect(await ownerLinksWith(tenant, `${header}.${claims}.${signature}`)).toMatchObject(linkWithError("Invalid token (link_with)."));
    expect(await ownerLinksWith(tenant, "not-a-jwt")).toMatchObject(linkWithError("Invalid token (link_with)."));
  });

  it("answers 400 when the ID token's issuer is not the calling token's (custom vs canonical domain)", async () => {
    const tenant = await useTenant(server);
    const customDomain = await tenant.signJwtWithIssuer("https://login.example.com/", { sub: OWNER_GITHUB, aud: LOCAL_APP_CLIENT.clientId }, 600);
    expect(await ownerLinksWith(tenant, customDomain)).toMatchObject(linkWithError("JWT (link_with) must have the same issuer as the calling user"));
  });

  it.each([
    ["missing", {}],
    ["a number", { aud: 42 }],
    ["an array holding a number", { aud: [LOCAL_APP_CLIENT.clientId, 42] }],
  ])("answers 400 invalid aud claim when the ID token's aud is %s", async (_, aud: Record<string, unknown>) => {
    const tenant = await useTenant(server);
    // jose's types allow only valid audiences; the point is to sign invalid ones.
    const token = await tenant.signJwt({ sub: OWNER_GITHUB, ...aud } as JWTPayload, 600);
    expect(await ownerLinksWith(tenant, token)).toMatchObject(linkWithError("JWT (link_with) contains an invalid aud claim."));
  });

  it.each([
    ["another client's id", "another-client-id"],
    ["an array without the azp", ["another-client-id", "https://other.example/"]],
  ])("answers 400 when the ID token's aud is %s, not the calling token's azp", async (_, aud) => {
    const tenant = await useTenant(server);
    const token = await tenant.signJwt({ sub: OWNER_GITHUB, aud }, 600);
    expect(await ownerLinksWith(tenant, token)).toMatchObject(
      linkWithError("JWT (link_with) must have an aud claim that matches that of the calling token's azp"),
    );
  });

  it("answers 400 when the second login returned the primary user again", async () => {
    const tenant = await useTenant(server);
    expect(await ownerLinksWith(tenant, await idToken(tenant, OWNER))).toMatchObject(
      linkWithError("Main identity and the new one are the same."),
    );
  });

  it("answers 409 when the identity is already linked to another user", async () => {
    const tenant = await useTenant(server);
    const githubLogin = await idToken(tenant, OWNER_GITHUB);
    expect((await linkOwnerGitHub(tenant)).status).toBe(201);
    const answer = await call("POST", userUrl(INTRUDER, "/identities"), { token: await userToken(tenant, INTRUDER), body: { link_with: githubLogin } });
    expect(answer).toMatchObject({ status: 409, body: apiError(409, "Conflict", "Specified identity already exists.", "identity_conflict") });
  });

  it("answers 409 to a retried link whose 201 was lost", async () => {
    const tenant = await useTenant(server);
    const githubLogin = await idToken(tenant, OWNER_GITHUB);
    expect((await ownerLinksWith(tenant, githubLogin)).status).toBe(201);
    expect((await ownerLinksWith(tenant, githubLogin)).status).toBe(409);
  });
});

describe("linking with provider and user_id", () => {
  it.each([
    ["a string user_id", { provider: "github", user_id: "1000001" }],
    ["a numeric user_id", { provider: "github", user_id: 1000001 }],
    ["the secondary's connection_id", { provider: "github", user_id: "1000001", connection_id: "con_localgithub000001" }],
  ])("links with an update:users token and %s", async (_, body) => {
    const tenant = await useTenant(server);
    const answer = await call<TenantIdentity[]>("POST", userUrl(OWNER, "/identities"), { token: await m2mToken(tenant), body });
    expect(answer.status).toBe(201);
    expect(answer.body[1]).toMatchObject({ provider: "github", user_id: 1000001, profileData: { email: "owner.github@example.com" } });
  });

  it("answers 403 to a user's own token", async () => {
    const tenant = await useTenant(server);
    const answer = await call("POST", userUrl(OWNER, "/identities"), {
      token: await userToken(tenant, OWNER),
      body: { provider: "github", user_id: "1000001" },
    });
    expect(answer).toMatchObject({ status: 403, body: insufficientScope("update:users") });
    expect(tenant.getUser(OWNER_GITHUB)).toBeDefined();
  });

  it.each([
    ["no such user", { provider: "github", user_id: "999" }],
    ["a connection_id of another connection", { provider: "github", user_id: "1000001", connection_id: "con_localgoogle000001" }],
  ])("answers 400 Provided secondary account not found for %s", async (_, body) => {
    const tenant = await useTenant(server);
    const answer = await call("POST", userUrl(OWNER, "/identities"), { token: await m2mToken(tenant), body });
    expect(answer).toMatchObject({ status: 400, body: invalidBody("Provided secondary account not found.") });
  });

  it("answers 400 when the secondary account already has linked identities", async () => {
    const tenant = await useTenant(server);
    await linkOwnerGitHub(tenant);
    const answer = await call("POST", userUrl(INTRUDER, "/identities"), {
      token: await m2mToken(tenant),
      body: { provider: "auth0", user_id: "65a000000000000000000001" },
    });
    expect(answer).toMatchObject({ status: 400, body: invalidBody("Unable to link with the secondary account.") });
  });

  it("answers 404 when the primary user does not exist", async () => {
    const tenant = await useTenant(server);
    const answer = await call("POST", userUrl("auth0|nobody", "/identities"), {
      token: await m2mToken(tenant),
      body: { provider: "github", user_id: "1000001" },
    });
    expect(answer).toMatchObject({ status: 404, body: apiError(404, "Not Found", "The user does not exist.", "inexistent_user") });
  });
});

describe("the link body", () => {
  it.each([
    ["both link_with and provider", { link_with: "x", provider: "github", user_id: "1000001" }, "Payload validation error: 'link_with must not be sent with provider, user_id or connection_id' on property link_with."],
    ["neither", {}, "Payload validation error: 'Too few properties defined (0), minimum 1'."],
    ["an unknown property", { link_with: "x", primary: true }, "Payload validation error: 'Additional properties not allowed: primary'."],
    ["provider without user_id", { provider: "github" }, "Payload validation error: 'Missing required property: user_id'."],
    ["connection_id alone", { connection_id: "con_localgithub000001" }, "Payload validation error: 'Missing required property: provider'."],
    ["a link_with that is not a string", { link_with: 42 }, "Payload validation error: 'Expected type string but found type integer' on property link_with."],
  ])("answers 400 invalid_body to %s", async (_, body, message) => {
    const tenant = await useTenant(server);
    const answer = await call("POST", userUrl(OWNER, "/identities"), { token: await m2mToken(tenant), body });
    expect(answer).toMatchObject({ status: 400, body: invalidBody(message) });
  });

  it("answers 400 invalid_body to a body that is not JSON", async () => {
    const tenant = await useTenant(server);
    const answer = await call("POST", userUrl(OWNER, "/identities"), { token: await userToken(tenant, OWNER), rawBody: "link_with=x" });
    expect(answer).toMatchObject({ status: 400, body: invalidBody("Payload validation error: 'Invalid request payload JSON format'.") });
  });
});

describe("unlinking", () => {
  it("answers 200 with the remaining identities and makes the identity a standalone user without metadata", async () => {
    const tenant = await useTenant(server);
    await linkOwnerGitHub(tenant);
    const answer = await call("DELETE", userUrl(OWNER, "/identities/github/1000001"), { token: await userToken(tenant, OWNER) });
    expect(answer).toMatchObject({ status: 200, body: [OWNER_PRIMARY_IDENTITY] });
    const standalone = await call<TenantUser>("GET", userUrl(OWNER_GITHUB), { token: await m2mToken(tenant) });
    expect(standalone.status).toBe(200);
    expect(standalone.body).toMatchObject({
      user_id: OWNER_GITHUB,
      email: "owner.github@example.com",
      identities: [{ connection: "github", provider: "github", user_id: 1000001, isSocial: true }],
      user_metadata: {},
      app_metadata: {},
    });
    expect(standalone.body.identities[0]).not.toHaveProperty("profileData");
  });

  it("unlinks with an update:users token, the path parts URL-encoded", async () => {
    const tenant = await useTenant(server);
    await call("POST", userUrl(OWNER, "/identities"), { token: await m2mToken(tenant), body: { provider: "google-oauth2", user_id: "100000000000000000001" } });
    const answer = await call("DELETE", userUrl(OWNER, `/identities/${encodeURIComponent("google-oauth2")}/${encodeURIComponent("100000000000000000001")}`), {
      token: await m2mToken(tenant),
    });
    expect(answer).toMatchObject({ status: 200, body: [OWNER_PRIMARY_IDENTITY] });
    expect(tenant.getUser(OWNER_GOOGLE)).toBeDefined();
  });

  it("answers 400 when asked to remove the main identity", async () => {
    const tenant = await useTenant(server);
    const answer = await call("DELETE", userUrl(OWNER, "/identities/auth0/65a000000000000000000001"), { token: await userToken(tenant, OWNER) });
    expect(answer).toMatchObject({
      status: 400,
      body: apiError(400, "Bad Request", "Main identity cannot be removed.", "operation_not_supported"),
    });
  });
});
