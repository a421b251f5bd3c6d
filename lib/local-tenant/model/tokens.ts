/**
 * The tokens the local tenant issues: signing and verifying them with its
 * keys, issuer and clock, the claims of its ID and access tokens as Auth0
 * writes them, and which scopes a user's login is granted.
 * {@link LocalTenant} offers each of these as a method.
 */
import { createHash } from "node:crypto";
import type { JWTPayload } from "jose";
import type { SigningKeys, VerifyChecks } from "../signing-keys";
import type { TenantUser } from "../types";
import type { LocalTenant } from "./tenant";

/** What tokens are signed and verified with: the tenant's keys, its issuer and its clock. */
export interface TokenAuthority {
  readonly keys: SigningKeys;
  /** `iss` of every token the tenant signs, and the one it requires. */
  readonly issuer: string;
  /** Clock in epoch milliseconds. */
  readonly now: () => number;
  /** Audience added to access tokens that include `openid`. */
  readonly userinfoAudience: string;
}

/** Scopes Auth0 lets a user's own login request on the Management API audience. */
export const CURRENT_USER_SCOPES: readonly string[] = [
  "read:current_user",
  "update:current_user_identities",
  "create:current_user_metadata",
  "update:current_user_metadata",
  "delete:current_user_metadata",
];

const OIDC_SCOPES = ["openid", "profile", "email", "offline_access"];

/** What {@link LocalTenant.issueIdToken} is asked for. */
export interface IdTokenRequest {
  userId: string;
  clientId: string;
  scope: string;
  nonce: string | undefined;
  authTime: number;
  sid: string;
  /** The code issued beside the ID token (hybrid flow): its hash becomes `c_hash`. */
  code?: string;
}

/** What {@link LocalTenant.issueAccessToken} is asked for. */
export interface AccessTokenRequest {
  subject: string;
  clientId: string;
  audience: string | undefined;
  scope: string;
  clientCredentials?: boolean;
  lifetimeSeconds?: number;
}

/** Signs claims with the current key (RS256) under `issuer` (default the authority's), adding `iss`, `iat` and `exp`. */
export function signJwt(authority: TokenAuthority, claims: JWTPayload, lifetimeSeconds: number, issuer: string = authority.issuer): Promise<string> {
  return authority.keys.sign(issuer, claims, Math.floor(authority.now() / 1000), lifetimeSeconds);
}

/**
 * Verifies a token the authority's keys signed, unexpired by its clock; with
 * `checks.issuer` and `checks.audience` also those claims. `null` when it is not valid.
 */
export function verifyJwt(authority: TokenAuthority, token: string, checks: Omit<VerifyChecks, "now"> = {}): Promise<JWTPayload | null> {
  return authority.keys.verify(token, { now: authority.now(), ...checks });
}

/** Signs `user`'s ID token for `request`, valid 10 hours. */
export function issueIdToken(authority: TokenAuthority, user: TenantUser, request: IdTokenRequest): Promise<string> {
  return signJwt(authority, idTokenClaims(user, request), 36_000);
}

/** Signs an access token for `request` (default lifetime 24 hours). */
export function issueAccessToken(authority: TokenAuthority, request: AccessTokenRequest): Promise<string> {
  return signJwt(authority, accessTokenClaims(request, authority.userinfoAudience), request.lifetimeSeconds ?? 86_400);
}

/** The claims of `user`'s ID token: `profile` and `email` claims only when those scopes were granted. */
function idTokenClaims(user: TenantUser, request: IdTokenRequest): JWTPayload {
  const scopes = request.scope.split(" ");
  const claims: JWTPayload = { sub: user.user_id, aud: request.clientId, auth_time: request.authTime, sid: request.sid };
  if (request.nonce !== undefined) claims["nonce"] = request.nonce;
  // OpenID Connect Core 3.3.2.11: the left half of the code's SHA-256 (RS256), base64url.
  if (request.code !== undefined) claims["c_hash"] = createHash("sha256").update(request.code).digest().subarray(0, 16).toString("base64url");
  if (scopes.includes("profile")) {
    Object.assign(claims, { name: user.name, nickname: user.nickname, picture: user.picture, updated_at: user.updated_at });
  }
  if (scopes.includes("email")) Object.assign(claims, { email: user.email, email_verified: user.email_verified });
  return claims;
}

/** An access token's claims; one that includes `openid` is also for `userinfoAudience` (`aud` then an array). */
function accessTokenClaims(request: AccessTokenRequest, userinfoAudience: string): JWTPayload {
  const scopes = request.scope.split(" ").filter(Boolean);
  const aud: string[] = [];
  if (request.audience) aud.push(request.audience);
  if (scopes.includes("openid")) aud.push(userinfoAudience);
  const claims: JWTPayload = {
    sub: request.subject,
    aud: aud.length === 1 ? (aud[0] as string) : aud,
    azp: request.clientId,
    scope: scopes.join(" "),
  };
  if (request.clientCredentials) claims["gty"] = "client-credentials";
  return claims;
}

/**
 * Scopes granted to a user's login for `audience`: the OIDC scopes, the
 * {@link CURRENT_USER_SCOPES} when `audience` is the Management API's, and
 * `apiScopes` (what the audience's API defines). Auth0 drops the rest.
 */
export function grantedUserScope(
  requested: string,
  audience: string | undefined,
  managementAudience: string,
  apiScopes: readonly string[] = [],
): string {
  const allowed = new Set([...OIDC_SCOPES, ...apiScopes]);
  if (audience === managementAudience) for (const scope of CURRENT_USER_SCOPES) allowed.add(scope);
  const granted = requested.split(" ").filter((scope) => allowed.has(scope));
  return [...new Set(granted)].join(" ");
}
