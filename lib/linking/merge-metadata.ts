/**
 * `GET /link/callback`, metadata merge on (option `mergeMetadata`): the steps
 * around the link, after every check of the callback has passed.
 *
 * 1. Read the secondary and the primary with the machine token. If either
 *    read fails, nothing is linked: nothing is lost yet, and the person can try again.
 * 2. Work out the patch ({@link metadataPatch}: the secondary's top-level keys
 *    the primary lacks). Nothing to add: link as usual, no PATCH.
 * 3. Keep the secondary's metadata in the recovery store. If it cannot be
 *    kept, nothing is linked (see "Decisions" below).
 * 4. Link (the caller's own link call, whichever mode).
 * 5. Linked: PATCH the primary (retried by the Management API client: the
 *    merge is idempotent), then remove the record. The PATCH failing for good
 *    leaves the record and logs `metadata.merge_failed` with its location;
 *    the outcome is `linked_metadata_pending`. Not linked: no PATCH ever (a
 *    merge before a link that then fails would leave half-merged data), and
 *    the record is removed. Unknown whether linked (`unconfirmed`): no PATCH,
 *    the record stays, logged as `metadata.merge_unconfirmed`.
 *
 * Decisions: the record is written before the link rather than between the
 * link and the PATCH, so a crash at any point after the link finds the
 * metadata kept, and a store that cannot write stops the link while nothing
 * is lost yet (the person is asked to try again) instead of linking without a
 * safety net or putting the metadata into log lines.
 *
 * @see https://auth0.com/docs/manage-users/user-accounts/user-account-linking
 * @see https://auth0.com/docs/api/management/v2/users/patch-users-by-id
 */
import type { ManagementError, MetadataPatch } from "../management/types";
import { withMachineToken, type MachineCall } from "./management-access";
import type { LinkingContext, MetadataMergeOptions } from "./options";
import type { LinkOutcomeCode, Outcome } from "./outcomes";
import { isEmptyPatch, metadataOf, metadataPatch, patchSize } from "./metadata-patch";

/** Log fields every line of one merge carries. */
interface MergeFields {
  readonly sub: string;
  readonly secondary: string;
}

/**
 * Runs `link` with the metadata merge around it (steps above).
 * @param link the link call and its reconciliation; its outcome decides whether the PATCH runs (`linked` only).
 * @returns `link`'s outcome; `linked_metadata_pending` instead of `linked` when the PATCH failed for good;
 *   `metadata_unavailable` or `rate_limited` (not linked) when a read or the recovery store failed.
 */
export async function linkWithMetadataMerge<O extends Outcome<LinkOutcomeCode>>(
  context: LinkingContext,
  merge: MetadataMergeOptions,
  primaryId: string,
  secondaryId: string,
  link: () => Promise<O>,
): Promise<O | Outcome<LinkOutcomeCode>> {
  const fields: MergeFields = { sub: primaryId, secondary: secondaryId };
  const asMachine = withMachineToken(merge.machineToken, context.logger);
  const secondary = await asMachine("metadata.read_secondary", (token) => context.management.getUser(token, secondaryId));
  if (!secondary.ok) return unreadable(context, "secondary", secondary.error, fields);
  const primary = await asMachine("metadata.read_primary", (token) => context.management.getUser(token, primaryId));
  if (!primary.ok) return unreadable(context, "primary", primary.error, fields);

  const before = { primary: metadataOf(primary.value), secondary: metadataOf(secondary.value) };
  const patch = metadataPatch(before.primary, before.secondary);
  if (isEmptyPatch(patch)) {
    context.logger.info("metadata.nothing_to_merge", { ...fields });
    return link();
  }

  let location: string;
  try {
    location = await merge.recovery.save({
      kind: "account-linking.metadata-recovery",
      version: 1,
      created_at: new Date(context.now()).toISOString(),
      primary_id: primaryId,
      secondary_id: secondaryId,
      secondary: before.secondary,
      primary: before.primary,
      patch,
    });
  } catch (error) {
    context.logger.error("metadata.recovery_unwritable", { ...fields, reason: reasonOf(error) });
    return { code: "metadata_unavailable", identity: secondaryId };
  }

  const outcome = await link();
  if (outcome.code === "linked") return applyPatch(context, merge, asMachine, fields, patch, location, outcome);
  if (outcome.code === "unconfirmed") {
    // Patching a primary that may not hold the secondary would half-merge; the record lets an operator finish either way.
    context.logger.warn("metadata.merge_unconfirmed", { ...fields, recovery: location });
    return outcome;
  }
  await resolveRecord(context, merge, location, fields, "link_failed");
  return outcome;
}

/** Step 5: PATCH the linked primary, then drop the record; on failure keep it and say where. */
async function applyPatch<O extends Outcome<LinkOutcomeCode>>(
  context: LinkingContext,
  merge: MetadataMergeOptions,
  asMachine: MachineCall,
  fields: MergeFields,
  patch: MetadataPatch,
  location: string,
  outcome: O,
): Promise<O | Outcome<LinkOutcomeCode>> {
  const patched = await asMachine("metadata.patch_primary", (token) => context.management.patchUser(token, fields.sub, patch));
  if (!patched.ok) {
    context.logger.error("metadata.merge_failed", {
      ...fields,
      code: patched.error.code,
      status: patched.error.status,
      recovery: location,
      ...patchSize(patch),
    });
    const pending: Outcome<LinkOutcomeCode> = { ...outcome, code: "linked_metadata_pending" };
    return pending;
  }
  context.logger.info("metadata.merged", { ...fields, ...patchSize(patch) });
  await resolveRecord(context, merge, location, fields, "merged");
  return outcome;
}

async function resolveRecord(context: LinkingContext, merge: MetadataMergeOptions, location: string, fields: MergeFields, because: "merged" | "link_failed"): Promise<void> {
  try {
    await merge.recovery.resolve(location);
  } catch (error) {
    // The record now claims more than is true; say so, so an operator discards it rather than re-applying it blindly.
    context.logger.warn("metadata.recovery_not_removed", { ...fields, recovery: location, because, reason: reasonOf(error) });
  }
}

/** Step 1 failed: nothing was linked. A 429 keeps its wait; anything else asks to try again later. */
function unreadable(context: LinkingContext, user: "secondary" | "primary", error: ManagementError, fields: MergeFields): Outcome<LinkOutcomeCode> {
  context.logger.warn("metadata.read_failed", { ...fields, user, code: error.code, status: error.status });
  if (error.code === "rate_limited") {
    return { code: "rate_limited", ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }) };
  }
  return { code: "metadata_unavailable", identity: fields.secondary };
}

/** An error's code or name for the log (a file system error's `EACCES`, …), never its message. */
function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string") return code;
  return error instanceof Error ? error.name : "unknown";
}
