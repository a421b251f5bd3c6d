/**
 * What the session memo, the token-fresh hint and the roll marker learn from
 * the app's SDK client (lib/session/sdk-config.ts), over real `Auth0Client`s of
 * the installed SDK: if an upgrade moves what this reads, these fail (and the
 * memo and hint turn themselves off meanwhile).
 */
import { Auth0Client } from "@auth0/nextjs-auth0/server";
import type { SessionData } from "@auth0/nextjs-auth0/types";
import { sdkClient } from "../support/sdk-client";
import { NextRequest, NextResponse } from "next/server";
import { TOKEN_FRESH_COOKIE, refreshAccessTokenForPages } from "@/lib/session/token-refresh";
import { sdkCallbackPath, sdkSessionConfig } from "@/lib/session/sdk-config";
import { sessionCookieDigest } from "@/lib/session/cookie";


const statefulStore = { get: async () => null, set: async () => undefined, delete: async () => undefined };

describe("reading the session configuration off the app's SDK client", () => {
  it("finds the SDK's default cookie name and lets the memo keep a stateless session", () => {
    expect(sdkSessionConfig(sdkClient())).toEqual({ cookieName: "__session", cookieOnly: true });
  });

  it("finds a custom session.cookie.name such as __Host-session", () => {
    expect(sdkSessionConfig(sdkClient({ session: { cookie: { name: "__Host-session" } } }))).toEqual({ cookieName: "__Host-session", cookieOnly: true });
  });

  it("never lets the memo stand in for a stateful sessionStore, whose sessions can change or vanish behind the cookie", () => {
    expect(sdkSessionConfig(sdkClient({ sessionStore: statefulStore, session: { cookie: { name: "__Host-session" } } }))).toEqual({
      cookieName: "__Host-session",
      cookieOnly: false,
    });
  });

  it("never lets the memo stand in for a domain resolver, which checks each session against the request's host", () => {
    expect(sdkSessionConfig(sdkClient({ domain: async () => "tenant.example.com" }))).toEqual({ cookieName: "__session", cookieOnly: false });
  });

  it("never lets the memo stand in for a getSession the app overrode", () => {
    class CheckingClient extends Auth0Client {
      // e.g. an app that also checks its own revocation list
      override getSession: Auth0Client["getSession"] = async (request?: Parameters<Auth0Client["getSession"]>[0]): Promise<SessionData | null> =>
        request === undefined ? super.getSession() : super.getSession(request);
    }
    const client = new CheckingClient({ domain: "tenant.example.com", clientId: "c", clientSecret: "s", secret: "a-unit-test-secret-of-at-least-32-characters", appBaseUrl: "https://app.example.com" });
    expect(sdkSessionConfig(client).cookieOnly).toBe(false);
  });

  it("never lets the memo stand in for a name the SDK would match as a pattern (its chunks are found by an unescaped regex)", () => {
    expect(sdkSessionConfig(sdkClient({ session: { cookie: { name: "app.session" } } }))).toEqual({ cookieName: "app.session", cookieOnly: false });
  });

  const noSession = async (): Promise<SessionData | null> => null;
  it.each([
    ["a stand-in with getSession only", { getSession: noSession }],
    ["a store without a cookie name", { sessionStore: {}, getSession: noSession }],
    ["nothing at all", undefined],
  ])("knows nothing about %s", (_case, client) => {
    expect(sdkSessionConfig(client)).toEqual({ cookieName: null, cookieOnly: false });
  });
});

describe("the token check for a client whose cookie name cannot be read", () => {
  it("checks the token on every view, trusting no hint and setting none", async () => {
    const now = Date.now();
    const value = "v1";
    const digest = sessionCookieDigest({ cookies: { getAll: () => [{ name: "__session", value }] } }, "__session");
    const near = { user: { sub: "a" }, tokenSet: { accessToken: "at", expiresAt: Math.floor(now / 1000) + 30 }, internal: { sid: "a", createdAt: 0 } } as SessionData;
    const auth0 = { getSession: jest.fn(async () => near), getAccessToken: jest.fn(async () => ({ token: "renewed" })) };
    const request = new NextRequest("https://app.example.com/settings", { headers: { cookie: `__session=${value}; ${TOKEN_FRESH_COOKIE}=9999999999.${digest}` } });
    const logger = { info: jest.fn(), warn: jest.fn(), error: jest.fn() };

    const response = await refreshAccessTokenForPages(request, NextResponse.next(), { auth0, pages: ["/settings"], logger, now: () => now });

    expect(auth0.getAccessToken).toHaveBeenCalledTimes(1);
    expect(response.cookies.get(TOKEN_FRESH_COOKIE)).toBeUndefined();
  });
});

describe("reading the SDK client's callback route (where the link at sign-in sees a sign-in end)", () => {
  it("finds the default /auth/callback", () => {
    expect(sdkCallbackPath(sdkClient())).toBe("/auth/callback");
  });

  it("finds an app's own routes.callback", () => {
    expect(sdkCallbackPath(sdkClient({ routes: { callback: "/api/auth/callback" } }))).toBe("/api/auth/callback");
  });

  it("falls back to the default for anything it does not recognise", () => {
    expect(sdkCallbackPath({})).toBe("/auth/callback");
    expect(sdkCallbackPath({ routes: { callback: "//evil.example/cb" } })).toBe("/auth/callback");
    expect(sdkCallbackPath(null)).toBe("/auth/callback");
  });
});
