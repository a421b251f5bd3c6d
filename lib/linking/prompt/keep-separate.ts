/**
 * "Keep separate": remembered in the new sign-in's own `app_metadata`, so the
 * prompt is not shown for that pair again, on any device, and nothing in the
 * browser decides it. Written with the machine token (`update:users`):
 * `PATCH /api/v2/users/{id}` with `app_metadata.account_linking.kept_separate`,
 * the ids of the accounts the person chose to keep apart. Auth0 replaces a
 * top-level key of `app_metadata` whole, so the key is ours alone and the list
 * is sent complete. Settings' suggestions do not read it: they still offer the link.
 * @see https://auth0.com/docs/manage-users/user-accounts/metadata/manage-metadata-api
 */
import type { ManagementError, ManagementUser } from "../../management/types";
import type { LinkingContext } from "../options";
import type { PromptContext } from "./prompt-context";

/** The `app_metadata` key the prompt keeps its memory in. */
export const PROMPT_METADATA_KEY = "account_linking";

/** At most this many remembered accounts: enough for anyone, and a bound on what a user's metadata carries. */
const MAX_KEPT = 20;

/** The accounts `user` chose to keep separate from it (ids), as its `app_metadata` says. */
export function keptSeparate(user: ManagementUser): readonly string[] {
  const memory = user.app_metadata?.[PROMPT_METADATA_KEY];
  const list = typeof memory === "object" && memory !== null ? (memory as { kept_separate?: unknown }).kept_separate : undefined;
  return Array.isArray(list) ? list.filter((entry): entry is string => typeof entry === "string") : [];
}

/**
 * Remembers that `userId` keeps `existingId` separate. Reads the user first
 * (the list is written whole), then writes. `ok: false` carries the
 * Management API's error: nothing was remembered, and the page says so.
 */
export async function keepSeparate(
  context: Pick<LinkingContext, "management" | "logger">,
  prompt: PromptContext,
  userId: string,
  existingId: string,
): Promise<{ ok: true } | { ok: false; error: ManagementError }> {
  const user = await prompt.asMachine("prompt.read_user", (token) => context.management.getUser(token, userId));
  if (!user.ok) return user;
  const kept = keptSeparate(user.value);
  if (kept.includes(existingId)) return { ok: true };
  const memory = user.value.app_metadata?.[PROMPT_METADATA_KEY];
  const others = typeof memory === "object" && memory !== null && !Array.isArray(memory) ? memory : {};
  const patched = await prompt.asMachine("prompt.keep_separate", (token) =>
    context.management.patchUser(token, userId, { app_metadata: { [PROMPT_METADATA_KEY]: { ...others, kept_separate: [...kept, existingId].slice(-MAX_KEPT) } } }),
  );
  return patched.ok ? { ok: true } : patched;
}
