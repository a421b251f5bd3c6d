/** One entry of a user's `identities`, as the Management API answers it. */
export interface Identity {
  readonly connection: string;
  readonly provider: string;
  /** GitHub ids are numbers on the wire; others are strings. */
  readonly user_id: string | number;
  readonly isSocial: boolean;
  /** Present on secondary identities only. */
  readonly profileData?: {
    readonly email?: string;
    readonly email_verified?: boolean;
    readonly name?: string;
    readonly nickname?: string;
    readonly picture?: string;
  };
}

/** The parts of a user the app reads. */
export interface ManagementUser {
  readonly user_id: string;
  readonly email?: string;
  readonly email_verified?: boolean;
  readonly name?: string;
  readonly nickname?: string;
  readonly picture?: string;
  /** When the user was created (ISO 8601); read where the older of two accounts matters (lib/linking/prompt). */
  readonly created_at?: string;
  readonly identities: readonly Identity[];
  /** What the user may edit about themselves; absent when the answer leaves it out (`fields`). */
  readonly user_metadata?: Metadata;
  /** What only the app and the tenant's admins may change (roles, plans, …). */
  readonly app_metadata?: Metadata;
}

/** A user's `user_metadata` or `app_metadata`: a JSON object. */
export type Metadata = Readonly<Record<string, unknown>>;

/**
 * The body of `PATCH /api/v2/users/{id}` the app sends: Auth0 merges each
 * object into the stored one, one level deep (top-level keys are replaced, a
 * `null` value deletes one).
 * @see https://auth0.com/docs/manage-users/user-accounts/metadata/manage-metadata-api
 */
export interface MetadataPatch {
  readonly user_metadata?: Metadata;
  readonly app_metadata?: Metadata;
}

/** Why a Management API call did not succeed: a closed set, decided by status, never by message text. */
export type ManagementErrorCode =
  | "bad_request"
  | "invalid_token"
  | "insufficient_scope"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "rate_limited"
  | "tenant_unavailable"
  | "timeout"
  | "malformed_response";

/** A failed call. `upstream*` fields are for logs only: never render them. */
export interface ManagementError {
  readonly code: ManagementErrorCode;
  /** HTTP status, when an answer arrived. */
  readonly status?: number;
  /** Seconds to wait before trying again (429). */
  readonly retryAfterSeconds?: number;
  readonly upstreamErrorCode?: string;
  readonly upstreamMessage?: string;
  /**
   * An earlier attempt of this (retried) call failed without saying whether it
   * took effect (timeout, no connection, 5xx): a delete retried after a lost
   * 200 answers 404, though the identity was unlinked by the first attempt.
   */
  readonly afterUnknownOutcome?: true;
  /** No request reached the Management API (no machine-to-machine token could be had): nothing was changed. */
  readonly notSent?: true;
  /**
   * The call used (or needed) the app's machine-to-machine token, not the
   * user's: a refusal is the app's configuration, which signing in again does not fix.
   */
  readonly machineToken?: true;
}

/** The outcome of a Management API call: a value, or a coded error. */
export type ManagementResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ManagementError };
