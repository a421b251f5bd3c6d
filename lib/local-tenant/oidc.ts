/**
 * OIDC face of the local tenant: discovery, JWKS, /authorize (with the login
 * page), /oauth/token, /userinfo, /oidc/logout, /oauth/revoke. Each step has
 * its own `oidc-*.ts` module; this file serves the two documents and puts the
 * handlers together.
 *
 * @see https://auth0.com/docs/get-started/applications/configure-applications-with-oidc-discovery
 */
import { http, type HttpHandler } from "msw";
import { LOGIN_POST_PATH } from "./login-page";
import type { LocalTenant } from "./model/tenant";
import { authorizeHandler } from "./oidc-authorize";
import { jsonResponse, SSO_COOKIE_NAME } from "./oidc-http";
import { loginHandler } from "./oidc-login";
import { logoutHandlers } from "./oidc-logout";
import { revokeHandler, tokenHandler } from "./oidc-token";
import { userinfoHandlers } from "./oidc-userinfo";

/** Re-exported so callers of this face find the login form's path and the SSO cookie's name here. */
export { LOGIN_POST_PATH, SSO_COOKIE_NAME };

/**
 * The tenant's OpenID Provider metadata, in the shape Auth0 publishes at
 * `/.well-known/openid-configuration`, limited to what the local tenant does.
 * `issuer` ends with `/` and equals every token's `iss`.
 */
export function openidConfiguration(tenant: LocalTenant): Record<string, unknown> {
  const base = tenant.baseUrl;
  return {
    issuer: tenant.issuer,
    authorization_endpoint: `${base}/authorize`,
    token_endpoint: `${base}/oauth/token`,
    userinfo_endpoint: `${base}/userinfo`,
    jwks_uri: `${base}/.well-known/jwks.json`,
    end_session_endpoint: `${base}/oidc/logout`,
    revocation_endpoint: `${base}/oauth/revoke`,
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    response_types_supported: ["code", "id_token", "code id_token"],
    response_modes_supported: ["query", "fragment", "form_post"],
    code_challenge_methods_supported: ["S256"],
    grant_types_supported: ["authorization_code", "refresh_token", "client_credentials"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["RS256"],
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "none"],
    revocation_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "none"],
    claims_supported: [
      "aud",
      "auth_time",
      "email",
      "email_verified",
      "exp",
      "iat",
      "iss",
      "name",
      "nickname",
      "nonce",
      "picture",
      "sid",
      "sub",
      "updated_at",
    ],
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
    claims_parameter_supported: false,
  };
}

/**
 * msw handlers for the tenant's OIDC endpoints, bound to `tenant.baseUrl`.
 * The login page's forms post to {@link LOGIN_POST_PATH}; the single sign-on
 * session lives in the {@link SSO_COOKIE_NAME} cookie.
 */
export function oidcHandlers(tenant: LocalTenant): HttpHandler[] {
  // Discovery and keys are public documents that browsers may fetch from any origin.
  const publicDocument = { "access-control-allow-origin": "*" };
  return [
    http.get(`${tenant.baseUrl}/.well-known/openid-configuration`, () =>
      jsonResponse(openidConfiguration(tenant), 200, publicDocument),
    ),
    http.get(`${tenant.baseUrl}/.well-known/jwks.json`, () => jsonResponse(tenant.jwks(), 200, publicDocument)),
    authorizeHandler(tenant),
    loginHandler(tenant),
    tokenHandler(tenant),
    revokeHandler(tenant),
    ...userinfoHandlers(tenant),
    ...logoutHandlers(tenant),
  ];
}
