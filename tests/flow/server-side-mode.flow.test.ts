/**
 * Server-side linking mode (LINK_MODE=server_side), for apps whose sign-in asks
 * for their own API: after the same checks of the second sign-in, the app links
 * with its machine-to-machine token and `{provider, user_id}`. What only this
 * mode has: the machine token (requested once, renewed after expiry or a 401,
 * never sent to the browser), a token that could act on anyone (so the user is
 * always the session's own), and a machine application that may lack a grant.
 * Everything else runs in both modes (jest's `server_side` project).
 */
import { decodeJwt } from "jose";
import { http, HttpResponse } from "msw";
import { LOCAL_APP_API_AUDIENCE, LOCAL_M2M_CLIENT, LocalTenant, SEED_ACCOUNTS, SEED_CONNECTIONS, TenantApiError, createLocalTenantHandlers, seedClients } from "@/lib/local-tenant";
import { readErrorMessage } from "@/lib/management/messages";
import { ACCOUNTS, APP, OWNER_ID, type Person, modeEnv, useLocalTenant } from "../support/app";
import { useSharedClock } from "../support/clock";
import { identityCalls, identityIdsOf, noticeFor, redirectOf, sessionOf, settingsRead, useApp } from "../support/linking";
import { captureLogs } from "../support/logs";

const INTRUDER_ID = "auth0|65a000000000000000000003";
/** An enterprise account whose id has two bars: provider `samlp`, user id `acme|jane`. */
const ACME = { email: "jane@acme.example", connection: "acme" } as const;
const ACME_CONNECTION = { name: "acme", provider: "samlp", isSocial: false, id: "con_localacme00000001", displayName: "Acme SSO" } as const;

const clock = useSharedClock();
/** How far the tenant's clock runs ahead of the app's (0 unless a test says otherwise). */
let tenantAheadMs = 0;
const { server, tenant } = useLocalTenant({
  now: () => Date.now() + tenantAheadMs,
  connections: [...SEED_CONNECTIONS, ACME_CONNECTION],
  accounts: [...SEED_ACCOUNTS, { user_id: "samlp|acme|jane", connection: "acme", email: ACME.email, email_verified: true, name: "Jane (Acme)" }],
});
const running = useApp({ ...modeEnv("server_side"), LINK_CONNECTIONS: "github,google-oauth2,acme" });
const logs = captureLogs();

/** What the app sent to and got from the tenant: machine tokens issued, client-credentials requests, and each link call. */
interface Traffic {
  readonly machineTokens: string[];
  readonly linkCalls: { authorization: string; body: unknown }[];
  readonly deletes: string[];
  clientCredentialRequests: number;
}
let traffic: Traffic;
let pending: Promise<unknown>[] = [];

beforeEach(() => {
  traffic = { machineTokens: [], linkCalls: [], deletes: [], clientCredentialRequests: 0 };
  pending = [];
  server.events.on("request:start", ({ request }) => {
    const url = new URL(request.url);
    if (url.pathname === "/oauth/token") {
      pending.push(request.clone().text().then((body) => void (new URLSearchParams(body).get("grant_type") === "client_credentials" && (traffic.clientCredentialRequests += 1))));
    } else if (request.method === "POST" && url.pathname.endsWith("/identities")) {
      const authorization = request.headers.get("authorization") ?? "";
      pending.push(request.clone().json().then((body: unknown) => traffic.linkCalls.push({ authorization, body })));
    } else if (request.method === "DELETE") {
      traffic.deletes.push(url.pathname);
    }
  });
  server.events.on("response:mocked", ({ request, response }) => {
    if (new URL(request.url).pathname !== "/oauth/token" || !response.ok) return;
    pending.push(
      response
        .clone()
        .json()
        .then((body: { access_token?: string }) => {
          if (body.access_token && decodeJwt(body.access_token)["gty"] === "client-credentials") traffic.machineTokens.push(body.access_token);
        }),
    );
  });
});
afterEach(() => {
  server.events.removeAllListeners();
  // Here, not in beforeEach: the next test's tenant is created (and reads its clock) before this file's beforeEach runs.
  tenantAheadMs = 0;
});

