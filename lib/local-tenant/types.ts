/**
 * Shapes of the local tenant's state. They follow Auth0's Management API
 * representation (see `shared/reference/auth0-wire.md`), so what the tenant
 * answers is what Auth0 answers.
 */

/** A connection users can sign in with. */
export interface TenantConnection {
  /** Auth0 connection name, e.g. `github`, `Username-Password-Authentication`. */
  readonly name: string;
  /** Identity provider (`auth0`, `github`, `google-oauth2`, …): the part before `|` in user ids. */
  readonly provider: string;
  readonly isSocial: boolean;
  /** Stable id in Auth0's `con_…` form, accepted as `connection_id` when linking server-side. */
  readonly id: string;
  /** How a person would name it: "GitHub", "Google", "Email and password". */
  readonly displayName: string;
}

/** Profile attributes Auth0 copies into a secondary identity's `profileData`. */
export interface ProfileData {
  email: string;
  email_verified: boolean;
  name: string;
  nickname: string;
  picture: string;
  [claim: string]: unknown;
}

/** One entry of a user's `identities` array. */
export interface TenantIdentity {
  connection: string;
  provider: string;
  /** GitHub ids are numbers on the wire; others are strings. */
  user_id: string | number;
  isSocial: boolean;
  /** Present on secondary (linked) identities only. */
  profileData?: ProfileData;
}

/** A root user, as `GET /api/v2/users/{id}` returns it. */
export interface TenantUser {
  user_id: string;
  email: string;
  email_verified: boolean;
  name: string;
  nickname: string;
  picture: string;
  created_at: string;
  updated_at: string;
  last_login?: string;
  logins_count: number;
  identities: TenantIdentity[];
  user_metadata: Record<string, unknown>;
  app_metadata: Record<string, unknown>;
}

/** Auth0's application types: regular web app, machine-to-machine, single-page app, native app. */
export type TenantAppType = "regular_web" | "non_interactive" | "spa" | "native";

/** The grant types the tenant models, by the names Auth0 uses in an application's `grant_types`. */
export type TenantGrantType = "authorization_code" | "implicit" | "refresh_token" | "client_credentials";

/**
 * How an application proves itself at the token endpoint. `none` is a public
 * client (a single-page or native app, which cannot keep a secret): it sends
 * only its `client_id`, so PKCE is what binds its code to it.
 */
export type TokenEndpointAuthMethod = "client_secret_post" | "client_secret_basic" | "none";

/** An application registered on the tenant. */
export interface TenantClient {
  readonly client_id: string;
  readonly client_secret: string;
  readonly name: string;
  readonly app_type: TenantAppType;
  /** Allowed Callback URLs (exact match, as Auth0 compares them). */
  readonly callbacks: readonly string[];
  /** Allowed Logout URLs. */
  readonly allowed_logout_urls: readonly string[];
  /** Client grants: audience → scopes a machine-to-machine client may request. */
  readonly grants: Readonly<Record<string, readonly string[]>>;
  /**
   * The grants it may use; default what Auth0's Dashboard enables for its
   * `app_type` (`defaultGrantTypes` in model/clients.ts). Any other is refused with Auth0's
   * 403 `unauthorized_client`.
   */
  readonly grant_types?: readonly TenantGrantType[];
  /** Default `client_secret_post` (a secret sent by Basic auth is accepted too, as on Auth0). */
  readonly token_endpoint_auth_method?: TokenEndpointAuthMethod;
}

/** An API of the tenant besides the Management API (a resource server): its identifier (audience) and scopes. */
export interface TenantApi {
  readonly identifier: string;
  /** Scopes the API defines; a user's login may be granted those it asks for. Default none. */
  readonly scopes?: readonly string[];
}

/** A person's account as the seed describes it. */
export interface SeedAccount {
  readonly user_id: string;
  readonly connection: string;
  readonly email: string;
  readonly email_verified: boolean;
  readonly name: string;
  readonly user_metadata?: Record<string, unknown>;
  readonly app_metadata?: Record<string, unknown>;
  /**
   * Accounts already linked into this one, as if each had signed up on its
   * own and then been linked (their metadata is dropped, as Auth0 does).
   */
  readonly identities?: readonly SeedIdentity[];
}

/** An account seeded as a linked (secondary) identity of a {@link SeedAccount}. */
export type SeedIdentity = Omit<SeedAccount, "identities" | "user_metadata" | "app_metadata">;
