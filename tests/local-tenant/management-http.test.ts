// No msw server here: these requests go over a real socket to startLocalTenantServer.
import { startLocalTenantServer, type RunningLocalTenant, type TenantUser } from "@/lib/local-tenant";
import { idToken, INVALID_TOKEN, OWNER, OWNER_GITHUB, userToken } from "./management-support";

describe("the Management API served over HTTP", () => {
  let running: RunningLocalTenant | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it("answers a real fetch over HTTP as the msw handlers answer it, and stops answering once closed", async () => {
    running = await startLocalTenantServer({ port: 0 });
    const { tenant, url } = running;
    const token = await userToken(tenant, OWNER);
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const userUrl = `${url}/api/v2/users/${encodeURIComponent(OWNER)}`;

    const linked = await fetch(`${userUrl}/identities`, {
      method: "POST",
      headers,
      body: JSON.stringify({ link_with: await idToken(tenant, OWNER_GITHUB) }),
    });
    expect(linked.status).toBe(201);
    expect(linked.headers.get("x-ratelimit-limit")).toBe("1000");

    const read = await fetch(userUrl, { headers });
    expect(read.status).toBe(200);
    expect(((await read.json()) as TenantUser).identities.map((identity) => identity.user_id)).toEqual(["65a000000000000000000001", 1000001]);

    const refused = await fetch(userUrl);
    expect({ status: refused.status, body: await refused.json() }).toEqual({ status: 401, body: INVALID_TOKEN });

    await running.close();
    running = undefined;
    await expect(fetch(userUrl, { headers })).rejects.toThrow();
  });
});
