/**
 * How connections are named to a person. Auth0 identifies them by connection
 * name and provider; people know them as "GitHub" or "Email and password".
 */
import type { Identity } from "./types";

const DISPLAY_NAMES: Readonly<Record<string, string>> = {
  "Username-Password-Authentication": "Email and password",
  auth0: "Email and password",
  github: "GitHub",
  "google-oauth2": "Google",
  windowslive: "Microsoft",
  apple: "Apple",
  facebook: "Facebook",
  linkedin: "LinkedIn",
  twitter: "X",
  email: "Email code",
  sms: "Text message",
};

/** A person-friendly name for a connection, e.g. `google-oauth2` → "Google". */
export function connectionDisplayName(connection: string, provider?: string): string {
  return DISPLAY_NAMES[connection] ?? (provider ? DISPLAY_NAMES[provider] : undefined) ?? connection;
}

/** The identity's full id as Auth0 writes it: `provider|user_id`. */
export function identityId(identity: Pick<Identity, "provider" | "user_id">): string {
  return `${identity.provider}|${identity.user_id}`;
}

/** Auth0 provider names: letters, digits, `-` and `_` (e.g. `google-oauth2`). */
const PROVIDER = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Splits `provider|user_id` on the first `|` only (user ids may contain more).
 * @returns `null` for anything that is not a plausible identity id.
 */
export function parseIdentityId(value: unknown): { provider: string; userId: string } | null {
  if (typeof value !== "string" || value.length > 300) return null;
  const bar = value.indexOf("|");
  if (bar <= 0) return null;
  const provider = value.slice(0, bar);
  const userId = value.slice(bar + 1);
  // "." and ".." are never user ids, only path tricks.
  if (!PROVIDER.test(provider) || userId === "" || userId === "." || userId === ".." || /[\u0000-\u001f\u007f]/.test(userId)) return null;
  return { provider, userId };
}

/**
 * Strategies of connections Auth0 names after them: the default database
 * connection, passwordless, and the social connections the dashboard creates
 * (their name is their strategy). Any other name's strategy must be read from
 * the Management API (`read:connections`).
 * @see https://auth0.com/docs/authenticate/identity-providers
 */
const STRATEGY_OF_NAME: Readonly<Record<string, string>> = {
  "Username-Password-Authentication": "auth0",
  email: "email",
  sms: "sms",
  github: "github",
  "google-oauth2": "google-oauth2",
  windowslive: "windowslive",
  apple: "apple",
  facebook: "facebook",
  linkedin: "linkedin",
  twitter: "twitter",
  bitbucket: "bitbucket",
  dropbox: "dropbox",
  discord: "discord",
  gitlab: "gitlab",
  slack: "slack",
  amazon: "amazon",
  paypal: "paypal",
  salesforce: "salesforce",
  shopify: "shopify",
  instagram: "instagram",
};

/** The strategy of a connection Auth0 names after its strategy (e.g. `github` → `github`), else `undefined`. */
export function strategyOfKnownConnection(connection: string): string | undefined {
  return Object.hasOwn(STRATEGY_OF_NAME, connection) ? STRATEGY_OF_NAME[connection] : undefined;
}

/**
 * Strategies whose users' ids name the connection too: `oauth2|{connection}|{id}`
 * (custom social connections) and the enterprise ones, e.g. `samlp|{connection}|{id}`.
 */
const ID_NAMES_CONNECTION = new Set(["oauth2", "samlp", "waad", "adfs", "oidc", "okta", "ad", "auth0-adldap", "google-apps", "office365", "pingfederate", "ip"]);

/**
 * Whether a sign-in whose `sub` is `sub` can come from `connection` of
 * `strategy`: the id's provider (before the first `|`) is the strategy, and
 * for strategies whose ids name their connection, that name is `connection`.
 * Two connections of one social or database strategy cannot be told apart by
 * the id alone; Auth0 names those ids after the strategy only.
 */
export function signInBelongsToConnection(sub: string, connection: string, strategy: string): boolean {
  const [provider, second] = sub.split("|");
  if (provider !== strategy) return false;
  return !ID_NAMES_CONNECTION.has(strategy) || second === connection;
}
