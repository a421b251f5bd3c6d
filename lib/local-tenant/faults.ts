/**
 * Faults the local tenant can be told to produce on its next matching
 * requests, so tests (and a person running `npm run dev`) can see what the
 * app does when Auth0 hangs, drops the connection, answers 5xx or 429, sends
 * a body that is not JSON, or performs a change and then loses the answer.
 *
 * This file keeps the rules; `faults-http.ts` applies them to requests and
 * serves `/__local/faults`. Local use only: never part of a production path.
 */

/** What the tenant does instead of (or after) answering normally. */
export type FaultKind =
  /** No answer until the caller gives up (its signal aborts), then the connection drops. */
  | "timeout"
  /** The connection fails at once, as when it is refused or reset (a network error). */
  | "reset"
  /** A 5xx in Auth0's error body shape; nothing is performed. */
  | "status"
  /** A 429 with `Retry-After` and/or `X-RateLimit-Reset`; nothing is performed. */
  | "rate_limit"
  /** The request is performed; its answer arrives with its status but a body cut short (not JSON). */
  | "malformed_json"
  /** The request is performed, then its answer is lost like a network error (the lost 201). */
  | "lose_response";

/** Every {@link FaultKind}, e.g. to validate the kind a request to `/__local/faults` names. */
export const FAULT_KINDS: readonly FaultKind[] = ["timeout", "reset", "status", "rate_limit", "malformed_json", "lose_response"];

/** Which requests a fault applies to, and how many of them. */
export interface FaultTarget {
  /** HTTP method, any case; default every method. */
  readonly method?: string;
  /** A prefix of the percent-decoded path (`"/api/v2/users/"`), or a pattern tested against it (`/\/identities$/`). */
  readonly path: string | RegExp;
  /** How many matching requests get the fault; default 1. */
  readonly times?: number;
}

/** A fault to inject: see {@link FaultInjector.inject}. */
export type FaultSpec = FaultTarget &
  (
    | { readonly kind: "timeout" | "reset" | "malformed_json" | "lose_response" }
    /** `status`: 500–599, default 503. */
    | { readonly kind: "status"; readonly status?: number }
    /**
     * `retryAfterSeconds` sets `Retry-After`; `resetAfterSeconds` sets
     * `X-RateLimit-Reset` to now plus that. With neither: `Retry-After: 1`.
     * Give only `resetAfterSeconds` for a 429 without `Retry-After`.
     */
    | { readonly kind: "rate_limit"; readonly retryAfterSeconds?: number; readonly resetAfterSeconds?: number }
  );

/** A fault still waiting for requests, as {@link FaultInjector.pending} and `GET /__local/faults` list it. */
export interface PendingFault {
  readonly kind: FaultKind;
  readonly method?: string;
  /** The prefix, or the pattern as `/source/flags`. */
  readonly path: string;
  /** Matching requests it still applies to. */
  readonly timesLeft: number;
  readonly status?: number;
  readonly retryAfterSeconds?: number;
  readonly resetAfterSeconds?: number;
}

function wholeNumber(value: number | undefined, name: string, min: number, max: number): void {
  if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) {
    throw new RangeError(`${name} must be a whole number from ${min} to ${max} (got ${String(value)}).`);
  }
}

function matches(spec: FaultSpec, method: string, path: string): boolean {
  if (spec.method !== undefined && spec.method.toUpperCase() !== method.toUpperCase()) return false;
  if (typeof spec.path === "string") return path.startsWith(spec.path);
  spec.path.lastIndex = 0;
  return spec.path.test(path);
}

/**
 * The faults a tenant will produce, oldest first. Each request takes the first
 * rule that matches it and uses up one of its `times`.
 *
 * @example
 * tenant.faults.inject({ method: "POST", path: /\/identities$/, kind: "lose_response" });
 * tenant.faults.inject({ method: "GET", path: "/api/v2/users/", kind: "status", status: 503, times: 2 });
 * tenant.faults.inject({ path: "/api/v2/", kind: "rate_limit", resetAfterSeconds: 30 });
 */
export class FaultInjector {
  readonly #rules: { spec: FaultSpec; left: number }[] = [];

  /**
   * Makes the next `times` requests matching `spec.method` and `spec.path` fail as `spec.kind` says.
   * @throws {RangeError} for a `times`, `status` or wait that is out of range, or a `path` that is neither `/…` nor a RegExp.
   */
  inject(spec: FaultSpec): void {
    if (!FAULT_KINDS.includes(spec.kind)) throw new RangeError(`kind must be one of ${FAULT_KINDS.join(", ")}.`);
    if (typeof spec.path === "string" ? !spec.path.startsWith("/") : !(spec.path instanceof RegExp)) {
      throw new RangeError("path must be a path prefix starting with / or a RegExp.");
    }
    wholeNumber(spec.times, "times", 1, 1000);
    if (spec.kind === "status") wholeNumber(spec.status, "status", 500, 599);
    if (spec.kind === "rate_limit") {
      wholeNumber(spec.retryAfterSeconds, "retryAfterSeconds", 0, 86_400);
      wholeNumber(spec.resetAfterSeconds, "resetAfterSeconds", 0, 86_400);
    }
    this.#rules.push({ spec, left: spec.times ?? 1 });
  }