/** Waits for the traffic recorders to finish reading bodies. */
async function settled(): Promise<Traffic> {
  await Promise.all(pending);
  return traffic;
}

async function signedIn(account: { email: string; connection: string } = ACCOUNTS.owner): Promise<Person> {
  const person = running.person();
  await person.signIn(account);
  return person;
}

/** Swaps in a tenant whose machine-to-machine application holds only `scopes` on the Management API. */
async function tenantWhoseMachineAppHolds(scopes: readonly string[]): Promise<LocalTenant> {
  const management = tenant().managementAudience;
  const clients = seedClients(APP, management).map((client) => (client.client_id === LOCAL_M2M_CLIENT.clientId ? { ...client, grants: { [management]: scopes } } : client));
  const narrow = await LocalTenant.create({ appBaseUrl: APP, clients });
  server.resetHandlers(...createLocalTenantHandlers(narrow));
  return narrow;
}

const invalidToken = (): Response => HttpResponse.json(new TenantApiError(401, "Invalid token", "invalid_token").toBody(), { status: 401 });

describe("linking in server-side mode", () => {
  it("links GitHub with the app's machine token and {provider, user_id}, never the person's own token", async () => {
    const person = await signedIn();
    const session = await sessionOf(running, person.app);
    // The person's sign-in is for the app's own API: it could not have linked.
    expect(decodeJwt(session?.tokenSet.accessToken ?? "")).toMatchObject({ aud: expect.arrayContaining([LOCAL_APP_API_AUDIENCE]), scope: "openid profile email offline_access" });

    const result = redirectOf(await person.link("github", ACCOUNTS.ownerGithub));

    expect(result.params).toEqual({ link: "linked", identity: "github|1000001" });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, "github|1000001"]);
    const { linkCalls, machineTokens } = await settled();
    expect(linkCalls).toEqual([{ authorization: `Bearer ${machineTokens[0]}`, body: { provider: "github", user_id: "1000001" } }]);
    expect(decodeJwt(machineTokens[0] ?? "")).toMatchObject({ sub: `${LOCAL_M2M_CLIENT.clientId}@clients`, gty: "client-credentials", scope: "read:users update:users read:connections delete:sessions delete:refresh_tokens" });
    expect(noticeFor(result, tenant(), OWNER_ID)?.text).toBe("Linked your GitHub account owner.github@example.com. You can now sign in with it.");
  });

  it("links an account whose id has more than one bar, splitting it at the first bar only", async () => {
    const person = await signedIn();

    const result = redirectOf(await person.link("acme", ACME));

    expect(result.params).toEqual({ link: "linked", identity: "samlp|acme|jane" });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, "samlp|acme|jane"]);
    expect((await settled()).linkCalls.map((call) => call.body)).toEqual([{ provider: "samlp", user_id: "acme|jane" }]);
  });

  it("asks for the machine token once for several links, unlinks and Settings views, and again once it has expired", async () => {
    const person = await signedIn();
    await person.link("github", ACCOUNTS.ownerGithub);
    await person.unlink("github|1000001");
    await person.link("google-oauth2", ACCOUNTS.ownerGoogle);
    expect((await settingsRead(running, person)).ok).toBe(true);
    expect((await settled()).clientCredentialRequests).toBe(1);

    // The tenant's tokens last a day; the app stops using one a minute before.
    clock.passMs(86_400_000 - 60_000);
    const later = await settingsRead(running, person);

    expect(later.ok && later.value.identities.map((identity) => identity.provider)).toEqual(["auth0", "google-oauth2"]);
    const { clientCredentialRequests, machineTokens } = await settled();
    expect(clientCredentialRequests).toBe(2);
    expect(new Set(machineTokens).size).toBe(2);
  });

  it("never sends the machine token to the browser: not in a redirect, a cookie, the session or a log line", async () => {
    const person = await signedIn();
    const start = await person.startLink("github");
    const back = await person.signInAtTenant(start.headers.get("location") ?? "", ACCOUNTS.ownerGithub);
    const callback = await person.openCallback(back);
    const settings = await settingsRead(running, person);
    const unlink = await person.unlink("github|1000001");
    const refused = await person.openCallback(back); // a replayed callback: refused

    const { machineTokens } = await settled();
    expect(machineTokens).toHaveLength(1);
    const token = machineTokens[0] ?? "missing";
    for (const response of [start, callback, unlink, refused]) {
      expect(JSON.stringify([...response.headers])).not.toContain(token);
      expect(await response.text()).not.toContain(token);
    }
    expect(JSON.stringify(await sessionOf(running, person.app))).not.toContain(token);
    expect(JSON.stringify(settings)).not.toContain(token);
    expect(logs.text()).not.toContain(token);
    expect(logs.text()).not.toContain(LOCAL_M2M_CLIENT.clientSecret);
  });
});

