/**
 * Management API face of the local tenant (`/api/v2/…`).
 */
import type { HttpHandler } from "msw";
import type { LocalTenant } from "./model";

/** msw handlers for the tenant's Management API. */
export function managementApiHandlers(tenant: LocalTenant): HttpHandler[] {
  void tenant;
  return [];
}