  /** Forgets every fault not yet used. */
  clear(): void {
    this.#rules.length = 0;
  }

  /** The faults still waiting, oldest first. */
  pending(): PendingFault[] {
    return this.#rules.map(({ spec, left }) => ({
      kind: spec.kind,
      ...(spec.method === undefined ? {} : { method: spec.method.toUpperCase() }),
      path: typeof spec.path === "string" ? spec.path : String(spec.path),
      timesLeft: left,
      ...(spec.kind === "status" ? { status: spec.status ?? 503 } : {}),
      ...(spec.kind === "rate_limit" && spec.retryAfterSeconds !== undefined ? { retryAfterSeconds: spec.retryAfterSeconds } : {}),
      ...(spec.kind === "rate_limit" && spec.resetAfterSeconds !== undefined ? { resetAfterSeconds: spec.resetAfterSeconds } : {}),
    }));
  }

  /** The fault for a request (`path` percent-decoded), using up one of its times; `undefined` when none matches. */
  take(method: string, path: string): FaultSpec | undefined {
    const index = this.#rules.findIndex((rule) => matches(rule.spec, method, path));
    const rule = this.#rules[index];
    if (!rule) return undefined;
    rule.left -= 1;
    if (rule.left === 0) this.#rules.splice(index, 1);
    return rule.spec;
  }
}

/** Requests passed on to the real endpoint under a fault that acts after it (`malformed_json`, `lose_response`). */
const passedOn = new WeakMap<Request, FaultKind>();

/** Marks `request` as going to the real endpoint under `kind`, so the request log can say so. */
export function markPassedOn(request: Request, kind: FaultKind): void {
  passedOn.set(request, kind);
}

/** `{ fault }` for a request marked by {@link markPassedOn}, else `{}`: spread it into a request log entry. */
export function faultNoteOf(request: Request): { readonly fault?: FaultKind } {
  const kind = passedOn.get(request);
  return kind === undefined ? {} : { fault: kind };
}

/**
 * Reads a fault from JSON (the body of `POST /__local/faults`): the fields of
 * {@link FaultSpec}, with `path` a prefix, or `pathPattern` a RegExp source.
 * @throws {RangeError} naming what is wrong.
 */
export function faultSpecFromJson(body: unknown): FaultSpec {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new RangeError("The body must be a JSON object.");
  const input = body as Record<string, unknown>;
  const allowed = ["kind", "method", "path", "pathPattern", "times", "status", "retryAfterSeconds", "resetAfterSeconds"];
  const unknown = Object.keys(input).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) throw new RangeError(`Unknown field(s): ${unknown.join(", ")}. Known: ${allowed.join(", ")}.`);
  const kind = input["kind"];
  if (typeof kind !== "string" || !(FAULT_KINDS as readonly string[]).includes(kind)) {
    throw new RangeError(`kind must be one of ${FAULT_KINDS.join(", ")}.`);
  }
  for (const name of ["method", "path", "pathPattern"]) {
    if (input[name] !== undefined && typeof input[name] !== "string") throw new RangeError(`${name} must be a string.`);
  }
  for (const name of ["times", "status", "retryAfterSeconds", "resetAfterSeconds"]) {
    if (input[name] !== undefined && typeof input[name] !== "number") throw new RangeError(`${name} must be a number.`);
  }
  const { path, pathPattern } = input as { path?: string; pathPattern?: string };
  if ((path === undefined) === (pathPattern === undefined)) throw new RangeError("Give exactly one of path (a prefix) and pathPattern (a RegExp source).");
  let target: string | RegExp;
  try {
    target = path ?? new RegExp(pathPattern ?? "");
  } catch {
    throw new RangeError("pathPattern is not a valid regular expression.");
  }
  const common = {
    path: target,
    ...(typeof input["method"] === "string" ? { method: input["method"] } : {}),
    ...(typeof input["times"] === "number" ? { times: input["times"] } : {}),
  };
  const numberField = (name: string): number | undefined => (typeof input[name] === "number" ? input[name] : undefined);
  const status = numberField("status");
  const retryAfterSeconds = numberField("retryAfterSeconds");
  const resetAfterSeconds = numberField("resetAfterSeconds");
  if (status !== undefined && kind !== "status") throw new RangeError("status applies to kind status only.");
  if ((retryAfterSeconds !== undefined || resetAfterSeconds !== undefined) && kind !== "rate_limit") {
    throw new RangeError("retryAfterSeconds and resetAfterSeconds apply to kind rate_limit only.");
  }
  switch (kind as FaultKind) {
    case "status":
      return { ...common, kind: "status", ...(status === undefined ? {} : { status }) };
    case "rate_limit":
      return {
        ...common,
        kind: "rate_limit",
        ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
        ...(resetAfterSeconds === undefined ? {} : { resetAfterSeconds }),
      };
    default:
      return { ...common, kind: kind as "timeout" | "reset" | "malformed_json" | "lose_response" };
  }
}
