/**
 * The machine-to-machine token (client credentials) that server-side linking,
 * suggested accounts and the metadata merge use: fetched from the local
 * tenant's token endpoint, cached until shortly before it expires (never
 * longer), shared by concurrent callers, and never cached when refused.
 */
import { LOCAL_M2M_CLIENT } from "@/lib/local-tenant";
import { createManagementClient } from "@/lib/management/client";
import { createMachineTokenSource, type MachineTokenOptions } from "@/lib/management/machine-token";
import { OWNER_ID, useLocalTenant } from "../support/app";
import { recordingLogger } from "../support/recording-logger";

const TENANT = "http://localhost:4010";
const AUDIENCE = `${TENANT}/api/v2/`;
/** The local tenant's access token lifetime (oidc-token.ts), as `expires_in` says. */
const LIFETIME_S = 86_400;

const { server, tenant } = useLocalTenant();

function tokenRequests(): { count: () => number } {
  let count = 0;
  server.events.on("request:start", ({ request }) => {
    if (new URL(request.url).pathname === "/oauth/token") count += 1;
  });
  return { count: () => count };
}

afterEach(() => server.events.removeAllListeners());

function source(overrides: Partial<MachineTokenOptions> = {}) {
  const logger = recordingLogger();
  let clock = Date.UTC(2026, 10, 23, 12, 0, 0);
  const tokens = createMachineTokenSource({
    tenantOrigin: TENANT,
    clientId: LOCAL_M2M_CLIENT.clientId,
    clientSecret: LOCAL_M2M_CLIENT.clientSecret,
    audience: AUDIENCE,
    logger,
    now: () => clock,
    ...overrides,
  });
  return { tokens, logger, advance: (ms: number) => void (clock += ms) };
}

test("the token it hands out is accepted by the Management API for any user", async () => {
  const { tokens } = source();
  const result = await tokens.token();
  if (!result.ok) throw new Error(`no token: ${result.error.code}`);
  const management = createManagementClient({ baseUrl: AUDIENCE, logger: recordingLogger() });
  const user = await management.getUser(result.value, OWNER_ID);
  expect(user.ok && user.value.user_id).toBe(OWNER_ID);
  expect(tenant().requestLog.at(-1)).toMatchObject({ method: "GET", status: 200 });
});

test("concurrent callers share one token request, and later callers reuse the token", async () => {
  const requests = tokenRequests();
  const { tokens } = source();
  const results = await Promise.all([tokens.token(), tokens.token(), tokens.token()]);
  await tokens.token();
  expect(new Set(results.map((result) => (result.ok ? result.value : "refused"))).size).toBe(1);
  expect(requests.count()).toBe(1);
});

test("a token is used until 60 s before it expires, then a new one is fetched", async () => {
  const requests = tokenRequests();
  const { tokens, advance } = source();
  await tokens.token();
  advance(LIFETIME_S * 1000 - 60_000 - 1);
  await tokens.token();
  expect(requests.count()).toBe(1);
  advance(1);
  const renewed = await tokens.token();
  expect(renewed.ok).toBe(true);
  expect(requests.count()).toBe(2);
});

test("the margin is never more than half a short-lived token's lifetime", async () => {
  const requests = tokenRequests();
  const { tokens, advance } = source({ refreshMarginSeconds: LIFETIME_S });
  await tokens.token();
  advance((LIFETIME_S * 1000) / 2 - 1);
  await tokens.token();
  expect(requests.count()).toBe(1);
  advance(1);
  await tokens.token();
  expect(requests.count()).toBe(2);
});

test("forget() drops the cached token (after the API refused it)", async () => {
  const requests = tokenRequests();
  const { tokens } = source();
  await tokens.token();
  tokens.forget();
  await tokens.token();
  expect(requests.count()).toBe(2);
});

test("refused credentials end as invalid_token, are logged without the secret, and are not cached", async () => {
  const requests = tokenRequests();
  const { tokens, logger } = source({ clientSecret: "not-the-secret" });
  expect(await tokens.token()).toEqual({ ok: false, error: expect.objectContaining({ code: "invalid_token", status: 401 }) });
  expect(await tokens.token()).toMatchObject({ ok: false });
  expect(requests.count()).toBe(2);
  expect(logger.events("machine_token.refused")[0]).toMatchObject({ status: 401, client_id: LOCAL_M2M_CLIENT.clientId });
  expect(JSON.stringify(logger.lines)).not.toContain("not-the-secret");
});

test("a client without a grant for the Management API ends as insufficient_scope", async () => {
  const { tokens } = source({ audience: "https://api.example.com/" });
  const result = await tokens.token();
  expect(result.ok || result.error.code).toBe("insufficient_scope");
});

test("a tenant that does not answer ends as timeout at the deadline, and the next call tries again", async () => {
  tenant().faults.inject({ kind: "timeout", method: "POST", path: "/oauth/token" });
  const { tokens, logger } = source({ timeoutMs: 200 });
  expect(await tokens.token()).toEqual({ ok: false, error: { code: "timeout" } });
  expect(logger.events("machine_token.unreachable")).toEqual([expect.objectContaining({ code: "timeout" })]);
  expect((await tokens.token()).ok).toBe(true);
});

test.each([
  ["a 503", { kind: "status", status: 503 } as const, "tenant_unavailable"],
  ["a 429", { kind: "rate_limit" } as const, "rate_limited"],
  ["a body cut short", { kind: "malformed_json" } as const, "malformed_response"],
])("%s from the token endpoint ends as %s", async (_name, fault, code) => {
  tenant().faults.inject({ ...fault, method: "POST", path: "/oauth/token" });
  const { tokens } = source();
  const result = await tokens.token();
  expect(result.ok || result.error.code).toBe(code);
});
