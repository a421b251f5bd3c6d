/**
 * Management API face of the local tenant (`/api/v2/…`):
 * - `GET    /api/v2/users/{id}`                                  read a user (`fields`, `include_fields`)
 * - `GET    /api/v2/users-by-email?email=…`                      users with that email
 * - `PATCH  /api/v2/users/{id}`                                  merge metadata
 * - `POST   /api/v2/users/{id}/identities`                       link (`link_with` or `provider`/`user_id`)
 * - `DELETE /api/v2/users/{id}/identities/{provider}/{user_id}`  unlink
 * - `GET    /api/v2/connections?name=…&strategy=…`               connections (`fields`, `include_fields`)
 * - `GET    /api/v2/users/{id}/sessions`, `DELETE` the same      a user's single sign-on sessions
 * - `GET    /api/v2/users/{id}/refresh-tokens`, `DELETE` the same  a user's refresh tokens
 *
 * Every answer, error or not, takes a token from the tenant's rate-limit bucket
 * first, carries the `X-RateLimit-*` headers, and is written to `tenant.requestLog`.
 *
 * @see https://auth0.com/docs/api/management/v2/users
 */
import { http, HttpResponse, type HttpHandler, type PathParams } from "msw";
import { TenantApiError } from "./errors";
import { faultNoteOf } from "./faults";
import { authenticateManagementCall, requireAnyScope, requireUserAccess } from "./management-auth";
import { linkAccounts } from "./management-link";
import { parseLinkRequest, parseUserPatch, queryError, readJsonObject } from "./management-payload";
import type { LocalTenant } from "./model/tenant";
import type { TenantUser } from "./types";

/** What an endpoint answers when it succeeds. */
interface Answer {
  readonly status: number;
  readonly body: unknown;
}

type Endpoint = (request: Request, params: PathParams) => Promise<Answer>;

/** A path parameter, already percent-decoded once by msw (ids such as `auth0|…` arrive as `auth0%7C…`). */
function param(params: PathParams, name: string): string {
  const value = params[name];
  if (typeof value !== "string") throw new TenantApiError(404, "Not Found");
  return value;
}

