/**
 * Linking another account from Settings, end to end: the app's real routes,
 * the real SDK session, and the local tenant behind msw. The person clicks
 * "Link GitHub", signs in at the tenant with the other account, and lands back
 * on Settings.
 */
import { ACCOUNTS, APP, OWNER_ID, Person, useLocalTenant } from "../support/app";
import {
  cancelAtTenant,
  identityCalls,
  identityIdsOf,
  noticeFor,
  openAuthorize,
  redirectOf,
  sessionOf,
  setCookies,
  transactionCookieNames,
  useApp,
} from "../support/linking";
import { captureLogs } from "../support/logs";

const { tenant } = useLocalTenant();
const running = useApp();
const logs = captureLogs();

async function signedInOwner(): Promise<Person> {
  const person = running.person();
  await person.signIn();
  return person;
}

describe("linking another account from Settings", () => {
  it("shows GitHub (owner.github@example.com) under Linked accounts after linking it", async () => {
    const person = await signedInOwner();

    const result = redirectOf(await person.link("github", ACCOUNTS.ownerGithub));

    expect(result.target).toBe(`${APP}/settings`);
    expect(result.params).toEqual({ link: "linked", identity: "github|1000001" });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, "github|1000001"]);
    expect(tenant().getUser(OWNER_ID)?.identities[1]?.profileData).toMatchObject({ email: "owner.github@example.com", email_verified: true });
    // Auth0 folds the secondary root user into the primary: it no longer exists on its own.
    expect(tenant().getUser("github|1000001")).toBeUndefined();
    expect(noticeFor(result, tenant(), OWNER_ID)).toEqual({
      about: "link",
      kind: "status",
      text: "Linked your GitHub account owner.github@example.com. You can now sign in with it.",
    });
  });

  it("shows Google (owner.google@example.com) under Linked accounts after linking it", async () => {
    const person = await signedInOwner();

    const result = redirectOf(await person.link("google-oauth2", ACCOUNTS.ownerGoogle));

    expect(result.target).toBe(`${APP}/settings`);
    expect(result.params).toEqual({ link: "linked", identity: "google-oauth2|100000000000000000001" });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, "google-oauth2|100000000000000000001"]);
    expect(tenant().getUser("google-oauth2|100000000000000000001")).toBeUndefined();
    expect(noticeFor(result, tenant(), OWNER_ID)?.text).toBe("Linked your Google account owner.google@example.com. You can now sign in with it.");
  });

  it("links GitHub and then Google, each listed once, primary first", async () => {
    const person = await signedInOwner();
    await person.link("github", ACCOUNTS.ownerGithub);
    await person.link("google-oauth2", ACCOUNTS.ownerGoogle);
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, "github|1000001", "google-oauth2|100000000000000000001"]);
    expect(identityCalls(tenant())).toEqual([
      { method: "POST", path: `/api/v2/users/${OWNER_ID}/identities`, status: 201 },
      { method: "POST", path: `/api/v2/users/${OWNER_ID}/identities`, status: 201 },
    ]);
  });

  it("keeps the person signed in as themselves: the second sign-in never replaces the app session", async () => {
    const person = await signedInOwner();
    const before = person.app.get("__session");

    const start = await person.startLink("github");
    const back = await person.signInAtTenant(start.headers.get("location") ?? "", ACCOUNTS.ownerGithub);
    const callback = await person.openCallback(back);

    expect(redirectOf(callback).params["link"]).toBe("linked");
    // Only our transaction cookie changes; the SDK's session cookie is left alone.
    expect(setCookies(callback, "__session")).toEqual([]);
    expect(person.app.get("__session")).toBe(before);
    const session = await sessionOf(running, person.app);
    expect(session?.user.sub).toBe(OWNER_ID);
    expect(session?.user.email).toBe("owner@example.com");
    // The app's browser holds its own session (and when it was last rolled) and nothing else: no transaction left over, no tenant cookie.
    expect(person.app.names().sort()).toEqual(["__session", "__session_rolled"]);
  });

  it("after linking, signing in with GitHub signs the person in as themselves", async () => {
    const person = await signedInOwner();
    await person.link("github", ACCOUNTS.ownerGithub);

    const laptop = running.person();
    await laptop.signIn(ACCOUNTS.ownerGithub);
    expect((await sessionOf(running, laptop.app))?.user.sub).toBe(OWNER_ID);
  });

  it("asks the tenant for a fresh sign-in even though the tenant still remembers the owner (no silent single sign-on)", async () => {
    const person = await signedInOwner();
    const start = await person.startLink("github");

    const page = await openAuthorize(start.headers.get("location") ?? "", person.tenant);

    // The login page, not a redirect straight back with the owner's own account.
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("You are signed in as owner@example.com, but the application asked you to log in again.");
  });

  it("says the GitHub sign-in is already linked when the person links it a second time, and changes nothing", async () => {
    const person = await signedInOwner();
    await person.link("github", ACCOUNTS.ownerGithub);
    tenant().requestLog.length = 0;

    // owner.github now signs in as the owner: the tenant answers with the owner's own sub.
    const result = redirectOf(await person.link("github", ACCOUNTS.ownerGithub));

    // Only the identity list tells "already linked" from "the same account": it names the linked one.
    expect(result.params).toEqual({ link: "already_linked", identity: "github|1000001" });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, "github|1000001"]);
    expect(identityCalls(tenant())).toEqual([]);
    expect(noticeFor(result, tenant(), OWNER_ID)).toEqual({
      about: "link",
      kind: "alert",
      text: "That GitHub sign-in is already linked to your account, so there is nothing to do: you can already sign in with it.",
    });
  });

  it("says the sign-in was cancelled when the person presses Cancel on the tenant's login page", async () => {
    const person = await signedInOwner();
    const start = await person.startLink("github");

    const back = await cancelAtTenant(start.headers.get("location") ?? "", person.tenant);
    expect(back.searchParams.get("error")).toBe("access_denied");
    const callback = await person.openCallback(back);
    const result = redirectOf(callback);

    expect(result.target).toBe(`${APP}/settings`);
    expect(result.params).toEqual({ link: "cancelled" });
    expect(transactionCookieNames(person.app)).toEqual([]);
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
    expect(identityCalls(tenant())).toEqual([]);
    const notice = noticeFor(result, tenant(), OWNER_ID);
    expect(notice?.text).toBe("You cancelled the sign-in, so nothing was linked. To link the account after all, choose its Link button again.");
    // The tenant's description ("User cancelled the login") is neither shown nor logged.
    expect(result.url.toString()).not.toContain("cancelled%20the");
    expect(logs.text()).not.toContain("User cancelled the login");
    expect(logs.events("link.finished")).toEqual([expect.objectContaining({ outcome: "cancelled", tenant_error: "access_denied", sub: OWNER_ID })]);
  });

  it("refuses a connection the app does not offer, before going to the tenant", async () => {
    const person = await signedInOwner();
    const start = await person.startLink("Username-Password-Authentication");
    const result = redirectOf(start);
    expect(result.status).toBe(303);
    expect(result.target).toBe(`${APP}/settings`);
    expect(result.params).toEqual({ link: "connection_not_offered" });
    expect(transactionCookieNames(person.app)).toEqual([]);
    expect(noticeFor(result, tenant(), OWNER_ID)?.text).toBe("That kind of account cannot be linked here. Choose one of the Link buttons below instead.");
  });
});

describe("what an operator sees in the logs", () => {
  it("logs link.started and link.finished with the outcome, and never a token, the code or the client secret", async () => {
    const person = await signedInOwner();
    const start = await person.startLink("github");
    const back = await person.signInAtTenant(start.headers.get("location") ?? "", ACCOUNTS.ownerGithub);
    const code = back.searchParams.get("code") ?? "";
    await person.openCallback(back);

    expect(logs.events("link.started")).toEqual([expect.objectContaining({ level: "info", sub: OWNER_ID, connection: "github" })]);
    expect(logs.events("link.finished")).toEqual([
      expect.objectContaining({ level: "info", outcome: "linked", sub: OWNER_ID, connection: "github", secondary: "github|1000001" }),
    ]);
    const text = logs.text();
    expect(code).not.toBe("");
    expect(text).not.toContain(code);
    expect(text).not.toMatch(/eyJ/);
    expect(text).not.toContain("local-app-client-secret");
    expect(text).not.toContain(start.headers.get("location") ?? "no location");
  });
});
