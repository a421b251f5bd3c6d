/**
 * `POST /oauth/token` (authorization code with PKCE, refresh token, client
 * credentials) and `POST /oauth/revoke`, answering with Auth0's statuses and
 * `{error, error_description}` bodies.
 *
 * @see https://auth0.com/docs/api/authentication/authorization-code-flow-with-pkce/get-token-pkce
 * @see https://auth0.com/docs/api/authentication/client-credentials-flow/get-token
 * @see https://auth0.com/docs/api/authentication/revoke-refresh-token/revoke-refresh-token
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { http, type HttpHandler } from "msw";
import { clientAllowsGrant, isPublicClient } from "./model/clients";
import type { LocalTenant } from "./model/tenant";
import {
  authenticateClient,
  isKnownAudience,
  jsonResponse,
  oauthError,
  param,
  readBodyParams,
  unauthorizedClient,
} from "./oidc-http";
import type { TenantClient } from "./types";

/** Lifetime of the access tokens the tenant issues, in seconds (Auth0's default: 24 h). */
export const ACCESS_TOKEN_LIFETIME_SECONDS = 86_400;

interface UserGrant {
  readonly clientId: string;
  readonly userId: string;
  /** Scope already granted (the code path passes the requested scope through `grantedUserScope` first). */
  readonly scope: string;
  readonly audience: string | undefined;
  readonly nonce: string | undefined;
  readonly authTime: number;
  readonly sid: string;
}

function pkceMatches(verifier: string | undefined, challenge: string): boolean {
  if (verifier === undefined || !/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) return false;
  const computed = Buffer.from(createHash("sha256").update(verifier).digest("base64url"));
  const expected = Buffer.from(challenge);
  return computed.length === expected.length && timingSafeEqual(computed, expected);
}

async function userTokens(tenant: LocalTenant, grant: UserGrant, issueRefreshToken: boolean): Promise<Response> {
  const scopes = grant.scope.split(" ").filter(Boolean);
  const body: Record<string, string | number> = {
    access_token: await tenant.issueAccessToken({
      subject: grant.userId,
      clientId: grant.clientId,
      audience: grant.audience,
      scope: grant.scope,
      lifetimeSeconds: ACCESS_TOKEN_LIFETIME_SECONDS,
    }),
  };
  if (issueRefreshToken && scopes.includes("offline_access")) {
    const refreshToken = tenant.randomToken();
    tenant.refreshTokens.set(refreshToken, {
      clientId: grant.clientId,
      userId: grant.userId,
      scope: grant.scope,
      audience: grant.audience,
      authTime: grant.authTime,
      sid: grant.sid,
    });
    body["refresh_token"] = refreshToken;
  }
  if (scopes.includes("openid")) {
    body["id_token"] = await tenant.issueIdToken({
      userId: grant.userId,
      clientId: grant.clientId,
      scope: grant.scope,
      nonce: grant.nonce,
      authTime: grant.authTime,
      sid: grant.sid,
    });
  }
  Object.assign(body, { scope: grant.scope, expires_in: ACCESS_TOKEN_LIFETIME_SECONDS, token_type: "Bearer" });
  return jsonResponse(body);
}

async function authorizationCodeGrant(tenant: LocalTenant, client: TenantClient, params: URLSearchParams): Promise<Response> {
  const code = param(params, "code");
  if (code === undefined) return oauthError(400, "invalid_request", "Missing required parameter: code");
  const stored = tenant.codes.get(code);
  // Single use whatever happens next: a replayed or misused code never works twice.
  tenant.codes.delete(code);
  const invalid = oauthError(403, "invalid_grant", "Invalid authorization code");
  if (!stored || stored.expiresAt <= tenant.now()) return invalid;
  if (stored.clientId !== client.client_id || stored.redirectUri !== param(params, "redirect_uri")) return invalid;
  const verifier = param(params, "code_verifier");
  // Defence in depth beside /authorize's check: a public client's code is redeemed only with PKCE.
  if (stored.codeChallenge === undefined && isPublicClient(client)) return oauthError(403, "invalid_grant", "Failed to verify code verifier");
  if (stored.codeChallenge === undefined) {
    // No challenge at /authorize: a verifier now could only be a PKCE downgrade (RFC 9700, section 2.1.1).
    if (verifier !== undefined) return oauthError(403, "invalid_grant", "Failed to verify code verifier");
  } else if (!pkceMatches(verifier, stored.codeChallenge)) {
    return oauthError(403, "invalid_grant", "Failed to verify code verifier");
  }
  // The user may have been linked into another one (and so deleted) since the login.
  if (!tenant.getUser(stored.userId)) return invalid;
  return userTokens(
    tenant,
    { ...stored, scope: tenant.grantedUserScope(stored.scope, stored.audience) },
    true,
  );
}

