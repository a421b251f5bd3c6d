/**
 * Helpers for the linking flow tests: a freshly started app per test, the
 * outcome a redirect carries, the sentence Settings shows for it, the
 * transaction cookies in a browser, and the tenant's side of things.
 *
 * Nothing here replaces the app's behaviour: the app's code runs as it does in
 * production, msw serves the local tenant, and these helpers only read what
 * came back or act as a browser (or its user) would.
 */
import { forgetProcessUserCache } from "@/lib/management/user-cache";
import { forgetProcessSuggestionCache } from "@/lib/settings/suggestion-cache";
import { forgetProcessSessionRevocations } from "@/lib/session/revocations";
import { hkdfSync } from "node:crypto";
import { sealData, unsealData } from "iron-session";
import type { SessionData } from "@auth0/nextjs-auth0/types";
import type { LocalTenant } from "@/lib/local-tenant";
import { readSettingsNotice, type SettingsNotice } from "@/lib/linking";
import type { LinkTransaction } from "@/lib/linking/transaction";
import type { Identity, ManagementResult, ManagementUser } from "@/lib/management/types";
import { loadLinkedAccounts } from "@/lib/settings/load-linked-accounts";
import type { Services } from "@/lib/setup/services";
import type { NextRequest } from "next/server";
import { APP, Person, loadApp, loadedAppServices, type App } from "./app";
import { appRequest, type CookieJar } from "./browser";

/** Prefix of the linking transaction cookies (`__link_txn_{state}`). */
export const TRANSACTION_COOKIE_PREFIX = "__link_txn_";

/** The app as a freshly started process would run it, and browsers to use it with. */
export interface RunningApp {
  /** The route handlers and proxy. */
  app(): App;
  /** A new person with an empty browser, using this app. */
  person(): Person;
  /** A request to the app carrying a jar's cookies (what a browser sends). */
  request(url: string, jar: CookieJar, init?: { method?: string; headers?: Record<string, string>; body?: string }): NextRequest;
  /** The same process's services (session reads, as Settings does them). */
  services(): Services;
  /** `next/server` as the app's modules see it (for the SDK's `updateSession`, which wants its own `NextResponse`). */
  nextServer(): typeof import("next/server");
}

/**
 * What a fresh process starts without: the caches and session marks that live
 * on globalThis (one per process, shared by every test file of a jest worker).
 */
export function forgetProcessState(): void {
  forgetProcessUserCache();
  forgetProcessSuggestionCache();
  forgetProcessSessionRevocations();
}

/**
 * Starts the app afresh for each test, with `env` on top of what `npm run dev`
 * sets: its modules load in a registry of their own, so each test gets new
 * services, JWKS cache and replay guard.
 *
 * Why per test: {@link useLocalTenant} creates a tenant with new signing keys
 * for each test, while the app caches the tenant's JWKS and, like any client
 * honouring jose's cooldown, refetches it on an unknown `kid` at most every
 * 30 s. An app kept across tests would refuse the second test's ID tokens.
 *
 * A bonus that matters: requests are built with the test's `NextRequest`
 * class, which is not the one the app's SDK imports. That is what `next dev`
 * does too (the SDK then re-creates each request it is given), so flow tests
 * see the same request handling as the running app.
 */
export function useApp(env: Record<string, string> = {}): RunningApp {
  let current: { app: App; services: Services; nextServer: typeof import("next/server") } | undefined;
  beforeEach(async () => {
    // A fresh app starts without another test's caches or "sessions valid after" marks.
    forgetProcessState();
    await jest.isolateModulesAsync(async () => {
      const app = await loadApp(env);
      const nextServer = await import("next/server");
      current = { app, services: await loadedAppServices(), nextServer };
    });
  });
  const get = (): NonNullable<typeof current> => {
    if (!current) throw new Error("the app is started in beforeEach");
    return current;
  };
  return {
    app: () => get().app,
    person: () => new Person(get().app),
    request: (url, jar, init) => appRequest(url, jar, init),
    services: () => get().services,
    nextServer: () => get().nextServer,
  };
}

// ---------------------------------------------------------------- what the app answered

/** Where a redirect of ours leads, and the outcome it carries. */
export interface Redirect {
  readonly url: URL;
  readonly status: number;
  /** `origin + pathname` */
  readonly target: string;
  /** The query, as an object (`link`, `unlink`, `identity`, `retry`, …). */
  readonly params: Readonly<Record<string, string>>;
}

/** Reads a redirect response (or a URL already followed). */
export function redirectOf(response: Response | URL): Redirect {
  const url = response instanceof URL ? response : new URL(response.headers.get("location") ?? "about:blank");
  return {
    url,
    status: response instanceof URL ? 303 : response.status,
    target: `${url.origin}${url.pathname}`,
    params: Object.fromEntries(url.searchParams),
  };
}

/** `Set-Cookie` lines of a response whose cookie name starts with `prefix`. */
export function setCookies(response: Response, prefix: string): string[] {
  return response.headers.getSetCookie().filter((line) => line.startsWith(prefix));
}

// ---------------------------------------------------------------- the tenant's state

/** A user's identities as `provider|user_id`, primary first; `undefined` when the root user does not exist. */
export function identityIdsOf(tenant: LocalTenant, userId: string): string[] | undefined {
  return tenant.getUser(userId)?.identities.map((identity) => `${identity.provider}|${identity.user_id}`);
}

