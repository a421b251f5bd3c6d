/**
 * Unlinking from Settings: POST /link/unlink with the identity's full id.
 * The primary sign-in stays; a linked one becomes a standalone account again
 * (without its old metadata, as on Auth0); anything that is not one of the
 * person's linked identities changes nothing and reaches no other endpoint.
 */
import { http, HttpResponse } from "msw";
import { SEED_ACCOUNTS, SEED_CONNECTIONS } from "@/lib/local-tenant";
import { ACCOUNTS, APP, MODE, OWNER_ID, Person, useLocalTenant } from "../support/app";
import { identityCalls, identityIdsOf, noticeFor, redirectOf, sessionOf, useApp } from "../support/linking";
import { captureLogs } from "../support/logs";
import { openSettings } from "../support/settings-page";

/** An enterprise identity whose user id contains a bar: `samlp|acme|jane` is provider `samlp`, user id `acme|jane`. */
const ACME_ID = "samlp|acme|jane";
const { server, tenant } = useLocalTenant({
  connections: [...SEED_CONNECTIONS, { name: "acme", provider: "samlp", isSocial: false, id: "con_localacme00000001", displayName: "Acme SSO" }],
  accounts: [...SEED_ACCOUNTS, { user_id: ACME_ID, connection: "acme", email: "jane@acme.example", email_verified: true, name: "Jane (Acme)" }],
});
const running = useApp();
const logs = captureLogs();

/** Every URL the app requested from the tenant during the test, as sent (still percent-encoded). */
const sent: string[] = [];
beforeEach(() => {
  sent.length = 0;
  server.events.on("request:start", ({ request }) => {
    sent.push(request.url);
  });
});
afterEach(() => server.events.removeAllListeners());

async function ownerWithGithubLinked(): Promise<Person> {
  const person = running.person();
  await person.signIn();
  const linked = redirectOf(await person.link("github", ACCOUNTS.ownerGithub));
  expect(linked.params["link"]).toBe("linked");
  tenant().requestLog.length = 0;
  sent.length = 0;
  return person;
}

