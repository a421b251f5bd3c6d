/**
 * Flow-test harness: the app's real proxy and route handlers, configured as
 * `npm run dev` configures them, with msw serving the local tenant. Nothing
 * else is replaced.
 */
import type { NextRequest, NextResponse } from "next/server";
import { setupServer, type SetupServer } from "msw/node";
import { LOCAL_APP_API_AUDIENCE, LOCAL_APP_CLIENT, LOCAL_M2M_CLIENT, LocalTenant, createLocalTenantHandlers, type LocalTenantOptions } from "@/lib/local-tenant";
import type { Services } from "@/lib/setup/services";
import { CookieJar, appRequest, signInAtTenant } from "./browser";

export const APP = "http://localhost:3000";
export const OWNER_ID = "auth0|65a000000000000000000001";

/** Accounts of the seeded tenant, as the login page lists them. */
export const ACCOUNTS = {
  owner: { email: "owner@example.com", connection: "Username-Password-Authentication" },
  ownerGithub: { email: "owner.github@example.com", connection: "github" },
  ownerGoogle: { email: "owner.google@example.com", connection: "google-oauth2" },
  unverified: { email: "unverified@example.com", connection: "Username-Password-Authentication" },
  intruder: { email: "intruder@example.com", connection: "Username-Password-Authentication" },
  intruderGithub: { email: "intruder.github@example.com", connection: "github" },
  /** The owner's email on GitHub, verified: Settings suggests it (with a machine client). */
  ownerSameEmailGithub: { email: "owner@example.com", connection: "github" },
  /** The owner's email on Google, not verified: never suggested. */
  ownerSameEmailGoogleUnverified: { email: "owner@example.com", connection: "google-oauth2" },
} as const;

/**
 * The linking mode this run of the flow suite tests: jest.config.js runs
 * tests/flow twice, the second time with LINK_MODE_UNDER_TEST=server_side
 * (tests/support/server-side-mode.ts).
 */
export const MODE: "link_with" | "server_side" = process.env["LINK_MODE_UNDER_TEST"] === "server_side" ? "server_side" : "link_with";

/**
 * `it` in `mode`, `it.skip` in the other: for the few tests about one mode's
 * token only (e.g. a user token without the link scope, in `link_with` mode).
 */
export function itInMode(mode: typeof MODE): jest.It {
  return MODE === mode ? it : it.skip;
}

/**
 * The settings of {@link MODE} on top of what `npm run dev` sets. Server-side:
 * the local tenant's machine-to-machine client, and a primary login that asks
 * for the app's own API (the seeded `https://api.local.example/`), as an app
 * in that mode would.
 */
export function modeEnv(mode = MODE): Record<string, string> {
  if (mode === "link_with") return {};
  return {
    LINK_MODE: "server_side",
    AUTH0_AUDIENCE: LOCAL_APP_API_AUDIENCE,
    AUTH0_M2M_CLIENT_ID: LOCAL_M2M_CLIENT.clientId,
    AUTH0_M2M_CLIENT_SECRET: LOCAL_M2M_CLIENT.clientSecret,
  };
}

type Handler = (request: NextRequest) => Promise<NextResponse>;

/** The app's entry points, imported after the environment is set. */
export interface App {
  proxy: Handler;
  linkStart: Handler;
  linkCallback: Handler;
  unlink: Handler;
}

/** Sets the environment `npm run dev` would (in the {@link MODE} under test), then imports the real proxy and routes. */
export async function loadApp(env: Record<string, string> = {}): Promise<App> {
  Object.assign(process.env, {
    AUTH0_DOMAIN: "http://localhost:4010",
    AUTH0_CLIENT_ID: LOCAL_APP_CLIENT.clientId,
    AUTH0_CLIENT_SECRET: LOCAL_APP_CLIENT.clientSecret,
    AUTH0_SECRET: "a-test-secret-that-is-at-least-32-characters-long",
    APP_BASE_URL: APP,
    ...modeEnv(),
    ...env,
  });
  const { proxy } = await import("@/proxy");
  // The catch-all app/link/[action]/route.ts: the request's path picks the route, as in the running app.
  const { GET, POST } = await import("@/app/link/[action]/route");
  return { proxy, linkStart: POST, linkCallback: GET, unlink: POST };
}

