/**
 * Suggested accounts on Settings, with the machine-to-machine client `npm run
 * dev` configures: the owner (owner@example.com, verified) is shown their
 * other account with the same verified email (GitHub, `github|1000003`) and
 * never the unverified one (Google). Linking a suggestion goes through the
 * usual second sign-in, and links only if that sign-in is the suggested
 * account. Settings is loaded with the page's own code; calls are counted
 * from the tenant's request log and msw's events.
 */
import { ACCOUNTS, MODE, OWNER_ID, type Person, itInMode, useLocalTenant } from "../support/app";
import { identityCalls, identityIdsOf, noticeFor, redirectOf, transactionCookieNames, useApp } from "../support/linking";
import { captureLogs } from "../support/logs";
import { M2M_ENV, settingsView, submitSuggestion, type SettingsView } from "../support/suggestions";

const { server, tenant } = useLocalTenant();
const running = useApp(M2M_ENV);
const logs = captureLogs();

const SUGGESTED = "github|1000003";
const USERS_BY_EMAIL = "GET /api/v2/users-by-email";
const TOKEN_REQUEST = "POST /oauth/token";

/**
 * The calls of Settings' user read for `userId`: with the person's own token
 * (`link_with`), or after getting the machine token (`server_side`), which
 * the look-up then reuses.
 */
function userRead(userId: string): string[] {
  const read = `GET /api/v2/users/${userId}`;
  return MODE === "server_side" ? [TOKEN_REQUEST, read] : [read];
}

/** The first Settings view's calls for the owner: the read, then the look-up with the machine token (fetched once). */
const FIRST_VIEW = MODE === "server_side" ? [...userRead(OWNER_ID), USERS_BY_EMAIL] : [...userRead(OWNER_ID), TOKEN_REQUEST, USERS_BY_EMAIL];

/** The tenant endpoints the app itself calls, as `METHOD path`. */
let appCalls: string[] = [];
beforeAll(() => {
  server.events.on("request:start", ({ request }) => {
    const url = new URL(request.url);
    if (/^\/(oauth\/token|api\/v2\/)/.test(url.pathname)) appCalls.push(`${request.method} ${decodeURIComponent(url.pathname)}`);
  });
});

async function signedIn(account: { email: string; connection: string } = ACCOUNTS.owner): Promise<Person> {
  const person = running.person();
  await person.signIn(account);
  appCalls = [];
  tenant().requestLog.length = 0;
  return person;
}

function suggestedIds(view: SettingsView): string[] {
  return view.suggestions.map((account) => account.userId);
}

function onlyForm(view: SettingsView): SettingsView["forms"][number] {
  expect(view.forms).toHaveLength(1);
  const [form] = view.forms;
  if (!form) throw new Error("no form");
  return form;
}

describe("Settings suggests the owner's other accounts with the same verified email", () => {
  it("shows 'You also have a GitHub sign-in as owner@example.com' with a Link button, and not the unverified Google account", async () => {
    const person = await signedIn();

    const view = await settingsView(running, person);

    expect(view.read.ok).toBe(true);
    expect(suggestedIds(view)).toEqual([SUGGESTED]);
    expect(view.text).toContain("You also have a GitHub sign-in as owner@example.com");
    expect(view.text).not.toContain("Google");
    expect(view.forms).toEqual([
      { action: "/link/start", method: "post", fields: { connection: "github", suggested: SUGGESTED }, button: "Link this account: GitHub owner@example.com" },
    ]);
    expect(logs.events("suggestions.looked_up")).toEqual([expect.objectContaining({ sub: OWNER_ID, found: 3, suggested: 1 })]);
  });

  it("repeat Settings views within the cache lifetime cost no users-by-email call and no token request", async () => {
    const person = await signedIn();

    await settingsView(running, person);
    expect(appCalls).toEqual(FIRST_VIEW);
    appCalls = [];
    tenant().requestLog.length = 0;

    const second = await settingsView(running, person);
    const third = await settingsView(running, person);

    expect(suggestedIds(second)).toEqual([SUGGESTED]);
    expect(suggestedIds(third)).toEqual([SUGGESTED]);
    expect(appCalls).toEqual([]);
    expect(tenant().requestLog).toEqual([]);
  });

  it("two Settings views at the same moment share one look-up", async () => {
    const person = await signedIn();

    const views = await Promise.all([settingsView(running, person), settingsView(running, person)]);

    expect(views.map(suggestedIds)).toEqual([[SUGGESTED], [SUGGESTED]]);
    expect(appCalls.filter((call) => call === USERS_BY_EMAIL)).toHaveLength(1);
    expect(appCalls.filter((call) => call === TOKEN_REQUEST)).toHaveLength(1);
  });

  it("suggests nothing, and asks the tenant nothing more, when the primary email is not verified", async () => {
    // A verified account with the same email exists: only the primary's own verification is missing.
    tenant().createUser({ connection: "github", email: ACCOUNTS.unverified.email, emailVerified: true, name: "Uma (GitHub)" });
    const person = await signedIn(ACCOUNTS.unverified);

    const view = await settingsView(running, person);

    expect(view.read.ok).toBe(true);
    expect(view.suggestions).toEqual([]);
    expect(view.html).toBe("");
    expect(appCalls).toEqual(userRead("auth0|65a000000000000000000002"));
  });
});

