/**
 * Checks that need the whole configuration: names that must be unique, a
 * grant or user naming a client, API or connection that exists (in the file,
 * or in the seed where the file has no such section), and the rules Auth0
 * applies to an application's settings.
 */
import { LOCAL_APP_API_AUDIENCE, LOCAL_APP_CLIENT, LOCAL_M2M_CLIENT, SEED_ACCOUNTS, SEED_CONNECTIONS } from "../seed";
import { closest, isManagementAudience } from "./names";
import type { ConfigIssue } from "./schema";
import type { LocalTenantConfig, LocalTenantConfigIdentity } from "./types";

function duplicates<T>(items: readonly T[], key: (item: T) => string, path: (index: number) => string, what: string): ConfigIssue[] {
  const seen = new Map<string, number>();
  const issues: ConfigIssue[] = [];
  items.forEach((item, index) => {
    const value = key(item);
    const first = seen.get(value);
    if (first === undefined) seen.set(value, index);
    else issues.push({ path: path(index), message: `${what} "${value}" is already used by ${path(first)}` });
  });
  return issues;
}

function unknownName(value: string, known: readonly string[], what: string): string {
  const suggestion = closest(value, known);
  return `"${value}" is not ${what}${suggestion ? ` (did you mean "${suggestion}"?)` : known.length > 0 ? `; the tenant has ${known.map((name) => `"${name}"`).join(", ")}` : ""}`;
}

function checkClients(config: LocalTenantConfig): ConfigIssue[] {
  const clients = config.clients ?? [];
  const issues = duplicates(clients, (client) => client.client_id, (index) => `clients[${index}].client_id`, "client_id");
  clients.forEach((client, index) => {
    const at = `clients[${index}]`;
    const isPublic = client.token_endpoint_auth_method === "none";
    if (isPublic && client.app_type !== "spa" && client.app_type !== "native") {
      issues.push({ path: `${at}.token_endpoint_auth_method`, message: `"none" (a public client) is for app_type "spa" or "native", not "${client.app_type}"` });
    }
    if (isPublic && client.grant_types?.includes("client_credentials")) {
      issues.push({ path: `${at}.grant_types`, message: '"client_credentials" needs a client secret, which a public client (token_endpoint_auth_method "none") does not have' });
    }
    if (!isPublic && client.client_secret === undefined) {
      issues.push({ path: `${at}.client_secret`, message: 'is required (only a public client, token_endpoint_auth_method "none", has none)' });
    }
  });
  return issues;
}

function checkGrants(config: LocalTenantConfig): ConfigIssue[] {
  const clientIds = config.clients?.map((client) => client.client_id) ?? [LOCAL_APP_CLIENT.clientId, LOCAL_M2M_CLIENT.clientId];
  const servers = config.resource_servers ?? [{ identifier: LOCAL_APP_API_AUDIENCE }];
  const issues = duplicates(config.resource_servers ?? [], (server) => server.identifier, (index) => `resource_servers[${index}].identifier`, "identifier");
  const grants = config.client_grants ?? [];
  issues.push(
    ...duplicates(
      grants,
      (grant) => `${grant.client_id} → ${isManagementAudience(grant.audience) ? "/api/v2/" : grant.audience}`,
      (index) => `client_grants[${index}]`,
      "a grant for",
    ),
  );
  grants.forEach((grant, index) => {
    const at = `client_grants[${index}]`;
    if (!clientIds.includes(grant.client_id)) issues.push({ path: `${at}.client_id`, message: unknownName(grant.client_id, clientIds, "a client of the tenant") });
    if (isManagementAudience(grant.audience)) return;
    const server = servers.find((candidate) => candidate.identifier === grant.audience);
    if (!server) {
      const known = ["/api/v2/", ...servers.map((candidate) => candidate.identifier)];
      issues.push({ path: `${at}.audience`, message: unknownName(grant.audience, known, "the Management API (/api/v2/) or an identifier in resource_servers") });
      return;
    }
    const defined = ("scopes" in server ? server.scopes : undefined)?.map((scope) => scope.value) ?? [];
    grant.scope.forEach((scope, scopeIndex) => {
      if (!defined.includes(scope)) issues.push({ path: `${at}.scope[${scopeIndex}]`, message: unknownName(scope, defined, `a scope of ${grant.audience}`) });
    });
  });
  return issues;
}

function checkUsers(config: LocalTenantConfig): ConfigIssue[] {
  const connections = config.connections ?? SEED_CONNECTIONS.map((connection) => ({ name: connection.name, strategy: connection.provider }));
  const issues = duplicates(config.connections ?? [], (connection) => connection.name, (index) => `connections[${index}].name`, "name");
  const names = connections.map((connection) => connection.name);
  const checkIdentity = (identity: LocalTenantConfigIdentity, at: string): void => {
    const connection = connections.find((candidate) => candidate.name === identity.connection);
    if (!connection) {
      issues.push({ path: `${at}.connection`, message: unknownName(identity.connection, names, "a connection of the tenant") });
      return;
    }
    const provider = identity.user_id?.slice(0, identity.user_id.indexOf("|"));
    if (provider !== undefined && provider !== connection.strategy) {
      issues.push({ path: `${at}.user_id`, message: `must start with "${connection.strategy}|", the strategy of connection "${connection.name}"` });
    }
  };
  const everyone: { at: string; identity: LocalTenantConfigIdentity }[] = [];
  (config.users ?? []).forEach((user, index) => {
    everyone.push({ at: `users[${index}]`, identity: user });
    (user.identities ?? []).forEach((identity, identityIndex) => everyone.push({ at: `users[${index}].identities[${identityIndex}]`, identity }));
  });
  for (const { at, identity } of everyone) checkIdentity(identity, at);
  const withIds = everyone.filter(({ identity }) => identity.user_id !== undefined);
  issues.push(...duplicates(withIds, ({ identity }) => identity.user_id ?? "", (index) => `${withIds[index]?.at}.user_id`, "user_id"));
  // A database connection holds one user per email, as Auth0's does.
  const database = everyone.filter(({ identity }) => connections.find((candidate) => candidate.name === identity.connection)?.strategy === "auth0");
  issues.push(
    ...duplicates(database, ({ identity }) => `${identity.email.toLowerCase()} in ${identity.connection}`, (index) => `${database[index]?.at}.email`, "the email"),
  );
  if (config.connections && !config.users) {
    for (const account of SEED_ACCOUNTS) {
      if (!names.includes(account.connection)) {
        issues.push({ path: "connections", message: `the seeded accounts sign in with "${account.connection}": list it, or add a users section of your own` });
        break;
      }
    }
  }
  return issues;
}

/** Every cross-reference problem of a config whose shape is valid. */
export function crossCheck(config: LocalTenantConfig): ConfigIssue[] {
  return [...checkClients(config), ...checkGrants(config), ...checkUsers(config)];
}