/** The services of the app {@link loadApp} loaded (call it in the same module registry): what its setup built from the environment. */
export async function loadedAppServices(): Promise<Services> {
  return (await import("@/app/account-linking")).accountLinking.services();
}

/** msw serving a fresh local tenant for each test. */
export function useLocalTenant(options: LocalTenantOptions = {}): { server: SetupServer; tenant: () => LocalTenant } {
  const server = setupServer();
  let current: LocalTenant | undefined;
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  beforeEach(async () => {
    current = await LocalTenant.create({ appBaseUrl: APP, ...options });
    server.resetHandlers(...createLocalTenantHandlers(current));
  });
  afterAll(() => server.close());
  return {
    server,
    tenant: () => {
      if (!current) throw new Error("the tenant is created in beforeEach");
      return current;
    },
  };
}

/** A person with a browser: one cookie jar for the app, one for the tenant. */
export class Person {
  /** `sessionCookie`: the session cookie's name, for an app that sets the SDK's `session.cookie.name`. `app`, `tenant`: the browser's cookie jars. */
  constructor(
    private readonly entry: App,
    private readonly sessionCookie = "__session",
    readonly app = new CookieJar(),
    readonly tenant = new CookieJar(),
  ) {}

  /** The same person with the same browser, whose requests `entry` answers (another instance of the app behind a load balancer). */
  on(entry: App): Person {
    return new Person(entry, this.sessionCookie, this.app, this.tenant);
  }

  /** Signs in to the app through the SDK's /auth/login and /auth/callback. */
  async signIn(account: { email: string; connection: string } = ACCOUNTS.owner): Promise<void> {
    const login = await this.entry.proxy(appRequest(`${APP}/auth/login?returnTo=%2Fsettings`, this.app));
    this.app.store(login);
    const callback = await signInAtTenant(login.headers.get("location") ?? "", this.tenant, account);
    const done = await this.entry.proxy(appRequest(callback.toString(), this.app));
    this.app.store(done);
    // The SDK splits a large session into __session__0, __session__1, …
    if (!this.app.get(this.sessionCookie) && !this.app.get(`${this.sessionCookie}__0`)) throw new Error(`signing in as ${account.email} did not create a session`);
  }

  /** Clicks "Link …" on Settings: POST /link/start from the app's own origin. */
  async startLink(connection: string, extra: Record<string, string> = {}): Promise<NextResponse> {
    const response = await this.entry.linkStart(
      appRequest(`${APP}/link/start`, this.app, {
        method: "POST",
        headers: { origin: APP, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ connection, ...extra }).toString(),
      }),
    );
    this.app.store(response);
    return response;
  }

  /** Follows a redirect to the tenant, signs in there as `account`, and returns the redirect back to the app. */
  async signInAtTenant(authorizeUrl: string, account?: { email: string; connection: string }): Promise<URL> {
    return signInAtTenant(authorizeUrl, this.tenant, account);
  }

  /** Opens the link callback URL in this browser. */
  async openCallback(url: string | URL): Promise<NextResponse> {
    const response = await this.entry.linkCallback(appRequest(url.toString(), this.app));
    this.app.store(response);
    return response;
  }

  /** The whole link: start, second login as `account`, callback. Returns the callback's redirect. */
  async link(connection: string, account: { email: string; connection: string }): Promise<URL> {
    const start = await this.startLink(connection);
    const back = await this.signInAtTenant(start.headers.get("location") ?? "", account);
    const done = await this.openCallback(back);
    return new URL(done.headers.get("location") ?? "");
  }

  /** Confirms "Unlink …" on Settings: POST /link/unlink from the app's own origin. */
  async unlink(identity: string, origin: string | null = APP): Promise<NextResponse> {
    const response = await this.entry.unlink(
      appRequest(`${APP}/link/unlink`, this.app, {
        method: "POST",
        headers: { ...(origin === null ? {} : { origin }), "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ identity }).toString(),
      }),
    );
    this.app.store(response);
    return response;
  }
}