/** A user's identities as the Management API answers them (what Settings lists). */
export function identitiesOf(tenant: LocalTenant, userId: string): Identity[] {
  return tenant.getUser(userId)?.identities ?? [];
}

/** The Management API calls on `…/identities` the tenant answered (links and unlinks). */
export function identityCalls(tenant: LocalTenant): { method: string; path: string; status: number }[] {
  return tenant.requestLog.filter((entry) => /\/identities(\/|$)/.test(entry.path)).map((entry) => ({ ...entry }));
}

/** The sentence Settings shows for `redirect`, read against `userId`'s identities as the tenant now holds them. */
export function noticeFor(redirect: Redirect | URL, tenant: LocalTenant, userId: string): SettingsNotice | null {
  const params = redirect instanceof URL ? Object.fromEntries(redirect.searchParams) : redirect.params;
  return readSettingsNotice(params, identitiesOf(tenant, userId));
}

// ---------------------------------------------------------------- the browser

/** Names of the linking transaction cookies in a jar. */
export function transactionCookieNames(jar: CookieJar): string[] {
  return jar.names().filter((name) => name.startsWith(TRANSACTION_COOKIE_PREFIX));
}

/** Puts a cookie into a jar, as a browser extension or a person with dev tools could. */
export function putCookie(jar: CookieJar, name: string, value: string): void {
  jar.store(new Response(null, { headers: { "set-cookie": `${name}=${value}; Path=/` } }));
}

/** The `state` an authorize URL (our start redirect) carries. */
export function stateOf(authorizeUrl: string | URL): string {
  const state = new URL(authorizeUrl).searchParams.get("state");
  if (!state) throw new Error(`no state in ${authorizeUrl.toString()}`);
  return state;
}

/** Opens the tenant's `/authorize` URL in a browser with `tenantJar`: the login page (200) or a redirect (302). */
export async function openAuthorize(authorizeUrl: string | URL, tenantJar: CookieJar): Promise<Response> {
  const page = await fetch(authorizeUrl, { redirect: "manual", headers: { cookie: tenantJar.header() } });
  tenantJar.store(page);
  return page;
}

/** Opens the tenant's login page and presses Cancel. Returns the tenant's redirect back to the app. */
export async function cancelAtTenant(authorizeUrl: string | URL, tenantJar: CookieJar): Promise<URL> {
  const page = await openAuthorize(authorizeUrl, tenantJar);
  const html = await page.text();
  const transaction = /name="transaction" value="([^"]+)"/.exec(html)?.[1];
  if (page.status !== 200 || !transaction) throw new Error(`the tenant did not show its login page (${page.status})`);
  const answer = await fetch(new URL("/u/login", authorizeUrl), {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: tenantJar.header() },
    body: new URLSearchParams({ transaction, action: "cancel" }).toString(),
  });
  tenantJar.store(answer);
  return new URL(answer.headers.get("location") ?? "", authorizeUrl);
}

// ---------------------------------------------------------------- the transaction cookie

/**
 * The key the app seals transactions with: HKDF-SHA256 of AUTH0_SECRET, as
 * lib/setup/services.ts derives it. Tests that open the app's own cookies with it
 * prove the derivation matches.
 */
export function appTransactionSecret(): string {
  const secret = process.env["AUTH0_SECRET"];
  if (!secret) throw new Error("AUTH0_SECRET is set by loadApp");
  return Buffer.from(hkdfSync("sha256", secret, "", "account-linking transaction cookie", 32)).toString("hex");
}

/** Opens a transaction cookie with `secret` (default: the app's). */
export function openTransaction(sealed: string, secret = appTransactionSecret()): Promise<LinkTransaction> {
  return unsealData<LinkTransaction>(sealed, { password: secret, ttl: 660 });
}

/** Seals a transaction into its cookie value with `secret` (default: the app's). */
export function sealTransactionValue(transaction: LinkTransaction, secret = appTransactionSecret()): Promise<string> {
  return sealData(transaction, { password: secret, ttl: 660 });
}

// ---------------------------------------------------------------- the primary session

/** The app session a browser holds, read by the app's own SDK client (as Settings reads it). */
export function sessionOf(running: RunningApp, jar: CookieJar): Promise<SessionData | null> {
  return running.services().auth0.getSession(running.request(`${APP}/settings`, jar));
}

/**
 * Settings' read of the signed-in person, as the page makes it: loadLinkedAccounts
 * with the app's own services (the user's token, or the machine token in
 * server-side mode, and the Settings cache) for the session's own `sub`.
 */
export async function settingsRead(running: RunningApp, person: Person): Promise<ManagementResult<ManagementUser>> {
  const session = await sessionOf(running, person.app);
  if (!session) throw new Error("the person is not signed in");
  const { management, userCache, logger, managementAccess } = running.services();
  return loadLinkedAccounts({ management, userCache, logger, access: managementAccess, accessToken: async () => session.tokenSet.accessToken }, session.user.sub);
}

/**
 * Rewrites a person's app session with the SDK's own `updateSession`, e.g.
 * to make it what it would be a day later (its access token expired).
 */
export async function rewriteSession(running: RunningApp, person: Person, change: (session: SessionData) => SessionData): Promise<void> {
  const session = await sessionOf(running, person.app);
  if (!session) throw new Error("the person is not signed in");
  const response = new (running.nextServer().NextResponse)();
  await running.services().auth0.updateSession(running.request(`${APP}/settings`, person.app), response, change(session));
  person.app.store(response);
}
