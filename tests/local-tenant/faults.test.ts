/**
 * The local tenant's fault injection: `tenant.faults.inject(…)` makes the next
 * matching requests hang, drop, answer 5xx or 429, answer a body cut short, or
 * be performed and then lose their answer; `/__local/faults` does the same
 * over HTTP when the tenant allows it. Faulted Management API calls are in
 * the request log, marked with their fault.
 */
import { setupServer } from "msw/node";
import type { LocalTenant } from "@/lib/local-tenant";
import { call, idToken, OWNER, OWNER_GITHUB, userToken, userUrl, useTenant } from "./management-support";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const LINK_PATH = `/api/v2/users/${OWNER}/identities`;
const READ_PATH = `/api/v2/users/${OWNER}`;

/** Links the owner's GitHub account (`secondaryIdToken`: its ID token, made before it is linked away). */
async function link(tenant: LocalTenant, signal?: AbortSignal, secondaryIdToken?: string): Promise<Response> {
  return fetch(userUrl(OWNER, "/identities"), {
    method: "POST",
    headers: { authorization: `Bearer ${await userToken(tenant, OWNER)}`, "content-type": "application/json" },
    body: JSON.stringify({ link_with: secondaryIdToken ?? (await idToken(tenant, OWNER_GITHUB)) }),
    ...(signal ? { signal } : {}),
  });
}

async function read(tenant: LocalTenant): Promise<Response> {
  return fetch(userUrl(OWNER), { headers: { authorization: `Bearer ${await userToken(tenant, OWNER)}` } });
}

const linkedIds = (tenant: LocalTenant): string[] | undefined => tenant.getUser(OWNER)?.identities.map((identity) => `${identity.provider}|${identity.user_id}`);

