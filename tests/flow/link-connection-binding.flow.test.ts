/**
 * The second sign-in is bound to the connection the person chose (issue 11,
 * the class of Auth.js GHSA-x445-f3h2-j279). `/link/start` offers only the
 * app's connections, but the `connection=` of the authorize URL it redirects
 * to is the person's own to edit: the callback checks that the verified `sub`
 * comes from the transaction's connection (its provider against the
 * connection's strategy) and links nothing otherwise.
 *
 * The tenant here has, besides the seeded connections, a GitHub connection of
 * the company's own (`corp-github`, strategy `github`: its name is not its
 * strategy, so the app reads it with the machine token) and two custom OAuth2
 * connections (`corp-sso`, `partner-sso`: strategy `oauth2`, whose user ids
 * name their connection, `oauth2|corp-sso|42`).
 */
import type { SeedAccount, TenantClient, TenantConnection } from "@/lib/local-tenant";
import { SEED_ACCOUNTS, SEED_CONNECTIONS, seedClients } from "@/lib/local-tenant";
import { ACCOUNTS, APP, OWNER_ID, type Person, useLocalTenant } from "../support/app";
import { identityCalls, identityIdsOf, noticeFor, redirectOf, transactionCookieNames, useApp, type Redirect, type RunningApp } from "../support/linking";
import { captureLogs } from "../support/logs";
import { M2M_ENV } from "../support/suggestions";

const CORP_GITHUB: TenantConnection = { name: "corp-github", provider: "github", isSocial: true, id: "con_localcorpgithub01", displayName: "Corp GitHub" };
const CORP_SSO: TenantConnection = { name: "corp-sso", provider: "oauth2", isSocial: true, id: "con_localcorpsso00001", displayName: "Corp SSO" };
const PARTNER_SSO: TenantConnection = { name: "partner-sso", provider: "oauth2", isSocial: true, id: "con_localpartnersso01", displayName: "Partner SSO" };

const CORP_ACCOUNTS: readonly SeedAccount[] = [
  { user_id: "github|5000001", connection: "corp-github", email: "owner.corp@example.com", email_verified: true, name: "Olivia Owner (Corp GitHub)" },
  { user_id: "github|5000002", connection: "corp-github", email: "intruder.corp@example.com", email_verified: true, name: "Ivan Intruder (Corp GitHub)" },
  { user_id: "oauth2|corp-sso|42", connection: "corp-sso", email: "owner.sso@example.com", email_verified: true, name: "Olivia Owner (Corp SSO)" },
  // The same raw id on another connection of the same strategy: only the connection named in the id tells them apart.
  { user_id: "oauth2|partner-sso|42", connection: "partner-sso", email: "owner.partner@example.com", email_verified: true, name: "Olivia Owner (Partner SSO)" },
];

const CORP = {
  owner: { email: "owner.corp@example.com", connection: "corp-github" },
  intruder: { email: "intruder.corp@example.com", connection: "corp-github" },
  ownerSso: { email: "owner.sso@example.com", connection: "corp-sso" },
  ownerPartner: { email: "owner.partner@example.com", connection: "partner-sso" },
} as const;

const MANAGEMENT_API = "http://localhost:4010/api/v2/";
/** A machine-to-machine client set up before the app needed read:connections: read:users update:users only. */
const OLD_M2M: TenantClient = {
  client_id: "old-m2m-client-id",
  client_secret: "old-m2m-client-secret-not-for-production",
  name: "Account linking (machine, without read:connections)",
  app_type: "non_interactive",
  callbacks: [],
  allowed_logout_urls: [],
  grants: { [MANAGEMENT_API]: ["read:users", "update:users"] },
};

const INTRUDER_ID = "auth0|65a000000000000000000003";
const GOOGLE = "google-oauth2|100000000000000000001";
const WRONG_CONNECTION = "The account you signed in with is not of the kind you chose, or that sign-in already belongs to another account, so nothing was linked. Try again and sign in with an account of the kind you chose.";
const NOT_ANSWERING = "The sign-in service is not answering right now, so nothing was changed. Please try again in a few minutes.";

