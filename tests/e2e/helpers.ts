/**
 * What the browser tests do on the app's and the local tenant's pages, in the
 * words a person would use: sign in, link, unlink.
 */
import { expect, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { LOCAL_DEV_SECRET } from "../../scripts/local-dev-secret";

export interface Account {
  readonly email: string;
  readonly connection: string;
}

export const OWNER: Account = { email: "owner@example.com", connection: "Username-Password-Authentication" };
export const OWNER_GITHUB: Account = { email: "owner.github@example.com", connection: "github" };
export const OWNER_GOOGLE: Account = { email: "owner.google@example.com", connection: "google-oauth2" };

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The tenant's account chooser button for an account: its name holds the email and the connection. */
export function accountButton(email: string, connection: string): RegExp {
  return new RegExp(`^(?=.*${escape(email)})(?=.*\\(${escape(connection)}\\))`);
}

/** An email no other test (or earlier run against the same tenant) uses. */
export function freshEmail(label: string): string {
  return `${label}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;
}

/** On the tenant's login page, chooses an existing account. */
export async function chooseAccount(page: Page, account: Account): Promise<void> {
  await expect(page).toHaveURL(/\/authorize\?/);
  await page.getByRole("button", { name: accountButton(account.email, account.connection) }).click();
}

/**
 * On the tenant's login page, creates a new account and signs in with it: on `connection` when given
 * (e.g. "github"), otherwise on the connection the page offers first (the one the app asked for, or
 * Email and password).
 */
export async function createAccount(page: Page, email: string, name?: string, connection?: string): Promise<void> {
  await expect(page).toHaveURL(/\/authorize\?/);
  const form = page.getByRole("form", { name: "Create a new account" });
  await form.getByLabel("Email", { exact: true }).fill(email);
  if (name !== undefined) await form.getByLabel("Name (optional)").fill(name);
  if (connection !== undefined) await form.getByLabel("Connection").selectOption(connection);
  await form.getByRole("button", { name: "Create account and continue" }).click();
}

/** Signs out of the app and of the tenant's single sign-on, as the header's "Sign out" link does; ends on the home page. */
export async function signOut(page: Page): Promise<void> {
  await page.goto("/auth/logout");
  await expect(page).toHaveURL("/");
}

/**
 * A clean pair for the link at sign-in: a new Email-and-password account with a fresh
 * email (signed up from the home page's "Sign in", so it never opens Settings, whose
 * suggestion look-up would keep "nothing to suggest" for 5 minutes), then, signed out,
 * a new GitHub account with the same verified email, created from Settings' sign-in.
 * The GitHub account is the newer one, so the app answers its sign-in with "You already
 * have an account"; the page is left there. Returns the email.
 */
export async function signInWithNewGitHubAccountOfExistingEmail(page: Page, label: string, name: string): Promise<string> {
  const email = freshEmail(label);
  // The home page's "Sign in" link, in any language.
  await page.goto("/auth/login");
  await createAccount(page, email, name);
  await expect(page).toHaveURL("/");
  await signOut(page);
  await page.goto("/settings");
  await createAccount(page, email, `${name} (GitHub)`, "github");
  return email;
}

/** Opens Settings signed out, signs in on the tenant, and lands back on Settings. */
export async function signInToSettings(page: Page, sign: (page: Page) => Promise<void>): Promise<void> {
  await page.goto("/settings");
  await sign(page);
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole("heading", { name: "Linked accounts" })).toBeVisible();
}

/** The words the helpers find Settings' parts by, in one language. */
export interface SettingsWords {
  /** The primary sign-in's badge. */
  readonly primary: string;
  /** The accessible name of a row's Unlink button (and of the confirmation's). */
  readonly unlinkButton: RegExp;
  /** The accessible name of the confirmation panel. */
  readonly confirmation: RegExp;
}

/** Settings in English, the default. */
export const ENGLISH: SettingsWords = { primary: "Primary", unlinkButton: /^Unlink /, confirmation: /^Unlink .*\?$/ };
/** Settings in German (a browser with the de-DE locale). */
export const GERMAN: SettingsWords = { primary: "Hauptanmeldung", unlinkButton: /^Trennen: /, confirmation: / trennen\?$/ };

/** The Linked accounts list (the one list with the primary identity). */
export function identityList(page: Page, words: SettingsWords = ENGLISH): Locator {
  return page.getByRole("main").getByRole("list").filter({ hasText: words.primary });
}

/** The success region; always present, empty when there is nothing to report. */
export function statusRegion(page: Page): Locator {
  return page.getByRole("main").getByRole("status");
}

/** The failure region, present only after a failure. */
export function alertRegion(page: Page): Locator {
  return page.getByRole("main").getByRole("alert");
}

/**
 * "Link GitHub", exactly: Playwright matches names by substring, and
 * "Unlink GitHub owner.github@example.com" contains "link GitHub".
 */
export function linkButton(page: Page, connectionName: string): Locator {
  return page.getByRole("button", { name: `Link ${connectionName}`, exact: true });
}

/** Unlinks a listed account through the confirmation: "Unlink GitHub owner.github@example.com", then the confirm button. */
export async function unlink(page: Page, connectionName: string, account: string): Promise<void> {
  const name = `Unlink ${connectionName} ${account}`;
  await identityList(page).getByRole("button", { name, exact: true }).click();
  const confirmation = page.getByRole("region", { name: `${name}?` });
  await expect(confirmation).toBeVisible();
  await confirmation.getByRole("button", { name, exact: true }).click();
  await expect(page).toHaveURL(/\/settings\?unlink=/);
}

/** Best-effort clean-up: unlinks every secondary identity still listed, so other tests meet the seeded state. */
export async function unlinkEverySecondary(page: Page, words: SettingsWords = ENGLISH): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    await page.goto("/settings");
    const trigger = identityList(page, words).getByRole("button", { name: words.unlinkButton }).first();
    if ((await trigger.count()) === 0) return;
    await trigger.click();
    await page.getByRole("region", { name: words.confirmation }).getByRole("button", { name: words.unlinkButton }).click();
    await page.waitForURL(/\/settings\?unlink=/);
  }
}

/** The app's AUTH0_SECRET in the browser tests: `scripts/dev.ts --local-tenant` (playwright.config.ts's web server) always sets it. */
const E2E_APP_SECRET = LOCAL_DEV_SECRET;

/** The SDK's session cookie name (the app keeps the default) and its chunks (`__session__0`, …). */
const SESSION_COOKIE = "__session";

function isSessionCookie(name: string): boolean {
  return name === SESSION_COOKIE || name.startsWith(`${SESSION_COOKIE}__`);
}

/**
 * Makes the browser's primary sign-in `minutes` older than it is, as if the
 * person had signed in that long ago: the SDK's own helpers read the
 * session cookie (`Auth0Client.getSession`, with the app's secret), move its
 * `user.auth_time` back, and write it again (`generateSessionCookie`, the
 * SDK's testing helper). Everything else in the session (tokens, `sid`,
 * `createdAt`) stays as the sign-in left it. Returns the new `auth_time`.
 *
 * The server's clock is real, so this is the one thing that differs from a
 * person who waited: the session's record of when they signed in.
 */
export async function ageSignIn(context: BrowserContext, baseURL: string, minutes: number): Promise<number> {
  const cookies = await context.cookies(baseURL);
  const session = cookies.filter((cookie) => isSessionCookie(cookie.name));
  if (session.length === 0) throw new Error("ageSignIn: the browser has no session cookie: sign in first");
  // Loaded here, not at the top, so the specs that never age a sign-in do not load the SDK and Next.js.
  const { Auth0Client } = await import("@auth0/nextjs-auth0/server");
  const { generateSessionCookie } = await import("@auth0/nextjs-auth0/testing");
  const { NextRequest } = await import("next/server.js");
  // Reading a session needs only the secret: the domain and client are never contacted.
  const reader = new Auth0Client({
    domain: "http://localhost:1",
    clientId: "unused",
    clientSecret: "unused",
    secret: E2E_APP_SECRET,
    appBaseUrl: baseURL,
    allowInsecureRequests: true,
  });
  const header = session.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
  const read = await reader.getSession(new NextRequest(new URL("/settings", baseURL), { headers: { cookie: header } }));
  if (!read) throw new Error("ageSignIn: the session cookie does not decrypt with scripts/dev.ts's LOCAL_DEV_SECRET: did the e2e app's AUTH0_SECRET change?");
  const authTime = read.user["auth_time"];
  if (typeof authTime !== "number") throw new Error("ageSignIn: the session has no numeric user.auth_time");
  const { exp: _exp, ...payload } = read as typeof read & { exp?: number };
  const older = authTime - minutes * 60;
  const value = await generateSessionCookie({ ...payload, user: { ...payload.user, auth_time: older } }, { secret: E2E_APP_SECRET });
  if (value.length > 4000) throw new Error("ageSignIn: the rewritten session is too large for one cookie");
  await context.clearCookies({ name: new RegExp(`^${SESSION_COOKIE}(__\\d+)?$`) });
  const [first] = session;
  await context.addCookies([
    {
      name: SESSION_COOKIE,
      value,
      domain: first?.domain ?? "localhost",
      path: first?.path ?? "/",
      httpOnly: true,
      secure: first?.secure ?? false,
      sameSite: first?.sameSite ?? "Lax",
      expires: first?.expires ?? -1,
    },
  ]);
  return older;
}

/** The seeded database connection's name ("Email and password" on the tenant's pages). */
export const EMAIL_AND_PASSWORD = "Username-Password-Authentication";

/**
 * The tenant's login page asks `email` for a fresh sign-in (`max_age=0`,
 * `login_hint`) on Email and password only: what a link's check of the
 * primary, or the link at sign-in's proof of the existing account, looks like.
 */
export async function expectFreshSignInWithPasswordAs(page: Page, email: string): Promise<void> {
  await expect(page).toHaveURL(/\/authorize\?/);
  const authorize = new URL(page.url());
  expect(authorize.searchParams.get("connection")).toBe(EMAIL_AND_PASSWORD);
  expect(authorize.searchParams.get("max_age")).toBe("0");
  expect(authorize.searchParams.get("login_hint")).toBe(email);
  await expect(page.getByText("to continue to")).toContainText("with Email and password");
}
