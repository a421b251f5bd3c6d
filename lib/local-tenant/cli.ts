/**
 * `npx auth0-local-tenant`: the local Auth0 tenant as a command, for a team's
 * own app. It starts the same tenant `npm run dev` starts here (the seeded
 * accounts and clients), registers the app's callback and logout URLs, and
 * prints the settings to put in the app's `.env.local`.
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { readLocalTenantConfig } from "./config/read-config";
import type { LocalTenant } from "./model/tenant";
import { LOCAL_APP_CLIENT, LOCAL_M2M_CLIENT, SEED_ACCOUNTS, seedClients } from "./seed";
import { startLocalTenantServer, type RunningLocalTenant } from "./server";
import type { TenantClient } from "./types";

/** What the command was asked for, once its arguments are checked. */
export interface LocalTenantCliOptions {
  readonly port: number;
  readonly appBaseUrl: string;
  /** Allowed Callback URLs: `{appBaseUrl}/auth/callback` and `/link/callback`, plus any listed. */
  readonly callbackUrls: readonly string[];
  /** Allowed Logout URLs: the app's origin, plus any listed. */
  readonly logoutUrls: readonly string[];
  readonly allowFaultInjection: boolean;
  /** Serve HTTPS with the tenant's own CA (`--https`); the issuer becomes `https://localhost:{port}/`. */
  readonly https: boolean;
  /** A configuration file (`--config`): its sections replace the seed's. */
  readonly configFile?: string;
}

/** Thrown for a bad argument; the message says which and what is expected. */
export class LocalTenantCliError extends Error {
  override readonly name = "LocalTenantCliError";
}

export const LOCAL_TENANT_CLI_USAGE = `Usage: auth0-local-tenant [options]

Starts a local Auth0 tenant (in memory, on localhost) with seeded accounts,
for developing and testing an app that signs in with Auth0.

Options:
  --port <n>             port on localhost (default 4010)
  --app-base-url <url>   your app's origin (default http://localhost:3000); its
                         /auth/callback and /link/callback become Allowed Callback
                         URLs, the origin an Allowed Logout URL
  --callback-url <url>   another Allowed Callback URL (repeatable)
  --logout-url <url>     another Allowed Logout URL (repeatable)
  --allow-faults         serve POST /__local/faults, to make the tenant fail on purpose
  --https                serve https://localhost:<port> with a certificate of a local
                         CA kept in .data/local-tenant-tls (needs selfsigned); prints
                         the NODE_EXTRA_CA_CERTS line that makes Node trust it
  --config <file>        a JSON file of clients, resource_servers, client_grants,
                         connections, users and rate_limit, in the Management API's
                         shapes; each section replaces the seed's (needs zod)
  --help                 this text`;

/**
 * Reads the command's arguments (`process.argv.slice(2)`).
 * @throws {LocalTenantCliError} naming the argument that is wrong.
 */
