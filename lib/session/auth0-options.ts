/**
 * The primary session as linking needs it: options for the app's own
 * `@auth0/nextjs-auth0` v4 client whose login asks for the Management API as
 * audience, so the user's own access token can read and link their
 * identities (in `server_side` mode: the app's own API, if any). Its
 * `/auth/access-token` endpoint is off: no Management API token ever reaches
 * the browser.
 */
import { filterDefaultIdTokenClaims } from "@auth0/nextjs-auth0/server";
import type { Auth0ClientOptions, SessionData, User } from "@auth0/nextjs-auth0/types";
import type { Env } from "../config/parse";
import { shouldRollSession } from "./rolling";

/**
 * Scopes the primary login requests: OIDC, a refresh token, and the
 * current-user Management API scopes, the only ones Auth0 grants a user's own login.
 * @see https://auth0.com/docs/manage-users/user-accounts/user-account-linking/link-user-accounts
 */
export const PRIMARY_LOGIN_SCOPE = "openid profile email offline_access read:current_user update:current_user_identities";

/** The primary login's scopes in `server_side` mode: the machine-to-machine token makes every Management API call. */
export const SERVER_SIDE_LOGIN_SCOPE = "openid profile email offline_access";

/**
 * What the primary login asks for: in `link_with` mode the Management API
 * (`{origin}/api/v2/`) as audience with {@link PRIMARY_LOGIN_SCOPE}; in
 * `server_side` mode the app's own API (`audience`, if any) with
 * {@link SERVER_SIDE_LOGIN_SCOPE}. Without a tenant `origin` (e.g. during
 * `next build`) no Management API audience.
 * @see https://auth0.com/docs/manage-users/user-accounts/user-account-linking/link-user-accounts
 */
export function primaryLoginParameters(mode: "link_with" | "server_side", origin: string | undefined, audience: string | null): { audience?: string; scope: string } {
  if (mode === "link_with") return { scope: PRIMARY_LOGIN_SCOPE, ...(origin ? { audience: `${origin}/api/v2/` } : {}) };
  return { ...(audience === null ? {} : { audience }), scope: SERVER_SIDE_LOGIN_SCOPE };
}

/** What {@link linkingAuth0Options} sets on an `Auth0Client`. */
export type LinkingAuth0Options = Pick<
  Auth0ClientOptions,
  "authorizationParameters" | "enableAccessTokenEndpoint" | "allowInsecureRequests" | "tokenRefreshBuffer" | "beforeSessionSaved" | "session"
>;

/**
 * The `Auth0Client` options account linking needs, to spread first into an
 * app's client: what the primary login asks for (the Management API as
 * audience with {@link PRIMARY_LOGIN_SCOPE}; in `LINK_MODE=server_side` the
 * app's own `AUTH0_AUDIENCE`, if any, with {@link SERVER_SIDE_LOGIN_SCOPE}), no
 * `/auth/access-token` endpoint (the token stays on the server), `auth_time`
 * kept in the session ({@link keepSignInTime}), a refresh 60 s before expiry,
 * and the session rolled at most every 5 minutes ({@link shouldRollSession},
 * with the marker `AccountLinkingSetup.proxy` sets). `allowInsecureRequests`
 * only for a `http(s)://localhost:PORT` tenant (the local tenant, in either
 * mode).
 *
 * The settings are read leniently, never thrown on: `setupAccountLinking`
 * validates them on first use. An app that sets `session` or
 * `beforeSessionSaved` itself calls {@link shouldRollSession} and
 * {@link keepSignInTime} from its own hooks.
 *
 * @param env where the settings come from, usually `process.env`: `AUTH0_DOMAIN`
 *   (`my-tenant.eu.auth0.com`, or `http://localhost:4010`), `LINK_MODE` and
 *   `AUTH0_AUDIENCE`. A string is taken as `AUTH0_DOMAIN` alone (`link_with`
 *   mode). Without a domain (e.g. during `next build`) no audience is set; the
 *   SDK then reports the missing domain itself.
 * @example new Auth0Client({ ...linkingAuth0Options(process.env) })
 * @see https://auth0.com/docs/secure/tokens/access-tokens/management-api-access-tokens/get-management-api-tokens-for-single-page-applications
 */
export function linkingAuth0Options(env: Env | string | undefined): LinkingAuth0Options {
  const settings: Env = typeof env === "object" ? env : { AUTH0_DOMAIN: env };
  const trimmed = settings["AUTH0_DOMAIN"]?.trim().replace(/\/+$/, "");
  const origin = trimmed ? (/^https?:\/\//.test(trimmed) ? trimmed : `https://${trimmed}`) : undefined;
  // An unknown mode is link_with here as in loadConfig, which refuses it on first use.
  const mode = settings["LINK_MODE"]?.trim() === "server_side" ? "server_side" : "link_with";
  return {
    authorizationParameters: primaryLoginParameters(mode, origin, settings["AUTH0_AUDIENCE"]?.trim() || null),
    enableAccessTokenEndpoint: false,
    // The SDK refuses a `localhost` domain unless this is set, even over https (its
    // validateDomainHostname); over https it relaxes nothing else: it only permits http requests.
    allowInsecureRequests: origin !== undefined && /^https?:\/\/localhost:\d{1,5}$/.test(origin),
    // Refresh a little early so a token never expires between our check and Auth0's.
    tokenRefreshBuffer: 60,
    beforeSessionSaved: async (session) => keepSignInTime(session),
    // Rolled at most every few minutes, not re-encrypted on every request (see rolling.ts).
    session: { beforeSessionRolled: (request) => shouldRollSession(request) },
  };
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
