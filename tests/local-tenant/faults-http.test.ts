/**
 * `/__local/faults`: injecting faults over HTTP into a tenant started for
 * local use (`npm run dev`, `npm run tenant`), and the tenant's HTTP server
 * turning msw's network errors into dropped connections.
 * No msw server here: these requests go over a real socket to startLocalTenantServer.
 */
import { startLocalTenantServer, type LocalTenant, type RunningLocalTenant, type TenantUser } from "@/lib/local-tenant";
import { idToken, OWNER, OWNER_GITHUB, userToken } from "./management-support";

const linkedIds = (tenant: LocalTenant): string[] | undefined => tenant.getUser(OWNER)?.identities.map((identity) => `${identity.provider}|${identity.user_id}`);

describe("faults over HTTP: /__local/faults", () => {
  let running: RunningLocalTenant | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  const inject = (url: string, body: unknown, contentType = "application/json"): Promise<Response> =>
    fetch(`${url}/__local/faults`, { method: "POST", headers: { "content-type": contentType }, body: JSON.stringify(body) });

  it("injects, lists and clears faults on a tenant started for local use, and a reset drops the connection", async () => {
    running = await startLocalTenantServer({ port: 0, allowFaultInjection: true });
    const { url, tenant } = running;
    const token = await userToken(tenant, OWNER);
    const headers = { authorization: `Bearer ${token}` };
    const ownerUrl = `${url}/api/v2/users/${encodeURIComponent(OWNER)}`;

    const injected = await inject(url, { method: "GET", pathPattern: "^/api/v2/users/", kind: "reset" });
    expect(injected.status).toBe(201);
    expect(await injected.json()).toEqual({ pending: [{ kind: "reset", method: "GET", path: "/^\\/api\\/v2\\/users\\//", timesLeft: 1 }] });
    await expect(fetch(ownerUrl, { headers })).rejects.toThrow("fetch failed");

    expect((await inject(url, { path: "/api/v2/", kind: "status", status: 502, times: 3 })).status).toBe(201);
    expect((await fetch(ownerUrl, { headers })).status).toBe(502);
    expect(await (await fetch(`${url}/__local/faults`)).json()).toEqual({ pending: [{ kind: "status", path: "/api/v2/", timesLeft: 2, status: 502 }] });
    expect((await fetch(`${url}/__local/faults`, { method: "DELETE" })).status).toBe(204);
    const fine = await fetch(ownerUrl, { headers });
    expect(fine.status).toBe(200);
    expect(((await fine.json()) as TenantUser).user_id).toBe(OWNER);
  });

  it("performs a link and then drops the connection for lose_response over HTTP", async () => {
    running = await startLocalTenantServer({ port: 0, allowFaultInjection: true });
    const { url, tenant } = running;
    expect((await inject(url, { method: "POST", pathPattern: "/identities$", kind: "lose_response" })).status).toBe(201);

    const answer = fetch(`${url}/api/v2/users/${encodeURIComponent(OWNER)}/identities`, {
      method: "POST",
      headers: { authorization: `Bearer ${await userToken(tenant, OWNER)}`, "content-type": "application/json" },
      body: JSON.stringify({ link_with: await idToken(tenant, OWNER_GITHUB) }),
    });

    await expect(answer).rejects.toThrow("fetch failed");
    expect(linkedIds(tenant)).toEqual([OWNER, OWNER_GITHUB]);
  });

  it("refuses a body that is not a fault, saying what is wrong, and anything but JSON", async () => {
    running = await startLocalTenantServer({ port: 0, allowFaultInjection: true });
    const { url } = running;

    const cases: [unknown, string][] = [
      [{ path: "/api/v2/", kind: "explode" }, "kind must be one of timeout, reset, status, rate_limit, malformed_json, lose_response."],
      [{ kind: "reset" }, "Give exactly one of path (a prefix) and pathPattern (a RegExp source)."],
      [{ kind: "reset", path: "/a", pathPattern: "b" }, "Give exactly one of path (a prefix) and pathPattern (a RegExp source)."],
      [{ kind: "reset", pathPattern: "(" }, "pathPattern is not a valid regular expression."],
      [{ kind: "reset", path: "/", status: 500 }, "status applies to kind status only."],
      [{ kind: "status", path: "/", status: 200 }, "status must be a whole number from 500 to 599 (got 200)."],
      [{ kind: "reset", path: "/", times: "2" }, "times must be a number."],
      [{ kind: "reset", path: "/", header: "x" }, "Unknown field(s): header. Known: kind, method, path, pathPattern, times, status, retryAfterSeconds, resetAfterSeconds."],
      [[], "The body must be a JSON object."],
    ];
    for (const [body, description] of cases) {
      const answer = await inject(url, body);
      expect({ status: answer.status, body: await answer.json() }).toEqual({ status: 400, body: { error: "invalid_request", error_description: description } });
    }
    const form = await inject(url, { kind: "reset", path: "/" }, "text/plain");
    expect(form.status).toBe(415);
    expect(await (await fetch(`${url}/__local/faults`)).json()).toEqual({ pending: [] });
  });

  it("is off unless the tenant was created with allowFaultInjection", async () => {
    running = await startLocalTenantServer({ port: 0 });
    const { url, tenant } = running;

    const answer = await inject(url, { path: "/api/v2/", kind: "reset" });

    expect(answer.status).toBe(404);
    expect(((await answer.json()) as { error_description: string }).error_description).toMatch(/^Fault injection is off/);
    expect(tenant.faults.pending()).toEqual([]);
    expect((await fetch(`${url}/api/v2/users/${encodeURIComponent(OWNER)}`, { headers: { authorization: `Bearer ${await userToken(tenant, OWNER)}` } })).status).toBe(200);
  });
});
