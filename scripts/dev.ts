/**
 * `npm run dev`: starts the app with `next dev`. When no AUTH0_DOMAIN is
 * configured (environment or .env files), it first starts the embedded local
 * Auth0 tenant and points the app at it, so a fresh clone works offline.
 * `--local-tenant` uses the local tenant even when AUTH0_* settings exist
 * (the browser tests do, so they never touch a real tenant).
 *
 * LOCAL_TENANT_HTTPS=1 starts the local tenant in https mode (its own CA,
 * kept in .data/local-tenant-tls) and starts next with NODE_EXTRA_CA_CERTS
 * pointing at that CA. Plain http stays the default: with https a browser
 * warns about the tenant's certificate until the CA is trusted, and nothing
 * this app does needs https.
 *
 * With the local tenant and no SMTP_URL, it also starts the local mail
 * catcher (maildev, scripts/mail-catcher.ts) and points SMTP_URL (and
 * MAIL_FROM, when unset) at it, so every notice of a new or removed sign-in
 * can be read on its page: http://localhost:1080 (MAIL_CATCHER_PORT), SMTP on
 * 1025 (MAIL_CATCHER_SMTP_PORT). It stops with the dev server.
 */
import nextEnv from "@next/env";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { ConfigError, loadConfig } from "../lib/config/load-config";
import { LOCAL_APP_CLIENT, LOCAL_M2M_CLIENT, SEED_ACCOUNTS, startLocalTenantServer, type RunningLocalTenant } from "../lib/local-tenant";
import { LOCAL_DEV_SECRET } from "./local-dev-secret";
import { LOCAL_MAIL_FROM, MailCatcherPortError, startMailCatcher, type RunningMailCatcher } from "./mail-catcher";

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw ? Number(raw) : fallback;
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    console.error(`${name}=${raw} is not a port number (1-65535).`);
    process.exit(1);
  }
  return value;
}

async function main(): Promise<void> {
  nextEnv.loadEnvConfig(process.cwd(), true, { info: () => {}, error: console.error });
  const appPort = port("PORT", 3000);
  process.env["PORT"] = String(appPort);
  process.env["APP_BASE_URL"] ||= `http://localhost:${appPort}`;

  let tenant: RunningLocalTenant | undefined;
  const https = process.env["LOCAL_TENANT_HTTPS"] === "1";
  const forceLocal = process.argv.includes("--local-tenant");
  if (forceLocal || !process.env["AUTH0_DOMAIN"]) {
    const tenantPort = port("LOCAL_TENANT_PORT", 4010);
    try {
      // Local use only: fault injection lets a person see how the app copes when Auth0 misbehaves.
      tenant = await startLocalTenantServer({ port: tenantPort, appBaseUrl: process.env["APP_BASE_URL"], allowFaultInjection: true, https });
    } catch (error) {
      const busy = (error as NodeJS.ErrnoException).code === "EADDRINUSE";
      const tls = error instanceof Error && error.name === "LocalTenantTlsError";
      console.error(busy ? `Port ${tenantPort} is in use: set LOCAL_TENANT_PORT to a free port.` : tls ? error.message : error);
      process.exit(1);
    }
    Object.assign(process.env, {
      AUTH0_DOMAIN: tenant.url,
      AUTH0_CLIENT_ID: LOCAL_APP_CLIENT.clientId,
      AUTH0_CLIENT_SECRET: LOCAL_APP_CLIENT.clientSecret,
      // The seeded machine-to-machine client (read:users update:users), for the features that need one.
      AUTH0_M2M_CLIENT_ID: LOCAL_M2M_CLIENT.clientId,
      AUTH0_M2M_CLIENT_SECRET: LOCAL_M2M_CLIENT.clientSecret,
    });
    // Node reads it only at start-up: set here, it reaches the next process started below, not this one.
    if (tenant.caCertificatePath) process.env["NODE_EXTRA_CA_CERTS"] = tenant.caCertificatePath;
    if (forceLocal || !process.env["AUTH0_SECRET"]) process.env["AUTH0_SECRET"] = LOCAL_DEV_SECRET;
  }

  let mailCatcher: RunningMailCatcher | undefined;
  // Local only: with a real tenant a missing SMTP_URL is said at start-up (notices.off), not papered over.
  if (tenant && !process.env["SMTP_URL"]?.trim()) {
    try {
      mailCatcher = await startMailCatcher({ webPort: port("MAIL_CATCHER_PORT", 1080), smtpPort: port("MAIL_CATCHER_SMTP_PORT", 1025) });
    } catch (error) {
      console.error(error instanceof MailCatcherPortError ? error.message : error);
      await tenant.close();
      process.exit(1);
    }
    process.env["SMTP_URL"] = mailCatcher.smtpUrl;
    if (!process.env["MAIL_FROM"]?.trim()) process.env["MAIL_FROM"] = LOCAL_MAIL_FROM;
  }

  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    // The message speaks to a team's app; in this repository the local tenant is one step closer.
    console.error("In this repository: copy .env.example to .env.local, or leave every AUTH0_* setting unset and `npm run dev` starts the local tenant itself.");
    await tenant?.close();
    await mailCatcher?.close();
    process.exit(1);
  }

  console.log(
    tenant
      ? [
          "",
          `  Local Auth0 tenant  ${tenant.url}  (in memory: resets on restart)`,
          `  App                 ${config.appBaseUrl}`,
          ...(mailCatcher ? [`  Mail catcher        ${mailCatcher.url}  (every notice the app sends; JSON at ${mailCatcher.url}/email)`] : []),
          "",
          "  Seeded accounts (no passwords: pick one on the tenant's login page):",
          ...SEED_ACCOUNTS.map((account) => `    ${account.email.padEnd(30)} ${account.connection}`),
          "",
          `  Make it misbehave: POST ${tenant.url}/__local/faults (README: "Injecting faults")`,
          ...(config.linking.promptAtSignIn
            ? [`  Link at sign-in is on: sign in as owner@example.com on github to see "You already have an account"`]
            : []),
          ...(tenant.caCertificatePath
            ? [`  https mode: the app trusts ${tenant.caCertificatePath}; your browser asks you to accept the tenant's certificate once`]
            : []),
          "",
        ].join("\n")
      : `\n  Auth0 tenant  ${config.auth0.origin}\n  App           ${config.appBaseUrl}\n`,
  );

  const require = createRequire(import.meta.url);
  const nextBin = require.resolve("next/dist/bin/next");
  const child = spawn(process.execPath, [nextBin, "dev", "--port", String(appPort), "--hostname", "localhost"], {
    stdio: "inherit",
    env: { NEXT_TELEMETRY_DISABLED: "1", ...process.env },
  });

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    child.kill(signal);
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  child.on("exit", (code, signal) => {
    void Promise.allSettled([tenant?.close(), mailCatcher?.close()]).finally(() => process.exit(code ?? (signal ? 0 : 1)));
  });
}

await main();
