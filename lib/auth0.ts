/**
 * The primary session: an `@auth0/nextjs-auth0` v4 client whose login asks
 * for the Management API as audience, so the user's own access token can read
 * and link their identities. Its `/auth/access-token` endpoint is off: no
 * Management API token ever reaches the browser.
 */
import { Auth0Client } from "@auth0/nextjs-auth0/server";
import type { AppConfig } from "./config";

/** Scopes the primary login requests: OIDC, a refresh token, and the current-user Management API scopes. */
export const PRIMARY_LOGIN_SCOPE = "openid profile email offline_access read:current_user update:current_user_identities";

/**
 * Builds the SDK client for the primary session from validated settings.
 * `allowInsecureRequests` is enabled only for a `http://localhost:PORT` tenant.
 */
export function createAuth0Client(config: AppConfig): Auth0Client {
  const { auth0 } = config;
  return new Auth0Client({
    domain: auth0.domain,
    clientId: auth0.clientId,
    clientSecret: auth0.clientSecret,
    secret: auth0.secret,
    appBaseUrl: config.appBaseUrl,
    authorizationParameters: { audience: auth0.managementAudience, scope: PRIMARY_LOGIN_SCOPE },
    enableAccessTokenEndpoint: false,
    allowInsecureRequests: auth0.isLocalTenant,
    // Refresh a little early so a token never expires between our check and Auth0's.
    tokenRefreshBuffer: 60,
  });
}