describe("a machine token that can act on anyone acts only on the signed-in person", () => {
  it("unlinks nothing of the owner's when the intruder names the owner in a crafted unlink", async () => {
    const owner = await signedIn();
    await owner.link("github", ACCOUNTS.ownerGithub);
    const intruder = await signedIn(ACCOUNTS.intruder);
    tenant().requestLog.length = 0;

    const response = await running.app().unlink(
      running.request(`${APP}/link/unlink`, intruder.app, {
        method: "POST",
        headers: { origin: APP, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ identity: "github|1000001", user_id: OWNER_ID, primary: OWNER_ID, sub: OWNER_ID }).toString(),
      }),
    );

    expect(redirectOf(response).params).toEqual({ unlink: "identity_not_found", identity: "github|1000001" });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, "github|1000001"]);
    expect(identityCalls(tenant())).toEqual([{ method: "DELETE", path: `/api/v2/users/${INTRUDER_ID}/identities/github/1000001`, status: 404 }]);
  });

  it("links into the intruder's own account, never the one a crafted callback names", async () => {
    const intruder = await signedIn(ACCOUNTS.intruder);
    const start = await intruder.startLink("github");
    const back = await intruder.signInAtTenant(start.headers.get("location") ?? "", ACCOUNTS.intruderGithub);
    for (const name of ["user_id", "primary", "sub"]) back.searchParams.set(name, OWNER_ID);

    const result = redirectOf(await intruder.openCallback(back));

    expect(result.params).toEqual({ link: "linked", identity: "github|1000002" });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
    expect(identityIdsOf(tenant(), INTRUDER_ID)).toEqual([INTRUDER_ID, "github|1000002"]);
    expect(identityCalls(tenant())).toEqual([{ method: "POST", path: `/api/v2/users/${INTRUDER_ID}/identities`, status: 201 }]);
  });
});

