/**
 * node-auth0 (`auth0` v4), Auth0's Node SDK, unmodified against the local
 * tenant in https mode: it always speaks `https://{domain}` and expects the
 * ID token's issuer `https://{domain}/`, so this is the mode it needs. It runs
 * in a child process (tests/support/node-auth0-driver.mjs) started with
 * `NODE_EXTRA_CA_CERTS`, exactly as a team would start theirs, and `domain:
 * "localhost:PORT"` as its only tenant setting.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { startLocalTenantServer, type RunningLocalTenant } from "@/lib/local-tenant";

const run = promisify(execFile);
const DRIVER = join(__dirname, "..", "support", "node-auth0-driver.mjs");
const OWNER = "auth0|65a000000000000000000001";

type StepResult = { ok?: unknown; error?: { name: string; statusCode?: number; errorCode?: string; message: string; retryAfter?: string; rateLimitRemaining?: string } };

let running: RunningLocalTenant;
let dir: string;
let steps: Record<string, StepResult>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "local-tenant-tls-"));
  running = await startLocalTenantServer({ port: 0, https: { dir }, allowFaultInjection: true });
  const { stdout } = await run(process.execPath, [DRIVER, new URL(running.url).host], {
    env: { ...process.env, NODE_EXTRA_CA_CERTS: running.caCertificatePath },
    timeout: 30_000,
  });
  steps = JSON.parse(stdout) as Record<string, StepResult>;
}, 40_000);

afterAll(async () => {
  await running?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("node-auth0 v4 against the local tenant in https mode", () => {
  it("gets a Management API token with client credentials, and AuthApiError 401 with a wrong secret", () => {
    expect(steps["client credentials"]).toEqual({ ok: { token_type: "Bearer", scope: "read:users update:users read:connections delete:sessions delete:refresh_tokens" } });
    expect(steps["client credentials with a wrong secret"]?.error).toMatchObject({ name: "AuthApiError", statusCode: 401, errorCode: "access_denied" });
  });

  it("reads users by id and by email, and updates metadata, with its ManagementClient", () => {
    expect(steps["users.get"]).toEqual({ ok: { email: "owner@example.com", connections: ["Username-Password-Authentication"] } });
    expect(steps["usersByEmail.getByEmail"]).toEqual({ ok: [OWNER, "github|1000003", "google-oauth2|100000000000000000002"] });
    expect(steps["users.update"]).toEqual({ ok: { theme: "dark", plan: "team" } });
  });

  it("sees Auth0's errors as ManagementApiError with Auth0's status, code and message", () => {
    expect(steps["users.get of an unknown user"]?.error).toMatchObject({ name: "ManagementApiError", statusCode: 404, errorCode: "inexistent_user", message: "The user does not exist." });
    expect(steps["users.unlink of the primary identity"]?.error).toMatchObject({ statusCode: 400, errorCode: "operation_not_supported", message: "Main identity cannot be removed." });
    expect(steps["users.link with a tampered link_with"]?.error).toMatchObject({ statusCode: 400, errorCode: "invalid_body", message: "Invalid token (link_with)." });
  });

  it("signs in with the authorization code (no PKCE, the client secret) and refreshes, validating the https issuer of each ID token", () => {
    expect(steps["authorizationCodeGrant"]).toEqual({ ok: { scope: "openid profile email offline_access read:current_user update:current_user_identities", hasIdToken: true } });
    expect(steps["refreshTokenGrant"]).toEqual({ ok: { hasIdToken: true, token_type: "Bearer" } });
  });

  it("links in both modes and unlinks, and the tenant holds the result", () => {
    expect(steps["users.link server-side"]).toEqual({ ok: ["Username-Password-Authentication", "google-oauth2"] });
    expect(steps["users.link with link_with"]).toEqual({ ok: ["Username-Password-Authentication", "google-oauth2", "github"] });
    expect(steps["users.unlink"]).toEqual({ ok: ["auth0", "google-oauth2"] });
    expect(running.tenant.getUser(OWNER)?.identities.map((identity) => identity.provider)).toEqual(["auth0", "google-oauth2"]);
    // Unlinked, the GitHub account is a user of its own again.
    expect(running.tenant.getUser("github|1000001")).toBeDefined();
  });

  it("sees a 429 with Retry-After and the rate-limit headers when its retries are off, and gets through with its default retries", () => {
    expect(steps["429 with node-auth0's retries off"]?.error).toMatchObject({ name: "ManagementApiError", statusCode: 429, errorCode: "too_many_requests", retryAfter: "1", rateLimitRemaining: "0" });
    expect(steps["429 once with its default retries"]).toEqual({ ok: OWNER });
  });

  it("is refused by a Node that was not told to trust the tenant's CA", async () => {
    const script = `fetch(${JSON.stringify(`${running.url}/.well-known/openid-configuration`)}).then(() => console.log("trusted"), (error) => console.log(error.cause?.code))`;
    const env = { ...process.env };
    delete env["NODE_EXTRA_CA_CERTS"];
    const { stdout } = await run(process.execPath, ["-e", script], { env, timeout: 10_000 });
    expect(stdout.trim()).toMatch(/^(SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)$/);
  });
});
