/**
 * The one place that reads the environment. It validates every setting once
 * and stops start-up with a message that names what is missing and how to set
 * it in the team's own environment. Everything else in `lib/` takes explicit
 * options built from {@link AppConfig} (lib/config/app-config.ts). How each
 * setting is read and checked: lib/config/parse.ts.
 */
import type { AppConfig } from "./app-config";
import {
  LOCAL_TENANT,
  readConnections,
  readLinkMode,
  readMachineClient,
  readMergeMetadata,
  readPromptAtSignIn,
  readMinutes,
  readNotices,
  readOrigin,
  readRedisUrl,
  readSuggestionTrustedConnections,
  readTenantOrigin,
  required,
  type Env,
} from "./parse";

/**
 * How to start the local Auth0 tenant the package ships (its `auth0-local-tenant`
 * bin), which prints the settings for `.env.local`; ports as in the README
 * (app 3000, tenant 4010).
 */
const LOCAL_TENANT_COMMAND = "npx auth0-local-tenant --port 4010 --app-base-url http://localhost:3000";

/**
 * A setting is missing or malformed. The message names each one, says where a
 * team sets it (its own environment: `.env.local` in development, the host's
 * environment settings in production) and how to get working settings
 * without a tenant (the local tenant's bin). `problems` lists one sentence
 * per setting.
 */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(
      [
        "Account linking is not configured:",
        ...problems.map((problem) => `  - ${problem}`),
        "Set these in your app's environment: .env.local while developing, your host's environment settings in production.",
        `To develop without an Auth0 tenant, run \`${LOCAL_TENANT_COMMAND}\` (with your app's URL): it starts the local Auth0 tenant and prints the settings to put in .env.local.`,
      ].join("\n"),
    );
    this.name = "ConfigError";
    this.problems = problems;
  }
}

/**
 * Validates the environment and returns the app's settings.
 * @param env the variables to read; defaults to `process.env`.
 * @throws {ConfigError} naming every missing or malformed setting at once.
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const port = env["PORT"]?.trim() || "3000";
  const appBaseUrl =
    readOrigin("APP_BASE_URL", env["APP_BASE_URL"]?.trim(), problems) ??
    (env["APP_BASE_URL"] ? undefined : `http://localhost:${port}`);
  const origin = readTenantOrigin(env["AUTH0_DOMAIN"], problems);
  const clientId = required(env, "AUTH0_CLIENT_ID", "Copy it from your application's Settings tab in the Auth0 dashboard.", problems);
  const clientSecret = required(env, "AUTH0_CLIENT_SECRET", "Copy it from your application's Settings tab in the Auth0 dashboard.", problems);
  const secret = required(env, "AUTH0_SECRET", "Generate one with `openssl rand -hex 32`.", problems);
  if (secret !== undefined && secret.length < 32) {
    problems.push("AUTH0_SECRET is too short: use at least 32 characters, e.g. from `openssl rand -hex 32`.");
  }
  const connections = readConnections(env, problems);
  const allowUnverified = (env["LINK_ALLOW_UNVERIFIED_EMAILS"] ?? "false").trim().toLowerCase();
  if (allowUnverified !== "true" && allowUnverified !== "false") {
    problems.push(`LINK_ALLOW_UNVERIFIED_EMAILS must be true or false (got "${env["LINK_ALLOW_UNVERIFIED_EMAILS"]}").`);
  }
  const unlinkMaxSignInAge = readMinutes(env, "UNLINK_MAX_SIGN_IN_AGE_MINUTES", problems);
  const linkMaxSignInAge = readMinutes(env, "LINK_MAX_SIGN_IN_AGE_MINUTES", problems);
  const attemptsPerMinute = (env["LINK_THROTTLE_PER_MINUTE"] ?? "5").trim();
  if (!/^\d{1,4}$/.test(attemptsPerMinute) || Number(attemptsPerMinute) < 1) {
    problems.push(`LINK_THROTTLE_PER_MINUTE must be a whole number from 1 to 9999, e.g. LINK_THROTTLE_PER_MINUTE=5 (got "${env["LINK_THROTTLE_PER_MINUTE"]}").`);
  }
  // The SDK reads these two itself; refuse values that would weaken the session cookie.
  const sameSite = env["AUTH0_COOKIE_SAME_SITE"]?.trim().toLowerCase();
  if (sameSite && sameSite !== "lax" && sameSite !== "strict") {
    problems.push(`AUTH0_COOKIE_SAME_SITE=${sameSite} would send the session cookie on cross-site requests: unset it (the default is lax).`);
  }
  if (env["AUTH0_COOKIE_SECURE"]?.trim().toLowerCase() === "false" && appBaseUrl?.startsWith("https://")) {
    problems.push("AUTH0_COOKIE_SECURE=false would let the session cookie travel over plain http: unset it (it is Secure on https).");
  }
  const redisUrl = readRedisUrl(env["REDIS_URL"], problems);
  const httpTimeout = (env["AUTH0_HTTP_TIMEOUT_MS"] ?? "5000").trim();
  if (!/^\d{1,6}$/.test(httpTimeout) || Number(httpTimeout) < 100 || Number(httpTimeout) > 120_000) {
    problems.push(`AUTH0_HTTP_TIMEOUT_MS must be a whole number of milliseconds from 100 to 120000, e.g. AUTH0_HTTP_TIMEOUT_MS=5000 (got "${env["AUTH0_HTTP_TIMEOUT_MS"]}").`);
  }
  const machineClient = readMachineClient(env, problems);
  const mergeMetadata = readMergeMetadata(env, machineClient, problems);
  const { mode, audience } = readLinkMode(env, machineClient, problems);
  const promptAtSignIn = readPromptAtSignIn(env, machineClient, problems);
  const suggestionTrustedConnections = readSuggestionTrustedConnections(env, problems);
  const notices = readNotices(env, problems);
  if (problems.length > 0 || !appBaseUrl || !origin || !clientId || !clientSecret || !secret) {
    throw new ConfigError(problems);
  }
  const isLocalTenant = LOCAL_TENANT.test(origin);
  return {
    appBaseUrl,
    auth0: {
      origin,
      domain: isLocalTenant ? origin : new URL(origin).host,
      clientId,
      clientSecret,
      secret,
      managementAudience: `${origin}/api/v2/`,
      isLocalTenant,
      httpTimeoutMs: Number(httpTimeout),
      machineClient,
      audience,
    },
    linking: {
      connections,
      allowUnverifiedEmails: allowUnverified === "true",
      unlinkMaxSignInAgeMinutes: unlinkMaxSignInAge,
      linkMaxSignInAgeMinutes: linkMaxSignInAge,
      mergeMetadata,
      mode,
      suggestionTrustedConnections,
      promptAtSignIn,
    },
    throttle: { attemptsPerMinute: Number(attemptsPerMinute), redisUrl },
    notices,
  };
}
