/**
 * A small Management API client that authenticates with the token it is
 * given: the signed-in user's own, or a machine-to-machine one (server-side
 * mode, suggestions, the metadata merge). This file is the client's interface
 * and its table of operations: for each call, the method, path, body check
 * and whether it is retried. One attempt (deadline, status → coded
 * {@link ManagementError}, a log line for operators, never a token) is in
 * request.ts; the bounded retries on transient failures in retry.ts.
 * @see https://auth0.com/docs/api/management/v2
 */
import type { Logger } from "../util/log";
import { connectionsOrUndefined, identitiesOrUndefined, isUser, isUserByEmail, usersPath, USERS_BY_EMAIL_FIELDS, type ConnectionStrategy } from "./parse";
import { attempt, type Transport } from "./request";
import { DEFAULT_RETRY_POLICY, withRetries, type Retrier, type RetryMode } from "./retry";
import type { Identity, ManagementError, ManagementErrorCode, ManagementResult, ManagementUser, MetadataPatch } from "./types";

export { usersPath } from "./parse";
export type { ConnectionStrategy } from "./parse";

/** Options for {@link createManagementClient}. */
export interface ManagementClientOptions {
  /** The Management API base URL, e.g. `https://tenant.eu.auth0.com/api/v2/`. */
  readonly baseUrl: string;
  readonly logger: Logger;
  /** Defaults to the global `fetch`. */
  readonly fetch?: typeof fetch;
  /** Deadline for one attempt; default 5000 ms. */
  readonly timeoutMs?: number;
  /** Clock in epoch ms, to turn `X-RateLimit-Reset` into a wait; default `Date.now`. */
  readonly now?: () => number;
  /** Retries of a read, a metadata merge or a delete after the first attempt; default 2 (0: never retry). */
  readonly maxRetries?: number;
  /** Wait before the first retry, doubled for each further one (with jitter); default 200 ms. */
  readonly baseDelayMs?: number;
  /** The most one call waits between attempts, in total; default 2000 ms. A 429 asking for longer is reported at once. */
  readonly maxRetryWaitMs?: number;
  /** Waits between attempts; default `setTimeout`. Inject one that records and returns at once in tests. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Source of jitter in [0, 1); default `Math.random`. */
  readonly random?: () => number;
}

