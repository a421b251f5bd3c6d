/**
 * What the fault flow tests share: the app's environment with a short
 * deadline, the Management API calls they count, and a stopwatch. Faults
 * themselves are injected with the tenant's own API, `tenant.faults.inject(…)`.
 */
import type { LocalTenant, ManagementRequestLogEntry } from "@/lib/local-tenant";
import { OWNER_ID } from "./app";

/** The app's deadline for each call to the tenant in these tests (AUTH0_HTTP_TIMEOUT_MS): short, so a hang costs a second. */
export const DEADLINE_MS = 1000;

/** The environment for `useApp`: the app as `npm run dev` runs it, with {@link DEADLINE_MS}. */
export const FAULT_TEST_ENV = { AUTH0_HTTP_TIMEOUT_MS: String(DEADLINE_MS) } as const;

/** `POST /api/v2/users/{owner}/identities`: the link. */
export const LINK_CALL = { method: "POST", path: `/api/v2/users/${OWNER_ID}/identities` } as const;
/** `GET /api/v2/users/{owner}`: reading the owner (Settings, and the reconciliation after an unknown outcome). */
export const READ_CALL = { method: "GET", path: `/api/v2/users/${OWNER_ID}` } as const;
/** `DELETE /api/v2/users/{owner}/identities/github/1000001`: unlinking the owner's GitHub account. */
export const UNLINK_GITHUB_CALL = { method: "DELETE", path: `/api/v2/users/${OWNER_ID}/identities/github/1000001` } as const;

/** Every Management API call the tenant received, in order, as plain objects (`fault` only when one was injected). */
export function managementCalls(tenant: LocalTenant): ManagementRequestLogEntry[] {
  return tenant.requestLog.map((entry) => ({ ...entry }));
}

/** A stopwatch: milliseconds since it was started. */
export function stopwatch(): () => number {
  const started = performance.now();
  return () => performance.now() - started;
}
