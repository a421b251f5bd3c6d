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

/** An application registered on the tenant. */
export interface TenantClient {
  readonly client_id: string;
  readonly client_secret: string;
  readonly name: string;
  readonly app_type: "regular_web" | "non_interactive";
  /** Allowed Callback URLs (exact match, as Auth0 compares them). */
  readonly callbacks: readonly string[];
  /** Allowed Logout URLs. */
  readonly allowed_logout_urls: readonly string[];
  /** Client grants: audience → scopes a machine-to-machine client may request. */
  readonly grants: Readonly<Record<string, readonly string[]>>;
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
}
