/**
 * Account linking as Auth0 performs it on the tenant's users: linking a
 * standalone user into another (it disappears, its identity moves over) and
 * unlinking an identity (it becomes a standalone user again), with the status
 * and message of each refusal Auth0 answers.
 * @see https://auth0.com/docs/manage-users/user-accounts/user-account-linking
 */
import { TenantApiError } from "../errors";
import type { ProfileData, TenantIdentity } from "../types";
import { addAccount, findUserByIdentity, requireUser, splitUserId, touch, type UserStore } from "./users";

/**
 * Links `secondaryId` (a root user with one identity) into `primaryId`, as
 * Auth0 does: the secondary root user disappears and its metadata is discarded.
 * @returns a copy of the primary's identities, primary first.
 * @throws {TenantApiError} 404 for an unknown primary, 400 for the same user,
 * an unknown secondary or one with several identities, 409 for an identity
 * already linked into another user.
 */
export function linkUsers(store: UserStore, primaryId: string, secondaryId: string): TenantIdentity[] {
  const primary = requireUser(store, primaryId);
  if (primaryId === secondaryId) throw new TenantApiError(400, "Main identity and the new one are the same.", "invalid_body");
  const secondary = store.byId.get(secondaryId);
  if (!secondary) {
    const { provider, id } = splitUserId(secondaryId);
    if (findUserByIdentity(store, provider, id)) throw new TenantApiError(409, "Specified identity already exists.", "identity_conflict");
    throw new TenantApiError(400, "Provided secondary account not found.", "invalid_body");
  }
  const [identity, ...others] = secondary.identities;
  if (!identity || others.length > 0) throw new TenantApiError(400, "Unable to link with the secondary account.", "invalid_body");
  const profileData: ProfileData = {
    email: secondary.email,
    email_verified: secondary.email_verified,
    name: secondary.name,
    nickname: secondary.nickname,
    picture: secondary.picture,
  };
  primary.identities.push({ ...identity, profileData });
  touch(store, primary);
  store.byId.delete(secondaryId);
  return structuredClone(primary.identities);
}

/**
 * Removes identity `provider|id` from `primaryId` and makes it a standalone
 * user again, without metadata.
 * @returns a copy of the remaining identities.
 * @throws {TenantApiError} 404 for an unknown user or identity, 400 for the primary identity itself.
 */
export function unlinkIdentity(store: UserStore, primaryId: string, provider: string, id: string): TenantIdentity[] {
  const primary = requireUser(store, primaryId);
  const index = primary.identities.findIndex((identity) => identity.provider === provider && String(identity.user_id) === id);
  if (index === 0) throw new TenantApiError(400, "Main identity cannot be removed.", "operation_not_supported");
  const identity = primary.identities[index];
  if (index < 0 || !identity) throw new TenantApiError(404, "The identity does not exist.", "inexistent_identity");
  primary.identities.splice(index, 1);
  touch(store, primary);
  const profile = identity.profileData;
  addAccount(store, {
    user_id: `${identity.provider}|${identity.user_id}`,
    connection: identity.connection,
    email: profile?.email ?? "",
    email_verified: profile?.email_verified ?? false,
    name: profile?.name ?? "",
  });
  return structuredClone(primary.identities);
}
