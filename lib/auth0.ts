/**
 * The primary session: an `@auth0/nextjs-auth0` v4 client whose login asks
 * for the Management API as audience, so the user's own access token can read
 * and link their identities (in `server_side` mode: the app's own API, if
 * any). Its `/auth/access-token` endpoint is off: no Management API token ever
 * reaches the browser.
 */
import { Auth0Client, filterDefaultIdTokenClaims } from "@auth0/nextjs-auth0/server";
import type { SessionData, User } from "@auth0/nextjs-auth0/types";
import type { AppConfig } from "./config";

/** Scopes the primary login requests: OIDC, a refresh token, and the current-user Management API scopes. */
export const PRIMARY_LOGIN_SCOPE = "openid profile email offline_access read:current_user update:current_user_identities";

/** The primary login's scopes in `server_side` mode: the machine-to-machine token makes every Management API call. */
export const SERVER_SIDE_LOGIN_SCOPE = "openid profile email offline_access";

/**
 * What the primary login asks for: in `link_with` mode the Management API as
 * audience with {@link PRIMARY_LOGIN_SCOPE}; in `server_side` mode the app's own
 * API (AUTH0_AUDIENCE, if any) with {@link SERVER_SIDE_LOGIN_SCOPE}.
 * @see https://auth0.com/docs/manage-users/user-accounts/user-account-linking/link-user-accounts
 */
export function primaryLoginParameters(config: AppConfig): { audience?: string; scope: string } {
  if (config.linking.mode === "link_with") return { audience: config.auth0.managementAudience, scope: PRIMARY_LOGIN_SCOPE };
  return { ...(config.auth0.audience === null ? {} : { audience: config.auth0.audience }), scope: SERVER_SIDE_LOGIN_SCOPE };
}

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
    authorizationParameters: primaryLoginParameters(config),
    enableAccessTokenEndpoint: false,
    allowInsecureRequests: auth0.isLocalTenant,
    // Refresh a little early so a token never expires between our check and Auth0's.
    tokenRefreshBuffer: 60,
    beforeSessionSaved: async (session) => keepSignInTime(session),
  });
}

/**
 * The SDK's default session filter, plus the ID token's `auth_time`.
 *
 * Without a `beforeSessionSaved` hook the SDK keeps only its default claims
 * (`sub`, `name`, `email`, … see `DEFAULT_ID_TOKEN_CLAIMS`) in `session.user`
 * and drops `auth_time`; with a hook it keeps whatever the hook returns. We
 * apply the same filter and keep `auth_time`, which unlinking needs (it asks
 * for a recent sign-in). The hook runs at sign-in and whenever a refresh
 * brings a new ID token; Auth0 then repeats the original `auth_time`.
 */
export function keepSignInTime(session: SessionData): SessionData {
  const authTime: unknown = session.user["auth_time"];
  const user: User = { ...(filterDefaultIdTokenClaims(session.user) as User), ...(typeof authTime === "number" ? { auth_time: authTime } : {}) };
  return { ...session, user };
}