describe("linking a suggested account", () => {
  it("links the suggested GitHub account when the person signs in as it, and the suggestion disappears", async () => {
    const person = await signedIn();
    const form = onlyForm(await settingsView(running, person));

    const start = await submitSuggestion(person, form);
    const authorize = new URL(start.headers.get("location") ?? "");
    expect(authorize.searchParams.get("connection")).toBe("github");
    expect(authorize.searchParams.get("login_hint")).toBe("owner@example.com");
    const back = await person.signInAtTenant(authorize.toString(), ACCOUNTS.ownerSameEmailGithub);
    const result = redirectOf(await person.openCallback(back));

    expect(result.params).toEqual({ link: "linked", identity: SUGGESTED });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, SUGGESTED]);
    expect(noticeFor(result, tenant(), OWNER_ID)?.text).toBe("Linked your GitHub account owner@example.com. You can now sign in with it.");
    const after = await settingsView(running, person);
    expect(after.suggestions).toEqual([]);
    expect(after.read.ok ? after.read.value.identities.map((identity) => `${identity.provider}|${identity.user_id}`) : []).toEqual([OWNER_ID, SUGGESTED]);
  });

  it("links nothing when the person signs in as a different account than the suggested one, and says so", async () => {
    const person = await signedIn();
    const form = onlyForm(await settingsView(running, person));

    const start = await submitSuggestion(person, form);
    const back = await person.signInAtTenant(start.headers.get("location") ?? "", ACCOUNTS.ownerGithub);
    const result = redirectOf(await person.openCallback(back));

    expect(result.params).toEqual({ link: "different_account" });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
    expect(identityIdsOf(tenant(), "github|1000001")).toEqual(["github|1000001"]);
    expect(identityCalls(tenant())).toEqual([]);
    expect(noticeFor(result, tenant(), OWNER_ID)).toEqual({
      about: "link",
      kind: "alert",
      text: "You signed in as a different account than the one suggested, so nothing was linked. To link the suggested account, try again and sign in as that account.",
    });
    expect(logs.events("link.suggestion_mismatch")).toEqual([
      expect.objectContaining({ level: "warn", sub: OWNER_ID, suggested: SUGGESTED, signed_in: "github|1000001", connection: "github" }),
    ]);
    expect(logs.events("link.finished")).toEqual([expect.objectContaining({ outcome: "different_account", sub: OWNER_ID })]);
    expect(transactionCookieNames(person.app)).toEqual([]);
    // Nothing changed, so the suggestion is still there.
    expect(suggestedIds(await settingsView(running, person))).toEqual([SUGGESTED]);
  });

  it("a suggested id changed in the form to someone else's account links nothing the person did not sign in as", async () => {
    const person = await signedIn();
    const form = onlyForm(await settingsView(running, person));

    const start = await submitSuggestion(person, form, { suggested: "github|1000002" });
    const authorize = new URL(start.headers.get("location") ?? "");
    // Not one of the owner's suggestions: no email to hint.
    expect(authorize.searchParams.has("login_hint")).toBe(false);
    const back = await person.signInAtTenant(authorize.toString(), ACCOUNTS.ownerGithub);
    const result = redirectOf(await person.openCallback(back));

    expect(result.params).toEqual({ link: "different_account" });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
    expect(identityIdsOf(tenant(), "github|1000002")).toEqual(["github|1000002"]);
    expect(identityIdsOf(tenant(), "github|1000001")).toEqual(["github|1000001"]);
    expect(identityCalls(tenant())).toEqual([]);
  });

  it("hints the tenant's sign-in page only with the suggestion's own email, never with one the form sends", async () => {
    const person = await signedIn();
    const form = onlyForm(await settingsView(running, person));

    const start = await submitSuggestion(person, form, { login_hint: "intruder@example.com", email: "intruder@example.com" });

    const authorize = new URL(start.headers.get("location") ?? "");
    expect(authorize.searchParams.getAll("login_hint")).toEqual(["owner@example.com"]);
  });

  it.each([
    ["an account of another provider", "google-oauth2|100000000000000000001"],
    ["a database account on the GitHub connection", "auth0|65a000000000000000000003"],
    ["no provider", "|1000003"],
    ["a path trick", "github|.."],
    ["a missing user id", "github|"],
  ])("refuses %s as the suggestion for GitHub before any sign-in", async (_label, suggested) => {
    const person = await signedIn();

    const result = redirectOf(await person.startLink("github", { suggested }));

    expect(result.params).toEqual({ link: "suggestion_invalid" });
    expect(transactionCookieNames(person.app)).toEqual([]);
    expect(noticeFor(result, tenant(), OWNER_ID)?.text).toBe("That suggested account could not be linked this way, so nothing was changed. Reload this page and try again.");
    expect(logs.events("link.start_refused")).toEqual([expect.objectContaining({ reason: "suggestion_invalid", sub: OWNER_ID, connection: "github" })]);
  });

  it("refuses a cached suggestion sent with another connection than its own", async () => {
    const person = await signedIn();
    await settingsView(running, person);

    const result = redirectOf(await person.startLink("google-oauth2", { suggested: SUGGESTED }));

    expect(result.params).toEqual({ link: "suggestion_invalid" });
    expect(transactionCookieNames(person.app)).toEqual([]);
  });

  it("suggests an unlinked same-email account again right after it is unlinked", async () => {
    const person = await signedIn();
    await person.link("github", ACCOUNTS.ownerSameEmailGithub);
    expect((await settingsView(running, person)).suggestions).toEqual([]);

    expect(redirectOf(await person.unlink(SUGGESTED)).params.unlink).toBe("unlinked");

    expect(suggestedIds(await settingsView(running, person))).toEqual([SUGGESTED]);
  });
});

