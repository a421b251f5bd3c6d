/**
 * `npm run tenant`: the local Auth0 tenant on its own, for pointing another
 * app (or curl) at it. LOCAL_TENANT_PORT (default 4010) and APP_BASE_URL
 * (default http://localhost:3000, for the seeded client's callback URLs).
 */
import { SEED_ACCOUNTS, LOCAL_APP_CLIENT, LOCAL_M2M_CLIENT, startLocalTenantServer } from "../lib/local-tenant";

const tenant = await startLocalTenantServer({
  port: Number(process.env["LOCAL_TENANT_PORT"] ?? 4010),
  appBaseUrl: process.env["APP_BASE_URL"] ?? "http://localhost:3000",
  // Local use only: lets a person make the tenant misbehave (README, "Injecting faults").
  allowFaultInjection: true,
});
console.log(`Local Auth0 tenant on ${tenant.url}`);
console.log(`  inject faults      POST ${tenant.url}/__local/faults (README: "Injecting faults")`);
console.log(`  web app client     ${LOCAL_APP_CLIENT.clientId} / ${LOCAL_APP_CLIENT.clientSecret}`);
console.log(`  m2m client         ${LOCAL_M2M_CLIENT.clientId} / ${LOCAL_M2M_CLIENT.clientSecret}`);
for (const account of SEED_ACCOUNTS) console.log(`  ${account.email.padEnd(30)} ${account.connection.padEnd(34)} ${account.user_id}`);
const stop = (): void => void tenant.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