const { tenant } = useLocalTenant({
  clients: [...seedClients(APP, MANAGEMENT_API), OLD_M2M],
  connections: [...SEED_CONNECTIONS, CORP_GITHUB, CORP_SSO, PARTNER_SSO], accounts: [...SEED_ACCOUNTS, ...CORP_ACCOUNTS],
});
const logs = captureLogs();

/** The authorize URL of our start redirect with its `connection=` changed (or removed: `null`), as the person could edit it. */
function editedConnection(authorizeUrl: string, connection: string | null): string {
  const url = new URL(authorizeUrl);
  if (connection === null) url.searchParams.delete("connection");
  else url.searchParams.set("connection", connection);
  return url.toString();
}

/** Presses "Link {connection}", edits the authorize URL to `loginConnection`, signs in there as `account`, and comes back. */
async function linkThroughEditedUrl(person: Person, connection: string, loginConnection: string | null, account: { email: string; connection: string }): Promise<Redirect> {
  const start = await person.startLink(connection);
  const authorize = start.headers.get("location") ?? "";
  expect(new URL(authorize).searchParams.get("connection")).toBe(connection);
  const back = await person.signInAtTenant(editedConnection(authorize, loginConnection), account);
  expect(back.searchParams.get("code")).not.toBeNull();
  // Only what the callback does from here is counted.
  tenant().requestLog.length = 0;
  return redirectOf(await person.openCallback(back));
}

async function signedIn(running: RunningApp, account: { email: string; connection: string } = ACCOUNTS.owner): Promise<Person> {
  const person = running.person();
  await person.signIn(account);
  return person;
}

/** GET /api/v2/connections calls the tenant answered. */
function connectionReads(): { method: string; path: string; status: number }[] {
  return tenant()
    .requestLog.filter((entry) => entry.path === "/api/v2/connections")
    .map(({ method, path, status }) => ({ method, path, status }));
}

/** What a refused sign-in leaves: the sentence, nothing linked, nothing sent to the tenant, the mismatch logged. */
function expectRefused(person: Person, result: Redirect, connection: string, strategy: string, signedIn: string, primary = OWNER_ID, identities = [primary]): void {
  expect(result.target).toBe(`${APP}/settings`);
  expect(result.params).toEqual({ link: "wrong_connection" });
  expect(noticeFor(result, tenant(), primary)).toEqual({ about: "link", kind: "alert", text: WRONG_CONNECTION });
  expect(transactionCookieNames(person.app)).toEqual([]);
  expect(identityIdsOf(tenant(), primary)).toEqual(identities);
  // The other account still stands on its own.
  expect(identityIdsOf(tenant(), signedIn)).toEqual([signedIn]);
  expect(identityCalls(tenant())).toEqual([]);
  expect(logs.events("link.connection_mismatch")).toEqual([expect.objectContaining({ level: "warn", sub: primary, connection, strategy, signed_in: signedIn })]);
  // The audit line names the chosen connection, and no secondary beside it.
  const [finished, ...more] = logs.events("link.finished");
  expect(more).toEqual([]);
  expect(finished).toMatchObject({ level: "warn", outcome: "wrong_connection", sub: primary, connection });
  expect(finished).not.toHaveProperty("secondary");
}

