/**
 * The Auth0 tenant as the linking flow sees it: its endpoints, derived from
 * the tenant origin as Auth0 lays them out (no discovery round trip per link),
 * and the application that signs the second login in.
 */
import type { AuthorizationServer, Client } from "oauth4webapi";

/** The tenant and the application the second login uses: the same client as the primary login. */
export interface TenantOptions {
  /** e.g. `https://my-tenant.eu.auth0.com`, or `http://localhost:4010` for the local tenant. */
  readonly origin: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Only for a `http://localhost:PORT` tenant. */
  readonly allowInsecureRequests: boolean;
}

/** The tenant's issuer: its origin with a trailing `/`, exactly as in every token's `iss`. */
export function issuerOf(tenant: TenantOptions): string {
  return `${tenant.origin}/`;
}

/** Auth0's endpoints for a tenant, as oauth4webapi describes an authorization server. */
export function authorizationServer(tenant: TenantOptions): AuthorizationServer {
  return {
    issuer: issuerOf(tenant),
    authorization_endpoint: `${tenant.origin}/authorize`,
    token_endpoint: `${tenant.origin}/oauth/token`,
    jwks_uri: `${tenant.origin}/.well-known/jwks.json`,
    id_token_signing_alg_values_supported: ["RS256"],
  };
}

/** The application, as oauth4webapi describes a client; ID tokens must be RS256. */
export function oauthClient(tenant: TenantOptions): Client {
  return { client_id: tenant.clientId, id_token_signed_response_alg: "RS256" };
}
