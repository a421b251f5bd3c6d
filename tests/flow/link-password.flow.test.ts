/**
 * An app that also offers "Email and password" accounts for linking (and,
 * by mistake, a connection the tenant does not have). Its own file because
 * the app reads LINK_CONNECTIONS once per process.
 */
import { ACCOUNTS, APP, OWNER_ID, Person, useLocalTenant } from "../support/app";
import { identityCalls, identityIdsOf, noticeFor, redirectOf, transactionCookieNames, useApp } from "../support/linking";
import { captureLogs } from "../support/logs";

const UNVERIFIED_ID = "auth0|65a000000000000000000002";

const { tenant } = useLocalTenant();
const running = useApp({ LINK_CONNECTIONS: "github,google-oauth2,Username-Password-Authentication,windowslive" });
const logs = captureLogs();

async function signedInOwner(): Promise<Person> {
  const person = running.person();
  await person.signIn();
  return person;
}

describe("linking an email-and-password account", () => {
  it("says there is nothing to link when the person signs in again with the account they are using", async () => {
    const person = await signedInOwner();

    const result = redirectOf(await person.link("Username-Password-Authentication", ACCOUNTS.owner));

    expect(result.target).toBe(`${APP}/settings`);
    expect(result.params).toEqual({ link: "same_account" });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
    expect(identityCalls(tenant())).toEqual([]);
    expect(transactionCookieNames(person.app)).toEqual([]);
    expect(noticeFor(result, tenant(), OWNER_ID)?.text).toBe(
      "You signed in with the account you are already using, so there was nothing to link. To link another sign-in, choose its Link button below and sign in with the other account, not this one.",
    );
  });

  it("refuses an account whose email is not verified, says so, and leaves that account on its own", async () => {
    const person = await signedInOwner();

    const result = redirectOf(await person.link("Username-Password-Authentication", ACCOUNTS.unverified));

    expect(result.params).toEqual({ link: "email_unverified", identity: UNVERIFIED_ID });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
    expect(identityIdsOf(tenant(), UNVERIFIED_ID)).toEqual([UNVERIFIED_ID]);
    expect(identityCalls(tenant())).toEqual([]);
    expect(noticeFor(result, tenant(), OWNER_ID)).toEqual({
      about: "link",
      kind: "alert",
      text: "The email address of the Email and password account is not verified, so it was not linked. Confirm the address with the link in the verification email that account was sent, then choose Link Email and password again.",
    });
    expect(logs.events("link.finished")).toEqual([expect.objectContaining({ outcome: "email_unverified", secondary: UNVERIFIED_ID })]);
  });

  it("links another verified email-and-password account", async () => {
    const person = await signedInOwner();
    const created = tenant().createUser({ connection: "Username-Password-Authentication", email: "olivia.work@example.com", emailVerified: true });

    const result = redirectOf(await person.link("Username-Password-Authentication", { email: "olivia.work@example.com", connection: "Username-Password-Authentication" }));

    expect(result.params).toEqual({ link: "linked", identity: created.user_id });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, created.user_id]);
    expect(noticeFor(result, tenant(), OWNER_ID)?.text).toBe("Linked your Email and password account olivia.work@example.com. You can now sign in with it.");
  });
});

describe("a connection the app offers but the tenant does not have", () => {
  it("says the other sign-in did not complete, without the tenant's error text", async () => {
    const person = await signedInOwner();
    const start = await person.startLink("windowslive");

    // The tenant refuses the login and redirects back with an error.
    const back = await person.signInAtTenant(start.headers.get("location") ?? "");
    expect(back.searchParams.get("error")).toBe("invalid_request");
    const result = redirectOf(await person.openCallback(back));

    expect(result.params).toEqual({ link: "provider_error" });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
    expect(transactionCookieNames(person.app)).toEqual([]);
    const notice = noticeFor(result, tenant(), OWNER_ID);
    expect(notice?.text).toBe("The other sign-in did not complete, so nothing was linked. Please try again.");
    expect(result.url.toString()).not.toMatch(/connection|not%20found/);
    expect(logs.events("link.finished")).toEqual([expect.objectContaining({ outcome: "provider_error", tenant_error: "invalid_request" })]);
    expect(logs.text()).not.toContain("the connection was not found");
  });
});
