import type { HttpHandler } from "msw";
import { avatarHandlers } from "./avatars";
import { managementApiHandlers } from "./management-api";
import type { LocalTenant } from "./model";
import { oidcHandlers } from "./oidc";

/**
 * Every endpoint of the local tenant as msw request handlers, bound to
 * `tenant.baseUrl`. Use them with `setupServer(...)` in tests, or serve them
 * over HTTP with {@link startLocalTenantServer}.
 *
 * @example
 * const tenant = await LocalTenant.create();
 * const server = setupServer(...createLocalTenantHandlers(tenant));
 */
export function createLocalTenantHandlers(tenant: LocalTenant): HttpHandler[] {
  return [...oidcHandlers(tenant), ...managementApiHandlers(tenant), ...avatarHandlers(tenant)];
}