describe("faults injected into the Management API", () => {
  it("timeout: no answer until the caller gives up, and nothing is linked", async () => {
    const tenant = await useTenant(server);
    tenant.faults.inject({ method: "POST", path: /\/identities$/, kind: "timeout" });

    const started = Date.now();
    await expect(link(tenant, AbortSignal.timeout(200))).rejects.toMatchObject({ name: "TimeoutError" });

    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(linkedIds(tenant)).toEqual([OWNER]);
    expect(tenant.requestLog).toEqual([{ method: "POST", path: LINK_PATH, status: 0, fault: "timeout" }]);
  });

  it("reset: the connection fails at once", async () => {
    const tenant = await useTenant(server);
    tenant.faults.inject({ path: "/api/v2/users/", kind: "reset" });

    await expect(read(tenant)).rejects.toThrow(TypeError);
    expect(tenant.requestLog).toEqual([{ method: "GET", path: READ_PATH, status: 0, fault: "reset" }]);
  });

  it("status: a 5xx in Auth0's error body, 503 unless told, and nothing performed", async () => {
    const tenant = await useTenant(server);
    tenant.faults.inject({ method: "POST", path: LINK_PATH, kind: "status" });
    tenant.faults.inject({ method: "POST", path: LINK_PATH, kind: "status", status: 500 });

    const first = await link(tenant);
    const second = await link(tenant);

    expect({ status: first.status, body: await first.json() }).toEqual({ status: 503, body: { statusCode: 503, error: "Service Unavailable", message: "Service Unavailable" } });
    expect({ status: second.status, body: await second.json() }).toEqual({ status: 500, body: { statusCode: 500, error: "Internal Server Error", message: "Internal error" } });
    expect(linkedIds(tenant)).toEqual([OWNER]);
  });

  it("rate_limit: a 429 with Retry-After, or with only X-RateLimit-Reset", async () => {
    const tenant = await useTenant(server, { now: () => Date.UTC(2026, 0, 1, 12, 0, 0) });
    const nowSeconds = Date.UTC(2026, 0, 1, 12, 0, 0) / 1000;
    tenant.faults.inject({ path: READ_PATH, kind: "rate_limit", retryAfterSeconds: 7 });
    tenant.faults.inject({ path: READ_PATH, kind: "rate_limit", resetAfterSeconds: 30 });
    tenant.faults.inject({ path: READ_PATH, kind: "rate_limit" });

    const withRetryAfter = await read(tenant);
    const resetOnly = await read(tenant);
    const plain = await read(tenant);

    expect(withRetryAfter.status).toBe(429);
    expect(await withRetryAfter.json()).toEqual({ statusCode: 429, error: "Too Many Requests", message: "Global limit has been reached", errorCode: "too_many_requests" });
    expect(withRetryAfter.headers.get("retry-after")).toBe("7");
    expect(withRetryAfter.headers.get("x-ratelimit-reset")).toBe(String(nowSeconds + 7));
    expect(resetOnly.status).toBe(429);
    expect(resetOnly.headers.get("retry-after")).toBeNull();
    expect(resetOnly.headers.get("x-ratelimit-reset")).toBe(String(nowSeconds + 30));
    expect(resetOnly.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(plain.headers.get("retry-after")).toBe("1");
    expect(tenant.requestLog.map((entry) => entry.status)).toEqual([429, 429, 429]);
  });

  it("malformed_json: the link is performed, and its 201 arrives with a body cut short", async () => {
    const tenant = await useTenant(server);
    tenant.faults.inject({ method: "POST", path: /\/identities$/, kind: "malformed_json" });

    const answer = await link(tenant);

    expect(answer.status).toBe(201);
    await expect(answer.clone().json()).rejects.toThrow();
    expect((await answer.text()).startsWith('[{"')).toBe(true);
    expect(linkedIds(tenant)).toEqual([OWNER, OWNER_GITHUB]);
    expect(tenant.requestLog).toEqual([{ method: "POST", path: LINK_PATH, status: 201, fault: "malformed_json" }]);
  });

  it("lose_response: the link is performed, then its 201 is lost like a network error (the lost 201)", async () => {
    const tenant = await useTenant(server);
    tenant.faults.inject({ method: "POST", path: /\/identities$/, kind: "lose_response" });
    const githubIdToken = await idToken(tenant, OWNER_GITHUB);

    await expect(link(tenant, undefined, githubIdToken)).rejects.toThrow(TypeError);

    expect(linkedIds(tenant)).toEqual([OWNER, OWNER_GITHUB]);
    expect(tenant.getUser(OWNER_GITHUB)).toBeUndefined();
    expect(tenant.requestLog).toEqual([{ method: "POST", path: LINK_PATH, status: 201, fault: "lose_response" }]);
    // A second, blind POST would now be refused: Auth0's reason never to retry a link.
    const retried = await link(tenant, undefined, githubIdToken);
    expect([400, 409]).toContain(retried.status);
  });
});

describe("which requests a fault applies to", () => {
  it("applies to the next `times` matching requests only, then the tenant answers normally", async () => {
    const tenant = await useTenant(server);
    tenant.faults.inject({ method: "GET", path: "/api/v2/users/", kind: "status", status: 502, times: 2 });

    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await read(tenant)).status);

    expect(statuses).toEqual([502, 502, 200]);
    expect(tenant.faults.pending()).toEqual([]);
  });

  it("matches the method in any case, and leaves other methods and paths alone", async () => {
    const tenant = await useTenant(server);
    tenant.faults.inject({ method: "delete", path: /\/identities\//, kind: "status" });

    expect((await read(tenant)).status).toBe(200);
    expect((await link(tenant)).status).toBe(201);
    const token = await userToken(tenant, OWNER);
    expect((await call("DELETE", userUrl(OWNER, "/identities/github/1000001"), { token })).status).toBe(503);
    expect((await call("DELETE", userUrl(OWNER, "/identities/github/1000001"), { token })).status).toBe(200);
  });

  it("matches a path prefix against the decoded path, as the request log shows it", async () => {
    const tenant = await useTenant(server);
    tenant.faults.inject({ path: `/api/v2/users/${OWNER}`, kind: "status" });

    expect((await read(tenant)).status).toBe(503);
  });

  it("takes the oldest matching fault first", async () => {
    const tenant = await useTenant(server);
    tenant.faults.inject({ path: "/api/v2/", kind: "status", status: 500 });
    tenant.faults.inject({ path: "/api/v2/", kind: "status", status: 502 });

    expect([(await read(tenant)).status, (await read(tenant)).status]).toEqual([500, 502]);
  });

  it("reaches the OIDC endpoints too: the JWKS and the token endpoint", async () => {
    const tenant = await useTenant(server);
    tenant.faults.inject({ path: "/.well-known/jwks.json", kind: "status", status: 503 });
    tenant.faults.inject({ method: "POST", path: "/oauth/token", kind: "reset" });

    const jwks = await fetch(`${tenant.baseUrl}/.well-known/jwks.json`);
    expect({ status: jwks.status, body: await jwks.json() }).toEqual({ status: 503, body: { error: "temporarily_unavailable", error_description: "The service is unavailable." } });
    await expect(fetch(`${tenant.baseUrl}/oauth/token`, { method: "POST", body: "grant_type=client_credentials" })).rejects.toThrow(TypeError);
    expect((await fetch(`${tenant.baseUrl}/.well-known/jwks.json`)).status).toBe(200);
    // Only Management API calls are in the request log.
    expect(tenant.requestLog).toEqual([]);
  });

  it("lists pending faults and forgets them on clear()", async () => {
    const tenant = await useTenant(server);
    tenant.faults.inject({ method: "post", path: /\/identities$/, kind: "lose_response", times: 2 });
    tenant.faults.inject({ path: "/api/v2/", kind: "rate_limit", resetAfterSeconds: 30 });

    expect(tenant.faults.pending()).toEqual([
      { kind: "lose_response", method: "POST", path: "/\\/identities$/", timesLeft: 2 },
      { kind: "rate_limit", path: "/api/v2/", timesLeft: 1, resetAfterSeconds: 30 },
    ]);
    tenant.faults.clear();
    expect(tenant.faults.pending()).toEqual([]);
    expect((await read(tenant)).status).toBe(200);
  });

  it("refuses a fault it could not produce, saying why", async () => {
    const tenant = await useTenant(server);
    expect(() => tenant.faults.inject({ path: "/api/v2/", kind: "status", status: 404 })).toThrow("status must be a whole number from 500 to 599 (got 404).");
    expect(() => tenant.faults.inject({ path: "/api/v2/", kind: "reset", times: 0 })).toThrow("times must be a whole number from 1 to 1000 (got 0).");
    expect(() => tenant.faults.inject({ path: "api/v2", kind: "reset" })).toThrow("path must be a path prefix starting with / or a RegExp.");
    expect(tenant.faults.pending()).toEqual([]);
  });
});
