/**
 * The checks every second login through `/link/callback` passes before its
 * purpose decides anything, in this order: the transaction (well-formed
 * state, the cookie's own, single use, unexpired) → the session (the same
 * user who started; for a link, signed in recently enough when it started)
 * → the tenant's answer (an error, or a code) → the code exchange
 * (oauth4webapi, PKCE) → the ID token (jose, RS256, nonce, `auth_time`).
 * Shared by the link (./finish-link) and the link at sign-in (./prompt).
 */
import type { SessionData } from "@auth0/nextjs-auth0/types";
import type { NextRequest } from "next/server";
import { exchangeCode } from "./code-exchange";
import type { VerifiedIdToken } from "./id-token";
import type { LinkingContext } from "./options";
import type { LinkOutcomeCode } from "./outcomes";
import { isRecentSignIn, signInAgeSeconds } from "./recent-sign-in";
import type { LinkTransaction } from "./transaction";

/** A callback that passed every check: the session, the verified second sign-in and its raw ID token. */
export interface CheckedCallback {
  readonly ok: true;
  readonly session: SessionData;
  readonly secondary: VerifiedIdToken;
  readonly idToken: string;
}

/** A callback refused by one of the checks, with the outcome that says which. */
export interface RefusedCallback {
  readonly ok: false;
  readonly code: LinkOutcomeCode;
}

/**
 * Runs the checks above on `GET /link/callback?code&state` for `transaction`
 * (the cookie named after `state`, unsealed, or `null`). Marks `state` used
 * whatever follows, so a replay is refused even where the browser kept the cookie.
 */
export async function checkCallback(
  context: LinkingContext,
  request: NextRequest,
  params: URLSearchParams,
  state: string,
  transaction: LinkTransaction | null,
): Promise<CheckedCallback | RefusedCallback> {
  if (!transaction || transaction.state !== state) return { ok: false, code: "transaction_invalid" };
  const now = context.now();
  const expiresAt = transaction.createdAt + context.transaction.ttlSeconds * 1000;
  if (!(await context.replays.use(state, expiresAt + 60_000, now))) return { ok: false, code: "transaction_invalid" };
  if (now > expiresAt) return { ok: false, code: "transaction_expired" };

  const session = await context.session.getSession(request);
  if (!session || session.user.sub !== transaction.primarySub) return { ok: false, code: "wrong_user" };
  // Checked again here: the session may have been replaced by an older one of the same user since the start.
  if ((transaction.purpose === undefined || transaction.purpose === "prompt") && !isRecentSignIn(context, session.user, "link", transaction.createdAt)) {
    context.logger.warn("link.sign_in_too_old", { sub: transaction.primarySub, sign_in_age_seconds: signInAgeSeconds(session.user, transaction.createdAt) ?? undefined });
    return { ok: false, code: "sign_in_too_old" };
  }

  const error = params.get("error");
  if (error !== null) return { ok: false, code: error === "access_denied" ? "cancelled" : "provider_error" };

  const exchanged = await exchangeCode(context, params, transaction);
  if (!exchanged.ok) return { ok: false, code: exchanged.code };
  const verified = await context.idTokens.verify(exchanged.idToken, { nonce: transaction.nonce, notBefore: transaction.createdAt });
  if (!verified.ok) {
    context.logger.warn("link.id_token_refused", { problem: verified.problem, detail: verified.detail });
    // Without the tenant's keys nothing was verified, and nothing is wrong with the token: say the tenant is not answering.
    return { ok: false, code: verified.problem === "keys_unavailable" ? "tenant_unavailable" : "verification_failed" };
  }
  return { ok: true, session, secondary: verified.token, idToken: exchanged.idToken };
}