describe("editing connection= in the authorize URL of Link GitHub", () => {
  const running = useApp();

  it("links nothing when the person changes it to google-oauth2 and signs in with Google, and says they signed in with a different kind of account", async () => {
    const person = await signedIn(running);

    const result = await linkThroughEditedUrl(person, "github", "google-oauth2", ACCOUNTS.ownerGoogle);

    expectRefused(person, result, "github", "github", GOOGLE);
    // Refused before any Management API call: no user read, no token spent.
    expect(tenant().requestLog).toEqual([]);
  });

  it("links nothing when the person changes it to the database connection and signs in as another user (intruder@example.com)", async () => {
    const person = await signedIn(running);

    const result = await linkThroughEditedUrl(person, "github", "Username-Password-Authentication", ACCOUNTS.intruder);

    expectRefused(person, result, "github", "github", INTRUDER_ID);
    expect(tenant().requestLog).toEqual([]);
  });

  it("links nothing when the person removes it and picks their Google account from every account the tenant offers", async () => {
    const person = await signedIn(running);

    const result = await linkThroughEditedUrl(person, "github", null, ACCOUNTS.ownerGoogle);

    expectRefused(person, result, "github", "github", GOOGLE);
  });

  it("still links GitHub on the next try, signing in with GitHub as chosen", async () => {
    const person = await signedIn(running);
    await linkThroughEditedUrl(person, "github", "google-oauth2", ACCOUNTS.ownerGoogle);

    const result = redirectOf(await person.link("github", ACCOUNTS.ownerGithub));

    expect(result.params).toEqual({ link: "linked", identity: "github|1000001" });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, "github|1000001"]);
  });
});

describe("linking the connection chosen", () => {
  const running = useApp();

  it("links GitHub without reading any connection from the tenant: github is named after its strategy", async () => {
    const person = await signedIn(running);

    const result = redirectOf(await person.link("github", ACCOUNTS.ownerGithub));

    expect(result.params).toEqual({ link: "linked", identity: "github|1000001" });
    expect(noticeFor(result, tenant(), OWNER_ID)?.text).toBe("Linked your GitHub account owner.github@example.com. You can now sign in with it.");
    expect(connectionReads()).toEqual([]);
    expect(logs.events("link.connection_mismatch")).toEqual([]);
    expect(logs.events("link.connection_unverifiable")).toEqual([]);
  });

  it("says GitHub is already linked when the person links it again: the linked sign-in comes back as the owner, which is no mismatch", async () => {
    const person = await signedIn(running);
    await person.link("github", ACCOUNTS.ownerGithub);

    const result = redirectOf(await person.link("github", ACCOUNTS.ownerGithub));

    expect(result.params).toEqual({ link: "already_linked", identity: "github|1000001" });
    expect(noticeFor(result, tenant(), OWNER_ID)?.text).toBe("That GitHub sign-in is already linked to your account, so there is nothing to do: you can already sign in with it.");
    expect(logs.events("link.connection_mismatch")).toEqual([]);
  });
});

describe("a connection not named after its strategy (corp-github, the company's own GitHub connection)", () => {
  const running = useApp({ LINK_CONNECTIONS: "github,google-oauth2,corp-github,corp-sso", ...M2M_ENV });

  it("links Corp GitHub accounts, reading corp-github's strategy from the tenant once for two links", async () => {
    const owner = await signedIn(running);
    const intruder = await signedIn(running, ACCOUNTS.intruder);

    const first = redirectOf(await owner.link("corp-github", CORP.owner));
    const second = redirectOf(await intruder.link("corp-github", CORP.intruder));

    expect(first.params).toEqual({ link: "linked", identity: "github|5000001" });
    expect(second.params).toEqual({ link: "linked", identity: "github|5000002" });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, "github|5000001"]);
    expect(identityIdsOf(tenant(), INTRUDER_ID)).toEqual([INTRUDER_ID, "github|5000002"]);
    expect(noticeFor(first, tenant(), OWNER_ID)?.text).toBe("Linked your GitHub account owner.corp@example.com. You can now sign in with it.");
    expect(connectionReads()).toEqual([{ method: "GET", path: "/api/v2/connections", status: 200 }]);
  });

  it("links nothing when the person starts Link Corp GitHub and signs in with Google instead", async () => {
    const person = await signedIn(running);

    const result = await linkThroughEditedUrl(person, "corp-github", "google-oauth2", ACCOUNTS.ownerGoogle);

    expectRefused(person, result, "corp-github", "github", GOOGLE);
    // The strategy was learned to refuse it: one read, and no link.
    expect(connectionReads()).toEqual([{ method: "GET", path: "/api/v2/connections", status: 200 }]);
  });

  it("links the Corp SSO account chosen (an oauth2 connection, whose ids name it)", async () => {
    const person = await signedIn(running);

    const result = redirectOf(await person.link("corp-sso", CORP.ownerSso));

    expect(result.params).toEqual({ link: "linked", identity: "oauth2|corp-sso|42" });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, "oauth2|corp-sso|42"]);
  });

  it("links nothing when the person starts Link Corp SSO and signs in through partner-sso, another connection of the same strategy", async () => {
    const person = await signedIn(running);

    const result = await linkThroughEditedUrl(person, "corp-sso", "partner-sso", CORP.ownerPartner);

    expectRefused(person, result, "corp-sso", "oauth2", "oauth2|partner-sso|42");
  });
});

