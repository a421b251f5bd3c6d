/**
 * `GET /oidc/logout` (OIDC RP-initiated logout) and Auth0's legacy
 * `GET /v2/logout`: end the tenant's single sign-on session, clear its cookie,
 * and send the browser back only to one of the application's Allowed Logout URLs.
 *
 * @see https://auth0.com/docs/authenticate/login/logout/log-users-out-of-auth0
 */
import { createLocalJWKSet, jwtVerify } from "jose";
import { http, type HttpHandler } from "msw";
import type { LocalTenant } from "./model/tenant";
import { renderErrorPage, renderLoggedOutPage } from "./oidc-html";
import { clearedSsoCookie, htmlResponse, readCookie, redirectResponse, SSO_COOKIE_NAME, withQuery } from "./oidc-http";
import type { TenantClient } from "./types";

interface LogoutRequest {
  readonly clientId: string | undefined;
  readonly idTokenHint: string | undefined;
  readonly returnTo: string | undefined;
  readonly state: string | undefined;
}

/** The client an `id_token_hint` was issued to; `null` when the hint is not a token of this tenant. */
async function hintedClientId(tenant: LocalTenant, idTokenHint: string): Promise<string | null> {
  try {
    // An expired ID token is still a valid hint (OIDC RP-Initiated Logout §2): only its signature and issuer count.
    const { payload } = await jwtVerify(idTokenHint, createLocalJWKSet(tenant.jwks()), {
      issuer: tenant.issuer,
      algorithms: ["RS256"],
      currentDate: new Date(tenant.now()),
      clockTolerance: 365 * 24 * 60 * 60,
    });
    const aud = Array.isArray(payload.aud) ? payload.aud[0] : payload.aud;
    return aud ?? null;
  } catch {
    return null;
  }
}

async function logout(tenant: LocalTenant, request: Request, logoutRequest: LogoutRequest): Promise<Response> {
  // The session ends whatever else is wrong with the request: logging out is what the person asked for.
  const sid = readCookie(request, SSO_COOKIE_NAME);
  if (sid !== undefined) tenant.sessions.delete(sid);
  const cleared = clearedSsoCookie();
  const refuse = (heading: string, detail: string): Response => htmlResponse(renderErrorPage(heading, detail), 400, cleared);

  let client: TenantClient | undefined;
  if (logoutRequest.idTokenHint !== undefined) {
    const clientId = await hintedClientId(tenant, logoutRequest.idTokenHint);
    client = clientId === null ? undefined : tenant.client(clientId);
    if (!client) return refuse("Invalid logout request", "The id_token_hint is not a valid ID token of this tenant.");
  }
  if (logoutRequest.clientId !== undefined) {
    const named = tenant.client(logoutRequest.clientId);
    if (!named) return refuse("Invalid logout request", `The application "${logoutRequest.clientId}" is not registered on this tenant.`);
    if (client && client !== named) return refuse("Invalid logout request", "The client_id does not match the id_token_hint.");
    client = named;
  }
  if (logoutRequest.returnTo === undefined) return htmlResponse(renderLoggedOutPage(), 200, cleared);
  if (!client || !client.allowed_logout_urls.includes(logoutRequest.returnTo)) {
    return refuse(
      "Logout URL not allowed",
      `You are logged out, but "${logoutRequest.returnTo}" is not in the Allowed Logout URLs of the application, so the tenant does not redirect there.`,
    );
  }
  return redirectResponse(withQuery(logoutRequest.returnTo, { state: logoutRequest.state }), cleared);
}

/** msw handlers for `GET /oidc/logout` and `GET /v2/logout`. */
export function logoutHandlers(tenant: LocalTenant): HttpHandler[] {
  const get = (url: URL, name: string): string | undefined => url.searchParams.get(name) || undefined;
  return [
    http.get(`${tenant.baseUrl}/oidc/logout`, ({ request }) => {
      const url = new URL(request.url);
      return logout(tenant, request, {
        clientId: get(url, "client_id"),
        idTokenHint: get(url, "id_token_hint"),
        returnTo: get(url, "post_logout_redirect_uri"),
        state: get(url, "state"),
      });
    }),
    http.get(`${tenant.baseUrl}/v2/logout`, ({ request }) => {
      const url = new URL(request.url);
      return logout(tenant, request, { clientId: get(url, "client_id"), idTokenHint: undefined, returnTo: get(url, "returnTo"), state: undefined });
    }),
  ];
}
