/**
 * `GET /api/v2/connections`: Auth0's connections list as the app reads it to
 * learn a connection's strategy. Needs `read:connections` (a machine token);
 * filtered by `name` and `strategy`; projected by `fields` / `include_fields`.
 */
import { SEED_CONNECTIONS } from "@/lib/local-tenant";
import { API, call, INVALID_TOKEN, insufficientScope, m2mToken, OWNER, userToken, useMswServer, useTenant } from "./management-support";

const server = useMswServer();

interface Connection {
  readonly id?: string;
  readonly name?: string;
  readonly display_name?: string;
  readonly strategy?: string;
  readonly is_domain_connection?: boolean;
  readonly realms?: readonly string[];
}

const CORP_GITHUB = { name: "corp-github", provider: "github", isSocial: true, id: "con_localcorpgithub01", displayName: "Corp GitHub" } as const;

describe("listing connections", () => {
  it("answers 403 insufficient_scope to a user's own token, however many user scopes it holds", async () => {
    const tenant = await useTenant(server);
    const answer = await call("GET", `${API}/connections?name=github`, { token: await userToken(tenant, OWNER) });
    expect(answer).toMatchObject({ status: 403, body: insufficientScope("read:connections") });
  });

  it("answers 403 insufficient_scope to a machine token granted read:users update:users only", async () => {
    const tenant = await useTenant(server);
    const answer = await call("GET", `${API}/connections`, { token: await m2mToken(tenant, "read:users update:users") });
    expect(answer).toMatchObject({ status: 403, body: insufficientScope("read:connections") });
  });

  it("answers 401 invalid_token without a token", async () => {
    await useTenant(server);
    expect(await call("GET", `${API}/connections`)).toMatchObject({ status: 401, body: INVALID_TOKEN });
  });

  it("lists every connection, with its strategy, to a read:connections token", async () => {
    const tenant = await useTenant(server);
    const answer = await call<Connection[]>("GET", `${API}/connections`, { token: await m2mToken(tenant, "read:connections") });
    expect(answer.status).toBe(200);
    expect(answer.body.map(({ name, strategy }) => ({ name, strategy }))).toEqual([
      { name: "Username-Password-Authentication", strategy: "auth0" },
      { name: "github", strategy: "github" },
      { name: "google-oauth2", strategy: "google-oauth2" },
    ]);
    expect(answer.body[1]).toEqual({ id: "con_localgithub000001", name: "github", display_name: "GitHub", strategy: "github", is_domain_connection: false, realms: ["github"] });
  });

  it("filters by exact name: a connection not named after its strategy, and none for an unknown or differently cased name", async () => {
    const tenant = await useTenant(server, { connections: [...SEED_CONNECTIONS, CORP_GITHUB] });
    const token = await m2mToken(tenant, "read:connections");

    const corp = await call<Connection[]>("GET", `${API}/connections?name=corp-github`, { token });
    expect(corp.body).toEqual([{ id: CORP_GITHUB.id, name: "corp-github", display_name: "Corp GitHub", strategy: "github", is_domain_connection: false, realms: ["corp-github"] }]);
    expect(await call("GET", `${API}/connections?name=nothing-here`, { token })).toMatchObject({ status: 200, body: [] });
    expect(await call("GET", `${API}/connections?name=Corp-GitHub`, { token })).toMatchObject({ status: 200, body: [] });
  });

  it("filters by strategy, one or several, and by name and strategy together", async () => {
    const tenant = await useTenant(server, { connections: [...SEED_CONNECTIONS, CORP_GITHUB] });
    const token = await m2mToken(tenant, "read:connections");
    const names = async (query: string): Promise<(string | undefined)[]> => (await call<Connection[]>("GET", `${API}/connections?${query}`, { token })).body.map((entry) => entry.name);

    expect(await names("strategy=github")).toEqual(["github", "corp-github"]);
    expect(await names("strategy=github&strategy=auth0")).toEqual(["Username-Password-Authentication", "github", "corp-github"]);
    expect(await names("name=corp-github&strategy=github")).toEqual(["corp-github"]);
    expect(await names("name=corp-github&strategy=google-oauth2")).toEqual([]);
  });

  it("answers only the listed fields when include_fields is true (or absent)", async () => {
    const tenant = await useTenant(server);
    const token = await m2mToken(tenant, "read:connections");
    const included = await call<Connection[]>("GET", `${API}/connections?name=github&fields=name,strategy&include_fields=true`, { token });
    expect(included.body).toEqual([{ name: "github", strategy: "github" }]);
    const byDefault = await call<Connection[]>("GET", `${API}/connections?name=github&fields=strategy`, { token });
    expect(byDefault.body).toEqual([{ strategy: "github" }]);
  });

  it("answers every field but the listed ones when include_fields is false", async () => {
    const tenant = await useTenant(server);
    const token = await m2mToken(tenant, "read:connections");
    const answer = await call<Connection[]>("GET", `${API}/connections?name=github&fields=id,realms,is_domain_connection&include_fields=false`, { token });
    expect(answer.body).toEqual([{ name: "github", display_name: "GitHub", strategy: "github" }]);
  });

  it("keeps the read in the request log, without its query", async () => {
    const tenant = await useTenant(server);
    await call("GET", `${API}/connections?name=github&fields=name,strategy`, { token: await m2mToken(tenant, "read:connections") });
    expect(tenant.requestLog).toEqual([{ method: "GET", path: "/api/v2/connections", status: 200 }]);
  });
});
