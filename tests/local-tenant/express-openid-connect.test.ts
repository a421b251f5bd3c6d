/**
 * Auth0's own Express SDK, express-openid-connect, unmodified and with its
 * defaults (`response_type=id_token`, `response_mode=form_post`, a nonce),
 * signs a person in against the local tenant over a real socket (issue #14):
 * /login sends the browser to the tenant, the tenant's page posts the ID
 * token back to the app's /callback, and the app knows the person.
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import express from "express";
import { auth } from "express-openid-connect";
import { LOCAL_APP_CLIENT, startLocalTenantServer, type RunningLocalTenant } from "@/lib/local-tenant";
import { CookieJar } from "../support/browser";
import { freePort } from "../support/processes";

let tenant: RunningLocalTenant;
let app: Server;
let origin: string;

beforeAll(async () => {
  const port = await freePort();
  origin = `http://localhost:${port}`;
  tenant = await startLocalTenantServer({
    port: 0,
    appBaseUrl: origin,
    // express-openid-connect's own default routes: /callback, and the origin after logout.
    clients: [
      {
        client_id: LOCAL_APP_CLIENT.clientId,
        client_secret: LOCAL_APP_CLIENT.clientSecret,
        name: "An Express app",
        app_type: "regular_web",
        callbacks: [`${origin}/callback`],
        allowed_logout_urls: [origin, `${origin}/`],
        grants: {},
      },
    ],
  });
  const server = express();
  // Its advice on form_post over plain http (SameSite cookies) is for browsers; this test is not one.
  const advice = jest.spyOn(console, "warn").mockImplementation(() => {});
  server.use(auth({ issuerBaseURL: tenant.url, baseURL: origin, clientID: LOCAL_APP_CLIENT.clientId, secret: "an-express-session-secret-of-32-characters-at-least", authRequired: false }));
  advice.mockRestore();
  server.get("/me", (request, response) => {
    response.json({ signedIn: request.oidc.isAuthenticated(), user: request.oidc.user ?? null });
  });
  await new Promise<void>((resolve) => {
    app = server.listen(port, "localhost", () => resolve());
  });
  expect((app.address() as AddressInfo).port).toBe(port);
});

afterAll(async () => {
  await new Promise<void>((resolve) => (app ? app.close(() => resolve()) : resolve()));
  await tenant?.close();
});

/** A browser request that does not follow redirects and keeps the jar's cookies. */
async function browse(jar: CookieJar, url: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers as Record<string, string> | undefined), cookie: jar.header() } });
  jar.store(response);
  return response;
}

describe("express-openid-connect against the local tenant", () => {
  it("signs in with its defaults: an ID token posted back by the tenant's form_post page", async () => {
    const appJar = new CookieJar();
    const tenantJar = new CookieJar();
    const login = await browse(appJar, `${origin}/login`);
    expect(login.status).toBe(302);
    const authorize = new URL(login.headers.get("location") ?? "");
    expect(authorize.origin).toBe(tenant.url);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({ response_type: "id_token", response_mode: "form_post", nonce: expect.any(String) });

    const page = await (await browse(tenantJar, authorize.href)).text();
    const transaction = /name="transaction" value="([^"]+)"/.exec(page)?.[1] ?? "";
    const answer = await browse(tenantJar, `${tenant.url}/u/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ transaction, action: "login", identity: "auth0|65a000000000000000000001" }).toString(),
    });
    const html = await answer.text();
    const action = /<form method="post" action="([^"]+)">/.exec(html)?.[1]?.replace(/&amp;/g, "&");
    const fields = Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(([, name = "", value = ""]) => [name, value]));
    expect(action).toBe(`${origin}/callback`);

    const callback = await browse(appJar, action ?? "", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields).toString() });
    expect(callback.status).toBe(302);

    const me = (await (await browse(appJar, `${origin}/me`)).json()) as { signedIn: boolean; user: { sub?: string; email?: string } | null };
    expect(me.signedIn).toBe(true);
    expect(me.user).toMatchObject({ sub: "auth0|65a000000000000000000001", email: "owner@example.com" });
  });
});
