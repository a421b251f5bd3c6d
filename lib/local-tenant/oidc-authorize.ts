/**
 * `GET /authorize`: checks the request, answers silently from the tenant's
 * single sign-on session when it may, and otherwise shows the login page.
 * Also home of what `/authorize` and the login page's POST share: the session
 * lookup and issuing the authorization code.
 *
 * @see https://auth0.com/docs/api/authentication/authorization-code-flow-with-pkce/authorize-with-pkce
 */
import { http, type HttpHandler } from "msw";
import { loginPageViewFor, renderLoginPage } from "./login-page";
import type { LoginTransaction, SsoSession } from "./model/state";
import { clientAllowsGrant, isPublicClient } from "./model/clients";
import type { LocalTenant } from "./model/tenant";
import { renderErrorPage } from "./oidc-html";
import { htmlResponse, isKnownAudience, readCookie, redirectResponse, SSO_COOKIE_NAME, SSO_LIFETIME_SECONDS, withQuery } from "./oidc-http";
import { authorizationResponse, defaultResponseMode, parseResponseType, returnsCode, returnsIdToken, type ResponseMode } from "./oidc-response";

const RESPONSE_MODES: readonly string[] = ["query", "fragment", "form_post"];

/** How long the login page may stay open before its transaction expires. */
export const LOGIN_TRANSACTION_LIFETIME_MS = 10 * 60 * 1000;

/** How long an authorization code may wait to be exchanged (Auth0: 60 s, single use). */
export const CODE_LIFETIME_MS = 60 * 1000;

/** The parts of an `/authorize` request that the login and the code carry on. */
export type PendingAuthorization = Omit<LoginTransaction, "expiresAt">;

/** A checked `/authorize` request. */
interface AuthorizeRequest extends PendingAuthorization {
  readonly maxAge: number | undefined;
  readonly prompt: "none" | "login" | undefined;
}

type ParsedAuthorize =
  | { readonly kind: "page"; readonly heading: string; readonly detail: string }
  | { readonly kind: "redirect"; readonly location: string }
  | { readonly kind: "ok"; readonly request: AuthorizeRequest };

/** Where Auth0 sends a refused request once the redirect URI is trusted: `error`, `error_description`, `state`. */
export function errorRedirect(redirectUri: string, state: string | undefined, error: string, description: string): string {
  return withQuery(redirectUri, { error, error_description: description, state });
}