export function parseLocalTenantArgs(args: readonly string[]): LocalTenantCliOptions | "help" {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        port: { type: "string", default: "4010" },
        "app-base-url": { type: "string", default: "http://localhost:3000" },
        "callback-url": { type: "string", multiple: true, default: [] },
        "logout-url": { type: "string", multiple: true, default: [] },
        "allow-faults": { type: "boolean", default: false },
        https: { type: "boolean", default: false },
        config: { type: "string" },
        help: { type: "boolean", default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new LocalTenantCliError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return "help";
  const port = Number(values.port);
  if (!/^\d{1,5}$/.test(values.port) || port < 1 || port > 65535) throw new LocalTenantCliError(`--port must be a port number from 1 to 65535 (got "${values.port}").`);
  const appBaseUrl = httpUrl("--app-base-url", values["app-base-url"]).origin;
  const extraCallbacks = values["callback-url"].map((url) => httpUrl("--callback-url", url).href);
  const extraLogouts = values["logout-url"].map((url) => httpUrl("--logout-url", url).href);
  return {
    port,
    appBaseUrl,
    callbackUrls: unique([`${appBaseUrl}/auth/callback`, `${appBaseUrl}/link/callback`, ...extraCallbacks]),
    logoutUrls: unique([appBaseUrl, `${appBaseUrl}/`, ...extraLogouts]),
    allowFaultInjection: values["allow-faults"],
    https: values.https,
    ...(values.config !== undefined && { configFile: values.config }),
  };
}

/**
 * Starts the tenant the options describe, with the web app's URLs as given.
 * @throws {LocalTenantConfigError} for a `--config` file that is unreadable or wrong.
 * @throws {LocalTenantCliError} for `--callback-url`/`--logout-url` beside a file that lists its own clients.
 */
export async function startLocalTenantFromCli(options: LocalTenantCliOptions): Promise<RunningLocalTenant> {
  const config = options.configFile === undefined ? undefined : await readLocalTenantConfig(options.configFile);
  const extraUrls = options.callbackUrls.length > 2 || options.logoutUrls.length > 2;
  if (config?.clients && extraUrls) {
    throw new LocalTenantCliError(`--callback-url and --logout-url add to the seeded app; ${options.configFile} lists its own clients: put the URLs in their callbacks and allowed_logout_urls.`);
  }
  const managementAudience = `${options.https ? "https" : "http"}://localhost:${options.port}/api/v2/`;
  const clients = seedClients(options.appBaseUrl, managementAudience).map((client) =>
    client.client_id === LOCAL_APP_CLIENT.clientId ? { ...client, callbacks: options.callbackUrls, allowed_logout_urls: options.logoutUrls } : client,
  );
  return startLocalTenantServer({
    port: options.port,
    appBaseUrl: options.appBaseUrl,
    clients,
    allowFaultInjection: options.allowFaultInjection,
    https: options.https,
    ...(config && { config }),
  });
}

/** What the banner describes: the running tenant (its clients and users), or only its URL. */
export interface BannerSource {
  readonly url: string;
  readonly caCertificatePath?: string | undefined;
  readonly tenant?: Pick<LocalTenant, "clients" | "listUsers" | "managementAudience">;
}

/**
 * What the command prints once the tenant listens: the `.env.local` lines
 * (a fresh `AUTH0_SECRET` each time; any 32 or more characters will do) for
 * its web app and machine-to-machine client, the registered URLs and the
 * accounts to sign in as; in https mode, the `NODE_EXTRA_CA_CERTS` line that
 * makes Node trust the tenant's CA.
 */
export function localTenantBanner(options: LocalTenantCliOptions, running: BannerSource): string {
  const { url: tenantUrl, caCertificatePath, tenant } = running;
  const clients = tenant?.clients ?? seedClients(options.appBaseUrl, `${tenantUrl}/api/v2/`);
  const app = clients.find((client) => client.client_id === LOCAL_APP_CLIENT.clientId) ?? clients.find((client) => client.callbacks.length > 0);
  const managementAudience = tenant?.managementAudience ?? `${tenantUrl}/api/v2/`;
  const m2m = clients.find((client) => client.client_id === LOCAL_M2M_CLIENT.clientId) ?? clients.find((client) => managementAudience in client.grants);
  const row = (email: string, connection: string, id: string): string => `  ${email.padEnd(30)} ${connection.padEnd(34)} ${id}`;
  const accounts = tenant
    ? tenant.listUsers().flatMap((user) =>
        user.identities.map((identity, index) =>
          index === 0 ? row(user.email, identity.connection, user.user_id) : row(identity.profileData?.email ?? "", identity.connection, `linked into ${user.user_id}`),
        ),
      )
    : SEED_ACCOUNTS.map((account) => row(account.email, account.connection, account.user_id));
  const lines = [
    `Local Auth0 tenant on ${tenantUrl} (in memory: a restart resets every account)`,
    ...(options.configFile ? [`Configured by ${options.configFile}`] : []),
    "",
    "Put these in your app's .env.local:",
    "",
    `AUTH0_DOMAIN=${tenantUrl}`,
    ...(app ? [`AUTH0_CLIENT_ID=${app.client_id}`, `AUTH0_CLIENT_SECRET=${app.client_secret}`] : []),
    `AUTH0_SECRET=${randomBytes(32).toString("hex")}`,
    `APP_BASE_URL=${appBaseUrlOf(app, options.appBaseUrl)}`,
    ...(m2m ? [`AUTH0_M2M_CLIENT_ID=${m2m.client_id}`, `AUTH0_M2M_CLIENT_SECRET=${m2m.client_secret}`] : []),
    "",
    ...(caCertificatePath
      ? [
          "The tenant speaks https with a certificate of its own local CA. Node trusts it only when",
          "started with this variable (in the shell that runs your app or tests, not in .env.local:",
          "Node reads it once, at start-up):",
          "",
          `NODE_EXTRA_CA_CERTS=${caCertificatePath}`,
          "",
        ]
      : []),
    ...(app ? [`Allowed Callback URLs: ${app.callbacks.join(", ")}`, `Allowed Logout URLs:   ${app.allowed_logout_urls.join(", ")}`] : []),
    ...(options.allowFaultInjection ? [`Inject faults:         POST ${tenantUrl}/__local/faults`] : []),
    "",
    "Accounts (pick one on the login page; there are no passwords):",
    ...accounts,
  ];
  return lines.join("\n");
}

/** The app's origin: `--app-base-url` when the web app's callbacks are on it, else (a config file's app) its first callback's. */
function appBaseUrlOf(app: TenantClient | undefined, given: string): string {
  const first = app?.callbacks[0];
  if (!first || app.callbacks.some((callback) => callback.startsWith(`${given}/`))) return given;
  return new URL(first).origin;
}

function httpUrl(flag: string, value: string): URL {
  const url = URL.canParse(value) ? new URL(value) : null;
  if (url?.protocol !== "http:" && url?.protocol !== "https:") throw new LocalTenantCliError(`${flag} must be an absolute http(s) URL, e.g. http://localhost:3000 (got "${value}").`);
  return url;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
