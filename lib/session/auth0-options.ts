/**
 * The primary session: an `@auth0/nextjs-auth0` v4 client whose login asks
 * for the Management API as audience, so the user's own access token can read
 * and link their identities (in `server_side` mode: the app's own API, if
 * any). Its `/auth/access-token` endpoint is off: no Management API token ever
 * reaches the browser.
 */
import { Auth0Client, filterDefaultIdTokenClaims } from "@auth0/nextjs-auth0/server";
import type { Auth0ClientOptions, SessionData, User } from "@auth0/nextjs-auth0/types";
import type { AppConfig } from "../config/load-config";
import { shouldRollSession } from "./rolling";

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
 * Scopes the primary login requests: OIDC, a refresh token, and the
 * current-user Management API scopes, the only ones Auth0 grants a user's own login.
 * @see https://auth0.com/docs/manage-users/user-accounts/user-account-linking/link-user-accounts
 */
export const PRIMARY_LOGIN_SCOPE = "openid profile email offline_access read:current_user update:current_user_identities";

/** What {@link linkingAuth0Options} sets on an `Auth0Client`. */
export type LinkingAuth0Options = Pick<
  Auth0ClientOptions,
  "authorizationParameters" | "enableAccessTokenEndpoint" | "allowInsecureRequests" | "tokenRefreshBuffer" | "beforeSessionSaved"
>;

/**
 * The `Auth0Client` options account linking needs, to spread into an app's
 * existing client: the Management API as the login's audience with
 * {@link PRIMARY_LOGIN_SCOPE}, no `/auth/access-token` endpoint (the token
 * stays on the server), `auth_time` kept in the session ({@link keepSignInTime}),
 * and a refresh 60 s before expiry. `allowInsecureRequests` only for a
 * `http://localhost:PORT` tenant (the local tenant).
 *
 * @param domain the tenant, as `AUTH0_DOMAIN` holds it (`my-tenant.eu.auth0.com`,
 *   or `http://localhost:4010`). When unset (e.g. during `next build`), no audience
 *   is set; the SDK then reports the missing domain itself.
 * @example new Auth0Client({ ...linkingAuth0Options(process.env.AUTH0_DOMAIN) })
 * @see https://auth0.com/docs/secure/tokens/access-tokens/management-api-access-tokens/get-management-api-tokens-for-single-page-applications
 */
export function linkingAuth0Options(domain: string | undefined): LinkingAuth0Options {
  const trimmed = domain?.trim().replace(/\/+$/, "");
  const origin = trimmed ? (/^https?:\/\//.test(trimmed) ? trimmed : `https://${trimmed}`) : undefined;
  return {
    authorizationParameters: { scope: PRIMARY_LOGIN_SCOPE, ...(origin ? { audience: `${origin}/api/v2/` } : {}) },
    enableAccessTokenEndpoint: false,
    allowInsecureRequests: origin !== undefined && /^http:\/\/localhost:\d{1,5}$/.test(origin),
    // Refresh a little early so a token never expires between our check and Auth0's.
    tokenRefreshBuffer: 60,
    beforeSessionSaved: async (session) => keepSignInTime(session),
  };
}

/**
 * Builds the SDK client for the primary session from validated settings,
 * with {@link linkingAuth0Options}.
 */
export function createAuth0Client(config: AppConfig): Auth0Client {
  const { auth0 } = config;
  return new Auth0Client({
    domain: auth0.domain,
    clientId: auth0.clientId,
    clientSecret: auth0.clientSecret,
    secret: auth0.secret,
    appBaseUrl: config.appBaseUrl,
    ...linkingAuth0Options(auth0.origin),
    // The mode decides the login's audience and scopes (in link_with mode the same as linkingAuth0Options).
    authorizationParameters: primaryLoginParameters(config),
    // Rolled at most every few minutes, not re-encrypted on every request (see rolling.ts).
    session: { beforeSessionRolled: (request) => shouldRollSession(request) },
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
 * Call it from your own `beforeSessionSaved` if you have one.
 *
 * @see https://auth0.github.io/nextjs-auth0/types/types.SessionData.html
 */
export function keepSignInTime(session: SessionData): SessionData {
  const authTime: unknown = session.user["auth_time"];
  const user: User = { ...(filterDefaultIdTokenClaims(session.user) as User), ...(typeof authTime === "number" ? { auth_time: authTime } : {}) };
  return { ...session, user };
}
