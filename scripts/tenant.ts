/**
 * `npm run tenant`: the local Auth0 tenant on its own, for pointing another
 * app (or curl) at it: the package's `auth0-local-tenant` command
 * (lib/local-tenant/cli.ts) with this repository's settings:
 * LOCAL_TENANT_PORT (default 4010), APP_BASE_URL (default
 * http://localhost:3000, for the seeded client's callback URLs), and fault
 * injection on, and https mode with LOCAL_TENANT_HTTPS=1 (`--https`). Extra
 * arguments are passed on (`npm run tenant -- --help`).
 */
import { localTenantBanner, parseLocalTenantArgs, startLocalTenantFromCli } from "../lib/local-tenant/cli";

const parsed = parseLocalTenantArgs([
  "--port",
  process.env["LOCAL_TENANT_PORT"] ?? "4010",
  "--app-base-url",
  process.env["APP_BASE_URL"] ?? "http://localhost:3000",
  // Local use only: lets a person make the tenant misbehave (README, "Injecting faults").
  "--allow-faults",
  ...(process.env["LOCAL_TENANT_HTTPS"] === "1" ? ["--https"] : []),
  ...process.argv.slice(2),
]);
if (parsed === "help") {
  const { LOCAL_TENANT_CLI_USAGE } = await import("../lib/local-tenant/cli");
  console.log(LOCAL_TENANT_CLI_USAGE);
  process.exit(0);
}
const tenant = await startLocalTenantFromCli(parsed);
console.log(localTenantBanner(parsed, tenant.url, tenant.caCertificatePath));
const stop = (): void => void tenant.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
