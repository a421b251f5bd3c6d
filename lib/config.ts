/**
 * The one place that reads `process.env`. It validates every setting once and
 * stops start-up with a message that names what is missing and how to set it.
 * Everything else in `lib/` takes explicit options built from {@link AppConfig}.
 */
import { strategyOfKnownConnection } from "./connections";
import { DEFAULT_SUGGESTION_TRUSTED_CONNECTIONS } from "./settings/trusted-connections";

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

type Env = Readonly<Record<string, string | undefined>>;

const LOCAL_TENANT = /^http:\/\/localhost:(\d{1,5})$/;

function readOrigin(name: string, raw: string | undefined, problems: string[]): string | undefined {
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("scheme");
    if (url.pathname !== "/" || url.search || url.hash) throw new Error("path");
    return url.origin;
  } catch {
    problems.push(`${name} must be an origin such as https://app.example.com (got "${raw}").`);
    return undefined;
  }
}

/** Parses AUTH0_DOMAIN: a bare host (`tenant.auth0.com`), an https origin, or `http://localhost:PORT`. */
function readTenantOrigin(raw: string | undefined, problems: string[]): string | undefined {
  if (!raw) {
    problems.push("AUTH0_DOMAIN is not set. Set it to your tenant's domain, e.g. AUTH0_DOMAIN=my-tenant.eu.auth0.com.");
    return undefined;
  }
  const trimmed = raw.trim().replace(/\/+$/, "");
  if (LOCAL_TENANT.test(trimmed)) return trimmed;
  if (trimmed.startsWith("http://")) {
    problems.push(
      `AUTH0_DOMAIN=${trimmed} uses plain http, which is allowed only for a local tenant at http://localhost:PORT. Use your tenant's https domain.`,
    );
    return undefined;
  }
  const withScheme = trimmed.startsWith("https://") ? trimmed : `https://${trimmed}`;
  try {
    const url = new URL(withScheme);
    if (url.pathname !== "/" || url.search || url.hash || url.username) throw new Error("not a bare host");
    return url.origin;
  } catch {
    problems.push(`AUTH0_DOMAIN must be a host name such as my-tenant.eu.auth0.com (got "${raw}").`);
    return undefined;
  }
}

/** Parses REDIS_URL (`redis://` or `rediss://`). Its value is never echoed: it may hold a password. */
function readRedisUrl(raw: string | undefined, problems: string[]): string | null {
  const value = raw?.trim();
  if (!value) return null;
  try {
    const url = new URL(value);
    if ((url.protocol === "redis:" || url.protocol === "rediss:") && url.hostname) return value;
  } catch {
    // reported below
  }
  problems.push("REDIS_URL must be a Redis URL such as redis://localhost:6379 or rediss://user:password@host:6380 (the value is not shown: it may contain a password).");
  return null;
}

/** AUTH0_M2M_CLIENT_ID and AUTH0_M2M_CLIENT_SECRET: both, or neither. The secret is never echoed. */
function readMachineClient(env: Env, problems: string[]): AppConfig["auth0"]["machineClient"] {
  const clientId = env["AUTH0_M2M_CLIENT_ID"]?.trim();
  const clientSecret = env["AUTH0_M2M_CLIENT_SECRET"]?.trim();
  if (clientId && clientSecret) return { clientId, clientSecret };
  if (clientId) problems.push("AUTH0_M2M_CLIENT_SECRET is not set, but AUTH0_M2M_CLIENT_ID is. Copy it from the machine-to-machine application's Settings tab, or unset AUTH0_M2M_CLIENT_ID.");
  if (clientSecret) problems.push("AUTH0_M2M_CLIENT_ID is not set, but AUTH0_M2M_CLIENT_SECRET is. Copy it from the machine-to-machine application's Settings tab, or unset AUTH0_M2M_CLIENT_SECRET.");
  return null;
}

/** LINK_MERGE_METADATA (true|false, default false) and where its recovery records go; it needs the machine client. */
function readMergeMetadata(env: Env, machineClient: AppConfig["auth0"]["machineClient"], problems: string[]): AppConfig["linking"]["mergeMetadata"] {
  const raw = (env["LINK_MERGE_METADATA"] ?? "false").trim().toLowerCase();
  if (raw !== "true" && raw !== "false") {
    problems.push(`LINK_MERGE_METADATA must be true or false (got "${env["LINK_MERGE_METADATA"]}").`);
    return null;
  }
  if (raw === "false") return null;
  const missing = ["AUTH0_M2M_CLIENT_ID", "AUTH0_M2M_CLIENT_SECRET"].filter((name) => !env[name]?.trim());
  // Only one of the two missing is already named by readMachineClient.
  if (!machineClient && missing.length === 2) {
    problems.push(
      "LINK_MERGE_METADATA=true needs a machine-to-machine application to read the other account's metadata and write app_metadata: set AUTH0_M2M_CLIENT_ID and AUTH0_M2M_CLIENT_SECRET (an application authorised for the Management API with read:users update:users), or set LINK_MERGE_METADATA=false.",
    );
  }
  const directory = env["LINK_METADATA_RECOVERY_DIR"]?.trim() || ".data/metadata-recovery";
  return { recoveryDirectory: directory };
}

