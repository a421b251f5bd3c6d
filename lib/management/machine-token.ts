/**
 * A machine-to-machine access token for the Management API, from the tenant's
 * token endpoint with the client-credentials grant. Cached until shortly
 * before it expires (never longer), fetched once for concurrent callers, and
 * never cached when the tenant refuses or fails. The token stays on the server:
 * it is only ever put in an `Authorization` header of a Management API call.
 * @see https://auth0.com/docs/secure/tokens/access-tokens/management-api-access-tokens/get-management-api-access-tokens-for-production
 */
import type { Logger } from "../util/log";
import type { ManagementError, ManagementResult } from "./types";

/** Options for {@link createMachineTokenSource}. */
export interface MachineTokenOptions {
  /** The tenant's origin, e.g. `https://my-tenant.eu.auth0.com` (the token endpoint is `{origin}/oauth/token`). */
  readonly tenantOrigin: string;
  /** The machine-to-machine application, authorised for the Management API in the Auth0 dashboard. */
  readonly clientId: string;
  readonly clientSecret: string;
  /** The Management API audience, `{origin}/api/v2/`. */
  readonly audience: string;
  readonly logger: Logger;
  /** Default the global `fetch`. */
  readonly fetch?: typeof fetch;
  /** Clock in epoch ms; default `Date.now`. */
  readonly now?: () => number;
  /** Deadline for one token request, in ms; default 5000. */
  readonly timeoutMs?: number;
  /**
   * Stop using a token this long before its `expires_in` runs out, in seconds;
   * default 60, and never more than half the token's lifetime.
   */
  readonly refreshMarginSeconds?: number;
}

/** Hands out a Management API token for server-side calls. */
export interface MachineTokenSource {
  /**
   * A token valid for at least the refresh margin. Errors: `invalid_token`
   * (the client's credentials were refused), `insufficient_scope` (the client
   * is not authorised for the Management API), `rate_limited`,
   * `tenant_unavailable`, `timeout`, `malformed_response`.
   */
  token(): Promise<ManagementResult<string>>;
  /** Forgets the cached token, e.g. after the Management API answered 401 to it. */
  forget(): void;
}

interface CachedToken {
  readonly value: string;
  /** Epoch ms after which the token is no longer handed out. */
  readonly useUntil: number;
}

interface TokenAnswer {
  readonly access_token?: unknown;
  readonly token_type?: unknown;
  readonly expires_in?: unknown;
  readonly error?: unknown;
}

function statusCode(status: number): ManagementError["code"] {
  if (status === 401) return "invalid_token";
  if (status === 403) return "insufficient_scope";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "tenant_unavailable";
  return "invalid_token";
}

/** Creates a {@link MachineTokenSource} for one machine-to-machine client. */
export function createMachineTokenSource(options: MachineTokenOptions): MachineTokenSource {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 5000;
  const marginMs = (options.refreshMarginSeconds ?? 60) * 1000;
  const endpoint = `${options.tenantOrigin.replace(/\/+$/, "")}/oauth/token`;
  const { logger } = options;
  let cached: CachedToken | null = null;
  let inFlight: Promise<ManagementResult<string>> | null = null;

  async function request(): Promise<ManagementResult<string>> {
    const started = now();
    let response: Response;
    try {
      response = await doFetch(endpoint, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        body: new URLSearchParams({
          grant_type: "client_credentials",
          client_id: options.clientId,
          client_secret: options.clientSecret,
          audience: options.audience,
        }),
        signal: AbortSignal.timeout(timeoutMs),
        cache: "no-store",
      });
    } catch (cause) {
      const name = (cause as { name?: unknown } | null)?.name;
      const code = name === "TimeoutError" || name === "AbortError" ? "timeout" : "tenant_unavailable";
      logger.error("machine_token.unreachable", { code, elapsed_ms: now() - started, reason: typeof name === "string" ? name : "unknown" });
      return { ok: false, error: { code } };
    }
    let body: TokenAnswer = {};
    try {
      body = (await response.json()) as TokenAnswer;
    } catch {
      // judged by status below
    }
    if (!response.ok) {
      const code = statusCode(response.status);
      const upstreamErrorCode = typeof body.error === "string" ? body.error : undefined;
      logger.error("machine_token.refused", { status: response.status, code, upstream_error_code: upstreamErrorCode, client_id: options.clientId });
      return { ok: false, error: { code, status: response.status, ...(upstreamErrorCode === undefined ? {} : { upstreamErrorCode }) } };
    }
    const lifetimeMs = typeof body.expires_in === "number" && body.expires_in > 0 ? body.expires_in * 1000 : NaN;
    if (typeof body.access_token !== "string" || body.access_token === "" || !Number.isFinite(lifetimeMs)) {
      logger.error("machine_token.malformed_response", { status: response.status });
      return { ok: false, error: { code: "malformed_response", status: response.status } };
    }
    // Measured from when the request left: the token's clock started no earlier.
    cached = { value: body.access_token, useUntil: started + lifetimeMs - Math.min(marginMs, lifetimeMs / 2) };
    logger.info("machine_token.issued", { client_id: options.clientId, expires_in_s: lifetimeMs / 1000 });
    return { ok: true, value: body.access_token };
  }

  return {
    token() {
      if (cached && now() < cached.useUntil) return Promise.resolve({ ok: true, value: cached.value });
      cached = null;
      inFlight ??= request().finally(() => {
        inFlight = null;
      });
      return inFlight;
    },
    forget() {
      cached = null;
    },
  };
}
