/**
 * Who is calling the local tenant's Management API, and what they may do:
 * the bearer token check (401) and the scope and subject checks (403) that
 * every `/api/v2/…` endpoint runs before it reads the request body.
 *
 * @see https://auth0.com/docs/secure/tokens/access-tokens/management-api-access-tokens
 */
import { TenantApiError } from "./errors";
import type { LocalTenant } from "./model/tenant";

/** The verified bearer token of a Management API call. */
export interface ManagementCaller {
  /** `sub`: a user id, or `{client_id}@clients` for a machine-to-machine token. */
  readonly subject: string;
  /** `azp`: the client the token was issued to, if the token names one. */
  readonly authorizedParty: string | undefined;
  /** `iss` of the token (always the tenant's issuer once verified). */
  readonly issuer: string;
  /** The token's `scope`, split. */
  readonly scopes: ReadonlySet<string>;
}

/** Auth0's 401 for any bearer token it cannot accept. */
export function invalidTokenError(): TenantApiError {
  return new TenantApiError(401, "Invalid token", "invalid_token");
}

/** Auth0's 403 when the token holds none of `anyOf` (listed comma-separated, no spaces, as Auth0 does). */
export function insufficientScopeError(anyOf: readonly string[]): TenantApiError {
  return new TenantApiError(403, `Insufficient scope, expected any of: ${anyOf.join(",")}`, "insufficient_scope");
}

/**
 * Auth0's 403 when a current-user scope is used on another user. Auth0's
 * `errorCode` for it is not documented, so the body carries none.
 */
export function subjectMismatchError(): TenantApiError {
  return new TenantApiError(403, "User to be acted on does not match subject in bearer token.");
}

/**
 * Reads and verifies the `Authorization: Bearer …` token: signed RS256 by this
 * tenant, not expired by its clock, issued by it, and with the Management API
 * among its audiences.
 * @throws {TenantApiError} 401 `invalid_token` when the header is missing or malformed, or the token is not acceptable.
 */
export async function authenticateManagementCall(tenant: LocalTenant, request: Request): Promise<ManagementCaller> {
  const match = /^Bearer +(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "");
  const token = match?.[1];
  if (token === undefined) throw invalidTokenError();
  const payload = await tenant.verifyJwt(token, tenant.managementAudience);
  if (!payload || typeof payload.sub !== "string" || typeof payload.iss !== "string") throw invalidTokenError();
  const scope = typeof payload["scope"] === "string" ? payload["scope"] : "";
  const azp = payload["azp"];
  return {
    subject: payload.sub,
    authorizedParty: typeof azp === "string" ? azp : undefined,
    issuer: payload.iss,
    scopes: new Set(scope.split(" ").filter(Boolean)),
  };
}

/**
 * Demands one of `anyOf`.
 * @throws {TenantApiError} 403 `insufficient_scope` listing `anyOf`.
 */
export function requireAnyScope(caller: ManagementCaller, anyOf: readonly string[]): void {
  if (!anyOf.some((scope) => caller.scopes.has(scope))) throw insufficientScopeError(anyOf);
}

/**
 * Access to one user: `adminScope` (e.g. `read:users`) reaches any user; the
 * `currentUserScopes` (e.g. `read:current_user`) reach only the token's own `sub`.
 * @returns whether the caller came in through `adminScope`.
 * @throws {TenantApiError} 403 `insufficient_scope` when the token holds none of
 * the scopes; 403 "User to be acted on does not match subject in bearer token."
 * when it holds only current-user scopes and `userId` is someone else.
 */
export function requireUserAccess(
  caller: ManagementCaller,
  userId: string,
  adminScope: string,
  currentUserScopes: readonly string[],
): boolean {
  if (caller.scopes.has(adminScope)) return true;
  requireAnyScope(caller, [adminScope, ...currentUserScopes]);
  if (caller.subject !== userId) throw subjectMismatchError();
  return false;
}
