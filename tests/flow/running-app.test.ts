/**
 * `npm run dev`'s script, started for real: the local tenant and the app
 * answer on localhost, and a browser-like walk reaches the tenant's login page.
 */
import { createServer } from "node:net";
import path from "node:path";
import nodemailer from "nodemailer";
import { freePort, start, type Started } from "../support/processes";

const root = path.resolve(__dirname, "../..");
const tsx = path.join(root, "node_modules/.bin/tsx");

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  for (const name of Object.keys(base)) {
    if (name.startsWith("AUTH0_") || name.startsWith("MAIL_") || ["APP_BASE_URL", "PORT", "SMTP_URL"].includes(name)) delete base[name];
  }
  return { ...base, ...extra };
}

describe("the app started by `npm run dev`", () => {
  let app: Started;
  let appUrl: string;
  let tenantUrl: string;
  let mailUrl: string;
  let mailSmtpPort: number;

  beforeAll(async () => {
    const [appPort, tenantPort, mailPort] = [await freePort(), await freePort(), await freePort()];
    mailSmtpPort = await freePort();
    appUrl = `http://localhost:${appPort}`;
    tenantUrl = `http://localhost:${tenantPort}`;
    mailUrl = `http://localhost:${mailPort}`;
    app = start(
      tsx,
      ["scripts/dev.ts", "--local-tenant"],
      env({ PORT: String(appPort), LOCAL_TENANT_PORT: String(tenantPort), MAIL_CATCHER_PORT: String(mailPort), MAIL_CATCHER_SMTP_PORT: String(mailSmtpPort) }),
    );
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

  it("prints the mail catcher's page, which lists the messages sent to its SMTP port as JSON", async () => {
    expect(app.output()).toContain(`Mail catcher        ${mailUrl}  (every notice the app sends; JSON at ${mailUrl}/email)`);
    const transport = nodemailer.createTransport({ url: `smtp://127.0.0.1:${mailSmtpPort}` });
    try {
      await transport.sendMail({ from: "Account linking demo <no-reply@example.com>", to: "owner@example.com", subject: "Caught", text: "Hello" });
    } finally {
      transport.close();
    }
    const messages = (await (await fetch(`${mailUrl}/email`)).json()) as { subject: string; to: { address: string }[] }[];
    expect(messages).toEqual([expect.objectContaining({ subject: "Caught", to: [expect.objectContaining({ address: "owner@example.com" })] })]);
    const page = await fetch(mailUrl, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<!doctype html>/i);
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

describe("starting when the mail catcher's port is taken", () => {
  it("stops and names the setting that moves it", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "localhost", resolve));
    const port = (taken.address() as { port: number }).port;
    const started = start(
      tsx,
      ["scripts/dev.ts", "--local-tenant"],
      env({ PORT: String(await freePort()), LOCAL_TENANT_PORT: String(await freePort()), MAIL_CATCHER_PORT: String(port), MAIL_CATCHER_SMTP_PORT: String(await freePort()) }),
    );
    try {
      expect(await started.exited()).toBe(1);
      expect(started.output()).toContain(`The mail catcher cannot listen on port ${port}: set MAIL_CATCHER_PORT (its page, ${port}) to a free port.`);
    } finally {
      await started.stop();
      taken.close();
    }
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
