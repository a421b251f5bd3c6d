/**
 * `npx auth0-local-tenant`: the arguments a team passes, what it prints for
 * their `.env.local`, and the tenant it starts for their app's own origin.
 */
import { createServer } from "node:net";
import { LOCAL_APP_CLIENT, LOCAL_M2M_CLIENT, SEED_ACCOUNTS } from "@/lib/local-tenant";
import { LocalTenantCliError, localTenantBanner, parseLocalTenantArgs, startLocalTenantFromCli } from "@/lib/local-tenant/cli";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "localhost", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

describe("auth0-local-tenant's arguments", () => {
  it("defaults to port 4010 for an app on http://localhost:3000, deriving its callback and logout URLs", () => {
    expect(parseLocalTenantArgs([])).toEqual({
      port: 4010,
      appBaseUrl: "http://localhost:3000",
      callbackUrls: ["http://localhost:3000/auth/callback", "http://localhost:3000/link/callback"],
      logoutUrls: ["http://localhost:3000", "http://localhost:3000/"],
      allowFaultInjection: false,
      https: false,
    });
  });

  it("derives the URLs from --app-base-url and adds the ones listed", () => {
    const options = parseLocalTenantArgs(["--port", "4400", "--app-base-url", "http://localhost:3300/", "--callback-url", "http://localhost:3300/api/auth/callback", "--logout-url", "http://localhost:3300/bye"]);
    expect(options).toMatchObject({
      port: 4400,
      appBaseUrl: "http://localhost:3300",
      callbackUrls: ["http://localhost:3300/auth/callback", "http://localhost:3300/link/callback", "http://localhost:3300/api/auth/callback"],
      logoutUrls: ["http://localhost:3300", "http://localhost:3300/", "http://localhost:3300/bye"],
    });
  });

  it.each([
    [["--port", "80000"], "--port must be a port number from 1 to 65535"],
    [["--port", "abc"], "--port must be a port number"],
    [["--app-base-url", "localhost:3000"], "--app-base-url must be an absolute http(s) URL"],
    [["--callback-url", "ftp://example.com/cb"], "--callback-url must be an absolute http(s) URL"],
    [["--colour"], "Unknown option '--colour'"],
  ])("refuses %j, saying which argument and what it expects", (args, message) => {
    expect(() => parseLocalTenantArgs(args)).toThrow(LocalTenantCliError);
    expect(() => parseLocalTenantArgs(args)).toThrow(message);
  });

  it("answers --help with its usage", () => {
    expect(parseLocalTenantArgs(["--help"])).toBe("help");
  });
});

describe("the tenant it starts", () => {
  it("prints the .env.local lines for the seeded clients, the registered URLs and every seeded account", () => {
    const options = parseLocalTenantArgs(["--app-base-url", "http://localhost:3300"]);
    if (options === "help") throw new Error("unexpected");
    const banner = localTenantBanner(options, { url: "http://localhost:4010" });
    expect(banner).toContain("AUTH0_DOMAIN=http://localhost:4010\n");
    expect(banner).toContain(`AUTH0_CLIENT_ID=${LOCAL_APP_CLIENT.clientId}\nAUTH0_CLIENT_SECRET=${LOCAL_APP_CLIENT.clientSecret}\n`);
    expect(banner).toMatch(/\nAUTH0_SECRET=[0-9a-f]{64}\n/);
    expect(banner).toContain("APP_BASE_URL=http://localhost:3300\n");
    expect(banner).toContain(`AUTH0_M2M_CLIENT_ID=${LOCAL_M2M_CLIENT.clientId}\nAUTH0_M2M_CLIENT_SECRET=${LOCAL_M2M_CLIENT.clientSecret}\n`);
    expect(banner).toContain("Allowed Callback URLs: http://localhost:3300/auth/callback, http://localhost:3300/link/callback");
    for (const account of SEED_ACCOUNTS) expect(banner).toContain(account.email);
  });

  it("shows the login page to the app it was started for, and refuses another app's callback", async () => {
    const port = await freePort();
    const options = parseLocalTenantArgs(["--port", String(port), "--app-base-url", "http://localhost:3300"]);
    if (options === "help") throw new Error("unexpected");
    const running = await startLocalTenantFromCli(options);
    try {
      const authorize = (redirectUri: string): Promise<Response> => {
        const url = new URL("/authorize", running.url);
        const params = { client_id: LOCAL_APP_CLIENT.clientId, response_type: "code", redirect_uri: redirectUri, scope: "openid", state: "s", code_challenge: "x".repeat(43), code_challenge_method: "S256" };
        for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
        return fetch(url, { redirect: "manual" });
      };
      const own = await authorize("http://localhost:3300/auth/callback");
      expect(own.status).toBe(200);
      expect(await own.text()).toContain("owner@example.com");
      const other = await authorize("http://localhost:3000/auth/callback");
      expect(await other.text()).toContain("Callback URL mismatch");
    } finally {
      await running.close();
    }
  });
});