async function refreshTokenGrant(tenant: LocalTenant, client: TenantClient, params: URLSearchParams): Promise<Response> {
  const token = param(params, "refresh_token");
  if (token === undefined) return oauthError(400, "invalid_request", "Missing required parameter: refresh_token");
  const stored = tenant.refreshTokens.get(token);
  if (!stored || stored.clientId !== client.client_id || !tenant.getUser(stored.userId)) {
    return oauthError(403, "invalid_grant", "Unknown or invalid refresh token.");
  }
  // A refresh may narrow the scope, never widen it.
  const requested = param(params, "scope");
  const held = stored.scope.split(" ");
  const scope = requested === undefined ? stored.scope : requested.split(" ").filter((s) => held.includes(s)).join(" ");
  return userTokens(tenant, { ...stored, scope, nonce: undefined }, false);
}

async function clientCredentialsGrant(tenant: LocalTenant, client: TenantClient, params: URLSearchParams): Promise<Response> {
  const audience = param(params, "audience");
  if (audience === undefined) {
    return oauthError(403, "access_denied", "No audience parameter was provided, and no default audience has been configured");
  }
  if (!isKnownAudience(tenant, audience)) return oauthError(403, "access_denied", `Service not found: ${audience}`);
  const granted = client.grants[audience];
  if (!granted) {
    return oauthError(
      403,
      "access_denied",
      `Client is not authorized to access "${audience}". You need to create a "client-grant" associated to this API. See: https://auth0.com/docs/api/v2#!/Client_Grants/post_client_grants`,
    );
  }
  const requested = [...new Set(param(params, "scope")?.split(" ").filter(Boolean) ?? [])];
  const missing = requested.filter((scope) => !granted.includes(scope));
  if (missing.length > 0) return oauthError(403, "access_denied", `Client has not been granted scopes: ${missing.join(" ")}`);
  const scope = (requested.length > 0 ? requested : granted).join(" ");
  const accessToken = await tenant.issueAccessToken({
    subject: `${client.client_id}@clients`,
    clientId: client.client_id,
    audience,
    scope,
    clientCredentials: true,
    lifetimeSeconds: ACCESS_TOKEN_LIFETIME_SECONDS,
  });
  return jsonResponse({ access_token: accessToken, scope, expires_in: ACCESS_TOKEN_LIFETIME_SECONDS, token_type: "Bearer" });
}

/** msw handler for `POST /oauth/token`. */
export function tokenHandler(tenant: LocalTenant): HttpHandler {
  return http.post(`${tenant.baseUrl}/oauth/token`, async ({ request }) => {
    const params = await readBodyParams(request);
    const client = authenticateClient(tenant, request, params);
    if (!client) return unauthorizedClient();
    const grantType = param(params, "grant_type");
    // The application must have the grant in its `grant_types`, or Auth0 answers 403 unauthorized_client:
    // https://auth0.com/docs/get-started/applications/application-grant-types
    if ((grantType === "authorization_code" || grantType === "refresh_token" || grantType === "client_credentials") && !clientAllowsGrant(client, grantType)) {
      return oauthError(403, "unauthorized_client", `Grant type '${grantType}' not allowed for the client.`);
    }
    switch (grantType) {
      case "authorization_code":
        return authorizationCodeGrant(tenant, client, params);
      case "refresh_token":
        return refreshTokenGrant(tenant, client, params);
      case "client_credentials":
        return clientCredentialsGrant(tenant, client, params);
      case undefined:
        return oauthError(400, "invalid_request", "Missing required parameter: grant_type");
      default:
        return oauthError(403, "unsupported_grant_type", `Unsupported grant type: ${grantType}`);
    }
  });
}

/** msw handler for `POST /oauth/revoke` (refresh tokens). */
export function revokeHandler(tenant: LocalTenant): HttpHandler {
  return http.post(`${tenant.baseUrl}/oauth/revoke`, async ({ request }) => {
    const params = await readBodyParams(request);
    const client = authenticateClient(tenant, request, params);
    if (!client) return unauthorizedClient();
    const token = param(params, "token");
    if (token === undefined) return oauthError(400, "invalid_request", "Missing required parameter: token");
    const stored = tenant.refreshTokens.get(token);
    // RFC 7009: a token this client does not hold is refused, an unknown one is "revoked" quietly.
    if (stored && stored.clientId !== client.client_id) {
      return oauthError(400, "invalid_request", "The refresh token was not issued to this client.");
    }
    tenant.refreshTokens.delete(token);
    return new Response(null, { status: 200, headers: { "cache-control": "no-store" } });
  });
}
