/**
 * Applies injected faults ({@link FaultInjector}) to the tenant's requests, in
 * one msw handler placed before every endpoint, and serves `/__local/faults`
 * when the tenant allows it:
 * - `POST   /__local/faults`  inject one fault (JSON body: {@link faultSpecFromJson}); 201 with the pending faults
 * - `GET    /__local/faults`  the pending faults
 * - `DELETE /__local/faults`  forget them all
 *
 * Local use only: the tenant is never part of a production path.
 */
import { getResponse, http, HttpResponse, type HttpHandler } from "msw";
import { TenantApiError } from "./errors";
import { faultSpecFromJson, markPassedOn, type FaultSpec } from "./faults";
import { decodedPath } from "./management-api";
import type { LocalTenant } from "./model/tenant";
import { jsonResponse, oauthError } from "./oidc-http";

/** Path of the fault-injection endpoint. */
export const FAULTS_PATH = "/__local/faults";

/**
 * How long an injected `timeout` holds a request whose caller never gives up
 * (over HTTP, the tenant does not learn that the caller went away). The timer
 * is unref'd and cleared when the caller aborts, so it never keeps a process alive.
 */
export const FAULT_HANG_LIMIT_MS = 30_000;

/** Resolves when `signal` aborts, or after `limitMs`. */
function hang(signal: AbortSignal, limitMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, limitMs);
    timer.unref?.();
    signal.addEventListener("abort", done, { once: true });
  });
}

function isManagementPath(path: string): boolean {
  return path.startsWith("/api/v2/");
}

function serverError(management: boolean, status: number): Response {
  if (!management) return oauthError(status, status === 503 ? "temporarily_unavailable" : "server_error", "The service is unavailable.");
  const message = status === 503 ? "Service Unavailable" : "Internal error";
  return jsonResponse(new TenantApiError(status, message).toBody(), status);
}

function rateLimited(tenant: LocalTenant, spec: Extract<FaultSpec, { kind: "rate_limit" }>, management: boolean): Response {
  const neither = spec.retryAfterSeconds === undefined && spec.resetAfterSeconds === undefined;
  const retryAfter = neither ? 1 : spec.retryAfterSeconds;
  const headers: Record<string, string> = {
    "X-RateLimit-Limit": "1",
    "X-RateLimit-Remaining": "0",
    "X-RateLimit-Reset": String(Math.ceil(tenant.now() / 1000 + (spec.resetAfterSeconds ?? retryAfter ?? 1))),
  };
  if (retryAfter !== undefined) headers["Retry-After"] = String(retryAfter);
  const body = management
    ? new TenantApiError(429, "Global limit has been reached", "too_many_requests").toBody()
    : { error: "too_many_requests", error_description: "Global limit has been reached" };
  return jsonResponse(body, 429, headers);
}

/** The real answer with its body cut short, so it no longer parses as JSON. */
async function truncated(real: Response): Promise<Response> {
  const text = await real.text();
  const headers = new Headers(real.headers);
  headers.delete("content-length");
  return new Response(text.slice(0, Math.max(1, Math.floor(text.length / 2))) || "{", { status: real.status, headers });
}

/**
 * The msw handler that produces injected faults. It comes before `endpoints`
 * and falls through to them when no fault matches; `malformed_json` and
 * `lose_response` run the request through `endpoints` first. Faulted
 * Management API calls are written to `tenant.requestLog` with their `fault`.
 */
export function faultHandler(tenant: LocalTenant, endpoints: readonly HttpHandler[]): HttpHandler {
  return http.all(`${tenant.baseUrl}/*`, async ({ request }) => {
    const path = decodedPath(request.url);
    if (path.startsWith("/__local/")) return undefined;
    const fault = tenant.faults.take(request.method, path);
    if (!fault) return undefined;
    const management = isManagementPath(path);
    const record = (status: number): void => {
      if (management) tenant.requestLog.push({ method: request.method.toUpperCase(), path, status, fault: fault.kind });
    };
    const real = async (): Promise<Response | undefined> => {
      markPassedOn(request, fault.kind);
      return getResponse([...endpoints], request);
    };
    switch (fault.kind) {
      case "timeout":
        record(0);
        await hang(request.signal, FAULT_HANG_LIMIT_MS);
        return HttpResponse.error();
      case "reset":
        record(0);
        return HttpResponse.error();
      case "status": {
        const status = fault.status ?? 503;
        record(status);
        return serverError(management, status);
      }
      case "rate_limit":
        record(429);
        return rateLimited(tenant, fault, management);
      case "malformed_json": {
        const answer = await real();
        return answer ? truncated(answer) : HttpResponse.error();
      }
      case "lose_response":
        await real();
        return HttpResponse.error();
    }
  });
}

/**
 * msw handlers for `/__local/faults`, or when the tenant does not allow fault
 * injection, one that answers 404 saying how to turn it on. Only JSON bodies
 * are accepted, so a web page cannot post one from another origin without a
 * CORS preflight, which is never granted.
 */
export function faultControlHandlers(tenant: LocalTenant): HttpHandler[] {
  const url = `${tenant.baseUrl}${FAULTS_PATH}`;
  if (!tenant.allowFaultInjection) {
    return [
      http.all(url, () =>
        jsonResponse({ error: "not_found", error_description: "Fault injection is off: create the tenant with allowFaultInjection: true (npm run dev and npm run tenant do)." }, 404),
      ),
    ];
  }
  return [
    http.post(url, async ({ request }) => {
      if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json")) {
        return jsonResponse({ error: "invalid_request", error_description: "Send the fault as JSON (Content-Type: application/json)." }, 415);
      }
      let spec: FaultSpec;
      try {
        spec = faultSpecFromJson(await request.json());
        tenant.faults.inject(spec);
      } catch (error) {
        const description = error instanceof RangeError ? error.message : "The body is not JSON.";
        return jsonResponse({ error: "invalid_request", error_description: description }, 400);
      }
      return jsonResponse({ pending: tenant.faults.pending() }, 201);
    }),
    http.get(url, () => jsonResponse({ pending: tenant.faults.pending() })),
    http.delete(url, () => {
      tenant.faults.clear();
      return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
    }),
    http.all(url, () => jsonResponse({ error: "method_not_allowed", error_description: "Use POST, GET or DELETE." }, 405, { allow: "POST, GET, DELETE" })),
  ];
}
