/**
 * The one place that reads `process.env`. It validates every setting once and
 * stops start-up with a message that names what is missing and how to set it.
 * Everything else in `lib/` takes explicit options built from {@link AppConfig}.
 * How each setting is read and checked: lib/config/parse.ts.
 */
import {
  LOCAL_TENANT,
  readConnections,
  readLinkMode,
  readMachineClient,
  readMergeMetadata,
  readMinutes,
  readOrigin,
  readRedisUrl,
  readSuggestionTrustedConnections,
  readTenantOrigin,
  required,
  type Env,
} from "./parse";

/** Validated settings for the app. */
export interface AppConfig {
  /** Where the app is served, e.g. `http://localhost:3000` (no trailing slash). */
  readonly appBaseUrl: string;
  readonly auth0: {
    /** Tenant origin: `https://tenant.eu.auth0.com`, or `http://localhost:PORT` for the local tenant. */
    readonly origin: string;
    /** What the SDK's `domain` option receives: the bare host for https, the origin for a local tenant. */
    readonly domain: string;
    readonly clientId: string;
    readonly clientSecret: string;
    /** Secret that encrypts the session and transaction cookies. */
    readonly secret: string;
    /** The Management API's audience and base URL: `{origin}/api/v2/`. */
    readonly managementAudience: string;
    /** True only for a `http://localhost:PORT` tenant: enables the SDK's `allowInsecureRequests`. */
    readonly isLocalTenant: boolean;
    /** Deadline for each call to the tenant's token endpoint and Management API, in ms (AUTH0_HTTP_TIMEOUT_MS, default 5000). */
    readonly httpTimeoutMs: number;
    /**
     * A machine-to-machine application authorised for the Management API
     * (AUTH0_M2M_CLIENT_ID / AUTH0_M2M_CLIENT_SECRET, both or neither); `null`
     * when none is configured. Its token never leaves the server.
     */
    readonly machineClient: { readonly clientId: string; readonly clientSecret: string } | null;
    /** The app's own API identifier the primary login asks for in `server_side` mode (AUTH0_AUDIENCE); `null`: none. */
    readonly audience: string | null;
  };
  readonly linking: {
    /** Connections offered on Settings, e.g. `["github", "google-oauth2"]`. */
    readonly connections: readonly string[];
    /** Link accounts whose email is not verified (default false). */
    readonly allowUnverifiedEmails: boolean;
    /** Unlinking needs a sign-in at most this many minutes old (default 10); older ones sign in again first. */
    readonly unlinkMaxSignInAgeMinutes: number;
    /**
     * Linking (adding a way to sign in) needs a sign-in at most this many minutes old
     * (LINK_MAX_SIGN_IN_AGE_MINUTES, default 10); older ones sign in again as the primary first.
     */
    readonly linkMaxSignInAgeMinutes: number;
    /**
     * Keep the other account's metadata when linking (LINK_MERGE_METADATA=true;
     * needs the machine-to-machine client): `recoveryDirectory`
     * (LINK_METADATA_RECOVERY_DIR, default `.data/metadata-recovery`) keeps it
     * until the primary holds it. `null`: off (Auth0 discards it).
     */
    readonly mergeMetadata: { readonly recoveryDirectory: string } | null;
    /**
     * LINK_MODE: `link_with` (default) links with the user's own Management API token;
     * `server_side` with the machine-to-machine token, so the primary login may ask for the app's own API instead.
     */
    readonly mode: "link_with" | "server_side";
    /** LINK_SUGGESTION_TRUSTED_CONNECTIONS: suggestions only for a primary on one of these, whose `email_verified` is trusted (see lib/settings/trusted-connections.ts). */
    readonly suggestionTrustedConnections: readonly string[];
  };
  readonly throttle: {
    /** Link starts, and separately unlinks, each user may make per minute (sliding window; default 5). */
    readonly attemptsPerMinute: number;
    /** Redis that every instance shares the counts through; `null` counts in each process's memory. */
    readonly redisUrl: string | null;
  };
}

/** A setting is missing or malformed. The message names each one and how to set it. */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(
      [
        "The app's configuration is incomplete:",
        ...problems.map((problem) => `  - ${problem}`),
        "Copy .env.example to .env.local and fill it in, or leave every AUTH0_* setting unset and run `npm run dev` to use the embedded local tenant.",
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
  const suggestionTrustedConnections = readSuggestionTrustedConnections(env, problems);
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
    },
    throttle: { attemptsPerMinute: Number(attemptsPerMinute), redisUrl },
  };
}

let cached: AppConfig | undefined;

/** The process-wide configuration, validated on first use. */
export function getConfig(): AppConfig {
  cached ??= loadConfig();
  return cached;
}
