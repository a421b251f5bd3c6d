/**
 * When a link or unlink ends without an answer that says what happened — no
 * answer before the deadline, a failed connection, a 5xx, a 2xx whose body
 * cannot be read — the tenant may or may not have made the change. Repeating
 * it would not tell (after a lost 201 a second link answers 409; after a lost
 * 200 a second unlink answers 404), so the routes read the user with the same
 * token and report what its identities say.
 *
 * @see https://auth0.com/docs/manage-users/user-accounts/user-account-linking
 */
import { identityId } from "../management/identities";
import type { ManagementError } from "../management/types";
import type { ManagementCalls } from "./management-access";
import type { LinkingContext } from "./options";

/**
 * Whether a failed change may nonetheless have happened: its last attempt got
 * no usable answer, or an earlier attempt of a retried call did not (a 4xx or
 * a 429 alone says it did not happen; so does a call never sent for want of a token).
 */
export function outcomeUnknown(error: ManagementError): boolean {
  if (error.notSent === true) return false;
  return error.code === "timeout" || error.code === "tenant_unavailable" || error.code === "malformed_response" || error.afterUnknownOutcome === true;
}

/**
 * Reads `primarySub` (`GET /api/v2/users/{id}`, retried as every read is, with
 * the same token as the change) and says whether identity `id`
 * (`provider|user_id`) is among its identities.
 * @returns `null` when the read fails too: then nothing can be claimed.
 */
export async function identityPresent(context: LinkingContext, calls: ManagementCalls, primarySub: string, id: string): Promise<boolean | null> {
  const user = await calls.getUser(primarySub);
  if (!user.ok) {
    context.logger.warn("linking.reconcile_read_failed", { sub: primarySub, code: user.error.code, status: user.error.status });
    return null;
  }
  return user.value.identities.some((identity) => identityId(identity) === id);
}
