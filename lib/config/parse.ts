/**
 * How each setting is read and checked, for lib/config/load-config.ts (the
 * one place that reads the environment): every reader takes the environment it is given, adds
 * a sentence naming the setting and how to set it to `problems` when the
 * value will not do, and never echoes a secret.
 */
import type { AppConfig } from "./app-config";
import { strategyOfKnownConnection } from "../management/identities";
import { DEFAULT_SUGGESTION_TRUSTED_CONNECTIONS } from "../settings/trusted-connections";

export type Env = Readonly<Record<string, string | undefined>>;

export const LOCAL_TENANT = /^http:\/\/localhost:(\d{1,5})$/;

export function readOrigin(name: string, raw: string | undefined, problems: string[]): string | undefined {
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
export function readTenantOrigin(raw: string | undefined, problems: string[]): string | undefined {
  if (!raw) {
    problems.push("AUTH0_DOMAIN is not set. Set it to your tenant's domain, e.g. AUTH0_DOMAIN=my-tenant.eu.auth0.com (or the local tenant's http://localhost:4010).");
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
export function readRedisUrl(raw: string | undefined, problems: string[]): string | null {
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
export function readMachineClient(env: Env, problems: string[]): AppConfig["auth0"]["machineClient"] {
  const clientId = env["AUTH0_M2M_CLIENT_ID"]?.trim();
  const clientSecret = env["AUTH0_M2M_CLIENT_SECRET"]?.trim();
  if (clientId && clientSecret) return { clientId, clientSecret };
  if (clientId) problems.push("AUTH0_M2M_CLIENT_SECRET is not set, but AUTH0_M2M_CLIENT_ID is. Copy it from the machine-to-machine application's Settings tab, or unset AUTH0_M2M_CLIENT_ID.");
  if (clientSecret) problems.push("AUTH0_M2M_CLIENT_ID is not set, but AUTH0_M2M_CLIENT_SECRET is. Copy it from the machine-to-machine application's Settings tab, or unset AUTH0_M2M_CLIENT_SECRET.");
  return null;
}

/**
 * A `true|false` setting (default false) of a feature that needs the
 * machine-to-machine client: whether it is on. A value that is neither, or
 * the feature on without the client, is a problem naming `needs`: what the
 * client is for.
 */
function readSwitchNeedingMachineClient(env: Env, name: string, machineClient: AppConfig["auth0"]["machineClient"], needs: string, problems: string[]): boolean {
  const raw = (env[name] ?? "false").trim().toLowerCase();
  if (raw !== "true" && raw !== "false") {
    problems.push(`${name} must be true or false (got "${env[name]}").`);
    return false;
  }
  if (raw === "false") return false;
  const missing = ["AUTH0_M2M_CLIENT_ID", "AUTH0_M2M_CLIENT_SECRET"].filter((setting) => !env[setting]?.trim());
  // Only one of the two missing is already named by readMachineClient.
  if (!machineClient && missing.length === 2) {
    problems.push(
      `${name}=true needs a machine-to-machine application to ${needs}: set AUTH0_M2M_CLIENT_ID and AUTH0_M2M_CLIENT_SECRET (an application authorised for the Management API with read:users update:users), or set ${name}=false.`,
    );
  }
  return true;
}

/** LINK_MERGE_METADATA (true|false, default false) and where its recovery records go; it needs the machine client. */
export function readMergeMetadata(env: Env, machineClient: AppConfig["auth0"]["machineClient"], problems: string[]): AppConfig["linking"]["mergeMetadata"] {
  const needs = "read the other account's metadata and write app_metadata";
  if (!readSwitchNeedingMachineClient(env, "LINK_MERGE_METADATA", machineClient, needs, problems)) return null;
  const directory = env["LINK_METADATA_RECOVERY_DIR"]?.trim() || ".data/metadata-recovery";
  const days = (env["LINK_METADATA_RECOVERY_RETENTION_DAYS"] ?? "30").trim();
  if (!/^\d{1,3}$/.test(days) || Number(days) < 1 || Number(days) > 365) {
    problems.push(
      `LINK_METADATA_RECOVERY_RETENTION_DAYS must be a whole number of days from 1 to 365, e.g. LINK_METADATA_RECOVERY_RETENTION_DAYS=30: how long Redis keeps a metadata recovery record (got "${env["LINK_METADATA_RECOVERY_RETENTION_DAYS"]}").`,
    );
  }
  return { recoveryDirectory: directory, recoveryRetentionDays: Number(days) || 30 };
}

/** LINK_MODE, and AUTH0_AUDIENCE that only `server_side` mode may use. */
export function readLinkMode(env: Env, machineClient: AppConfig["auth0"]["machineClient"], problems: string[]): Pick<AppConfig["linking"], "mode"> & Pick<AppConfig["auth0"], "audience"> {
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
export function readMinutes(env: Env, name: string, problems: string[]): number {
  const raw = (env[name] ?? "10").trim();
  if (!/^\d{1,4}$/.test(raw) || Number(raw) < 1 || Number(raw) > 1440) {
    problems.push(`${name} must be a whole number of minutes from 1 to 1440, e.g. ${name}=10 (got "${env[name]}").`);
    return 10;
  }
  return Number(raw);
}

/**
 * LINK_PROMPT_AT_SIGN_IN (true|false, default false): offer to join a new
 * sign-in to an existing account with the same verified email, right after
 * sign-in (lib/linking/prompt). It looks the accounts up (`read:users`) and
 * remembers "Keep separate" in `app_metadata` (`update:users`) with the
 * machine-to-machine client, so it needs one.
 */
export function readPromptAtSignIn(env: Env, machineClient: AppConfig["auth0"]["machineClient"], problems: string[]): boolean {
  return readSwitchNeedingMachineClient(env, "LINK_PROMPT_AT_SIGN_IN", machineClient, 'find the existing account and remember "Keep separate"', problems);
}

/** LINK_SUGGESTION_TRUSTED_CONNECTIONS: connection names, comma-separated; see lib/settings/trusted-connections.ts for the default's reasons. */
export function readSuggestionTrustedConnections(env: Env, problems: string[]): readonly string[] {
  const raw = env["LINK_SUGGESTION_TRUSTED_CONNECTIONS"];
  if (raw === undefined) return DEFAULT_SUGGESTION_TRUSTED_CONNECTIONS;
  const names = raw.split(",").map((name) => name.trim()).filter(Boolean);
  if (names.length > 0 && names.every((name) => /^[A-Za-z0-9_-]{1,128}$/.test(name))) return names;
  const example = DEFAULT_SUGGESTION_TRUSTED_CONNECTIONS.join(",");
  problems.push(`LINK_SUGGESTION_TRUSTED_CONNECTIONS must be a comma-separated list of Auth0 connection names whose verified emails Settings may trust, e.g. LINK_SUGGESTION_TRUSTED_CONNECTIONS=${example} (the default when unset).`);
  return names;
}

export function required(env: Env, name: string, hint: string, problems: string[]): string | undefined {
  const value = env[name]?.trim();
  if (!value) problems.push(`${name} is not set. ${hint}`);
  return value || undefined;
}

/**
 * LINK_CONNECTIONS (default `github,google-oauth2`). The callback checks that a
 * sign-in comes from the chosen connection by its strategy
 * (lib/linking/connection-binding.ts): a name Auth0 does not give a strategy
 * by is read with the machine-to-machine client, so it needs one.
 */
export function readConnections(env: Env, problems: string[]): readonly string[] {
  const connections = (env["LINK_CONNECTIONS"] ?? "github,google-oauth2")
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  if (connections.length === 0 || connections.some((name) => !/^[A-Za-z0-9_-]{1,128}$/.test(name))) {
    problems.push("LINK_CONNECTIONS must be a comma-separated list of Auth0 connection names, e.g. LINK_CONNECTIONS=github,google-oauth2.");
    return connections;
  }
  const unknownStrategies = connections.filter((name) => strategyOfKnownConnection(name) === undefined);
  if (unknownStrategies.length > 0 && !env["AUTH0_M2M_CLIENT_ID"]?.trim() && !env["AUTH0_M2M_CLIENT_SECRET"]?.trim()) {
    problems.push(
      `LINK_CONNECTIONS offers ${unknownStrategies.join(", ")}, whose strategy the app must read from the Management API to check that a sign-in really comes from the connection chosen: set AUTH0_M2M_CLIENT_ID and AUTH0_M2M_CLIENT_SECRET (a machine-to-machine application granted read:connections), or offer only connections named after their strategy, e.g. github, google-oauth2.`,
    );
  }
  return connections;
}

/** An address as MAIL_FROM and the recipients may carry it: no spaces, quotes, angle brackets or line breaks. */
const MAIL_ADDRESS = /^[^\s@<>",;()\\]+@[^\s@<>",;()\\[\]]+$/;

/**
 * SMTP_URL (`smtp://` or `smtps://`, as nodemailer reads it) and MAIL_FROM, for the
 * notices of new and removed sign-ins (lib/notices). No SMTP_URL: `null`,
 * notices are off. SMTP_URL's value is never echoed: it may hold a password.
 * MAIL_FROM's display name may not hold a line break, so no setting can add a
 * header to every notice.
 */
export function readNotices(env: Env, problems: string[]): AppConfig["notices"] {
  const rawUrl = env["SMTP_URL"]?.trim();
  const rawFrom = env["MAIL_FROM"];
  const from = rawFrom === undefined || rawFrom.trim() === "" ? undefined : readMailFrom(rawFrom, problems);
  if (!rawUrl) return null;
  let smtpUrl: string | undefined;
  try {
    const url = new URL(rawUrl);
    if ((url.protocol === "smtp:" || url.protocol === "smtps:") && url.hostname && (url.pathname === "" || url.pathname === "/") && !url.hash) smtpUrl = rawUrl;
  } catch {
    // reported below
  }
  if (smtpUrl === undefined) {
    problems.push(
      "SMTP_URL must be an SMTP server's URL such as smtp://localhost:1025 or smtps://user:password@smtp.example.com:465 (smtp: for plain or STARTTLS, smtps: for TLS from the start; the value is not shown: it may contain a password).",
    );
  }
  if (rawFrom === undefined || rawFrom.trim() === "") {
    problems.push('MAIL_FROM is not set, but SMTP_URL is: set the sender of the notices, e.g. MAIL_FROM="Example <no-reply@example.com>" (an address your SMTP server may send from).');
  }
  return smtpUrl && from ? { smtpUrl, mailFrom: from } : null;
}

/** MAIL_FROM: `address` or `Name <address>` (the name optionally in double quotes). */
function readMailFrom(raw: string, problems: string[]): string | undefined {
  const value = raw.trim();
  const named = /^(?:"([^"]+)"|([^"<>]+?))\s*<([^<>]+)>$/.exec(value);
  const address = named ? named[3] : value;
  const name = named ? (named[1] ?? named[2] ?? "").trim() : "";
  // A line break anywhere would let the setting add headers (Bcc:) to every notice.
  const oneLine = !/[\r\n]/.test(value);
  if (oneLine && address !== undefined && MAIL_ADDRESS.test(address) && (!named || name !== "")) return value;
  problems.push(
    `MAIL_FROM must be an email address or a name and an address, e.g. MAIL_FROM="Example <no-reply@example.com>" or MAIL_FROM=no-reply@example.com, on one line (got ${JSON.stringify(raw)}).`,
  );
  return undefined;
}
