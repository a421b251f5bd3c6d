/**
 * A small Management API client that authenticates with the signed-in user's
 * own access token. Every call has a deadline; every failure becomes a
 * {@link ManagementError} with a closed `code`, and a log line for operators.
 * @see https://auth0.com/docs/api/management/v2
 */
import type { Logger } from "../log";
import type { Identity, ManagementError, ManagementErrorCode, ManagementResult, ManagementUser } from "./types";

/** Options for {@link createManagementClient}. */
export interface ManagementClientOptions {
  /** The Management API base URL, e.g. `https://tenant.eu.auth0.com/api/v2/`. */
  readonly baseUrl: string;
  readonly logger: Logger;
  /** Defaults to the global `fetch`. */
  readonly fetch?: typeof fetch;
  /** Deadline for one call; default 5000 ms. */
  readonly timeoutMs?: number;
  /** Clock in epoch ms, to turn `X-RateLimit-Reset` into seconds to wait; default `Date.now`. */
  readonly now?: () => number;
}

/** The Management API calls the app makes with a user's token. */
export interface ManagementClient {
  /**
   * Reads a user (`GET /api/v2/users/{id}`); needs `read:current_user` for one's own id.
   * Errors: `invalid_token`, `insufficient_scope`, `not_found`, `rate_limited`, `tenant_unavailable`, `timeout`.
   */
  getUser(accessToken: string, userId: string): Promise<ManagementResult<ManagementUser>>;
  /**
   * Links the account that `idToken` belongs to into `primaryId`
   * (`POST /api/v2/users/{id}/identities` with `{"link_with": idToken}`); needs
   * `update:current_user_identities`. Never retried: a retry after a lost 201
   * would answer 409. Resolves to the primary's identities, primary first.
   * @see https://auth0.com/docs/api/management/v2/users/post-identities
   */
  linkWith(accessToken: string, primaryId: string, idToken: string): Promise<ManagementResult<Identity[]>>;
  /**
   * Unlinks identity `provider|userId` from `primaryId`
   * (`DELETE /api/v2/users/{id}/identities/{provider}/{user_id}`, each part
   * URL-encoded). Resolves to the remaining identities.
   * @see https://auth0.com/docs/api/management/v2/users/delete-user-identity-by-user-id
   */
  unlinkIdentity(accessToken: string, primaryId: string, provider: string, userId: string): Promise<ManagementResult<Identity[]>>;
}

const STATUS_CODES: Readonly<Record<number, ManagementErrorCode>> = {
  400: "bad_request",
  401: "invalid_token",
  404: "not_found",
  409: "conflict",
  429: "rate_limited",
};

interface ErrorBody {
  message?: unknown;
  errorCode?: unknown;
}

function retryAfterSeconds(headers: Headers, now: number): number | undefined {
  const retryAfter = Number(headers.get("retry-after"));
  if (Number.isFinite(retryAfter) && retryAfter > 0) return Math.ceil(retryAfter);
  const reset = Number(headers.get("x-ratelimit-reset"));
  if (Number.isFinite(reset) && reset > 0) return Math.max(1, Math.ceil(reset - now / 1000));
  return undefined;
}

async function toError(response: Response, now: number): Promise<ManagementError> {
  let body: ErrorBody = {};
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // A proxy's HTML error page is still an error of this status.
  }
  const errorCode = typeof body.errorCode === "string" ? body.errorCode : undefined;
  let code: ManagementErrorCode = STATUS_CODES[response.status] ?? (response.status >= 500 ? "tenant_unavailable" : "bad_request");
  if (response.status === 403) code = errorCode === "insufficient_scope" ? "insufficient_scope" : "forbidden";
  const retryAfter = response.status === 429 ? retryAfterSeconds(response.headers, now) : undefined;
  return {
    code,
    status: response.status,
    ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
    ...(errorCode === undefined ? {} : { upstreamErrorCode: errorCode }),
    ...(typeof body.message === "string" ? { upstreamMessage: body.message } : {}),
  };
}

/** Creates a {@link ManagementClient}. */
export function createManagementClient(options: ManagementClientOptions): ManagementClient {
  const baseUrl = options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`;
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 5000;
  const now = options.now ?? Date.now;
  const { logger } = options;

  async function call<T>(
    operation: string,
    method: string,
    path: string,
    accessToken: string,
    parse: (body: unknown) => T | undefined,
    body?: unknown,
  ): Promise<ManagementResult<T>> {
    const started = now();
    let response: Response;
    try {
      response = await doFetch(new URL(path, baseUrl), {
        method,
        headers: {
          authorization: `Bearer ${accessToken}`,
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
        cache: "no-store",
      });
    } catch (cause) {
      // By name: the abort's DOMException may come from another realm.
      const name = (cause as { name?: unknown } | null)?.name;
      const timedOut = name === "TimeoutError" || name === "AbortError";
      const error: ManagementError = { code: timedOut ? "timeout" : "tenant_unavailable" };
      logger.error("management_api.unreachable", { operation, code: error.code, elapsed_ms: now() - started, reason: typeof name === "string" ? name : "unknown" });
      return { ok: false, error };
    }
    if (!response.ok) {
      const error = await toError(response, now());
      logger.warn("management_api.refused", {
        operation,
        status: response.status,
        code: error.code,
        upstream_error_code: error.upstreamErrorCode,
        upstream_message: error.upstreamMessage,
        retry_after_s: error.retryAfterSeconds,
      });
      return { ok: false, error };
    }
    let value: T | undefined;
    try {
      value = parse(await response.json());
    } catch {
      value = undefined;
    }
    if (value === undefined) {
      logger.error("management_api.malformed_response", { operation, status: response.status });
      return { ok: false, error: { code: "malformed_response", status: response.status } };
    }
    return { ok: true, value };
  }

  return {
    getUser: (accessToken, userId) =>
      call("get_user", "GET", `users/${encodeURIComponent(userId)}`, accessToken, (body) =>
        isUser(body) ? body : undefined,
      ),
    linkWith: (accessToken, primaryId, idToken) =>
      call("link_identity", "POST", `users/${encodeURIComponent(primaryId)}/identities`, accessToken, identitiesOrUndefined, {
        link_with: idToken,
      }),
    unlinkIdentity: (accessToken, primaryId, provider, userId) =>
      call(
        "unlink_identity",
        "DELETE",
        `users/${encodeURIComponent(primaryId)}/identities/${encodeURIComponent(provider)}/${encodeURIComponent(userId)}`,
        accessToken,
        identitiesOrUndefined,
      ),
  };
}

function identitiesOrUndefined(body: unknown): Identity[] | undefined {
  return Array.isArray(body) && body.every(isIdentity) ? body : undefined;
}

function isIdentity(value: unknown): value is Identity {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as { provider?: unknown; user_id?: unknown; connection?: unknown };
  return (
    typeof candidate.provider === "string" &&
    typeof candidate.connection === "string" &&
    (typeof candidate.user_id === "string" || typeof candidate.user_id === "number")
  );
}

function isUser(body: unknown): body is ManagementUser {
  if (typeof body !== "object" || body === null) return false;
  const candidate = body as { user_id?: unknown; identities?: unknown };
  return typeof candidate.user_id === "string" && Array.isArray(candidate.identities) && candidate.identities.every(isIdentity);
}
