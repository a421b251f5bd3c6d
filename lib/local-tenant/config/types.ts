/**
 * The local tenant's configuration file (`auth0-local-tenant --config
 * local-tenant.json`), in the shapes and field names of Auth0's Management
 * API (`POST /api/v2/clients`, `/resource-servers`, `/client-grants`,
 * `/connections`, `/users`), so a team can copy what its real tenant holds.
 * Every section is optional; a section that is present replaces the seed's.
 *
 * @see https://auth0.com/docs/api/management/v2
 */
import type { TenantAppType, TenantGrantType, TokenEndpointAuthMethod } from "../types";

/** An application, as `POST /api/v2/clients` takes it. */
export interface LocalTenantConfigClient {
  readonly client_id: string;
  /** Required unless `token_endpoint_auth_method` is `none` (a public client). */
  readonly client_secret?: string;
  readonly name: string;
  readonly app_type: TenantAppType;
  /** Allowed Callback URLs, compared exactly. */
  readonly callbacks?: readonly string[];
  /** Allowed Logout URLs. */
  readonly allowed_logout_urls?: readonly string[];
  /** Default: what Auth0's Dashboard enables for `app_type`. */
  readonly grant_types?: readonly TenantGrantType[];
  /** Default `client_secret_post`; `none` makes a public client, which must use PKCE. */
  readonly token_endpoint_auth_method?: TokenEndpointAuthMethod;
}

/** An API (resource server), as `POST /api/v2/resource-servers` takes it. */
export interface LocalTenantConfigResourceServer {
  /** The API's audience, e.g. `https://api.example.com/`. */
  readonly identifier: string;
  readonly name?: string;
  readonly scopes?: readonly { readonly value: string; readonly description?: string }[];
}

/** A machine-to-machine grant, as `POST /api/v2/client-grants` takes it. */
export interface LocalTenantConfigClientGrant {
  readonly client_id: string;
  /** A resource server's identifier, or the Management API: `/api/v2/` or its full URL. */
  readonly audience: string;
  readonly scope: readonly string[];
}

/** A connection: `strategy` is the identity provider (`auth0`, `github`, `google-oauth2`, …). */
export interface LocalTenantConfigConnection {
  readonly name: string;
  readonly strategy: string;
  /** How the login page and the app name it; default a known provider's name ("GitHub"), else `name`. */
  readonly display_name?: string;
  /** Default a stable `con_…` id derived from `name`. */
  readonly id?: string;
}

/** A linked (secondary) identity of a configured user. */
export interface LocalTenantConfigIdentity {
  /** `{strategy}|{id}`; default a stable id derived from the connection and email. */
  readonly user_id?: string;
  readonly connection: string;
  readonly email: string;
  /** Default true. */
  readonly email_verified?: boolean;
  /** Default the email. */
  readonly name?: string;
}

/** A user, with the identities already linked into it. */
export interface LocalTenantConfigUser extends LocalTenantConfigIdentity {
  readonly user_metadata?: Record<string, unknown>;
  readonly app_metadata?: Record<string, unknown>;
  readonly identities?: readonly LocalTenantConfigIdentity[];
}

/** The file's whole content. */
export interface LocalTenantConfig {
  /** Ignored: lets an editor find a JSON schema. */
  readonly $schema?: string;
  readonly clients?: readonly LocalTenantConfigClient[];
  readonly resource_servers?: readonly LocalTenantConfigResourceServer[];
  readonly client_grants?: readonly LocalTenantConfigClientGrant[];
  readonly connections?: readonly LocalTenantConfigConnection[];
  readonly users?: readonly LocalTenantConfigUser[];
  /** The Management API's token bucket: `limit` requests at once, refilled at `per_second` (Auth0's free tier: about 2). */
  readonly rate_limit?: { readonly limit: number; readonly per_second: number };
}
