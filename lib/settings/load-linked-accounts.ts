/**
 * Settings → Linked accounts: reads the signed-in user for the page
 * (`GET /api/v2/users/{id}` with the user's own token), served from the
 * {@link UserCache} when it holds a fresh copy, in which case neither the
 * token nor the Management API is touched.
 */
import type { Logger } from "../log";
import type { ManagementClient } from "../management/client";
import type { UserCache } from "../management/user-cache";
import type { ManagementResult, ManagementUser } from "../management/types";

/** What {@link loadLinkedAccounts} needs. */
export interface LinkedAccountsSource {
  readonly management: ManagementClient;
  readonly userCache: UserCache;
  readonly logger: Logger;
  /** The signed-in user's access token; throws (with the SDK's `code`) when there is none. */
  readonly accessToken: () => Promise<string>;
}

/**
 * The user `sub` with their identities, primary first.
 * Errors: `invalid_token` when there is no access token, else those of
 * {@link ManagementClient.getUser}. Failures are never cached.
 * @see https://auth0.com/docs/api/management/v2/users/get-users-by-id
 */
export async function loadLinkedAccounts(source: LinkedAccountsSource, sub: string): Promise<ManagementResult<ManagementUser>> {
  const cached = source.userCache.get(sub);
  if (cached) return { ok: true, value: cached };
  let token: string;
  try {
    token = await source.accessToken();
  } catch (error) {
    source.logger.warn("settings.no_access_token", { reason: (error as { code?: string }).code ?? "unknown" });
    return { ok: false, error: { code: "invalid_token" } };
  }
  const readSince = source.userCache.mark();
  const result = await source.management.getUser(token, sub);
  // Not over the answer of a link or unlink that landed while this read was under way.
  if (result.ok) source.userCache.set(result.value, readSince);
  return result;
}