/** The Management API calls the app makes (with a user's token, or a machine-to-machine one in server-side mode). */
export interface ManagementClient {
  /**
   * Reads a user (`GET /api/v2/users/{id}`); needs `read:current_user` for one's own id.
   * Retried on a timeout, a failed connection, a 5xx, a 429 with a short wait, or an unreadable body.
   * Errors: `invalid_token`, `insufficient_scope`, `not_found`, `rate_limited`, `tenant_unavailable`, `timeout`, `malformed_response`.
   * @see https://auth0.com/docs/api/management/v2/users/get-users-by-id
   */
  getUser(accessToken: string, userId: string): Promise<ManagementResult<ManagementUser>>;
  /**
   * Links the account that `idToken` belongs to into `primaryId`
   * (`POST /api/v2/users/{id}/identities` with `{"link_with": idToken}`); needs
   * `update:current_user_identities`. Never retried: a retry after a lost 201
   * would answer 409. After a `timeout`, `tenant_unavailable` or
   * `malformed_response` the link may or may not have happened: read the user
   * to learn which. Resolves to the primary's identities, primary first.
   * @see https://auth0.com/docs/api/management/v2/users/post-identities
   */
  linkWith(accessToken: string, primaryId: string, idToken: string): Promise<ManagementResult<Identity[]>>;
  /**
   * Server-side mode: links identity `provider|user_id` into `primaryId`
   * (`POST /api/v2/users/{id}/identities` with `{"provider", "user_id", "connection_id"?}`);
   * needs `update:users` (a machine-to-machine token: a user's token is refused
   * with 403). The secondary must have been verified first (its ID token): this
   * call proves nothing about who owns it. Never retried, with the same errors
   * and unknown-outcome semantics as {@link ManagementClient.linkWith}.
   * @see https://auth0.com/docs/manage-users/user-accounts/user-account-linking/link-user-accounts
   */
  linkIdentity(accessToken: string, primaryId: string, secondary: SecondaryIdentity): Promise<ManagementResult<Identity[]>>;
  /**
   * Unlinks identity `provider|userId` from `primaryId`
   * (`DELETE /api/v2/users/{id}/identities/{provider}/{user_id}`, each part
   * URL-encoded). Retried like a read, except after an unreadable 2xx (the
   * delete has happened). Resolves to the remaining identities.
   * @see https://auth0.com/docs/api/management/v2/users/delete-user-identity-by-user-id
   */
  unlinkIdentity(accessToken: string, primaryId: string, provider: string, userId: string): Promise<ManagementResult<Identity[]>>;
  /**
   * The root users whose email is exactly `email` (`GET /api/v2/users-by-email`,
   * only `fields`, default those Settings' suggestions read: no metadata); needs `read:users`, so a machine-to-machine
   * token. Auth0 compares the address as stored (its own database users' in
   * lower case). Retried like {@link getUser}; an answer that is not an array
   * of users with valid identities is `malformed_response`.
   * Errors: those of {@link getUser}, and `bad_request` for an empty email.
   * @see https://auth0.com/docs/api/management/v2/users-by-email/get-users-by-email
   */
  usersByEmail(accessToken: string, email: string, fields?: string): Promise<ManagementResult<ManagementUser[]>>;
  /**
   * Merges metadata into a user (`PATCH /api/v2/users/{id}` with
   * `{user_metadata?, app_metadata?}`); needs `update:users` (a user's own
   * token may write its `user_metadata` only). Auth0 merges one level deep, so
   * sending the same body twice leaves the same user: it is retried like a
   * read, including after a lost or unreadable answer. Errors as {@link getUser}, plus `bad_request`.
   * Resolves to the user as it now is.
   * @see https://auth0.com/docs/api/management/v2/users/patch-users-by-id
   */
  patchUser(accessToken: string, userId: string, patch: MetadataPatch): Promise<ManagementResult<ManagementUser>>;
  /**
   * The connections named `name` with their strategies (`GET /api/v2/connections?name=…`,
   * fields `name,strategy`): an empty list when there is none. Needs
   * `read:connections`, so a machine-to-machine token. Retried like {@link getUser}.
   * @see https://auth0.com/docs/api/management/v2/connections/get-connections
   */
  connectionsByName(accessToken: string, name: string): Promise<ManagementResult<ConnectionStrategy[]>>;
  /**
   * Ends every Auth0 session of `userId` (`DELETE /api/v2/users/{id}/sessions`,
   * 202); needs `delete:sessions`, so a machine-to-machine token (Auth0 offers
   * it on Enterprise plans: elsewhere a 403 or 404 says so). Idempotent:
   * retried like a read.
   * @see https://auth0.com/docs/api/management/v2/users/delete-sessions-for-user
   */
  deleteUserSessions(accessToken: string, userId: string): Promise<ManagementResult<true>>;
  /**
   * Revokes every refresh token of `userId` (`DELETE /api/v2/users/{id}/refresh-tokens`,
   * 202); needs `delete:refresh_tokens`. Idempotent: retried like a read.
   * @see https://auth0.com/docs/api/management/v2/users/delete-refresh-tokens-for-user
   */
  deleteUserRefreshTokens(accessToken: string, userId: string): Promise<ManagementResult<true>>;
}

/** The account to link in server-side mode: its id split at the first `|` (`github|1000001` → `github`, `1000001`). */
export interface SecondaryIdentity {
  readonly provider: string;
  readonly user_id: string;
  /** The secondary's connection (`con_…`), when more than one connection shares the provider. */
  readonly connection_id?: string;
}