describe("when the look-up fails", () => {
  it("shows Settings without suggestions when users-by-email keeps failing, logs it, and does not ask again on the next view", async () => {
    const person = await signedIn();
    tenant().faults.inject({ method: "GET", path: "/api/v2/users-by-email", kind: "status", status: 503, times: 3 });

    const view = await settingsView(running, person);

    expect(view.read.ok).toBe(true);
    expect(view.suggestions).toEqual([]);
    expect(view.html).toBe("");
    expect(tenant().requestLog.filter((entry) => entry.path === "/api/v2/users-by-email").map(({ status, fault }) => ({ status, fault }))).toEqual([
      { status: 503, fault: "status" },
      { status: 503, fault: "status" },
      { status: 503, fault: "status" },
    ]);
    expect(logs.events("suggestions.lookup_failed")).toEqual([
      expect.objectContaining({ level: "warn", sub: OWNER_ID, step: "users_by_email", code: "tenant_unavailable", status: 503 }),
    ]);
    expect(logs.text()).not.toMatch(/eyJ/);

    appCalls = [];
    const next = await settingsView(running, person);
    expect(next.suggestions).toEqual([]);
    expect(appCalls).toEqual([]);
  });

  // In server-side mode the user read itself needs that token: server-side-mode.flow covers Settings when it is refused.
  itInMode("link_with")("shows Settings without suggestions when the tenant refuses the machine token", async () => {
    const person = await signedIn();
    tenant().faults.inject({ method: "POST", path: "/oauth/token", kind: "status", status: 503 });

    const view = await settingsView(running, person);

    expect(view.read.ok).toBe(true);
    expect(view.suggestions).toEqual([]);
    expect(appCalls).not.toContain(USERS_BY_EMAIL);
    expect(logs.events("suggestions.lookup_failed")).toEqual([expect.objectContaining({ step: "machine_token", code: "tenant_unavailable", status: 503 })]);
  });

  it("recovers after a single 503 (retried like the user read)", async () => {
    const person = await signedIn();
    tenant().faults.inject({ method: "GET", path: "/api/v2/users-by-email", kind: "status", status: 503 });

    const view = await settingsView(running, person);

    expect(suggestedIds(view)).toEqual([SUGGESTED]);
    expect(appCalls.filter((call) => call === USERS_BY_EMAIL)).toHaveLength(2);
  });
});