describe("when the machine token is refused or cannot be had", () => {
  it("says the sign-in service refused, links nothing, and tells the operator when the machine application lacks update:users", async () => {
    const narrow = await tenantWhoseMachineAppHolds(["read:users"]);
    const person = await signedIn();

    const result = redirectOf(await person.link("github", ACCOUNTS.ownerGithub));

    expect(result.params).toEqual({ link: "auth0_refused" });
    expect(noticeFor(result, narrow, OWNER_ID)?.text).toBe("The sign-in service refused to link these accounts, so nothing was changed. Please try again later; if it keeps happening, contact this app's support.");
    expect(identityIdsOf(narrow, OWNER_ID)).toEqual([OWNER_ID]);
    expect(identityCalls(narrow)).toEqual([{ method: "POST", path: `/api/v2/users/${OWNER_ID}/identities`, status: 403 }]);
    expect((await settled()).clientCredentialRequests).toBe(1);
    expect(logs.events("management_access.machine_client_not_authorised")).toEqual([
      expect.objectContaining({ level: "error", operation: "link_identity", status: 403, fix: expect.stringContaining("read:users update:users") }),
    ]);
  });

  it("gets a new machine token and unlinks once when the tenant no longer accepts the cached one", async () => {
    const person = await signedIn();
    await person.link("github", ACCOUNTS.ownerGithub);
    // The tenant's clock has moved on a day: for it, the cached token has expired; for the app, not yet.
    tenantAheadMs = 86_400_000;
    tenant().requestLog.length = 0;

    const result = redirectOf(await person.unlink("github|1000001"));

    expect(result.params).toEqual({ unlink: "unlinked", identity: "github|1000001" });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
    const unlinkPath = `/api/v2/users/${OWNER_ID}/identities/github/1000001`;
    expect(identityCalls(tenant())).toEqual([
      { method: "DELETE", path: unlinkPath, status: 401 },
      { method: "DELETE", path: unlinkPath, status: 200 },
    ]);
    expect((await settled()).clientCredentialRequests).toBe(2);
    expect(logs.events("management_access.machine_token_rejected")).toEqual([expect.objectContaining({ operation: "unlink_identity", status: 401 })]);
  });

  it("links after a 401 with one fresh machine token, and stops after a second 401", async () => {
    const person = await signedIn();
    server.use(http.post(`${tenant().baseUrl}/api/v2/users/:id/identities`, invalidToken, { once: true }));

    expect(redirectOf(await person.link("github", ACCOUNTS.ownerGithub)).params).toEqual({ link: "linked", identity: "github|1000001" });
    expect((await settled()).linkCalls).toHaveLength(2);
    expect(traffic.clientCredentialRequests).toBe(2);

    server.use(http.delete(`${tenant().baseUrl}/api/v2/users/:id/identities/:provider/:userId`, invalidToken));
    const result = redirectOf(await person.unlink("github|1000001"));

    expect(result.params).toEqual({ unlink: "auth0_refused", identity: "github|1000001" });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, "github|1000001"]);
    expect((await settled()).deletes).toHaveLength(2);
    expect(traffic.clientCredentialRequests).toBe(3);
  });

  it.each([
    ["not answering", 503, { link: "tenant_unavailable" }],
    ["too busy", 429, { link: "rate_limited" }],
    ["refusing the app's credentials", 401, { link: "auth0_refused" }],
  ] as const)("says so and links nothing when the token endpoint is %s for the machine token", async (_what, status, outcome) => {
    const person = await signedIn();
    server.use(
      http.post(`${tenant().baseUrl}/oauth/token`, async ({ request }) => {
        if (new URLSearchParams(await request.clone().text()).get("grant_type") !== "client_credentials") return undefined;
        return HttpResponse.json({ error: status === 401 ? "access_denied" : "temporarily_unavailable", error_description: "nope" }, { status });
      }),
    );

    const result = redirectOf(await person.link("github", ACCOUNTS.ownerGithub));

    expect(result.params).toEqual(outcome);
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
    // Nothing reached the Management API, so there is nothing to reconcile either.
    expect(tenant().requestLog).toEqual([]);
    expect(logs.events("management_access.machine_token_failed")).toEqual([expect.objectContaining({ operation: "link_identity", status })]);
  });

  it("tells the person on Settings that the list cannot be loaded, not to sign in again, when the app's credentials are refused", async () => {
    const person = await signedIn();
    server.use(http.post(`${tenant().baseUrl}/oauth/token`, () => HttpResponse.json({ error: "access_denied", error_description: "Unauthorized" }, { status: 401 })));

    const result = await settingsRead(running, person);

    expect(result).toMatchObject({ ok: false, error: { code: "invalid_token", machineToken: true } });
    expect(result.ok ? "" : readErrorMessage(result.error)).toBe("Your linked accounts could not be loaded right now. Please try again later.");
  });
});