function parseAuthorize(tenant: LocalTenant, url: URL): ParsedAuthorize {
  const get = (name: string): string | undefined => url.searchParams.get(name) || undefined;
  const clientId = get("client_id");
  const client = clientId === undefined ? undefined : tenant.client(clientId);
  if (!client) {
    return { kind: "page", heading: "Unknown client", detail: `The application "${clientId ?? ""}" is not registered on this tenant.` };
  }
  const redirectUri = get("redirect_uri");
  // Auth0 compares callbacks exactly and never redirects to an unregistered URL: it shows this page instead.
  if (redirectUri === undefined || !client.callbacks.includes(redirectUri)) {
    return {
      kind: "page",
      heading: "Callback URL mismatch",
      detail: `The provided redirect_uri "${redirectUri ?? ""}" is not in the list of Allowed Callback URLs of the application "${client.name}".`,
    };
  }
  const state = get("state");
  const refuse = (error: string, description: string): ParsedAuthorize => ({
    kind: "redirect",
    location: errorRedirect(redirectUri, state, error, description),
  });
  const responseTypeText = get("response_type");
  if (responseTypeText === undefined) return refuse("invalid_request", "Missing required parameter: response_type");
  // `code`; `id_token` (implicit, as express-openid-connect asks by default); `code id_token` (hybrid).
  // Auth0 also offers `token` (an access token from /authorize), not modelled.
  const responseType = parseResponseType(responseTypeText);
  if (responseType === undefined) return refuse("unsupported_response_type", `Unsupported response type: ${responseTypeText}`);
  const mode = get("response_mode");
  if (mode !== undefined && !RESPONSE_MODES.includes(mode)) return refuse("invalid_request", `Unsupported response mode: ${mode}`);
  // An ID token must not travel in a query string (OAuth 2.0 Multiple Response Type Encoding Practices, section 5).
  if (returnsIdToken(responseType) && mode === "query") return refuse("invalid_request", `response_mode=query is not allowed for response_type=${responseType}`);
  const responseMode = (mode as ResponseMode | undefined) ?? defaultResponseMode(responseType);
  // Each response type is a grant the application must have (its `grant_types`), as Auth0 refuses
  // otherwise: https://auth0.com/docs/get-started/applications/application-grant-types
  // (hybrid needs both: https://auth0.com/docs/get-started/authentication-and-authorization-flow/hybrid-flow)
  for (const grantType of [...(returnsCode(responseType) ? ["authorization_code" as const] : []), ...(returnsIdToken(responseType) ? ["implicit" as const] : [])]) {
    if (!clientAllowsGrant(client, grantType)) return refuse("unauthorized_client", `Grant type '${grantType}' not allowed for the client.`);
  }
  // OpenID Connect Core 3.2.2.1 and 3.3.2.11: nonce is required when /authorize returns an ID token
  // (implicit and hybrid): it is the only replay check of that token.
  if (returnsIdToken(responseType) && get("nonce") === undefined) return refuse("invalid_request", "Missing required parameter: nonce");
  // PKCE is optional for a confidential application (a regular web app), which proves itself with
  // its client secret at the token endpoint, as on Auth0:
  // https://auth0.com/docs/get-started/authentication-and-authorization-flow/authorization-code-flow
  // A public client (single-page or native app) has no secret, so only PKCE binds its code to it:
  // https://auth0.com/docs/get-started/authentication-and-authorization-flow/authorization-code-flow-with-pkce
  // A challenge that is sent binds the code to its verifier.
  const codeChallenge = get("code_challenge");
  if (codeChallenge !== undefined && get("code_challenge_method") !== "S256") return refuse("invalid_request", "code_challenge_method must be S256");
  if (returnsCode(responseType) && codeChallenge === undefined && isPublicClient(client)) {
    return refuse("invalid_request", "Missing required parameter: code_challenge");
  }
  const connection = get("connection");
  if (connection !== undefined && !tenant.connection(connection)) return refuse("invalid_request", "the connection was not found");
  const audience = get("audience");
  if (audience !== undefined && !isKnownAudience(tenant, audience)) return refuse("access_denied", `Service not found: ${audience}`);
  const maxAgeText = get("max_age");
  if (maxAgeText !== undefined && !/^\d+$/.test(maxAgeText)) return refuse("invalid_request", "max_age must be a non-negative integer");
  const promptText = get("prompt");
  const prompts = new Set(promptText?.split(" ").filter(Boolean) ?? []);
  if (prompts.has("none") && prompts.size > 1) return refuse("invalid_request", "prompt=none cannot be combined with other values");
  const prompt = prompts.has("none") ? "none" : prompts.has("login") ? "login" : undefined;
  return {
    kind: "ok",
    request: {
      clientId: client.client_id,
      redirectUri,
      state,
      nonce: get("nonce"),
      scope: get("scope") ?? "",
      audience,
      codeChallenge,
      connection,
      loginHint: get("login_hint"),
      responseType,
      responseMode,
      maxAge: maxAgeText === undefined ? undefined : Number(maxAgeText),
      prompt,
    },
  };
}

/**
 * The single sign-on session the request's cookie names, if it is still
 * valid: known, not past its lifetime, and its user still a root user (a user
 * linked away as a secondary no longer exists).
 */
export function currentSession(tenant: LocalTenant, request: Request): SsoSession | undefined {
  const sid = readCookie(request, SSO_COOKIE_NAME);
  if (sid === undefined) return undefined;
  const session = tenant.sessions.get(sid);
  if (!session) return undefined;
  if (tenant.nowSeconds() - session.authTime > SSO_LIFETIME_SECONDS || !tenant.getUser(session.userId)) {
    tenant.sessions.delete(sid);
    return undefined;
  }
  return session;
}

