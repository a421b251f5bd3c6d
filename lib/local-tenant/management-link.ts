/**
 * Linking on the local tenant (`POST /api/v2/users/{id}/identities`): the
 * checks Auth0 runs on a `link_with` ID token, in Auth0's order and with its
 * 400 messages, and the server-side `provider` / `user_id` mode.
 *
 * @see https://auth0.com/docs/manage-users/user-accounts/user-account-linking/link-user-accounts
 */
import { decodeProtectedHeader } from "jose";
import { TenantApiError } from "./errors";
import { insufficientScopeError, type ManagementCaller } from "./management-auth";
import type { LinkRequest } from "./management-payload";
import type { LocalTenant } from "./model/tenant";
import type { TenantIdentity } from "./types";

function linkWithError(message: string): TenantApiError {
  return new TenantApiError(400, message, "invalid_body");
}

/**
 * Checks a `link_with` ID token against the calling token, as Auth0 does:
 * 1. header `alg` is RS256 (read before the signature, so an HS256 token gets this message);
 * 2. signed by this tenant and not expired;
 * 3. `iss` equals the calling token's `iss`;
 * 4. `aud` is a string or an array of strings;
 * 5. `aud` contains the calling token's `azp` (the same application signed both people in).
 * @returns the secondary user's id (`sub`).
 * @throws {TenantApiError} 400 with Auth0's message for the first check that fails.
 */
export async function verifyLinkWith(tenant: LocalTenant, caller: ManagementCaller, idToken: string): Promise<string> {
  let alg: unknown;
  try {
    alg = decodeProtectedHeader(idToken).alg;
  } catch {
    throw linkWithError("Invalid token (link_with).");
  }
  if (alg !== "RS256") throw linkWithError("JWT (link_with) must have an alg of RS256");
  const claims = await tenant.verifyJwtSignature(idToken);
  if (!claims) throw linkWithError("Invalid token (link_with).");
  if (claims.iss !== caller.issuer) throw linkWithError("JWT (link_with) must have the same issuer as the calling user");
  const aud: unknown = claims.aud;
  const audiences = typeof aud === "string" ? [aud] : aud;
  if (!Array.isArray(audiences) || audiences.length === 0 || !audiences.every((entry) => typeof entry === "string")) {
    throw linkWithError("JWT (link_with) contains an invalid aud claim.");
  }
  if (caller.authorizedParty === undefined || !audiences.includes(caller.authorizedParty)) {
    throw linkWithError("JWT (link_with) must have an aud claim that matches that of the calling token's azp");
  }
  // Auth0's message for a token without a subject is undocumented; a token that names nobody is not a valid one.
  if (typeof claims.sub !== "string" || claims.sub === "") throw linkWithError("Invalid token (link_with).");
  return claims.sub;
}

/**
 * Links the secondary account named by `link` into `primaryId`.
 * The `provider` / `user_id` mode needs `update:users`; a user's own token is refused.
 * A `connection_id` must name the connection the secondary account is on.
 * @returns the primary's identities, primary first.
 * @throws {TenantApiError} 400/403/404/409 with Auth0's messages.
 */
export async function linkAccounts(
  tenant: LocalTenant,
  caller: ManagementCaller,
  primaryId: string,
  link: LinkRequest,
): Promise<TenantIdentity[]> {
  if (link.mode === "link_with") {
    const secondaryId = await verifyLinkWith(tenant, caller, link.idToken);
    return tenant.linkUsers(primaryId, secondaryId);
  }
  if (!caller.scopes.has("update:users")) throw insufficientScopeError(["update:users"]);
  const secondaryId = `${link.provider}|${link.userId}`;
  if (link.connectionId !== undefined) {
    const connection = tenant.connectionById(link.connectionId);
    const secondary = tenant.getUser(secondaryId);
    const onConnection = connection !== undefined && connection.provider === link.provider;
    if (!onConnection || (secondary && secondary.identities[0]?.connection !== connection.name)) {
      throw new TenantApiError(400, "Provided secondary account not found.", "invalid_body");
    }
  }
  return tenant.linkUsers(primaryId, secondaryId);
}
