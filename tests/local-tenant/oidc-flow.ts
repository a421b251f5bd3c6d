/**
 * Test helpers for the local tenant's OIDC face: they drive it as a browser
 * and an application would, with real `fetch` calls (intercepted by msw),
 * the single sign-on cookie carried by hand, and the login page's HTML parsed
 * for its forms.
 */
import { createHash, randomBytes } from "node:crypto";
import { setupServer } from "msw/node";
import { createLocalTenantHandlers, LOCAL_APP_CLIENT, LocalTenant, type LocalTenantOptions } from "@/lib/local-tenant";

/** Origin of the tenant under test (the default `baseUrl`). */
export const TENANT = "http://localhost:4010";
/** The seeded app's primary login callback. */
export const CALLBACK = "http://localhost:3000/auth/callback";
/** The seeded app's second registered callback (the secondary login's). */
export const LINK_CALLBACK = "http://localhost:3000/link/callback";
/** The tenant's single sign-on cookie, as a browser sees it. */
export const SSO_COOKIE = "localtenant_sso";
/** The scope the app asks for by default. */
export const DEFAULT_SCOPE = "openid profile email offline_access";

/** A fresh tenant per test, its handlers served by msw; unhandled requests fail the test. */
export function useLocalTenant(options: LocalTenantOptions = {}): { readonly tenant: LocalTenant } {
  const server = setupServer();
  const holder: { tenant?: LocalTenant } = {};
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  beforeEach(async () => {
    holder.tenant = await LocalTenant.create(options);
    server.resetHandlers(...createLocalTenantHandlers(holder.tenant));
  });
  afterAll(() => server.close());
  return {
    get tenant(): LocalTenant {
      if (!holder.tenant) throw new Error("The tenant exists only inside a test.");
      return holder.tenant;
    },
  };
}

/** A PKCE verifier and its S256 challenge, computed independently of the tenant. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

/** An `/authorize` URL with the app's defaults; `undefined` removes a parameter. */
export function authorizeUrl(params: Record<string, string | undefined> = {}): string {
  const defaults: Record<string, string | undefined> = {
    client_id: LOCAL_APP_CLIENT.clientId,
    redirect_uri: CALLBACK,
    response_type: "code",
    scope: DEFAULT_SCOPE,
    state: "state-123",
    nonce: "nonce-456",
    code_challenge: pkcePair().challenge,
    code_challenge_method: "S256",
  };
  const url = new URL(`${TENANT}/authorize`);
  for (const [name, value] of Object.entries({ ...defaults, ...params })) if (value !== undefined) url.searchParams.set(name, value);
  return url.toString();
}

/** A browser-like GET that does not follow redirects, optionally sending a `cookie` header. */
export function get(url: string, cookie?: string): Promise<Response> {
  return fetch(url, { redirect: "manual", headers: cookie === undefined ? {} : { cookie } });
}

/** A form POST (`application/x-www-form-urlencoded`) that does not follow redirects. */
export function postForm(url: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

function decode(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

/** One account button of the login page. */
export interface LoginPageAccount {
  readonly identity: string;
  /** The button's text: its accessible name. */
  readonly label: string;
  readonly autofocus: boolean;
}

/** What a browser would submit from the login page. */
export interface ParsedLoginPage {
  readonly action: string;
  readonly transaction: string;
  readonly accounts: LoginPageAccount[];
  /** Values of the new-account form's connection `<select>`. */
  readonly connections: string[];
}

/** Reads the login page's forms the way a browser would submit them. */
export function parseLoginPage(html: string): ParsedLoginPage {
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  const transaction = /<input type="hidden" name="transaction" value="([^"]+)">/.exec(html)?.[1];
  if (action === undefined || transaction === undefined) throw new Error(`Not a login page:\n${html}`);
  const accounts = [...html.matchAll(/<button type="submit" class="account" name="identity" value="([^"]+)"( autofocus)?>([^<]*)<\/button>/g)].map(
    (match) => ({ identity: decode(match[1] ?? ""), autofocus: match[2] !== undefined, label: decode(match[3] ?? "") }),
  );
  const select = /<select[^>]*name="connection">([\s\S]*?)<\/select>/.exec(html)?.[1] ?? "";
  const connections = [...select.matchAll(/<option value="([^"]+)"/g)].map((match) => decode(match[1] ?? ""));
  return { action: decode(action), transaction: decode(transaction), accounts, connections };
}

/** `name=value` of the single sign-on cookie a response sets, ready for a `cookie` header. */
export function ssoCookieFrom(response: Response): string | undefined {
  const set = response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${SSO_COOKIE}=`));
  return set?.split(";")[0];
}

/** The query parameters of a redirect's `Location`. */
export function query(response: Response): URLSearchParams {
  const location = response.headers.get("location");
  if (location === null) throw new Error(`Expected a redirect, got ${response.status}`);
  return new URL(location).searchParams;
}

/** What the application's callback receives after a login. */
export interface LoginResult {
  readonly code: string;
  readonly state: string | null;
  /** The SSO cookie (`name=value`) the login set, or the one carried when the login was silent. */
  readonly cookie: string | undefined;
  readonly verifier: string;
}

/**
 * Goes through `/authorize` and the login page, choosing `identity`
 * (`provider|user_id`), and returns the code the callback receives.
 */
export async function logIn(identity: string, params: Record<string, string | undefined> = {}): Promise<LoginResult> {
  const { verifier, challenge } = pkcePair();
  const page = await get(authorizeUrl({ code_challenge: challenge, ...params }));
  if (page.status !== 200) throw new Error(`Expected the login page, got ${page.status} ${page.headers.get("location") ?? ""}`);
  const form = parseLoginPage(await page.text());
  const answer = await postForm(`${TENANT}${form.action}`, { transaction: form.transaction, action: "login", identity });
  const callback = query(answer);
  const code = callback.get("code");
  if (answer.status !== 302 || code === null) throw new Error(`Login failed: ${answer.status} ${answer.headers.get("location") ?? ""}`);
  return { code, state: callback.get("state"), cookie: ssoCookieFrom(answer), verifier };
}

/** Exchanges a code at `/oauth/token`, authenticating by `client_secret_post` unless told otherwise. */
export function exchangeCode(
  code: string,
  verifier: string | undefined,
  options: { redirectUri?: string; auth?: "basic" | "post"; secret?: string } = {},
): Promise<Response> {
  const fields: Record<string, string> = { grant_type: "authorization_code", code, redirect_uri: options.redirectUri ?? CALLBACK };
  if (verifier !== undefined) fields["code_verifier"] = verifier;
  return tokenRequest(fields, options);
}

/** A `POST /oauth/token` with the app's (or the given) credentials. */
export function tokenRequest(
  fields: Record<string, string>,
  options: { auth?: "basic" | "post" | "none"; clientId?: string; secret?: string } = {},
): Promise<Response> {
  const clientId = options.clientId ?? LOCAL_APP_CLIENT.clientId;
  const secret = options.secret ?? LOCAL_APP_CLIENT.clientSecret;
  const headers: Record<string, string> = {};
  const body = { ...fields };
  if (options.auth === "basic") {
    headers["authorization"] = `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString("base64")}`;
  } else if (options.auth !== "none") {
    Object.assign(body, { client_id: clientId, client_secret: secret });
  }
  return postForm(`${TENANT}/oauth/token`, body, headers);
}
