/**
 * What "This wasn't me" does to the account once its owner signed in again:
 * the reported sign-in leaves the account if it is still linked (it becomes a
 * user of its own again, as Auth0 unlinks), every Auth0 session and refresh
 * token of the owner is revoked through the Management API with the
 * machine-to-machine token, and every session of this app for the owner ends
 * (the "sessions valid after" mark). Each step is tried whatever the others
 * did, and reported on its own, so the page says exactly what was done.
 *
 * @see https://auth0.com/docs/api/management/v2/users/delete-sessions-for-user
 * @see https://auth0.com/docs/api/management/v2/users/delete-refresh-tokens-for-user
 */
import { parseIdentityId } from "../../management/identities";
import type { ManagementClient } from "../../management/client";
import type { MachineTokenSource } from "../../management/machine-token";
import type { UserCache } from "../../management/user-cache";
import type { SessionRevocations } from "../../session/revocations";
import type { Logger } from "../../util/log";
import { withMachineToken } from "../management-access";

/** How one step ended: done, nothing to do, or failed (with the Management API's error code). */
export type StepResult = { readonly done: true; readonly changed: boolean } | { readonly done: false; readonly code: string };

/** What securing the account did, step by step. */
export interface SecuredAccount {
  /** The reported sign-in removed (`changed: false`: it was no longer linked). */
  readonly unlinked: StepResult;
  /** The owner's Auth0 sessions ended (`DELETE /api/v2/users/{id}/sessions`). */
  readonly auth0Sessions: StepResult;
  /** The owner's refresh tokens revoked (`DELETE /api/v2/users/{id}/refresh-tokens`). */
  readonly refreshTokens: StepResult;
  /** Every session of this app for the owner ended. */
  readonly appSessions: StepResult;
}

/** What {@link secureAccount} needs. */
export interface SecureAccountParts {
  readonly management: ManagementClient;
  readonly machineToken: MachineTokenSource;
  readonly revocations: SessionRevocations;
  readonly userCache: UserCache | null;
  readonly logger: Logger;
  readonly now: () => number;
}

/** Removes `identity` from `sub` when it is still linked there; `changed: false` when it is not. */
export async function unlinkReported(parts: SecureAccountParts, sub: string, identity: string): Promise<StepResult> {
  const parsed = parseIdentityId(identity);
  if (!parsed || identity === sub) return { done: true, changed: false };
  const call = withMachineToken(parts.machineToken, parts.logger);
  const user = await call("get_user", (token) => parts.management.getUser(token, sub));
  if (!user.ok) return { done: false, code: user.error.code };
  const linked = user.value.identities.slice(1).some((candidate) => `${candidate.provider}|${candidate.user_id}` === identity);
  if (!linked) return { done: true, changed: false };
  const unlinked = await call("unlink_identity", (token) => parts.management.unlinkIdentity(token, sub, parsed.provider, parsed.userId));
  // Settings reads the user afresh either way.
  await parts.userCache?.delete(sub);
  if (unlinked.ok || unlinked.error.code === "not_found") return { done: true, changed: unlinked.ok };
  return { done: false, code: unlinked.error.code };
}

/**
 * Ends everything that could still sign in as `sub` besides the owner's own
 * credentials: Auth0's sessions and refresh tokens, and this app's sessions.
 * The reported sign-in has been unlinked before (see ./start-report).
 */
export async function revokeEverywhere(parts: SecureAccountParts, sub: string): Promise<Omit<SecuredAccount, "unlinked">> {
  const call = withMachineToken(parts.machineToken, parts.logger);
  const step = async (operation: string, run: (token: string) => ReturnType<ManagementClient["deleteUserSessions"]>): Promise<StepResult> => {
    const result = await call(operation, run);
    return result.ok ? { done: true, changed: true } : { done: false, code: result.error.code };
  };
  // This app's sessions first: it needs no network, and it is what the intruder most likely holds.
  let appSessions: StepResult;
  try {
    await parts.revocations.revokeBefore(sub, parts.now());
    appSessions = { done: true, changed: true };
  } catch {
    appSessions = { done: false, code: "unavailable" };
  }
  const [auth0Sessions, refreshTokens] = await Promise.all([
    step("delete_user_sessions", (token) => parts.management.deleteUserSessions(token, sub)),
    step("delete_user_refresh_tokens", (token) => parts.management.deleteUserRefreshTokens(token, sub)),
  ]);
  return { appSessions, auth0Sessions, refreshTokens };
}