describe("when the tenant cannot say what corp-github is", () => {
  const running = useApp({ LINK_CONNECTIONS: "github,google-oauth2,corp-github", ...M2M_ENV });

  it("says the sign-in service is not answering and links nothing when the connections read answers 503, and links once it answers again", async () => {
    const person = await signedIn(running);
    // The first attempt and the client's two retries.
    tenant().faults.inject({ method: "GET", path: "/api/v2/connections", kind: "status", status: 503, times: 3 });

    const failed = redirectOf(await person.link("corp-github", CORP.owner));

    expect(failed.params).toEqual({ link: "tenant_unavailable" });
    expect(noticeFor(failed, tenant(), OWNER_ID)).toEqual({ about: "link", kind: "alert", text: NOT_ANSWERING });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
    expect(identityIdsOf(tenant(), "github|5000001")).toEqual(["github|5000001"]);
    expect(identityCalls(tenant())).toEqual([]);
    expect(connectionReads()).toEqual(Array.from({ length: 3 }, () => ({ method: "GET", path: "/api/v2/connections", status: 503 })));
    expect(logs.events("link.connection_strategy_unread")).toEqual([expect.objectContaining({ level: "warn", connection: "corp-github", code: "tenant_unavailable", status: 503 })]);
    expect(logs.events("link.connection_unverifiable")).toEqual([expect.objectContaining({ level: "error", sub: OWNER_ID, connection: "corp-github", reason: "read_failed", code: "tenant_unavailable", status: 503 })]);
    expect(logs.events("link.finished")).toEqual([expect.objectContaining({ outcome: "tenant_unavailable", connection: "corp-github" })]);

    // The failure is not remembered: the next try reads the strategy again and links.
    const retried = redirectOf(await person.link("corp-github", CORP.owner));

    expect(retried.params).toEqual({ link: "linked", identity: "github|5000001" });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, "github|5000001"]);
    expect(connectionReads().map((read) => read.status)).toEqual([503, 503, 503, 200]);
  });
});

describe("when the app's machine client may not read connections (granted read:users update:users only)", () => {
  const running = useApp({ LINK_CONNECTIONS: "github,google-oauth2,corp-github", AUTH0_M2M_CLIENT_ID: OLD_M2M.client_id, AUTH0_M2M_CLIENT_SECRET: OLD_M2M.client_secret });

  it("says the sign-in service refused and links nothing, rather than asking the person to try again later, and tells the operator", async () => {
    const person = await signedIn(running);

    const result = redirectOf(await person.link("corp-github", CORP.owner));

    expect(result.params).toEqual({ link: "auth0_refused" });
    expect(noticeFor(result, tenant(), OWNER_ID)?.text).toBe("The sign-in service refused to link these accounts, so nothing was changed. Please try again later; if it keeps happening, contact this app's support.");
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
    expect(identityCalls(tenant())).toEqual([]);
    // A 403 is not retried.
    expect(connectionReads()).toEqual([{ method: "GET", path: "/api/v2/connections", status: 403 }]);
    expect(logs.events("link.connection_unverifiable")).toEqual([
      expect.objectContaining({ level: "error", connection: "corp-github", reason: "read_failed", code: "insufficient_scope", status: 403 }),
    ]);
  });

  it("still links GitHub, whose strategy needs no read", async () => {
    const person = await signedIn(running);
    expect(redirectOf(await person.link("github", ACCOUNTS.ownerGithub)).params).toEqual({ link: "linked", identity: "github|1000001" });
    expect(connectionReads()).toEqual([]);
  });
});
