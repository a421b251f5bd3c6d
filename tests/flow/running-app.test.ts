/**
 * `npm run dev`'s script, started for real: the local tenant and the app
 * answer on localhost, and a browser-like walk reaches the tenant's login page.
 */
import path from "node:path";
import { freePort, start, type Started } from "../support/processes";

const root = path.resolve(__dirname, "../..");
const tsx = path.join(root, "node_modules/.bin/tsx");

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  for (const name of Object.keys(base)) if (name.startsWith("AUTH0_") || name === "APP_BASE_URL" || name === "PORT") delete base[name];
  return { ...base, ...extra };
}

describe("the app started by `npm run dev`", () => {
  let app: Started;
  let appUrl: string;
  let tenantUrl: string;

  beforeAll(async () => {
    const [appPort, tenantPort] = [await freePort(), await freePort()];
    appUrl = `http://localhost:${appPort}`;
    tenantUrl = `http://localhost:${tenantPort}`;
    app = start(tsx, ["scripts/dev.ts", "--local-tenant"], env({ PORT: String(appPort), LOCAL_TENANT_PORT: String(tenantPort) }));
    app.child.stdout?.setEncoding("utf8");
    await app.waitFor(/Ready in/, 90_000);
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
  });

  it("prints where the app and the local tenant are, and the seeded accounts", () => {
    expect(app.output()).toContain(`Local Auth0 tenant  ${tenantUrl}`);
    expect(app.output()).toContain(`App                 ${appUrl}`);
    expect(app.output()).toMatch(/owner@example\.com\s+Username-Password-Authentication/);
  });

  it("serves the tenant's discovery document on localhost", async () => {
    const response = await fetch(`${tenantUrl}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ issuer: `${tenantUrl}/`, authorization_endpoint: `${tenantUrl}/authorize` });
  });

  it("shows the home page with a Sign in link", async () => {
    const response = await fetch(appUrl);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('href="/auth/login"');
  }, 60_000);

  it.each([
    ["de-DE,de;q=0.9,en;q=0.8", "de", ">Anmelden</a>"],
    ["es-MX", "es", ">Iniciar sesión</a>"],
    ["ja", "en", ">Sign in</a>"],
  ])("speaks the browser's language (Accept-Language %s), in <html lang> too", async (acceptLanguage, lang, signIn) => {
    const html = await (await fetch(appUrl, { headers: { "accept-language": acceptLanguage } })).text();
    expect(html).toMatch(new RegExp(`<html lang="${lang}"`));
    expect(html).toContain(signIn);
  }, 60_000);

  it("forbids other sites to frame its pages and keeps URLs out of referrers", async () => {
    const response = await fetch(appUrl);
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("content-security-policy")).toBe("frame-ancestors 'none'");
    expect(response.headers.get("referrer-policy")).toBe("same-origin");
  }, 60_000);

  it("sends a signed-out visitor from Settings to sign in, and on to the tenant's login page", async () => {
    const settings = await fetch(`${appUrl}/settings`, { redirect: "manual" });
    expect(settings.status).toBe(307);
    const login = new URL(settings.headers.get("location") ?? "", appUrl);
    expect(login.pathname + login.search).toBe("/auth/login?returnTo=%2Fsettings");

    const toTenant = await fetch(login, { redirect: "manual" });
    const authorize = new URL(toTenant.headers.get("location") ?? "");
    expect(authorize.origin).toBe(tenantUrl);
    const page = await fetch(authorize);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/Continue as owner@example\.com \(Username-Password-Authentication\)/);
  }, 60_000);
});

describe("starting with an incomplete configuration", () => {
  it("stops before serving anything and names each missing setting", async () => {
    const started = start(tsx, ["scripts/dev.ts"], env({ AUTH0_DOMAIN: "my-tenant.eu.auth0.com", PORT: String(await freePort()) }));
    try {
      expect(await started.exited()).toBe(1);
      expect(started.output()).toContain("AUTH0_CLIENT_ID is not set");
      expect(started.output()).toContain("AUTH0_CLIENT_SECRET is not set");
      expect(started.output()).toContain("AUTH0_SECRET is not set");
    } finally {
      await started.stop();
    }
  }, 60_000);
});