/** LINK_MODE, and AUTH0_AUDIENCE that only `server_side` mode may use. */
function readLinkMode(env: Env, machineClient: AppConfig["auth0"]["machineClient"], problems: string[]): Pick<AppConfig["linking"], "mode"> & Pick<AppConfig["auth0"], "audience"> {
  const raw = (env["LINK_MODE"] ?? "link_with").trim();
  const mode = raw === "server_side" ? "server_side" : "link_with";
  if (raw !== "link_with" && raw !== "server_side") problems.push(`LINK_MODE must be link_with or server_side (got "${raw}").`);
  const audience = env["AUTH0_AUDIENCE"]?.trim() || null;
  if (mode === "server_side" && !machineClient && !env["AUTH0_M2M_CLIENT_ID"]?.trim() && !env["AUTH0_M2M_CLIENT_SECRET"]?.trim()) {
    problems.push(
      "LINK_MODE=server_side needs a machine-to-machine application authorised for the Management API with read:users update:users: AUTH0_M2M_CLIENT_ID and AUTH0_M2M_CLIENT_SECRET are not set.",
    );
  }
  // In link_with mode the primary login's audience must be the Management API: another one would break every link.
  if (mode === "link_with" && audience !== null) {
    problems.push(`AUTH0_AUDIENCE is set, but only LINK_MODE=server_side uses it: set LINK_MODE=server_side, or unset AUTH0_AUDIENCE.`);
  }
  if (audience !== null && /\s/.test(audience)) problems.push("AUTH0_AUDIENCE must be your API's identifier, e.g. https://api.example.com/ (no spaces).");
  return { mode, audience };
}

/** A sign-in age limit in whole minutes, 1–1440 (a day), default 10. */
function readMinutes(env: Env, name: string, problems: string[]): number {
  const raw = (env[name] ?? "10").trim();
  if (!/^\d{1,4}$/.test(raw) || Number(raw) < 1 || Number(raw) > 1440) {
    problems.push(`${name} must be a whole number of minutes from 1 to 1440, e.g. ${name}=10 (got "${env[name]}").`);
    return 10;
  }
  return Number(raw);
}

/** LINK_SUGGESTION_TRUSTED_CONNECTIONS: connection names, comma-separated; see lib/settings/trusted-connections.ts for the default's reasons. */
function readSuggestionTrustedConnections(env: Env, problems: string[]): readonly string[] {
  const raw = env["LINK_SUGGESTION_TRUSTED_CONNECTIONS"];
  if (raw === undefined) return DEFAULT_SUGGESTION_TRUSTED_CONNECTIONS;
  const names = raw.split(",").map((name) => name.trim()).filter(Boolean);
  if (names.length > 0 && names.every((name) => /^[A-Za-z0-9_-]{1,128}$/.test(name))) return names;
  const example = DEFAULT_SUGGESTION_TRUSTED_CONNECTIONS.join(",");
  problems.push(`LINK_SUGGESTION_TRUSTED_CONNECTIONS must be a comma-separated list of Auth0 connection names whose verified emails Settings may trust, e.g. LINK_SUGGESTION_TRUSTED_CONNECTIONS=${example} (the default when unset).`);
  return names;
}

function required(env: Env, name: string, hint: string, problems: string[]): string | undefined {
  const value = env[name]?.trim();
  if (!value) problems.push(`${name} is not set. ${hint}`);
  return value || undefined;
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
  const connections = (env["LINK_CONNECTIONS"] ?? "github,google-oauth2")
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  if (connections.length === 0 || connections.some((name) => !/^[A-Za-z0-9_-]{1,128}$/.test(name))) {
    problems.push("LINK_CONNECTIONS must be a comma-separated list of Auth0 connection names, e.g. LINK_CONNECTIONS=github,google-oauth2.");
  }
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
  // The callback checks that a sign-in comes from the chosen connection by its strategy (lib/linking/connection-binding.ts).
  const unknownStrategies = connections.filter((name) => strategyOfKnownConnection(name) === undefined);
  if (unknownStrategies.length > 0 && !env["AUTH0_M2M_CLIENT_ID"]?.trim() && !env["AUTH0_M2M_CLIENT_SECRET"]?.trim()) {
    problems.push(
      `LINK_CONNECTIONS offers ${unknownStrategies.join(", ")}, whose strategy the app must read from the Management API to check that a sign-in really comes from the connection chosen: set AUTH0_M2M_CLIENT_ID and AUTH0_M2M_CLIENT_SECRET (a machine-to-machine application granted read:connections), or offer only connections named after their strategy, e.g. github, google-oauth2.`,
    );
  }
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
