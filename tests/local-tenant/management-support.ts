/**
 * Shared set-up for the Management API tests: seeded ids, really signed
 * tokens, and a `call` that goes through `fetch` (msw answers it).
 */
import { setupServer, type SetupServer } from "msw/node";
import {
  createLocalTenantHandlers,
  LocalTenant,
  LOCAL_APP_CLIENT,
  LOCAL_M2M_CLIENT,
  type LocalTenantOptions,
  type ManagementErrorBody,
} from "@/lib/local-tenant";

export const OWNER = "auth0|65a000000000000000000001";
export const OWNER_GITHUB = "github|1000001";
export const OWNER_GOOGLE = "google-oauth2|100000000000000000001";
export const INTRUDER = "auth0|65a000000000000000000003";
export const INTRUDER_GITHUB = "github|1000002";

export const API = "http://localhost:4010/api/v2";

/** The scopes the app's primary login holds on the Management API. */
export const USER_SCOPES = "openid profile email read:current_user update:current_user_identities update:current_user_metadata";

/** `${API}/users/{id}{suffix}` with the id URL-encoded, as SDKs send it. */
export function userUrl(id: string, suffix = ""): string {
  return `${API}/users/${encodeURIComponent(id)}${suffix}`;
}

/** An msw server for this test file: unhandled requests fail, handlers reset after each test. */
export function useMswServer(): SetupServer {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/** A fresh tenant whose handlers answer through `server` for this test. */
export async function useTenant(server: SetupServer, options: LocalTenantOptions = {}): Promise<LocalTenant> {
  const tenant = await LocalTenant.create(options);
  server.use(...createLocalTenantHandlers(tenant));
  return tenant;
}

/** A user's access token for the Management API, issued to the app. */
export function userToken(tenant: LocalTenant, userId: string, scope = USER_SCOPES, lifetimeSeconds?: number): Promise<string> {
  return tenant.issueAccessToken({
    subject: userId,
    clientId: LOCAL_APP_CLIENT.clientId,
    audience: tenant.managementAudience,
    scope,
    ...(lifetimeSeconds === undefined ? {} : { lifetimeSeconds }),
  });
}

/** A machine-to-machine (client credentials) token for the Management API. */
export function m2mToken(tenant: LocalTenant, scope = "read:users update:users"): Promise<string> {
  return tenant.issueAccessToken({
    subject: `${LOCAL_M2M_CLIENT.clientId}@clients`,
    clientId: LOCAL_M2M_CLIENT.clientId,
    audience: tenant.managementAudience,
    scope,
    clientCredentials: true,
  });
}

/** The ID token of a login by `userId` through `clientId` (default: the app). */
export function idToken(tenant: LocalTenant, userId: string, clientId: string = LOCAL_APP_CLIENT.clientId): Promise<string> {
  return tenant.issueIdToken({
    userId,
    clientId,
    scope: "openid profile email",
    nonce: "nonce",
    authTime: tenant.nowSeconds(),
    sid: "sid-test",
  });
}

/** What a call answered. */
export interface Answer<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

/** Calls the Management API with `fetch`: `body` is sent as JSON, `rawBody` as is. */
export async function call<T = unknown>(
  method: string,
  url: string,
  options: { token?: string; authorization?: string; body?: unknown; rawBody?: string } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  const authorization = options.authorization ?? (options.token === undefined ? undefined : `Bearer ${options.token}`);
  if (authorization !== undefined) headers["authorization"] = authorization;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(url, { method, headers, ...(body === undefined ? {} : { body }) });
  return { status: response.status, body: (await response.json()) as T, headers: response.headers };
}

/** Auth0's error body. */
export function apiError(statusCode: number, error: string, message: string, errorCode?: string): ManagementErrorBody {
  return errorCode === undefined ? { statusCode, error, message } : { statusCode, error, message, errorCode };
}

export const INVALID_TOKEN = apiError(401, "Unauthorized", "Invalid token", "invalid_token");
export const SUBJECT_MISMATCH = apiError(403, "Forbidden", "User to be acted on does not match subject in bearer token.");

/** Auth0's 403 for a token holding none of the scopes. */
export function insufficientScope(scopes: string): ManagementErrorBody {
  return apiError(403, "Forbidden", `Insufficient scope, expected any of: ${scopes}`, "insufficient_scope");
}

/** Auth0's 400 for a body that breaks the schema. */
export function invalidBody(message: string): ManagementErrorBody {
  return apiError(400, "Bad Request", message, "invalid_body");
}
