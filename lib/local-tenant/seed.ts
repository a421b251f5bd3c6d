import type { SeedAccount, TenantClient, TenantConnection } from "./types";

/** The connections every local tenant has. */
export const SEED_CONNECTIONS: readonly TenantConnection[] = [
  {
    name: "Username-Password-Authentication",
    provider: "auth0",
    isSocial: false,
    id: "con_localdatabase0001",
    displayName: "Email and password",
  },
  { name: "github", provider: "github", isSocial: true, id: "con_localgithub000001", displayName: "GitHub" },
  {
    name: "google-oauth2",
    provider: "google-oauth2",
    isSocial: true,
    id: "con_localgoogle000001",
    displayName: "Google",
  },
];

/**
 * The seeded accounts, with deterministic ids so tests and the README can name
 * them. GitHub identities use numeric ids, as GitHub does on the wire.
 */
export const SEED_ACCOUNTS: readonly SeedAccount[] = [
  {
    user_id: "auth0|65a000000000000000000001",
    connection: "Username-Password-Authentication",
    email: "owner@example.com",
    email_verified: true,
    name: "Olivia Owner",
    user_metadata: { theme: "dark" },
  },
  {
    user_id: "github|1000001",
    connection: "github",
    email: "owner.github@example.com",
    email_verified: true,
    name: "Olivia Owner (GitHub)",
    user_metadata: { github_theme: "light" },
  },
  {
    user_id: "google-oauth2|100000000000000000001",
    connection: "google-oauth2",
    email: "owner.google@example.com",
    email_verified: true,
    name: "Olivia Owner (Google)",
  },
  {
    user_id: "auth0|65a000000000000000000002",
    connection: "Username-Password-Authentication",
    email: "unverified@example.com",
    email_verified: false,
    name: "Uma Unverified",
  },
  {
    user_id: "auth0|65a000000000000000000003",
    connection: "Username-Password-Authentication",
    email: "intruder@example.com",
    email_verified: true,
    name: "Ivan Intruder",
  },
  {
    user_id: "github|1000002",
    connection: "github",
    email: "intruder.github@example.com",
    email_verified: true,
    name: "Ivan Intruder (GitHub)",
  },
  // Same email as the owner's primary: Settings suggests the verified one and never the unverified one.
  {
    user_id: "github|1000003",
    connection: "github",
    email: "owner@example.com",
    email_verified: true,
    name: "Olivia Owner (second GitHub)",
  },
  {
    user_id: "google-oauth2|100000000000000000002",
    connection: "google-oauth2",
    email: "owner@example.com",
    email_verified: false,
    name: "Olivia Owner (Google, unverified)",
  },
];

/** Client id and secret of the seeded web application (the app). Local use only. */
export const LOCAL_APP_CLIENT = {
  clientId: "local-app-client-id",
  clientSecret: "local-app-client-secret-not-for-production",
} as const;

/**
 * Identifier (audience) of the seeded API that stands for a product team's own
 * API: a primary login in server-side mode asks for it instead of the
 * Management API (`AUTH0_AUDIENCE`). User tokens for it carry only OIDC scopes.
 */
export const LOCAL_APP_API_AUDIENCE = "https://api.local.example/";

/** Client id and secret of the seeded machine-to-machine client. Local use only. */
export const LOCAL_M2M_CLIENT = {
  clientId: "local-m2m-client-id",
  clientSecret: "local-m2m-client-secret-not-for-production",
} as const;

/**
 * The seeded applications: the web app (its callback and logout URLs derived
 * from `appBaseUrl`) and a machine-to-machine client granted `read:users
 * update:users read:connections delete:sessions delete:refresh_tokens` on the
 * Management API (the last two for "This wasn't me").
 */
export function seedClients(appBaseUrl: string, managementAudience: string): TenantClient[] {
  const app = appBaseUrl.replace(/\/+$/, "");
  return [
    {
      client_id: LOCAL_APP_CLIENT.clientId,
      client_secret: LOCAL_APP_CLIENT.clientSecret,
      name: "Account linking app (local)",
      app_type: "regular_web",
      callbacks: [`${app}/auth/callback`, `${app}/link/callback`],
      allowed_logout_urls: [app, `${app}/`],
      grants: {},
    },
    {
      client_id: LOCAL_M2M_CLIENT.clientId,
      client_secret: LOCAL_M2M_CLIENT.clientSecret,
      name: "Account linking server (local, machine-to-machine)",
      app_type: "non_interactive",
      callbacks: [],
      allowed_logout_urls: [],
      grants: { [managementAudience]: ["read:users", "update:users", "read:connections", "delete:sessions", "delete:refresh_tokens"] },
    },
  ];
}