/** The error answer to `pending`'s callback, by its response mode. */
export function errorResponse(pending: PendingAuthorization, error: string, description: string): Response {
  return authorizationResponse(pending.redirectUri, pending.responseMode, { error, error_description: description, state: pending.state });
}

/**
 * Answers the application's callback for `session`'s user: a single-use
 * authorization code, or (implicit) an ID token, with `state`, by the
 * request's response mode.
 */
export async function completeAuthorization(
  tenant: LocalTenant,
  pending: PendingAuthorization,
  session: SsoSession,
  setCookie?: string,
): Promise<Response> {
  if (!returnsCode(pending.responseType)) {
    tenant.recordLogin(session.userId);
    const idToken = await tenant.issueIdToken({ userId: session.userId, clientId: pending.clientId, scope: pending.scope, nonce: pending.nonce, authTime: session.authTime, sid: session.sid });
    return authorizationResponse(pending.redirectUri, pending.responseMode, { id_token: idToken, state: pending.state }, setCookie);
  }
  const now = tenant.now();
  // Codes nobody exchanged would otherwise pile up in a long-running dev tenant.
  for (const [code, stored] of tenant.codes) if (stored.expiresAt <= now) tenant.codes.delete(code);
  const code = tenant.randomToken();
  tenant.codes.set(code, {
    clientId: pending.clientId,
    redirectUri: pending.redirectUri,
    codeChallenge: pending.codeChallenge,
    userId: session.userId,
    scope: pending.scope,
    audience: pending.audience,
    nonce: pending.nonce,
    authTime: session.authTime,
    sid: session.sid,
    expiresAt: now + CODE_LIFETIME_MS,
  });
  tenant.recordLogin(session.userId);
  const idToken = returnsIdToken(pending.responseType)
    ? await tenant.issueIdToken({ userId: session.userId, clientId: pending.clientId, scope: pending.scope, nonce: pending.nonce, authTime: session.authTime, sid: session.sid, code })
    : undefined;
  return authorizationResponse(pending.redirectUri, pending.responseMode, { code, id_token: idToken, state: pending.state }, setCookie);
}

/** Stores a login transaction for the login page. */
function startLoginTransaction(tenant: LocalTenant, pending: PendingAuthorization): { id: string; transaction: LoginTransaction } {
  const now = tenant.now();
  // Abandoned login pages would otherwise pile up in a long-running dev tenant.
  for (const [id, stored] of tenant.loginTransactions) if (stored.expiresAt <= now) tenant.loginTransactions.delete(id);
  const id = tenant.randomToken();
  const transaction: LoginTransaction = { ...pending, expiresAt: now + LOGIN_TRANSACTION_LIFETIME_MS };
  tenant.loginTransactions.set(id, transaction);
  return { id, transaction };
}

/** msw handler for `GET /authorize`. */
export function authorizeHandler(tenant: LocalTenant): HttpHandler {
  return http.get(`${tenant.baseUrl}/authorize`, async ({ request }) => {
    const parsed = parseAuthorize(tenant, new URL(request.url));
    if (parsed.kind === "page") return htmlResponse(renderErrorPage(parsed.heading, parsed.detail), 400);
    if (parsed.kind === "redirect") return redirectResponse(parsed.location);
    const { maxAge, prompt, ...pending } = parsed.request;
    const session = currentSession(tenant, request);
    const mustLogIn = prompt === "login" || maxAge === 0;
    const recentEnough = session !== undefined && (maxAge === undefined || tenant.nowSeconds() - session.authTime <= maxAge);
    // Like Auth0, the session answers whatever `connection` or `login_hint` asked for: the primary comes back.
    if (session && recentEnough && !mustLogIn) return completeAuthorization(tenant, pending, session);
    if (prompt === "none") return errorResponse(pending, "login_required", "Login required");
    const { id, transaction } = startLoginTransaction(tenant, pending);
    const signedInAs = session ? tenant.getUser(session.userId)?.email : undefined;
    const html = renderLoginPage(loginPageViewFor(tenant, id, transaction, { signedInAs }));
    return htmlResponse(html);
  });
}