/** The path of `url` without its query, percent-decoded (as the request log keeps it). */
export function decodedPath(url: string): string {
  const { pathname } = new URL(url);
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

/** Auth0's `fields` / `include_fields` projection of a user. */
function project(user: TenantUser, url: URL): Partial<TenantUser> {
  return projectFields(user, url);
}

/** Auth0's `fields` / `include_fields` projection of an answer's object. */
function projectFields<T extends object>(value: T, url: URL): Partial<T> {
  const fields = (url.searchParams.get("fields") ?? "")
    .split(",")
    .map((field) => field.trim())
    .filter(Boolean);
  if (fields.length === 0) return value;
  const include = url.searchParams.get("include_fields") !== "false";
  const entries = Object.entries(value).filter(([key]) => fields.includes(key) === include);
  return Object.fromEntries(entries) as Partial<T>;
}

/**
 * Wraps an endpoint with what every Management API answer shares: the rate
 * limit (taken before authentication, as Auth0 counts refused calls too), the
 * `X-RateLimit-*` headers, Auth0's error body, and the request log (with
 * the injected fault, when one acts after the answer: see `faults-http.ts`).
 */
function answering(tenant: LocalTenant, endpoint: Endpoint) {
  return async ({ request, params }: { request: Request; params: PathParams }): Promise<Response> => {
    const rate = tenant.takeRateLimitToken();
    const headers = new Headers({
      "X-RateLimit-Limit": String(rate.limit),
      "X-RateLimit-Remaining": String(rate.remaining),
      "X-RateLimit-Reset": String(rate.reset),
    });
    let answer: Answer;
    if (!rate.allowed) {
      headers.set("Retry-After", String(rate.retryAfter));
      answer = { status: 429, body: new TenantApiError(429, "Global limit has been reached", "too_many_requests").toBody() };
    } else {
      try {
        answer = await endpoint(request, params);
      } catch (error) {
        const apiError = error instanceof TenantApiError ? error : new TenantApiError(500, "Internal error");
        answer = { status: apiError.statusCode, body: apiError.toBody() };
      }
    }
    tenant.requestLog.push({ method: request.method.toUpperCase(), path: decodedPath(request.url), status: answer.status, ...faultNoteOf(request) });
    if (answer.body === undefined) return new HttpResponse(null, { status: answer.status, headers });
    headers.set("Content-Type", "application/json; charset=utf-8");
    return new HttpResponse(JSON.stringify(answer.body), { status: answer.status, headers });
  };
}

/**
 * msw handlers for the tenant's Management API, bound to `tenant.baseUrl`.
 * Unknown `/api/v2/…` routes answer Auth0's 404 body.
 *
 * Errors, in Auth0's body shape `{statusCode, error, message, errorCode}`:
 * 401 `invalid_token` (missing, malformed, foreign, expired or wrong-audience bearer),
 * 403 `insufficient_scope` or "User to be acted on does not match subject in bearer token.",
 * 400 `invalid_body` / `invalid_query_string`, 404 `inexistent_user`, 409 on an identity linked elsewhere,
 * 429 `too_many_requests` with `Retry-After`.
 */
export function managementApiHandlers(tenant: LocalTenant): HttpHandler[] {
  const api = `${tenant.baseUrl}/api/v2`;

  const getUser: Endpoint = async (request, params) => {
    const caller = await authenticateManagementCall(tenant, request);
    const id = param(params, "id");
    requireUserAccess(caller, id, "read:users", ["read:current_user"]);
    const user = tenant.getUser(id);
    if (!user) throw new TenantApiError(404, "The user does not exist.", "inexistent_user");
    return { status: 200, body: project(user, new URL(request.url)) };
  };

  const usersByEmail: Endpoint = async (request) => {
    const caller = await authenticateManagementCall(tenant, request);
    requireAnyScope(caller, ["read:users"]);
    const url = new URL(request.url);
    const email = url.searchParams.get("email");
    if (email === null) throw queryError("Missing required property: email");
    if (email === "") throw queryError("String is too short (0 chars), minimum 1", "email");
    // Auth0 matches the address exactly, case included (it stores its own users' emails in lower case).
    const users = tenant.usersByEmail(email);
    return { status: 200, body: users.map((user) => project(user, url)) };
  };

  const patchUser: Endpoint = async (request, params) => {
    const caller = await authenticateManagementCall(tenant, request);
    const id = param(params, "id");
    const admin = requireUserAccess(caller, id, "update:users", ["update:current_user_metadata", "create:current_user_metadata"]);
    const patch = parseUserPatch(await readJsonObject(request));
    // A user's own token may write user_metadata only; everything else needs update:users.
    if (!admin && Object.keys(patch).some((key) => key !== "user_metadata")) {
      requireAnyScope(caller, ["update:users"]);
    }
    return { status: 200, body: tenant.updateUser(id, patch) };
  };

  const link: Endpoint = async (request, params) => {
    const caller = await authenticateManagementCall(tenant, request);
    const id = param(params, "id");
    requireUserAccess(caller, id, "update:users", ["update:current_user_identities"]);
    const linkRequest = parseLinkRequest(await readJsonObject(request));
    return { status: 201, body: await linkAccounts(tenant, caller, id, linkRequest) };
  };

  const unlink: Endpoint = async (request, params) => {
    const caller = await authenticateManagementCall(tenant, request);
    const id = param(params, "id");
    requireUserAccess(caller, id, "update:users", ["update:current_user_identities"]);
    return { status: 200, body: tenant.unlinkIdentity(id, param(params, "provider"), param(params, "user_id")) };
  };

  // Auth0 answers the connections list with `read:connections`, filtered by `name` and `strategy` when given.
  const connections: Endpoint = async (request) => {
    const caller = await authenticateManagementCall(tenant, request);
    requireAnyScope(caller, ["read:connections"]);
    const url = new URL(request.url);
    const name = url.searchParams.get("name");
    const strategies = url.searchParams.getAll("strategy");
    const found = tenant.connections
      .filter((connection) => (name === null || connection.name === name) && (strategies.length === 0 || strategies.includes(connection.provider)))
      .map((connection) => ({ id: connection.id, name: connection.name, display_name: connection.displayName, strategy: connection.provider, is_domain_connection: false, realms: [connection.name] }));
    return { status: 200, body: found.map((connection) => projectFields(connection, url)) };
  };

  // Auth0 lists and ends a user's sessions with read:sessions / delete:sessions (Enterprise plans), and
  // their refresh tokens with read:refresh_tokens / delete:refresh_tokens; a deletion answers 202, no body:
  // https://auth0.com/docs/manage-users/sessions/manage-user-sessions-with-auth0-management-api
  // https://auth0.com/docs/api/management/v2/users/delete-refresh-tokens-for-user
  const userOf = (params: PathParams): string => {
    const id = param(params, "id");
    if (!tenant.getUser(id)) throw new TenantApiError(404, "The user does not exist.", "inexistent_user");
    return id;
  };
  const listSessions: Endpoint = async (request, params) => {
    requireAnyScope(await authenticateManagementCall(tenant, request), ["read:sessions"]);
    const id = userOf(params);
    const sessions = [...tenant.sessions.values()]
      .filter((session) => session.userId === id)
      .map((session) => ({ id: session.sid, user_id: id, authenticated_at: new Date(session.authTime * 1000).toISOString() }));
    return { status: 200, body: { sessions } };
  };
  const deleteSessions: Endpoint = async (request, params) => {
    requireAnyScope(await authenticateManagementCall(tenant, request), ["delete:sessions"]);
    tenant.revokeSessions(userOf(params));
    return { status: 202, body: undefined };
  };
  const listRefreshTokens: Endpoint = async (request, params) => {
    requireAnyScope(await authenticateManagementCall(tenant, request), ["read:refresh_tokens"]);
    const id = userOf(params);
    const tokens = [...tenant.refreshTokens.values()]
      .filter((grant) => grant.userId === id)
      .map((grant) => ({ user_id: id, client_id: grant.clientId, session_id: grant.sid }));
    return { status: 200, body: { tokens } };
  };
  const deleteRefreshTokens: Endpoint = async (request, params) => {
    requireAnyScope(await authenticateManagementCall(tenant, request), ["delete:refresh_tokens"]);
    tenant.revokeRefreshTokens(userOf(params));
    return { status: 202, body: undefined };
  };

  const notFound: Endpoint = async () => {
    throw new TenantApiError(404, "Not Found");
  };

  return [
    http.get(`${api}/users/:id`, answering(tenant, getUser)),
    http.patch(`${api}/users/:id`, answering(tenant, patchUser)),
    http.get(`${api}/users-by-email`, answering(tenant, usersByEmail)),
    http.post(`${api}/users/:id/identities`, answering(tenant, link)),
    http.delete(`${api}/users/:id/identities/:provider/:user_id`, answering(tenant, unlink)),
    http.get(`${api}/connections`, answering(tenant, connections)),
    http.get(`${api}/users/:id/sessions`, answering(tenant, listSessions)),
    http.delete(`${api}/users/:id/sessions`, answering(tenant, deleteSessions)),
    http.get(`${api}/users/:id/refresh-tokens`, answering(tenant, listRefreshTokens)),
    http.delete(`${api}/users/:id/refresh-tokens`, answering(tenant, deleteRefreshTokens)),
    http.all(`${api}/*`, answering(tenant, notFound)),
  ];
}
