/**
 * One attempt at a Management API call: build the request, send it with a
 * deadline, and turn what came back into a {@link ManagementResult}: the
 * parsed body, or a {@link ManagementError} whose `code` the status decides.
 * Each failure is logged for operators (never the token). Whether to try
 * again is retry.ts's decision, and which call to make is client.ts's.
 * @see https://auth0.com/docs/api/management/v2
 */
import type { Logger } from "../util/log";
import { rateLimitWaitMs, waitInSeconds } from "./retry";
import type { ManagementError, ManagementErrorCode, ManagementResult } from "./types";

/** Where the Management API is and how to reach it, fixed for a client. */
export interface Transport {
  /** The API's base URL, ending in `/`. */
  readonly baseUrl: string;
  readonly fetch: typeof fetch;
  /** Deadline for one attempt, in ms. */
  readonly timeoutMs: number;
  /** Clock in epoch ms. */
  readonly now: () => number;
  readonly logger: Logger;
}

/** One call to make: its name in the log, what to send, and how to read a 2xx body (`undefined`: malformed). */
export interface ManagementRequest<T> {
  readonly operation: string;
  readonly method: string;
  /** Relative to the base URL, its segments already encoded. */
  readonly path: string;
  readonly accessToken: string;
  readonly parse: (body: unknown) => T | undefined;
  /** Sent as JSON when given. */
  readonly body?: unknown;
}

/** One attempt's result, and for a 429 the wait the tenant asked for. */
export interface Attempt<T> {
  readonly result: ManagementResult<T>;
  readonly serverWaitMs?: number;
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

async function toError(response: Response, serverWaitMs: number | undefined): Promise<ManagementError> {
  let body: ErrorBody = {};
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // A proxy's HTML error page is still an error of this status.
  }
  const errorCode = typeof body.errorCode === "string" ? body.errorCode : undefined;
  let code: ManagementErrorCode = STATUS_CODES[response.status] ?? (response.status >= 500 ? "tenant_unavailable" : "bad_request");
  if (response.status === 403) code = errorCode === "insufficient_scope" ? "insufficient_scope" : "forbidden";
  return {
    code,
    status: response.status,
    ...(serverWaitMs === undefined ? {} : { retryAfterSeconds: waitInSeconds(serverWaitMs) }),
    ...(errorCode === undefined ? {} : { upstreamErrorCode: errorCode }),
    ...(typeof body.message === "string" ? { upstreamMessage: body.message } : {}),
  };
}

/**
 * Sends `request` once, with `transport.timeoutMs` as its deadline. Never
 * throws: no answer in time is `timeout`, no connection `tenant_unavailable`,
 * a refusal the code of its status (401 `invalid_token`, 403
 * `insufficient_scope` or `forbidden`, 404 `not_found`, 409 `conflict`, 429
 * `rate_limited` with the wait it asks for, 5xx `tenant_unavailable`, other
 * 4xx `bad_request`), and a 2xx that `parse` refuses `malformed_response`.
 */
export async function attempt<T>(transport: Transport, request: ManagementRequest<T>): Promise<Attempt<T>> {
  // Taken out of the object so that it is called as a plain function (a browser's fetch refuses another `this`).
  const { logger, now, fetch: doFetch } = transport;
  const { operation, body } = request;
  const started = now();
  let response: Response;
  try {
    response = await doFetch(new URL(request.path, transport.baseUrl), {
      method: request.method,
      headers: {
        authorization: `Bearer ${request.accessToken}`,
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(transport.timeoutMs),
      cache: "no-store",
    });
  } catch (cause) {
    // By name: the abort's DOMException may come from another realm.
    const name = (cause as { name?: unknown } | null)?.name;
    const timedOut = name === "TimeoutError" || name === "AbortError";
    const error: ManagementError = { code: timedOut ? "timeout" : "tenant_unavailable" };
    logger.error("management_api.unreachable", { operation, code: error.code, elapsed_ms: now() - started, reason: typeof name === "string" ? name : "unknown" });
    return { result: { ok: false, error } };
  }
  if (!response.ok) {
    const serverWaitMs = response.status === 429 ? rateLimitWaitMs(response.headers, now()) : undefined;
    const error = await toError(response, serverWaitMs);
    logger.warn("management_api.refused", {
      operation,
      status: response.status,
      code: error.code,
      upstream_error_code: error.upstreamErrorCode,
      upstream_message: error.upstreamMessage,
      retry_after_s: error.retryAfterSeconds,
    });
    return { result: { ok: false, error }, ...(serverWaitMs === undefined ? {} : { serverWaitMs }) };
  }
  let value: T | undefined;
  try {
    // A 202 or 204 (an accepted deletion) may carry no body at all: the parser then sees `null`.
    const text = await response.text();
    value = request.parse(text === "" ? null : JSON.parse(text));
  } catch {
    value = undefined;
  }
  if (value === undefined) {
    logger.error("management_api.malformed_response", { operation, status: response.status });
    return { result: { ok: false, error: { code: "malformed_response", status: response.status } } };
  }
  return { result: { ok: true, value } };
}
