/**
 * An app configured with LINK_ALLOW_UNVERIFIED_EMAILS=true links accounts
 * whose email is not verified. Its own file because the app reads its
 * settings once per process.
 */
import { ACCOUNTS, OWNER_ID, useLocalTenant } from "../support/app";
import { identityIdsOf, noticeFor, redirectOf, useApp } from "../support/linking";
import { captureLogs } from "../support/logs";

const UNVERIFIED_ID = "auth0|65a000000000000000000002";

const { tenant } = useLocalTenant();
const running = useApp({ LINK_CONNECTIONS: "github,Username-Password-Authentication", LINK_ALLOW_UNVERIFIED_EMAILS: "true" });
captureLogs();

describe("linking when unverified emails are allowed", () => {
  it("links unverified@example.com and lists it under Linked accounts", async () => {
    const person = running.person();
    await person.signIn();

    const result = redirectOf(await person.link("Username-Password-Authentication", ACCOUNTS.unverified));

    expect(result.params).toEqual({ link: "linked", identity: UNVERIFIED_ID });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, UNVERIFIED_ID]);
    expect(tenant().getUser(OWNER_ID)?.identities[1]?.profileData).toMatchObject({ email: "unverified@example.com", email_verified: false });
    expect(tenant().getUser(UNVERIFIED_ID)).toBeUndefined();
    expect(noticeFor(result, tenant(), OWNER_ID)?.text).toBe("Linked your Email and password account unverified@example.com. You can now sign in with it.");
  });
});