describe("unlinking from Settings", () => {
  it("removes GitHub from Linked accounts and GitHub becomes a separate account again, without its old settings", async () => {
    const person = await ownerWithGithubLinked();

    const response = await person.unlink("github|1000001");
    const result = redirectOf(response);

    expect(result.status).toBe(303);
    expect(result.target).toBe(`${APP}/settings`);
    expect(result.params).toEqual({ unlink: "unlinked", identity: "github|1000001" });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
    const standalone = tenant().getUser("github|1000001");
    expect(standalone?.identities).toEqual([{ connection: "github", provider: "github", user_id: 1000001, isSocial: true }]);
    expect(standalone?.email).toBe("owner.github@example.com");
    // Auth0 discards the secondary's metadata when linking; unlinking does not bring it back.
    expect(standalone?.user_metadata).toEqual({});
    expect(identityCalls(tenant())).toEqual([{ method: "DELETE", path: `/api/v2/users/${OWNER_ID}/identities/github/1000001`, status: 200 }]);
    expect(await openSettings(running, person, result)).toEqual({ status: "Unlinked your GitHub account. You can no longer sign in with it.", alert: null });
    expect(logs.events("unlink.finished")).toEqual([expect.objectContaining({ level: "info", outcome: "unlinked", sub: OWNER_ID, identity: "github|1000001" })]);
    expect(logs.text()).not.toMatch(/eyJ/);
  });

  it("after unlinking, signing in with GitHub signs in to the separate GitHub account", async () => {
    const person = await ownerWithGithubLinked();
    await person.unlink("github|1000001");

    const laptop = running.person();
    await laptop.signIn(ACCOUNTS.ownerGithub);
    expect((await sessionOf(running, laptop.app))?.user.sub).toBe("github|1000001");
  });

  it("says the primary sign-in cannot be unlinked, and never asks the tenant", async () => {
    const person = await ownerWithGithubLinked();

    const result = redirectOf(await person.unlink(OWNER_ID));

    expect(result.params).toEqual({ unlink: "primary_identity", identity: OWNER_ID });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, "github|1000001"]);
    expect(identityCalls(tenant())).toEqual([]);
    expect(noticeFor(result, tenant(), OWNER_ID)?.text).toBe("Your primary sign-in cannot be unlinked. You can unlink any other sign-in listed below.");
  });

  it("says the sign-in is not linked when asked to unlink someone else's GitHub account, and changes nothing", async () => {
    const person = await ownerWithGithubLinked();

    const result = redirectOf(await person.unlink("github|1000002"));

    expect(result.params).toEqual({ unlink: "identity_not_found", identity: "github|1000002" });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, "github|1000001"]);
    expect(identityIdsOf(tenant(), "github|1000002")).toEqual(["github|1000002"]);
    expect(identityCalls(tenant())).toEqual([{ method: "DELETE", path: `/api/v2/users/${OWNER_ID}/identities/github/1000002`, status: 404 }]);
    expect(noticeFor(result, tenant(), OWNER_ID)?.text).toBe("That sign-in is not linked to your account (it may already have been unlinked). The list below shows the sign-ins linked now.");
  });

  it("says the sign-in is not linked when it was already unlinked in another tab", async () => {
    const person = await ownerWithGithubLinked();
    await person.unlink("github|1000001");

    const result = redirectOf(await person.unlink("github|1000001"));

    expect(result.params).toEqual({ unlink: "identity_not_found", identity: "github|1000001" });
    expect(identityIdsOf(tenant(), "github|1000001")).toEqual(["github|1000001"]);
  });

  it.each([
    ["without a bar", "nope"],
    ["without a provider", "|x"],
    ["without a user id", "github|"],
    ["that is empty", ""],
    ["with a space in the provider", "git hub|1000001"],
    ["with a newline", "github|1000001\n"],
    ["400 characters long", `github|${"9".repeat(400)}`],
    // A URL parser resolves "..", even encoded, so ".../identities/github/.." would reach ".../identities/".
    ["whose user id is a dot-dot path segment", "github|.."],
  ])(
    "says the request named no linked account for an identity %s, and never asks the tenant",
    async (_shape, identity) => {
      const person = await ownerWithGithubLinked();

      const result = redirectOf(await person.unlink(identity));

      expect(result.target).toBe(`${APP}/settings`);
      expect(result.params).toEqual({ unlink: "invalid_identity" });
      expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, "github|1000001"]);
      expect(identityCalls(tenant())).toEqual([]);
      expect(noticeFor(result, tenant(), OWNER_ID)?.text).toBe("That request did not name a linked account, so nothing was changed. To unlink a sign-in, choose Unlink next to it below.");
    },
  );

  it.each([
    ["github|../../users/x", `identities/github/..%2F..%2Fusers%2Fx`],
    ["github|1000001/../x", `identities/github/1000001%2F..%2Fx`],
    ["github|1000001?fields=user_metadata", `identities/github/1000001%3Ffields%3Duser_metadata`],
    ["github|1000001#frag", `identities/github/1000001%23frag`],
    ["github|%2e%2e%2fx", `identities/github/%252e%252e%252fx`],
  ])("keeps the path trick %j inside the unlink endpoint, URL-encoded, and changes nothing", async (identity, encodedTail) => {
    const person = await ownerWithGithubLinked();

    const result = redirectOf(await person.unlink(identity));

    expect(result.params).toEqual({ unlink: "identity_not_found", identity });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, "github|1000001"]);
    // Exactly one request, to the unlink endpoint of the owner, with the id encoded as one path segment.
    expect(sent).toEqual([`${tenant().baseUrl}/api/v2/users/auth0%7C65a000000000000000000001/${encodedTail}`]);
    expect(tenant().requestLog).toEqual([expect.objectContaining({ method: "DELETE", status: 404 })]);
    // Settings names the provider it knows, never the text from the URL.
    const notice = noticeFor(result, tenant(), OWNER_ID);
    expect(notice?.text).toBe("That sign-in is not linked to your account (it may already have been unlinked). The list below shows the sign-ins linked now.");
  });

  it("says to try again in N seconds when the tenant's rate limit is used up, and GitHub stays linked", async () => {
    const person = await ownerWithGithubLinked();
    tenant().setRateLimit({ limit: 1, perSecond: 1 / 30 });
    tenant().takeRateLimitToken();

    const result = redirectOf(await person.unlink("github|1000001"));

    expect(result.params["unlink"]).toBe("rate_limited");
    const retry = Number(result.params["retry"]);
    expect(retry).toBeGreaterThanOrEqual(25);
    expect(retry).toBeLessThanOrEqual(30);
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, "github|1000001"]);
    expect(noticeFor(result, tenant(), OWNER_ID)?.text).toBe(`Too many attempts right now, so nothing was unlinked. Please try again in ${retry} seconds.`);
  });

  it("says the sign-in service is not answering when the tenant answers 503, and GitHub stays linked", async () => {
    const person = await ownerWithGithubLinked();
    server.use(
      http.delete(`${tenant().baseUrl}/api/v2/users/:id/identities/:provider/:user_id`, () =>
        HttpResponse.json({ statusCode: 503, error: "Service Unavailable", message: "upstream <b>down</b>" }, { status: 503 }),
      ),
    );

    const result = redirectOf(await person.unlink("github|1000001"));

    expect(result.params).toEqual({ unlink: "tenant_unavailable" });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, "github|1000001"]);
    expect(noticeFor(result, tenant(), OWNER_ID)?.text).toBe(
      "The sign-in service is not answering right now, so nothing was changed. Please try again in a few minutes.",
    );
  });

  it("unlinks an identity whose user id contains a bar, splitting on the first bar only", async () => {
    const person = running.person();
    await person.signIn();
    // Linked by an administrator (server-side), as enterprise identities usually are.
    tenant().linkUsers(OWNER_ID, ACME_ID);
    sent.length = 0;

    const result = redirectOf(await person.unlink(ACME_ID));

    expect(result.params).toEqual({ unlink: "unlinked", identity: ACME_ID });
    // In server-side mode this first Management API call of the app also asks for the machine token.
    const machineToken = MODE === "server_side" ? [`${tenant().baseUrl}/oauth/token`] : [];
    expect(sent).toEqual([...machineToken, `${tenant().baseUrl}/api/v2/users/auth0%7C65a000000000000000000001/identities/samlp/acme%7Cjane`]);
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
    expect(identityIdsOf(tenant(), ACME_ID)).toEqual([ACME_ID]);
  });
});
