/**
 * For operators: finishes a metadata merge that a recovery record kept
 * (`npm run metadata:reapply -- <record.json>`, see scripts/reapply-metadata.ts).
 * It applies the same policy as the merge, against the primary as it is now:
 * only the secondary's top-level keys the primary still lacks are sent, so a
 * value the person set since the link is never overwritten. It PATCHes only
 * when the primary holds the secondary identity (the link happened).
 *
 * @see https://auth0.com/docs/api/management/v2/users/patch-users-by-id
 */
import { identityId } from "../management/identities";
import type { ManagementClient } from "../management/client";
import type { MachineTokenSource } from "../management/machine-token";
import type { ManagementError, MetadataPatch } from "../management/types";
import { isEmptyPatch, metadataOf, metadataPatch } from "./metadata-patch";
import type { MetadataRecoveryRecord } from "./metadata-recovery";

/** What re-applying a record did. Only `merged` and `nothing_to_add` mean the record can be deleted. */
export type ReapplyResult =
  /** The primary now holds the keys it lacked (`patch`: what was sent). */
  | { readonly status: "merged"; readonly patch: MetadataPatch }
  /** The primary already holds every key of the record (merged earlier, or set since). */
  | { readonly status: "nothing_to_add" }
  /** The secondary is still a user of its own: the link never happened, and its metadata is still on it. The record can be deleted. */
  | { readonly status: "not_linked" }
  /** The primary does not hold the secondary, and the secondary is not a user of its own: linked elsewhere, or deleted. Nothing was sent. */
  | { readonly status: "secondary_elsewhere" }
  /** A Management API call failed; nothing or everything was sent (the PATCH is idempotent: run it again). */
  | { readonly status: "failed"; readonly step: "token" | "read_primary" | "read_secondary" | "patch"; readonly error: ManagementError };

/** Checks that `value` is a record this library wrote, version 1. */
export function isRecoveryRecord(value: unknown): value is MetadataRecoveryRecord {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Partial<Record<keyof MetadataRecoveryRecord, unknown>>;
  const metadata = record.secondary as { user_metadata?: unknown; app_metadata?: unknown } | undefined;
  return (
    record.kind === "account-linking.metadata-recovery" &&
    record.version === 1 &&
    typeof record.primary_id === "string" &&
    typeof record.secondary_id === "string" &&
    typeof metadata === "object" &&
    metadata !== null &&
    typeof metadata.user_metadata === "object" &&
    typeof metadata.app_metadata === "object"
  );
}

/**
 * Re-applies a recovery record to its primary with a machine token
 * (`read:users update:users`).
 * @returns what happened; never throws for a Management API failure.
 */
export async function reapplyMetadataRecord(
  deps: { readonly management: ManagementClient; readonly machineToken: MachineTokenSource },
  record: MetadataRecoveryRecord,
): Promise<ReapplyResult> {
  const token = await deps.machineToken.token();
  if (!token.ok) return { status: "failed", step: "token", error: token.error };
  const primary = await deps.management.getUser(token.value, record.primary_id);
  if (!primary.ok) return { status: "failed", step: "read_primary", error: primary.error };
  if (!primary.value.identities.some((identity) => identityId(identity) === record.secondary_id)) {
    const secondary = await deps.management.getUser(token.value, record.secondary_id);
    if (secondary.ok) return { status: "not_linked" };
    if (secondary.error.code === "not_found") return { status: "secondary_elsewhere" };
    return { status: "failed", step: "read_secondary", error: secondary.error };
  }
  const patch = metadataPatch(metadataOf(primary.value), metadataOf(record.secondary));
  if (isEmptyPatch(patch)) return { status: "nothing_to_add" };
  const patched = await deps.management.patchUser(token.value, record.primary_id, patch);
  if (!patched.ok) return { status: "failed", step: "patch", error: patched.error };
  return { status: "merged", patch };
}
