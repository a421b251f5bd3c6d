/**
 * The metadata merge policy, as pure functions (no I/O): which of the
 * secondary account's `user_metadata` / `app_metadata` keys the primary
 * receives when the two are linked. The primary wins on every conflict, one
 * level deep: only top-level keys the primary lacks are sent, so Auth0's
 * one-level PATCH merge can never overwrite a value the primary already has,
 * and nested objects are never merged key by key.
 *
 * @see https://auth0.com/docs/manage-users/user-accounts/user-account-linking
 * @see https://auth0.com/docs/manage-users/user-accounts/metadata/manage-metadata-api
 */
import type { ManagementUser, Metadata, MetadataPatch } from "../management/types";

/** Both metadata objects of a user, each a plain object (empty when absent). */
export interface UserMetadata {
  readonly user_metadata: Metadata;
  readonly app_metadata: Metadata;
}

function plainObject(value: unknown): Metadata {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  return value as Metadata;
}

/**
 * A user's metadata as the Management API answered it; a missing or
 * non-object field counts as empty.
 */
export function metadataOf(user: Pick<ManagementUser, "user_metadata" | "app_metadata">): UserMetadata {
  return { user_metadata: plainObject(user.user_metadata), app_metadata: plainObject(user.app_metadata) };
}

/** The secondary's top-level keys that the primary does not have (`null` values carry nothing: in a PATCH they delete). */
function missingKeys(primary: Metadata, secondary: Metadata): Metadata | undefined {
  const missing = Object.entries(secondary).filter(([key, value]) => value !== null && value !== undefined && !Object.hasOwn(primary, key));
  return missing.length === 0 ? undefined : Object.fromEntries(missing);
}

/**
 * The PATCH body that gives the primary what the secondary has and it lacks.
 * @returns an empty object when there is nothing to add (see {@link isEmptyPatch}).
 */
export function metadataPatch(primary: UserMetadata, secondary: UserMetadata): MetadataPatch {
  const userMetadata = missingKeys(primary.user_metadata, secondary.user_metadata);
  const appMetadata = missingKeys(primary.app_metadata, secondary.app_metadata);
  return {
    ...(userMetadata === undefined ? {} : { user_metadata: userMetadata }),
    ...(appMetadata === undefined ? {} : { app_metadata: appMetadata }),
  };
}

/** Whether a patch adds nothing (then no PATCH is sent). */
export function isEmptyPatch(patch: MetadataPatch): boolean {
  return patch.user_metadata === undefined && patch.app_metadata === undefined;
}

/** How many top-level keys a patch adds to each object, for the log (never the values). */
export function patchSize(patch: MetadataPatch): { readonly user_metadata_keys: number; readonly app_metadata_keys: number } {
  return { user_metadata_keys: Object.keys(patch.user_metadata ?? {}).length, app_metadata_keys: Object.keys(patch.app_metadata ?? {}).length };
}
