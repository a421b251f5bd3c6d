/**
 * What an application may do on the tenant: which grants it may use and
 * whether it is a public client, as Auth0 decides from its settings.
 */
import type { TenantAppType, TenantClient, TenantGrantType } from "../types";

/**
 * The grant types Auth0's Dashboard enables for a new application of each
 * type (https://auth0.com/docs/get-started/applications/application-grant-types).
 */
export function defaultGrantTypes(appType: TenantAppType): readonly TenantGrantType[] {
  switch (appType) {
    case "regular_web":
      return ["authorization_code", "implicit", "refresh_token", "client_credentials"];
    case "spa":
    case "native":
      return ["authorization_code", "implicit", "refresh_token"];
    case "non_interactive":
      return ["client_credentials"];
  }
}

/** Whether `client` may use `grantType`: its `grant_types`, or its type's defaults. */
export function clientAllowsGrant(client: TenantClient, grantType: TenantGrantType): boolean {
  return (client.grant_types ?? defaultGrantTypes(client.app_type)).includes(grantType);
}

/** Whether `client` is public (`token_endpoint_auth_method: "none"`): no secret, PKCE required. */
export function isPublicClient(client: TenantClient): boolean {
  return client.token_endpoint_auth_method === "none";
}
