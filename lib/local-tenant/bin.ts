#!/usr/bin/env node
/**
 * The `auth0-local-tenant` command (package.json `bin`): see ./cli.ts.
 * Runs until Ctrl-C or SIGTERM.
 */

/** The tenant runs on msw, an optional peer of this package: say how to add it rather than print a stack. */
const PEERS = ["msw", "@mswjs/http-middleware"];

async function main(): Promise<void> {
  const cli = await import("./cli").catch((error: unknown) => {
    const missing = PEERS.filter((name) => error instanceof Error && error.message.includes(`'${name}'`));
    if (missing.length === 0) throw error;
    console.error(`auth0-local-tenant needs ${PEERS.join(" and ")} in your project (optional peers of auth0-account-linking):\n  npm install --save-dev ${PEERS.join(" ")}`);
    process.exit(1);
  });
  const { LOCAL_TENANT_CLI_USAGE, LocalTenantCliError, localTenantBanner, parseLocalTenantArgs, startLocalTenantFromCli } = cli;
  let options;
  try {
    options = parseLocalTenantArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof LocalTenantCliError)) throw error;
    console.error(`auth0-local-tenant: ${error.message}\n\n${LOCAL_TENANT_CLI_USAGE}`);
    process.exit(2);
  }
  if (options === "help") {
    console.log(LOCAL_TENANT_CLI_USAGE);
    return;
  }
  const running = await startLocalTenantFromCli(options).catch((error: unknown) => {
    const code = (error as { code?: unknown }).code;
    console.error(
      code === "EADDRINUSE"
        ? `auth0-local-tenant: port ${options.port} is in use; stop what listens there or pass --port <another>.`
        : error instanceof Error && ["LocalTenantTlsError", "LocalTenantConfigError", "LocalTenantCliError"].includes(error.name)
          ? `auth0-local-tenant: ${error.message}`
          : `auth0-local-tenant: could not start: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  });
  console.log(localTenantBanner(options, running));
  const stop = (): void => void running.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

await main();

export {};
