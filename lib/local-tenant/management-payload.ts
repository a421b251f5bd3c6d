/**
 * Request bodies and query strings of the local tenant's Management API,
 * validated as Auth0 validates them, with its 400 messages:
 * `Payload validation error: '<what>' on property <name>.` (`errorCode` `invalid_body`).
 *
 * @see https://auth0.com/docs/api/management/v2/users/patch-users-by-id
 * @see https://auth0.com/docs/api/management/v2/users/post-identities
 */
import { TenantApiError } from "./errors";

/** A JSON object body. */
export type JsonObject = Record<string, unknown>;

/** Auth0's 400 for a body that breaks the endpoint's schema. */
export function payloadError(detail: string, property?: string): TenantApiError {
  const where = property === undefined ? "" : ` on property ${property}`;
  return new TenantApiError(400, `Payload validation error: '${detail}'${where}.`, "invalid_body");
}

/** Auth0's 400 for a query string that breaks the endpoint's schema. */
export function queryError(detail: string, property?: string): TenantApiError {
  const where = property === undefined ? "" : ` on property ${property}`;
  return new TenantApiError(400, `Query validation error: '${detail}'${where}.`, "invalid_query_string");
}

/** The JSON-schema type name of a value, as Auth0's validator words it ("integer", "array", "null", …). */
function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function isObject(value: unknown): value is JsonObject {
  return typeName(value) === "object";
}

function expectType(body: JsonObject, property: string, type: "string" | "object"): void {
  const value = body[property];
  if (value === undefined) return;
  const actual = typeName(value);
  if (actual !== type) throw payloadError(`Expected type ${type} but found type ${actual}`, property);
}

function refuseAdditional(body: JsonObject, allowed: readonly string[]): void {
  const extra = Object.keys(body).filter((key) => !allowed.includes(key));
  if (extra.length > 0) throw payloadError(`Additional properties not allowed: ${extra.join(",")}`);
}

/**
 * Reads a JSON object body; an empty body reads as `{}`.
 * @throws {TenantApiError} 400 `invalid_body` when it is not JSON or not an object.
 */
export async function readJsonObject(request: Request): Promise<JsonObject> {
  const text = await request.text();
  if (text.trim() === "") return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw payloadError("Invalid request payload JSON format");
  }
  if (!isObject(body)) throw payloadError(`Expected type object but found type ${typeName(body)}`);
  return body;
}

/** What `PATCH /api/v2/users/{id}` may change on the local tenant. */
export interface UserPatch {
  user_metadata?: JsonObject;
  app_metadata?: JsonObject;
  name?: string;
  nickname?: string;
  picture?: string;
}

const PATCH_PROPERTIES = ["user_metadata", "app_metadata", "name", "nickname", "picture"] as const;

/**
 * Validates a `PATCH /api/v2/users/{id}` body.
 * @throws {TenantApiError} 400 `invalid_body` for unknown properties or wrong types.
 */
export function parseUserPatch(body: JsonObject): UserPatch {
  refuseAdditional(body, PATCH_PROPERTIES);
  expectType(body, "user_metadata", "object");
  expectType(body, "app_metadata", "object");
  for (const property of ["name", "nickname", "picture"] as const) expectType(body, property, "string");
  const patch: UserPatch = {};
  for (const property of PATCH_PROPERTIES) {
    if (body[property] !== undefined) Object.assign(patch, { [property]: body[property] });
  }
  return patch;
}

/** The two ways to call `POST /api/v2/users/{id}/identities`. */
export type LinkRequest =
  | { readonly mode: "link_with"; readonly idToken: string }
  | { readonly mode: "identity"; readonly provider: string; readonly userId: string; readonly connectionId: string | undefined };

const LINK_PROPERTIES = ["link_with", "provider", "user_id", "connection_id"] as const;

/**
 * Validates a link body: either `{"link_with"}` alone, or `{"provider", "user_id", "connection_id"?}`.
 * A numeric `user_id` (GitHub) is read as its decimal string.
 * @throws {TenantApiError} 400 `invalid_body` ("Payload validation error: …").
 */
export function parseLinkRequest(body: JsonObject): LinkRequest {
  refuseAdditional(body, LINK_PROPERTIES);
  const count = Object.keys(body).length;
  if (count === 0) throw payloadError("Too few properties defined (0), minimum 1");
  expectType(body, "link_with", "string");
  expectType(body, "provider", "string");
  expectType(body, "connection_id", "string");
  const userId = body["user_id"];
  if (userId !== undefined && typeof userId !== "string" && !(typeof userId === "number" && Number.isInteger(userId))) {
    throw payloadError(`Expected type string but found type ${typeName(userId)}`, "user_id");
  }
  const linkWith = body["link_with"];
  if (typeof linkWith === "string") {
    if (count > 1) throw payloadError("link_with must not be sent with provider, user_id or connection_id", "link_with");
    return { mode: "link_with", idToken: linkWith };
  }
  const provider = body["provider"];
  if (typeof provider !== "string") throw payloadError("Missing required property: provider");
  if (userId === undefined) throw payloadError("Missing required property: user_id");
  const connectionId = body["connection_id"];
  return {
    mode: "identity",
    provider,
    userId: String(userId),
    connectionId: typeof connectionId === "string" ? connectionId : undefined,
  };
}
