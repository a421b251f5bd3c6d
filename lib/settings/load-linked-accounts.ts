/**
 * Settings → Linked accounts: reads the signed-in user for the page
 * (`GET /api/v2/users/{id}` with the user's own token, or the machine token in
 * server-side mode), served from the {@link UserCache} when it holds a fresh
 * copy, in which case neither a token nor the Management API is touched.
 */
import type { Logger } from "../util/log";
import { createManagementAccess, type ManagementAccess } from "../linking/management-access";
import type { ManagementClient } from "../management/client";
import type { UserCache } from "../management/user-cache";
import type { ManagementResult, ManagementUser } from "../management/types";

/** What {@link loadLinkedAccounts} needs. */
export interface LinkedAccountsSource {
  readonly management: ManagementClient;
  readonly userCache: UserCache;
  readonly logger: Logger;
  /** The signed-in user's access token; throws (with the SDK's `code`) when there is none. Not asked in server-side mode. */
  readonly accessToken: () => Promise<string>;
  /** Which token the read carries (the linking mode); default the user's own (`link_with`). */
  readonly access?: ManagementAccess;
}

/**
 * The user `sub` (the session's own: in server-side mode the token could read
 * anyone) with their identities, primary first.
 * Errors: `invalid_token` when there is no access token, else those of
 * {@link ManagementClient.getUser}. Failures are never cached.
 * Views that miss the cache while a read of the same user is under way wait
 * for that read ({@link UserCache.shared}); if it failed, each reads with its
 * own token, so another request's token never decides this one's page.
 * @see https://auth0.com/docs/api/management/v2/users/get-users-by-id
 */
export async function loadLinkedAccounts(source: LinkedAccountsSource, sub: string): Promise<ManagementResult<ManagementUser>> {
  const cached = await source.userCache.get(sub);
  if (cached) return { ok: true, value: cached };
  let ownRead = false;
  const shared = await source.userCache.shared(sub, async () => {
    ownRead = true;
    return readUser(source, sub);
  });
  return shared.ok || ownRead ? shared : readUser(source, sub);
}

/** `GET /api/v2/users/{sub}` with the mode's token, stored in the cache when it succeeds. */
async function readUser(source: LinkedAccountsSource, sub: string): Promise<ManagementResult<ManagementUser>> {
  const access = source.access ?? createManagementAccess({ mode: "link_with", management: source.management, logger: source.logger });
  const calls = await access.open(async () => {
    try {
      return await source.accessToken();
    } catch (error) {
      source.logger.warn("settings.no_access_token", { reason: (error as { code?: string }).code ?? "unknown" });
      return null;
    }
  });
  if (calls === null) return { ok: false, error: { code: "invalid_token" } };
  const readSince = await source.userCache.mark(sub);
  const result = await calls.getUser(sub);
  // Not over the answer of a link or unlink that landed while this read was under way.
  if (result.ok) await source.userCache.set(result.value, readSince);
  return result;
}
