/** The local tenant's configuration file: reading and checking it, and the tenant options it sets. */
export { configToTenantOptions, type ConfigContext } from "./to-options";
export { LocalTenantConfigError, readLocalTenantConfig } from "./read-config";
export type { ConfigIssue } from "./schema";
export type * from "./types";
