/**
 * HTTP plumbing shared by the OIDC endpoints: answers in Auth0's shapes,
 * request parameters, client authentication and the single sign-on cookie.
 *
 * Answers are plain `Response`s, never msw's `HttpResponse`: msw stores the
 * `Set-Cookie` of an `HttpResponse` in one process-wide jar and replays it on
 * every later request, which would make every browser (and every test) share
 * one single sign-on session.
 */
import { timingSafeEqual } from "node:crypto";
import { isPublicClient } from "./model/clients";
import type { LocalTenant } from "./model/tenant";
import { HTML_HEADERS } from "./oidc-html";
import type { TenantClient } from "./types";

/**
 * Name of the tenant's single sign-on cookie. Cookies on `localhost` are
 * shared by every port, so it carries its own prefix and never collides with
 * the app's `__session` / `__txn_*` cookies.
 */
export const SSO_COOKIE_NAME = "localtenant_sso";

/** How long the single sign-on session lasts (Auth0's default absolute lifetime: 7 days). */
export const SSO_LIFETIME_SECONDS = 7 * 24 * 60 * 60;

/** An HTML page with the tenant's page headers. */
export function htmlResponse(html: string, status = 200, setCookie?: string): Response {
  const headers = new Headers(HTML_HEADERS);
  if (setCookie !== undefined) headers.append("set-cookie", setCookie);
  return new Response(html, { status, headers });
}

/** A JSON answer; token answers are never cached (RFC 6749 §5.1). */
export function jsonResponse(body: unknown, status = 200, extraHeaders: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", pragma: "no-cache", ...extraHeaders },
  });
}

/** An OAuth error body as Auth0's authentication API sends it: `{error, error_description}`. */
export function oauthError(status: number, error: string, description: string): Response {
  return jsonResponse({ error, error_description: description }, status);
}

/** A 302 to `location`, optionally setting a cookie. */
export function redirectResponse(location: string, setCookie?: string): Response {
  const headers = new Headers({ location, "cache-control": "no-store" });
  if (setCookie !== undefined) headers.append("set-cookie", setCookie);
  return new Response(null, { status: 302, headers });
}

/** `base` with `params` added to its query (existing query parameters are kept); `undefined` values are left out. */
export function withQuery(base: string, params: Record<string, string | undefined>): string {
  // Nothing to add: keep the registered URL byte for byte (URL parsing would add a trailing "/").
  if (Object.values(params).every((value) => value === undefined)) return base;
  const url = new URL(base);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
  // Spaces as %20 rather than "+", as Auth0 sends them: callbacks that decode with decodeURIComponent read them right.
  url.search = url.searchParams.toString().replace(/\+/g, "%20");
  return url.toString();
}

/**
 * The parameters of a POST: `application/x-www-form-urlencoded` (what the
 * OAuth spec requires) or JSON (which Auth0's `/oauth/token` also accepts).
 */
export async function readBodyParams(request: Request): Promise<URLSearchParams> {
  const type = request.headers.get("content-type") ?? "";
  const text = await request.text();
  if (!type.includes("json")) return new URLSearchParams(text);
  const params = new URLSearchParams();
  try {
    const body: unknown = JSON.parse(text);
    if (body && typeof body === "object") {
      for (const [name, value] of Object.entries(body)) {
        if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") params.set(name, String(value));
      }
    }
  } catch {
    // A malformed body is treated as an empty one: the missing parameters then answer.
  }
  return params;
}

/** A parameter, with an empty value treated as absent (as Auth0 does). */
export function param(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name);
  return value === null || value === "" ? undefined : value;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Authenticates the calling application by `client_secret_basic` (HTTP Basic,
 * URL-encoded id and secret, RFC 6749 §2.3.1) or `client_secret_post` (body
 * parameters), or a public client by its `client_id` alone. Returns `null` for a missing, unknown or wrong client: Auth0
 * then answers 401 `access_denied` / `Unauthorized` without saying which.
 */
export function authenticateClient(tenant: LocalTenant, request: Request, params: URLSearchParams): TenantClient | null {
  let clientId = param(params, "client_id");
  let secret = param(params, "client_secret");
  const authorization = request.headers.get("authorization");
  if (authorization?.toLowerCase().startsWith("basic ")) {
    const decoded = Buffer.from(authorization.slice(6).trim(), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return null;
    let basicId: string;
    try {
      basicId = decodeURIComponent(decoded.slice(0, colon));
      secret = decodeURIComponent(decoded.slice(colon + 1));
    } catch {
      return null;
    }
    // Two different client ids in one request is an attempt to confuse the server: refuse it.
    if (clientId !== undefined && clientId !== basicId) return null;
    clientId = basicId;
  }
  if (clientId === undefined) return null;
  const client = tenant.client(clientId);
  if (!client) return null;
  // A public client (token_endpoint_auth_method "none") sends its id alone; PKCE stands in for the secret.
  if (secret === undefined) return isPublicClient(client) && authorization === null ? client : null;
  return sameSecret(secret, client.client_secret) ? client : null;
}

/** The 401 Auth0 answers for a missing or wrong client secret. */
export function unauthorizedClient(): Response {
  return oauthError(401, "access_denied", "Unauthorized");
}

/** Whether `audience` names an API of the tenant: the Management API, a seeded API, or one a client holds a grant for. */
export function isKnownAudience(tenant: LocalTenant, audience: string): boolean {
  return tenant.apiAudiences.includes(audience) || tenant.clients.some((client) => audience in client.grants);
}

/** The value of cookie `name` in the request, or `undefined`. */
export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get("cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** `Set-Cookie` for a new single sign-on session. */
export function ssoCookie(sid: string): string {
  return `${SSO_COOKIE_NAME}=${sid}; Path=/; Max-Age=${SSO_LIFETIME_SECONDS}; HttpOnly; SameSite=Lax`;
}

/** `Set-Cookie` that removes the single sign-on cookie. */
export function clearedSsoCookie(): string {
  return `${SSO_COOKIE_NAME}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`;
}
