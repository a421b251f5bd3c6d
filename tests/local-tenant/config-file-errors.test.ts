/**
 * A wrong configuration file: each problem named by its place in the file
 * and what to write instead, before the tenant listens.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalTenantConfigError, readLocalTenantConfig } from "@/lib/local-tenant/config";
import { startLocalTenantServer } from "@/lib/local-tenant/server";

const WEB = { client_id: "web", client_secret: "s", name: "Web", app_type: "regular_web" };

async function problems(config: object): Promise<string[]> {
  const error = await readLocalTenantConfig(config).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof LocalTenantConfigError)) throw new Error(`Expected a LocalTenantConfigError, got ${String(error)}`);
  return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
}

describe("a configuration with a mistake", () => {
  it.each<[string, object, string]>([
    ["a misspelt field", { clients: [{ ...WEB, callback: [] }] }, 'clients[0].callback: unknown field (did you mean "callbacks"?)'],
    ["a misspelt section", { client: [] }, 'client: unknown field (did you mean "clients"?)'],
    ["an unknown application type", { clients: [{ ...WEB, app_type: "web" }] }, 'clients[0].app_type: must be one of "regular_web", "non_interactive", "spa", "native"'],
    ["a missing name", { clients: [{ client_id: "web", client_secret: "s", app_type: "spa" }] }, "clients[0].name: is required"],
    ["a callback that is not a URL", { clients: [{ ...WEB, callbacks: ["localhost:3000/cb"] }] }, "clients[0].callbacks[0]: must be an absolute http(s) URL, e.g. http://localhost:3000/auth/callback"],
    ["a list written as a string", { clients: [{ ...WEB, callbacks: "http://localhost:3000/cb" }] }, "clients[0].callbacks: must be a list ([…])"],
    ["an unknown grant type", { clients: [{ ...WEB, grant_types: ["password"] }] }, 'clients[0].grant_types[0]: must be one of "authorization_code", "implicit", "refresh_token", "client_credentials"'],
    ["a confidential client without a secret", { clients: [{ client_id: "web", name: "Web", app_type: "regular_web" }] }, 'clients[0].client_secret: is required (only a public client, token_endpoint_auth_method "none", has none)'],
    ["a public web app", { clients: [{ ...WEB, token_endpoint_auth_method: "none" }] }, 'clients[0].token_endpoint_auth_method: "none" (a public client) is for app_type "spa" or "native", not "regular_web"'],
    [
      "client credentials for a public client",
      { clients: [{ client_id: "spa", name: "SPA", app_type: "spa", token_endpoint_auth_method: "none", grant_types: ["client_credentials"] }] },
      'clients[0].grant_types: "client_credentials" needs a client secret, which a public client (token_endpoint_auth_method "none") does not have',
    ],
    ["two clients with one id", { clients: [WEB, { ...WEB, name: "Other" }] }, 'clients[1].client_id: client_id "web" is already used by clients[0].client_id'],
    ["a grant for a misspelt client", { client_grants: [{ client_id: "local-m2m-clientid", audience: "/api/v2/", scope: [] }] }, 'client_grants[0].client_id: "local-m2m-clientid" is not a client of the tenant (did you mean "local-m2m-client-id"?)'],
    [
      "a grant for an API the tenant lacks",
      { client_grants: [{ client_id: "local-m2m-client-id", audience: "https://api.other.example/", scope: [] }] },
      'client_grants[0].audience: "https://api.other.example/" is not the Management API (/api/v2/) or an identifier in resource_servers; the tenant has "/api/v2/", "https://api.local.example/"',
    ],
    [
      "a grant of a scope the API does not define",
      { resource_servers: [{ identifier: "https://api.shop.example/", scopes: [{ value: "read:orders" }] }], client_grants: [{ client_id: "local-m2m-client-id", audience: "https://api.shop.example/", scope: ["read:order"] }] },
      'client_grants[0].scope[0]: "read:order" is not a scope of https://api.shop.example/ (did you mean "read:orders"?)',
    ],
    ["a user of a misspelt connection", { users: [{ connection: "githb", email: "a@example.com" }] }, 'users[0].connection: "githb" is not a connection of the tenant (did you mean "github"?)'],
    ["a user id of another provider", { users: [{ user_id: "auth0|1", connection: "github", email: "a@example.com" }] }, 'users[0].user_id: must start with "github|", the strategy of connection "github"'],
    ["a user id without a provider", { users: [{ user_id: "12345", connection: "github", email: "a@example.com" }] }, 'users[0].user_id: must be "{strategy}|{id}", e.g. "auth0|65a000000000000000000001"'],
    ["a malformed email", { users: [{ connection: "github", email: "ada" }] }, "users[0].email: must be an email address"],
    [
      "one email twice in the database connection",
      { users: [{ connection: "Username-Password-Authentication", email: "a@example.com" }, { connection: "Username-Password-Authentication", email: "A@example.com" }] },
      'users[1].email: the email "a@example.com in Username-Password-Authentication" is already used by users[0].email',
    ],
    [
      "a linked identity id used twice",
      { users: [{ user_id: "github|1", connection: "github", email: "a@example.com", identities: [{ user_id: "github|1", connection: "github", email: "b@example.com" }] }] },
      'users[0].identities[0].user_id: user_id "github|1" is already used by users[0].user_id',
    ],
    [
      "connections that leave the seeded accounts without theirs",
      { connections: [{ name: "github", strategy: "github" }] },
      'connections: the seeded accounts sign in with "Username-Password-Authentication": list it, or add a users section of your own',
    ],
    ["a rate limit of zero", { rate_limit: { limit: 0, per_second: 1 } }, "rate_limit.limit: must be at least 1"],
    ["a rate limit in words", { rate_limit: { limit: "two", per_second: 2 } }, "rate_limit.limit: must be a number"],
  ])("names %s", async (_what, config, expected) => {
    expect(await problems(config)).toContain(expected);
  });

  it("lists every problem at once, one per line, in the error's message", async () => {
    const error = await readLocalTenantConfig({ clients: [{ ...WEB, callback: [] }], rate_limit: { limit: 0, per_second: 0 } }).catch((caught: unknown) => caught);
    expect(String((error as Error).message).split("\n")).toEqual([
      "The local tenant configuration is not a valid local tenant configuration (3 problems):",
      '  clients[0].callback: unknown field (did you mean "callbacks"?)',
      "  rate_limit.limit: must be at least 1",
      "  rate_limit.per_second: must be more than 0",
    ]);
  });

  it("accepts an empty file (the seed, as without --config) and ignores $schema", async () => {
    await expect(readLocalTenantConfig({ $schema: "./local-tenant.schema.json" })).resolves.toEqual({ $schema: "./local-tenant.schema.json" });
  });
});

describe("a configuration file that cannot be read", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "local-tenant-config-"));
  });

  it("says where a JSON syntax error is, by line and column", async () => {
    const file = join(dir, "broken.json");
    await writeFile(file, '{\n  "clients": [\n    { "client_id": "web", }\n  ]\n}\n');
    await expect(readLocalTenantConfig(file)).rejects.toThrow(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} is not valid JSON at line 3, column 27: `));
  });

  it("says which file it looked for when there is none", async () => {
    await expect(readLocalTenantConfig(join(dir, "missing.json"))).rejects.toThrow(`missing.json does not exist (looked for ${join(dir, "missing.json")})`);
  });

  it("stops the server from starting, so a wrong file never runs half-configured", async () => {
    const file = join(dir, "wrong.json");
    await writeFile(file, JSON.stringify({ users: [{ connection: "githb", email: "a@example.com" }] }));
    await expect(startLocalTenantServer({ port: 0, config: file })).rejects.toThrow(LocalTenantConfigError);
  });
});