/**
 * Creates a {@link ManagementClient} for the Management API at
 * `options.baseUrl`. It never throws: every failure is a value with a closed
 * `code` ({@link ManagementErrorCode}), logged as `management.*` lines.
 * @see https://auth0.com/docs/api/management/v2
 * @see https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy/management-api-endpoint-rate-limits
 */
export function createManagementClient(options: ManagementClientOptions): ManagementClient {
  const transport: Transport = {
    baseUrl: options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`,
    // Looked up on each call, so a client created before msw (or another fetch patch) starts still goes through it.
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    timeoutMs: options.timeoutMs ?? 5000,
    now: options.now ?? Date.now,
    logger: options.logger,
  };
  const retrier: Retrier = {
    policy: {
      maxRetries: options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries,
      baseDelayMs: options.baseDelayMs ?? DEFAULT_RETRY_POLICY.baseDelayMs,
      maxWaitMs: options.maxRetryWaitMs ?? DEFAULT_RETRY_POLICY.maxWaitMs,
    },
    random: options.random ?? Math.random,
    sleep: options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
    logger: options.logger,
  };

  async function call<T>(
    operation: string,
    method: string,
    path: string | null,
    accessToken: string,
    parse: (body: unknown) => T | undefined,
    retryMode: RetryMode | null,
    body?: unknown,
  ): Promise<ManagementResult<T>> {
    if (path === null) {
      options.logger.warn("management_api.refused_path", { operation });
      return { ok: false, error: { code: "bad_request" } };
    }
    return withRetries(retrier, operation, retryMode, () => attempt(transport, { operation, method, path, accessToken, parse, body }));
  }

  return {
    getUser: (accessToken, userId) =>
      call("get_user", "GET", usersPath(userId), accessToken, (body) => (isUser(body) ? body : undefined), {
        retryMalformed: true,
      }),
    linkWith: (accessToken, primaryId, idToken) =>
      call("link_identity", "POST", usersPath(primaryId, "identities"), accessToken, identitiesOrUndefined, null, {
        link_with: idToken,
      }),
    linkIdentity: (accessToken, primaryId, secondary) =>
      call("link_identity", "POST", usersPath(primaryId, "identities"), accessToken, identitiesOrUndefined, null, {
        provider: secondary.provider,
        user_id: secondary.user_id,
        ...(secondary.connection_id === undefined ? {} : { connection_id: secondary.connection_id }),
      }),
    unlinkIdentity: (accessToken, primaryId, provider, userId) =>
      call(
        "unlink_identity",
        "DELETE",
        usersPath(primaryId, "identities", provider, userId),
        accessToken,
        identitiesOrUndefined,
        { retryMalformed: false },
      ),
    usersByEmail: (accessToken, email, fields = USERS_BY_EMAIL_FIELDS) =>
      call(
        "users_by_email",
        "GET",
        `users-by-email?${new URLSearchParams({ email, fields, include_fields: "true" }).toString()}`,
        accessToken,
        (body) => (Array.isArray(body) && body.every(isUserByEmail) ? body : undefined),
        { retryMalformed: true },
      ),
    patchUser: (accessToken, userId, patch) =>
      call("patch_user", "PATCH", usersPath(userId), accessToken, (body) => (isUser(body) ? body : undefined), { retryMalformed: true }, patch),
    deleteUserSessions: (accessToken, userId) =>
      call("delete_user_sessions", "DELETE", usersPath(userId, "sessions"), accessToken, () => true as const, { retryMalformed: false }),
    deleteUserRefreshTokens: (accessToken, userId) =>
      call("delete_user_refresh_tokens", "DELETE", usersPath(userId, "refresh-tokens"), accessToken, () => true as const, { retryMalformed: false }),
    connectionsByName: (accessToken, name) =>
      call(
        "get_connections",
        "GET",
        `connections?${new URLSearchParams({ name, fields: "name,strategy", include_fields: "true" }).toString()}`,
        accessToken,
        connectionsOrUndefined,
        { retryMalformed: true },
      ),
  };
}
