/**
 * The local tenant over a real socket answers on every loopback address a
 * client may use (`localhost`, `127.0.0.1`, `[::1]`), with its configured
 * origin as the issuer whatever address the request came to. Before, only
 * `localhost` matched and `127.0.0.1` answered 404 `{"error":"Mock not found"}`.
 */
import { createServer } from "node:net";
import { startLocalTenantServer, type RunningLocalTenant } from "@/lib/local-tenant";

let running: RunningLocalTenant | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** Whether this machine can listen on IPv6 loopback (some containers cannot). */
function hasIpv6Loopback(): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(0, "::1", () => probe.close(() => resolve(true)));
  });
}

describe("the local tenant on loopback addresses", () => {
  it("answers discovery alike on localhost, 127.0.0.1 and [::1], naming its own origin as the issuer", async () => {
    running = await startLocalTenantServer({ port: 0 });
    const port = new URL(running.url).port;
    const hosts = ["localhost", "127.0.0.1", ...((await hasIpv6Loopback()) ? ["[::1]"] : [])];
    for (const host of hosts) {
      const response = await fetch(`http://${host}:${port}/.well-known/openid-configuration`);
      expect(response.status).toBe(200);
      const discovery = (await response.json()) as { issuer: string; token_endpoint: string };
      expect(discovery.issuer).toBe(`${running.url}/`);
      expect(discovery.token_endpoint).toBe(`${running.url}/oauth/token`);
    }
  });

  it("serves the Management API on 127.0.0.1 too (a 401 of its own for a missing token, not 'Mock not found')", async () => {
    running = await startLocalTenantServer({ port: 0 });
    const response = await fetch(`http://127.0.0.1:${new URL(running.url).port}/api/v2/users/auth0%7C65a000000000000000000001`);
    expect(response.status).toBe(401);
    expect(JSON.stringify(await response.json())).not.toContain("Mock not found");
  });
});
