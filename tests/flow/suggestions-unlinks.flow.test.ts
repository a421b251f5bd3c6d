/**
 * Suggestions against unlinks and links that change nothing: an unlink or a
 * link forgets the person's suggestions only when their identities really
 * changed, so posting unlinks of identities they never had (each a 404 from
 * the tenant), or links the tenant refuses, cannot make every Settings view
 * look the suggestions up again and spend the process's look-ups. Through the real unlink route and Settings' own
 * loader, msw serving the local tenant.
 */
import { http, HttpResponse } from "msw";
import { ACCOUNTS, OWNER_ID, useLocalTenant } from "../support/app";
import { identityIdsOf, redirectOf, useApp } from "../support/linking";
import { captureLogs } from "../support/logs";
import { M2M_ENV, settingsView } from "../support/suggestions";

const { server, tenant } = useLocalTenant();
// A generous unlink limit, so the throttle is not what stops the made-up unlinks.
const running = useApp({ ...M2M_ENV, LINK_THROTTLE_PER_MINUTE: "50" });
const logs = captureLogs();

const SUGGESTED = "github|1000003";

function usersByEmailCalls(): number {
  return tenant().requestLog.filter((entry) => entry.path === "/api/v2/users-by-email").length;
}

describe("unlinks that unlink nothing", () => {
  it("a person who posts many unlinks of made-up identities and reloads Settings after each still sees their suggestion, looked up once", async () => {
    const person = running.person();
    await person.signIn(ACCOUNTS.owner);
    expect((await settingsView(running, person)).suggestions.map((account) => account.userId)).toEqual([SUGGESTED]);

    for (let attempt = 0; attempt < 8; attempt += 1) {
      expect(redirectOf(await person.unlink(`github|${9_000_000 + attempt}`)).params["unlink"]).toBe("identity_not_found");
      const view = await settingsView(running, person);
      expect(view.suggestions.map((account) => account.userId)).toEqual([SUGGESTED]);
    }

    expect(usersByEmailCalls()).toBe(1);
    expect(logs.events("suggestions.lookup_skipped")).toEqual([]);
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
  });
});

describe("links that link nothing", () => {
  it("a person whose links the tenant refuses again and again, reloading Settings after each, still sees their suggestion, looked up once", async () => {
    const person = running.person();
    await person.signIn(ACCOUNTS.owner);
    expect((await settingsView(running, person)).suggestions.map((account) => account.userId)).toEqual([SUGGESTED]);
    // Every link answers 409, as when the account is linked to another user.
    server.use(
      http.post(`${tenant().baseUrl}/api/v2/users/:id/identities`, () =>
        HttpResponse.json({ statusCode: 409, error: "Conflict", message: "Specified identity already exists." }, { status: 409 }),
      ),
    );

    for (let attempt = 0; attempt < 6; attempt += 1) {
      expect(redirectOf(await person.link("github", ACCOUNTS.ownerGithub)).params["link"]).toBe("identity_in_use");
      const view = await settingsView(running, person);
      expect(view.suggestions.map((account) => account.userId)).toEqual([SUGGESTED]);
    }

    expect(usersByEmailCalls()).toBe(1);
    expect(logs.events("suggestions.lookup_skipped")).toEqual([]);
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
  });
});
