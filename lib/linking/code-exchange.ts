/**
 * The authorization code exchange of a login through `/link/callback`
 * (oauth4webapi, PKCE, the ID token required and its nonce checked), shared
 * by the link's second login, the primary's fresh sign-in, and the owner's
 * sign-in after "This wasn't me" (lib/report).
 */
import * as oauth from "oauth4webapi";
import type { LinkingContext } from "./options";
import { authorizationServer, oauthClient } from "./tenant";
import type { LinkTransaction } from "./transaction";

/** The code exchange's result: the ID token, or why there is none. */
export type Exchange = { ok: true; idToken: string } | { ok: false; code: "verification_failed" | "tenant_unavailable" };

/** Exchanges the code with the PKCE verifier at the tenant's token endpoint (oauth4webapi). */
export async function exchangeCode(context: LinkingContext, params: URLSearchParams, transaction: LinkTransaction): Promise<Exchange> {
  const as = authorizationServer(context.tenant);
  // oauth4webapi checks exp/iat with its own clock; align it with ours.
  const client: oauth.Client = { ...oauthClient(context.tenant), [oauth.clockSkew]: Math.round((context.now() - Date.now()) / 1000) };
  const httpOptions = {
    [oauth.customFetch]: context.fetch,
    [oauth.allowInsecureRequests]: context.tenant.allowInsecureRequests,
    signal: AbortSignal.timeout(context.timeoutMs),
  };
  try {
    const callback = oauth.validateAuthResponse(as, client, params, transaction.state);
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      oauth.ClientSecretPost(context.tenant.clientSecret),
      callback,
      context.callbackUrl,
      transaction.codeVerifier,
      httpOptions,
    );
    const result = await oauth.processAuthorizationCodeResponse(as, client, response, {
      expectedNonce: transaction.nonce,
      requireIdToken: true,
    });
    if (!result.id_token) return { ok: false, code: "verification_failed" };
    return { ok: true, idToken: result.id_token };
  } catch (error) {
    // By name, not instanceof: the abort's DOMException may come from another realm (e.g. under jest).
    const name = (error as { name?: unknown } | null)?.name;
    const unreachable = error instanceof TypeError || name === "TimeoutError" || name === "AbortError";
    // oauth4webapi reads error bodies of 4xx answers only: a 5xx arrives as a "not conform" response, carried as `cause`.
    const status =
      error instanceof oauth.ResponseBodyError
        ? error.status
        : error instanceof oauth.OperationProcessingError && error.code === oauth.RESPONSE_IS_NOT_CONFORM
          ? (error.cause as { status?: unknown } | undefined)?.status
          : undefined;
    const serverError = typeof status === "number" && status >= 500;
    context.logger.warn("link.code_exchange_failed", {
      reason: error instanceof oauth.ResponseBodyError ? `${error.status} ${error.error}` : error instanceof Error ? ((error as { code?: string }).code ?? error.name) : "unknown",
      status: typeof status === "number" ? status : undefined,
    });
    return { ok: false, code: unreachable || serverError ? "tenant_unavailable" : "verification_failed" };
  }
}
