/**
 * `npm run tenant`: the local Auth0 tenant on its own, for pointing another
 * app (or curl) at it: the package's `auth0-local-tenant` command
 * (lib/local-tenant/cli.ts) with this repository's settings:
 * LOCAL_TENANT_PORT (default 4010), APP_BASE_URL (default
 * http://localhost:3000, for the seeded client's callback URLs), and fault
 * injection on, https mode with LOCAL_TENANT_HTTPS=1 (`--https`), and a
 * configuration file with LOCAL_TENANT_CONFIG=path (`--config`). Extra
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
  ...(process.env["LOCAL_TENANT_CONFIG"] ? ["--config", process.env["LOCAL_TENANT_CONFIG"]] : []),
  ...process.argv.slice(2),
]);
if (parsed === "help") {
  const { LOCAL_TENANT_CLI_USAGE } = await import("../lib/local-tenant/cli");
  console.log(LOCAL_TENANT_CLI_USAGE);
  process.exit(0);
}
const tenant = await startLocalTenantFromCli(parsed).catch((error: unknown) => {
  // A wrong --config file or a missing optional peer: its message says what to change; a stack would not.
  if (!(error instanceof Error) || !["LocalTenantTlsError", "LocalTenantConfigError", "LocalTenantCliError"].includes(error.name)) throw error;
  console.error(`npm run tenant: ${error.message}`);
  process.exit(1);
});
console.log(localTenantBanner(parsed, tenant));
const stop = (): void => void tenant.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
