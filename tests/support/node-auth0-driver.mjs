/**
 * Drives node-auth0 (the `auth0` package, v4), unmodified, against a local
 * tenant in https mode, the way a team's script would: only `domain:
 * "localhost:PORT"` and, in the environment, `NODE_EXTRA_CA_CERTS` pointing at
 * the tenant's CA. A plain ES module run by `node` in a child process, because
 * Node reads NODE_EXTRA_CA_CERTS only when it starts.
 *
 * Usage: node node-auth0-driver.mjs <domain>
 * Prints one JSON object: each step's name → { ok: … } or { error: … }.
 * Sign-ins go through the tenant's login page with fetch, as a browser would.
 */
import { AuthenticationClient, ManagementClient } from "auth0";

const [domain] = process.argv.slice(2);
const origin = `https://${domain}`;
const APP = { clientId: "local-app-client-id", clientSecret: "local-app-client-secret-not-for-production" };
const M2M = { clientId: "local-m2m-client-id", clientSecret: "local-m2m-client-secret-not-for-production" };
const CALLBACK = "http://localhost:3000/auth/callback";
const OWNER = "auth0|65a000000000000000000001";
const results = {};

/** Runs one step and records its value or its error's shape (class, status, code, message). */
async function step(name, run) {
  try {
    results[name] = { ok: await run() };
  } catch (error) {
    results[name] = {
      error: {
        name: error?.constructor?.name,
        statusCode: error?.statusCode,
        errorCode: error?.errorCode ?? error?.error,
        message: error?.message,
        retryAfter: error?.headers?.get?.("retry-after") ?? undefined,
        rateLimitRemaining: error?.headers?.get?.("x-ratelimit-remaining") ?? undefined,
      },
    };
  }
}

/** Signs in on the tenant's login page as `identity` and returns the authorization code. */
async function signIn(identity, params) {
  const authorize = new URL(`${origin}/authorize`);
  for (const [key, value] of Object.entries({ client_id: APP.clientId, redirect_uri: CALLBACK, response_type: "code", state: "s", ...params })) {
    authorize.searchParams.set(key, value);
  }
  const page = await (await fetch(authorize, { redirect: "manual" })).text();
  const transaction = /name="transaction" value="([^"]+)"/.exec(page)?.[1];
  if (!transaction) throw new Error("no login page");
  const answer = await fetch(`${origin}/u/login`, {
    method: "POST",
    redirect: "manual",
    body: new URLSearchParams({ transaction, action: "login", identity }),
  });
  const code = new URL(answer.headers.get("location") ?? "", origin).searchParams.get("code");
  if (!code) throw new Error(`no code (status ${answer.status})`);
  return code;
}

const auth = new AuthenticationClient({ domain, ...APP });
const connections = (user) => user.identities.map((identity) => identity.connection);

await step("client credentials", async () => {
  const { data } = await new AuthenticationClient({ domain, ...M2M }).oauth.clientCredentialsGrant({ audience: `${origin}/api/v2/` });
  return { token_type: data.token_type, scope: data.scope };
});
await step("client credentials with a wrong secret", () =>
  new AuthenticationClient({ domain, clientId: M2M.clientId, clientSecret: "wrong" }).oauth.clientCredentialsGrant({ audience: `${origin}/api/v2/` }),
);

// The machine client: ManagementClient gets and caches its own token with client credentials.
const management = new ManagementClient({ domain, ...M2M });
await step("users.get", async () => {
  const { data } = await management.users.get({ id: OWNER });
  return { email: data.email, connections: connections(data) };
});
await step("users.get of an unknown user", () => management.users.get({ id: "auth0|000000000000000000000000" }));
await step("usersByEmail.getByEmail", async () => (await management.usersByEmail.getByEmail({ email: "owner@example.com" })).data.map((user) => user.user_id).sort());
await step("users.update", async () => (await management.users.update({ id: OWNER }, { user_metadata: { plan: "team" } })).data.user_metadata);
await step("users.link server-side", async () =>
  (await management.users.link({ id: OWNER }, { provider: "google-oauth2", user_id: "100000000000000000001" })).data.map((identity) => identity.connection),
);

// The user's own token (link_with mode): a sign-in with the Management API as audience.
await step("authorizationCodeGrant", async () => {
  const code = await signIn(OWNER, {
    audience: `${origin}/api/v2/`,
    scope: "openid profile email offline_access read:current_user update:current_user_identities",
  });
  const { data } = await auth.oauth.authorizationCodeGrant({ code, redirect_uri: CALLBACK });
  results.primaryToken = data.access_token;
  results.refreshToken = data.refresh_token;
  return { scope: data.scope, hasIdToken: typeof data.id_token === "string" };
});
await step("refreshTokenGrant", async () => {
  const { data } = await auth.oauth.refreshTokenGrant({ refresh_token: results.refreshToken });
  return { hasIdToken: typeof data.id_token === "string", token_type: data.token_type };
});
await step("users.link with link_with", async () => {
  const code = await signIn("github|1000001", { scope: "openid profile email", max_age: "0" });
  const { data: secondary } = await auth.oauth.authorizationCodeGrant({ code, redirect_uri: CALLBACK });
  const asUser = new ManagementClient({ domain, token: results.primaryToken });
  return (await asUser.users.link({ id: OWNER }, { link_with: secondary.id_token })).data.map((identity) => identity.connection);
});
await step("users.link with a tampered link_with", async () => {
  const asUser = new ManagementClient({ domain, token: results.primaryToken });
  return asUser.users.link({ id: OWNER }, { link_with: "eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl" });
});
await step("users.unlink", async () => (await management.users.unlink({ id: OWNER, provider: "github", user_id: "1000001" })).data.map((identity) => identity.provider));
await step("users.unlink of the primary identity", () => management.users.unlink({ id: OWNER, provider: "auth0", user_id: "65a000000000000000000001" }));

// 429: the tenant's own fault injection makes the next Management API calls answer 429.
const injectRateLimit = (times) =>
  fetch(`${origin}/__local/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ path: "/api/v2/users/", kind: "rate_limit", times, retryAfterSeconds: 1 }) });
await injectRateLimit(1);
await step("429 with node-auth0's retries off", () => new ManagementClient({ domain, ...M2M, retry: { enabled: false } }).users.get({ id: OWNER }));
await injectRateLimit(1);
await step("429 once with its default retries", async () => (await management.users.get({ id: OWNER })).data.user_id);

delete results.primaryToken;
delete results.refreshToken;
process.stdout.write(JSON.stringify(results));
