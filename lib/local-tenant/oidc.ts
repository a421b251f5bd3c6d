/**
 * OIDC face of the local tenant: discovery, JWKS, /authorize (with the login
 * page), /oauth/token, /userinfo, /oidc/logout, /oauth/revoke.
 */
import type { HttpHandler } from "msw";
import type { LocalTenant } from "./model";

/** msw handlers for the tenant's OIDC endpoints. */
export function oidcHandlers(tenant: LocalTenant): HttpHandler[] {
  void tenant;
  return [];
}
