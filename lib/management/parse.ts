/**
 * Checks of the Management API's answer bodies (an answer that fails one is
 * `malformed_response`), and the paths the client builds from ids.
 */
import type { Identity, ManagementUser } from "./types";

/** What a users-by-email answer needs to carry: no metadata, nothing the app does not show or check. */
export const USERS_BY_EMAIL_FIELDS = "user_id,email,email_verified,name,picture,identities";

/** A connection as the app reads it: its name and its strategy (`github`, `auth0`, `oauth2`, `samlp`, …). */
export interface ConnectionStrategy {
  readonly name: string;
  readonly strategy: string;
}

/** The body as an identities array (a link's or unlink's answer), or `undefined`. */
export function identitiesOrUndefined(body: unknown): Identity[] | undefined {
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

/** Whether the body is a user with valid identities. */
export function isUser(body: unknown): body is ManagementUser {
  if (typeof body !== "object" || body === null) return false;
  const candidate = body as { user_id?: unknown; identities?: unknown };
  return typeof candidate.user_id === "string" && Array.isArray(candidate.identities) && candidate.identities.every(isIdentity);
}

/** A users-by-email entry: a user whose email and its verification, when present, have their types (suggestions rely on both). */
export function isUserByEmail(body: unknown): body is ManagementUser {
  if (!isUser(body)) return false;
  const { email, email_verified: verified } = body as { email?: unknown; email_verified?: unknown };
  return (email === undefined || typeof email === "string") && (verified === undefined || typeof verified === "boolean");
}

/** The body as a list of connections with their names and strategies, or `undefined`. */
export function connectionsOrUndefined(body: unknown): ConnectionStrategy[] | undefined {
  if (!Array.isArray(body)) return undefined;
  const valid = body.every((entry: unknown) => {
    const candidate = entry as { name?: unknown; strategy?: unknown } | null;
    return typeof candidate === "object" && candidate !== null && typeof candidate.name === "string" && typeof candidate.strategy === "string";
  });
  return valid ? body.map((entry: ConnectionStrategy) => ({ name: entry.name, strategy: entry.strategy })) : undefined;
}

/**
 * `users/{segments…}`, each segment URL-encoded, or `null` when one is `.` or
 * `..`: a URL parser resolves those away (even encoded as `%2E%2E`), so
 * `…/identities/github/..` would reach `…/identities/`. No Auth0 id is a dot
 * segment; such a request is refused without being sent.
 */
export function usersPath(...segments: readonly string[]): string | null {
  if (segments.some((segment) => segment === "." || segment === "..")) return null;
  return ["users", ...segments.map((segment) => encodeURIComponent(segment))].join("/");
}
