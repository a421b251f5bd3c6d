/**
 * The local Auth0 tenant: a model of an Auth0 tenant in memory, its endpoints
 * as msw handlers, and an HTTP server that serves them. Used by `npm run dev`,
 * by this project's tests, and by product teams in theirs.
 *
 * Never import it from production code.
 */
export { TenantApiError, type ManagementErrorBody } from "./errors";
export { FAULT_KINDS, FaultInjector, type FaultKind, type FaultSpec, type FaultTarget, type PendingFault } from "./faults";
export { FAULT_HANG_LIMIT_MS, FAULTS_PATH } from "./faults-http";
export { createLocalTenantHandlers } from "./handlers";
export type { ManagementRequestLogEntry, SsoSession } from "./model/state";
export { LocalTenant, type LocalTenantOptions, type RateLimitOptions } from "./model/tenant";
export { CURRENT_USER_SCOPES } from "./model/tokens";
export { splitUserId, type LoginAccount } from "./model/users";
export { LOCAL_APP_API_AUDIENCE, LOCAL_APP_CLIENT, LOCAL_M2M_CLIENT, SEED_ACCOUNTS, SEED_CONNECTIONS, seedClients } from "./seed";
export { startLocalTenantServer, type LocalTenantServerOptions, type RunningLocalTenant } from "./server";
export { LocalTenantTlsError, localTenantCertificates, type LocalTenantCertificates, type LocalTenantTlsOptions } from "./tls";
export type { ProfileData, SeedAccount, TenantClient, TenantConnection, TenantIdentity, TenantUser } from "./types";
