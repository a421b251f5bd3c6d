import type { HttpHandler } from "msw";
import { avatarHandlers } from "./avatars";
import { faultControlHandlers, faultHandler } from "./faults-http";
import { managementApiHandlers } from "./management-api";
import type { LocalTenant } from "./model/tenant";
import { oidcHandlers } from "./oidc";

/**
 * Every endpoint of the local tenant as msw request handlers, bound to
 * `tenant.baseUrl`. Use them with `setupServer(...)` in tests, or serve them
 * over HTTP with {@link startLocalTenantServer}.
 *
 * Every request first passes the fault handler, which produces the faults
 * injected with `tenant.faults.inject(…)` and otherwise lets the endpoint answer.
 *
 * @example
 * const tenant = await LocalTenant.create();
 * const server = setupServer(...createLocalTenantHandlers(tenant));
 */
export function createLocalTenantHandlers(tenant: LocalTenant): HttpHandler[] {
  const endpoints = [...oidcHandlers(tenant), ...managementApiHandlers(tenant), ...avatarHandlers(tenant)];
  return [...faultControlHandlers(tenant), faultHandler(tenant, endpoints), ...endpoints];
}
