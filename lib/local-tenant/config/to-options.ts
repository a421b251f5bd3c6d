/**
 * A checked configuration made into the tenant's options: the sections it
 * has replace the seed's, the rest stay the seed's. Runs once the tenant's
 * origin is known (a grant's `/api/v2/` becomes its Management API's URL).
 */
import { createHash, randomBytes } from "node:crypto";
import { connectionDisplayName } from "../../management/identities";
import type { LocalTenantOptions } from "../model/tenant";
import { SEED_CONNECTIONS } from "../seed";
import type { SeedAccount, SeedIdentity, TenantClient, TenantConnection } from "../types";
import { isManagementAudience } from "./names";
import type { LocalTenantConfig, LocalTenantConfigConnection, LocalTenantConfigIdentity } from "./types";

/** What {@link configToTenantOptions} needs besides the config. */
export interface ConfigContext {
  /** The tenant's Management API audience, e.g. `http://localhost:4010/api/v2/`. */
  readonly managementAudience: string;
  /** The clients in effect when the file lists none (the seed's, or those given to the server): `client_grants` then apply to them. */
  readonly baseClients: readonly TenantClient[];
}

function hash(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

function toConnection(connection: LocalTenantConfigConnection): TenantConnection {
  return {
    name: connection.name,
    provider: connection.strategy,
    // Auth0 calls database, passwordless and enterprise connections not social; the tenant models database and social ones.
    isSocial: !["auth0", "email", "sms"].includes(connection.strategy),
    id: connection.id ?? `con_${hash(connection.name).toString("hex").slice(0, 16)}`,
    // The names the app itself shows ("GitHub", "Email and password"), so the login page and Settings agree.
    displayName: connection.display_name ?? connectionDisplayName(connection.name, connection.strategy),
  };
}

/**
 * A stable id for an identity the file gives none, in the provider's own
 * form (GitHub's are numbers, Google's 21 digits, Auth0's 24 hex digits), so
 * the same file always yields the same users.
 */
function userIdFor(identity: LocalTenantConfigIdentity, strategy: string): string {
  const digest = hash(`${identity.connection}\n${identity.email.toLowerCase()}`);
  if (strategy === "github") return `github|${1_000_000 + (digest.readUInt32BE(0) % 9_000_000)}`;
  if (strategy === "google-oauth2") return `google-oauth2|1${Array.from(digest.subarray(0, 20), (byte) => byte % 10).join("")}`;
  return `${strategy}|${digest.toString("hex").slice(0, 24)}`;
}

function toIdentity(identity: LocalTenantConfigIdentity, connections: readonly TenantConnection[]): SeedIdentity {
  const strategy = connections.find((connection) => connection.name === identity.connection)?.provider ?? "auth0";
  return {
    user_id: identity.user_id ?? userIdFor(identity, strategy),
    connection: identity.connection,
    email: identity.email,
    email_verified: identity.email_verified ?? true,
    name: identity.name ?? identity.email,
  };
}

function toClient(client: NonNullable<LocalTenantConfig["clients"]>[number]): TenantClient {
  return {
    client_id: client.client_id,
    // A public client has no secret to prove; one it can never send still fills the field.
    client_secret: client.client_secret ?? randomBytes(32).toString("base64url"),
    name: client.name,
    app_type: client.app_type,
    callbacks: client.callbacks ?? [],
    allowed_logout_urls: client.allowed_logout_urls ?? [],
    grants: {},
    ...(client.grant_types && { grant_types: client.grant_types }),
    ...(client.token_endpoint_auth_method && { token_endpoint_auth_method: client.token_endpoint_auth_method }),
  };
}

/**
 * The tenant options a configuration sets: `clients`, `apis`, `connections`,
 * `accounts` and `rateLimit`, each only when its section is in the file
 * (grants only when `client_grants` is: the seeded clients keep theirs).
 */
export function configToTenantOptions(config: LocalTenantConfig, context: ConfigContext): Partial<LocalTenantOptions> {
  const options: { -readonly [K in keyof LocalTenantOptions]?: LocalTenantOptions[K] } = {};
  const connections = config.connections?.map(toConnection);
  if (connections) options.connections = connections;
  let clients = config.clients?.map(toClient);
  if (config.client_grants) {
    const grantsOf = (clientId: string): Record<string, readonly string[]> =>
      Object.fromEntries(
        config.client_grants
          ?.filter((grant) => grant.client_id === clientId)
          .map((grant) => [isManagementAudience(grant.audience) ? context.managementAudience : grant.audience, grant.scope]) ?? [],
      );
    clients = (clients ?? context.baseClients).map((client) => ({ ...client, grants: grantsOf(client.client_id) }));
  }
  if (clients) options.clients = clients;
  if (config.resource_servers) {
    options.apis = config.resource_servers.map((server) => ({ identifier: server.identifier, scopes: server.scopes?.map((scope) => scope.value) ?? [] }));
  }
  if (config.users) {
    const all = connections ?? SEED_CONNECTIONS;
    options.accounts = config.users.map((user): SeedAccount => {
      return {
        ...toIdentity(user, all),
        ...(user.user_metadata && { user_metadata: user.user_metadata }),
        ...(user.app_metadata && { app_metadata: user.app_metadata }),
        ...(user.identities && { identities: user.identities.map((identity) => toIdentity(identity, all)) }),
      };
    });
  }
  if (config.rate_limit) options.rateLimit = { limit: config.rate_limit.limit, perSecond: config.rate_limit.per_second };
  return options;
}
