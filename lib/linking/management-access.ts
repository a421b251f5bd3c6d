/**
 * The one place that knows the linking mode: which token the feature's
 * Management API calls carry, and which call links.
 *
 * - `link_with` (default): the signed-in user's own access token (audience the
 *   Management API, `read:current_user update:current_user_identities`), and
 *   the link sends the secondary's verified ID token: `{"link_with": idToken}`.
 * - `server_side`: the app's machine-to-machine token (`read:users
 *   update:users`), for apps whose login asks for their own API; the link
 *   sends `{"provider", "user_id"}` taken from the verified ID token's `sub`.
 *   That token can act on any user, so the primary id always comes from the
 *   session (callers pass the session's `sub`, never input).
 *
 * @see https://auth0.com/docs/manage-users/user-accounts/user-account-linking/link-user-accounts
 */
import type { Logger } from "../util/log";
import type { ManagementClient } from "../management/client";
import type { MachineTokenSource } from "../management/machine-token";
import type { Identity, ManagementResult, ManagementUser } from "../management/types";

/** How accounts are linked: with the user's own token (`link_with`) or the app's machine-to-machine token (`server_side`). */
export type LinkMode = "link_with" | "server_side";

/** The secondary account, after its ID token was verified (signature, `iss`, `aud`, `nonce`, `auth_time`). */
export interface VerifiedSecondary {
  /** The raw ID token (sent as `link_with`). */
  readonly idToken: string;
  /** Its `sub`, e.g. `github|1000001` (split at the first `|` for server-side mode). */
  readonly sub: string;
}

/** The feature's Management API calls for one request, each carrying the token of the mode. */
export interface ManagementCalls {
  readonly mode: LinkMode;
  /** `GET /api/v2/users/{id}`; see {@link ManagementClient.getUser}. */
  getUser(userId: string): Promise<ManagementResult<ManagementUser>>;
  /** Links `secondary` into `primaryId`; see {@link ManagementClient.linkWith} and {@link ManagementClient.linkIdentity}. */
  link(primaryId: string, secondary: VerifiedSecondary): Promise<ManagementResult<Identity[]>>;
  /** `DELETE /api/v2/users/{id}/identities/{provider}/{user_id}`; see {@link ManagementClient.unlinkIdentity}. */
  unlink(primaryId: string, provider: string, userId: string): Promise<ManagementResult<Identity[]>>;
}

/** Opens {@link ManagementCalls} for a request, in the configured mode. */
export interface ManagementAccess {
  readonly mode: LinkMode;
  /**
   * The calls for one request. `link_with`: asks `userToken` once for the
   * user's own token and resolves to `null` when there is none. `server_side`:
   * never asks it; each call gets the machine token when it is made.
   */
  open(userToken: () => Promise<string | null>): Promise<ManagementCalls | null>;
}

/** Options for {@link createManagementAccess}. */
export interface ManagementAccessOptions {
  readonly mode: LinkMode;
  readonly management: ManagementClient;
  /** Required in `server_side` mode: the machine-to-machine client's tokens (see `createMachineTokenSource`). */
  readonly machineToken?: MachineTokenSource | null;
  readonly logger: Logger;
}

/**
 * Creates the {@link ManagementAccess} of `options.mode`.
 * @throws {Error} in `server_side` mode without a `machineToken`.
 */
export function createManagementAccess(options: ManagementAccessOptions): ManagementAccess {
  const { management } = options;
  if (options.mode === "link_with") {
    return {
      mode: "link_with",
      async open(userToken) {
        const token = await userToken();
        if (token === null) return null;
        return {
          mode: "link_with",
          getUser: (userId) => management.getUser(token, userId),
          link: (primaryId, secondary) => management.linkWith(token, primaryId, secondary.idToken),
          unlink: (primaryId, provider, userId) => management.unlinkIdentity(token, primaryId, provider, userId),
        };
      },
    };
  }
  if (!options.machineToken) {
    throw new Error("Server-side linking needs a machine-to-machine token source (machineToken): configure AUTH0_M2M_CLIENT_ID and AUTH0_M2M_CLIENT_SECRET.");
  }
  const withToken = withMachineToken(options.machineToken, options.logger);
  const calls: ManagementCalls = {
    mode: "server_side",
    getUser: (userId) => withToken("get_user", (token) => management.getUser(token, userId)),
    link: (primaryId, secondary) => {
      const identity = splitSub(secondary.sub);
      if (identity === null) {
        options.logger.warn("management_access.secondary_id_unusable", { operation: "link_identity" });
        return Promise.resolve({ ok: false, error: { code: "bad_request", notSent: true, machineToken: true } });
      }
      return withToken("link_identity", (token) => management.linkIdentity(token, primaryId, identity));
    },
    unlink: (primaryId, provider, userId) => withToken("unlink_identity", (token) => management.unlinkIdentity(token, primaryId, provider, userId)),
  };
  return { mode: "server_side", open: async () => calls };
}

/** `provider|user_id` split at the first `|` only (ids may contain more); `null` without one. */
function splitSub(sub: string): { provider: string; user_id: string } | null {
  const bar = sub.indexOf("|");
  if (bar <= 0 || bar === sub.length - 1) return null;
  return { provider: sub.slice(0, bar), user_id: sub.slice(bar + 1) };
}

/** A Management API call made with the machine token; `operation` names it in log lines. See {@link withMachineToken}. */
export type MachineCall = <T>(operation: string, call: (token: string) => Promise<ManagementResult<T>>) => Promise<ManagementResult<T>>;

/**
 * Runs a call with the machine token. A 401 to it (revoked, rotated keys)
 * forgets the token and repeats the call once with a fresh one: the tenant
 * checks the token before anything else, so nothing was done. Not after an
 * earlier attempt without an answer (`afterUnknownOutcome`): that one may have.
 */
export function withMachineToken(source: MachineTokenSource, logger: Logger): MachineCall {
  return async function run(operation, call) {
    for (let attempt = 1; ; attempt += 1) {
      const token = await source.token();
      if (!token.ok) {
        logger.error("management_access.machine_token_failed", { operation, code: token.error.code, status: token.error.status });
        return { ok: false, error: { ...token.error, notSent: true, machineToken: true } };
      }
      const result = await call(token.value);
      if (result.ok) return result;
      const { error } = result;
      if (error.code === "invalid_token" && attempt === 1 && error.afterUnknownOutcome !== true) {
        logger.warn("management_access.machine_token_rejected", { operation, status: error.status });
        source.forget();
        continue;
      }
      if (error.code === "insufficient_scope" || error.code === "forbidden") {
        // The machine-to-machine application lacks a grant: only the operator can fix it.
        logger.error("management_access.machine_client_not_authorised", {
          operation,
          status: error.status,
          fix: "authorise the machine-to-machine application for the Management API with read:users update:users",
        });
      }
      return { ok: false, error: { ...error, machineToken: true } };
    }
  };
}
