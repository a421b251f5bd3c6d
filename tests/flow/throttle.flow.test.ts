/**
 * The per-user throttle on link and unlink attempts, with the app as
 * configured by default (five of each per user per minute, counted in the
 * app's memory). A refused attempt reaches no Auth0 endpoint and lands on
 * Settings with a sentence saying how long to wait.
 */
import { ACCOUNTS, APP, OWNER_ID, type Person, useLocalTenant } from "../support/app";
import { identityIdsOf, noticeFor, redirectOf, transactionCookieNames, useApp } from "../support/linking";
import { captureLogs } from "../support/logs";

const INTRUDER_ID = "auth0|65a000000000000000000003";

const { server, tenant } = useLocalTenant();
const running = useApp();
const logs = captureLogs();

/** Every request the app made to the tenant during the test (msw sees them all). */
const sent: string[] = [];
beforeEach(() => {
  sent.length = 0;
  server.events.on("request:start", ({ request }) => {
    sent.push(`${request.method} ${new URL(request.url).pathname}`);
  });
});
afterEach(() => server.events.removeAllListeners());

async function signedIn(account: { email: string; connection: string } = ACCOUNTS.owner): Promise<Person> {
  const person = running.person();
  await person.signIn(account);
  return person;
}

/** Presses "Link GitHub" `times` times; returns where each press led. */
async function startLinks(person: Person, times: number): Promise<string[]> {
  const targets: string[] = [];
  for (let i = 0; i < times; i += 1) targets.push(redirectOf(await person.startLink("github")).target);
  return targets;
}

describe("too many link attempts", () => {
  it("sends the sixth 'Link GitHub' within a minute back to Settings with 'Too many attempts. Please try again in N seconds.'", async () => {
    const person = await signedIn();
    expect(await startLinks(person, 5)).toEqual(Array(5).fill(`${tenant().baseUrl}/authorize`));
    const cookiesBefore = transactionCookieNames(person.app).sort();
    sent.length = 0;

    const response = await person.startLink("github");
    const result = redirectOf(response);

    expect(result.status).toBe(303);
    expect(result.target).toBe(`${APP}/settings`);
    expect(result.params).toEqual({ link: "throttled", retry: expect.stringMatching(/^\d+$/) });
    const retry = Number(result.params["retry"]);
    expect(retry).toBeGreaterThanOrEqual(55);
    expect(retry).toBeLessThanOrEqual(60);
    expect(noticeFor(result, tenant(), OWNER_ID)).toEqual({ about: "link", kind: "alert", text: `Too many attempts. Please try again in ${retry} seconds.` });
    // Nothing reached the tenant, and no new link is in flight.
    expect(sent).toEqual([]);
    expect(transactionCookieNames(person.app).sort()).toEqual(cookiesBefore);
    expect(logs.events("link.start_refused")).toEqual([
      expect.objectContaining({ level: "warn", reason: "throttled", sub: OWNER_ID, retry_after_seconds: retry }),
    ]);
  });

  it("keeps refusing while the window is full, and still lets the person finish a link they had started", async () => {
    const person = await signedIn();
    await startLinks(person, 4);
    const fifth = await person.startLink("github");
    expect(redirectOf(await person.startLink("github")).params["link"]).toBe("throttled");
    expect(redirectOf(await person.startLink("google-oauth2")).params["link"]).toBe("throttled");

    // The callback is not throttled: it finishes an attempt already counted.
    const back = await person.signInAtTenant(fifth.headers.get("location") ?? "", ACCOUNTS.ownerGithub);
    expect(redirectOf(await person.openCallback(back)).params).toEqual({ link: "linked", identity: "github|1000001" });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, "github|1000001"]);
  });

  it("does not limit another person while one is throttled", async () => {
    const owner = await signedIn();
    await startLinks(owner, 6);
    const intruder = await signedIn(ACCOUNTS.intruder);

    const result = redirectOf(await intruder.link("github", ACCOUNTS.intruderGithub));

    expect(result.params).toEqual({ link: "linked", identity: "github|1000002" });
    expect(identityIdsOf(tenant(), INTRUDER_ID)).toEqual([INTRUDER_ID, "github|1000002"]);
  });

  it("keeps the returnTo the link was started from", async () => {
    const person = await signedIn();
    await startLinks(person, 5);

    const result = redirectOf(await person.startLink("github", { returnTo: "/settings?tab=accounts" }));

    expect(result.target).toBe(`${APP}/settings`);
    expect(result.params).toMatchObject({ tab: "accounts", link: "throttled" });
  });
});

describe("too many unlink attempts", () => {
  it("sends the sixth unlink within a minute back to Settings with the wait, and never calls the Management API for it", async () => {
    const person = await signedIn();
    expect(redirectOf(await person.link("github", ACCOUNTS.ownerGithub)).params["link"]).toBe("linked");
    const outcomes: string[] = [];
    for (let i = 0; i < 5; i += 1) outcomes.push(redirectOf(await person.unlink("github|1000001")).params["unlink"] ?? "");
    expect(outcomes).toEqual(["unlinked", "identity_not_found", "identity_not_found", "identity_not_found", "identity_not_found"]);
    tenant().requestLog.length = 0;
    sent.length = 0;

    const result = redirectOf(await person.unlink("github|1000001"));

    expect(result.target).toBe(`${APP}/settings`);
    expect(result.params).toEqual({ unlink: "throttled", retry: expect.stringMatching(/^\d+$/) });
    expect(noticeFor(result, tenant(), OWNER_ID)?.text).toBe(`Too many attempts. Please try again in ${result.params["retry"]} seconds.`);
    // No Management API call, and not even a token refresh.
    expect(tenant().requestLog).toEqual([]);
    expect(sent).toEqual([]);
    expect(logs.events("unlink.finished").at(-1)).toMatchObject({ level: "warn", outcome: "throttled", sub: OWNER_ID });
  });

  it("counts unlinks apart from link starts: five link starts leave every unlink available", async () => {
    const person = await signedIn();
    expect(redirectOf(await person.link("github", ACCOUNTS.ownerGithub)).params["link"]).toBe("linked");
    await startLinks(person, 4);
    expect(redirectOf(await person.startLink("github")).params["link"]).toBe("throttled");

    expect(redirectOf(await person.unlink("github|1000001")).params).toEqual({ unlink: "unlinked", identity: "github|1000001" });
  });

  it("does not count a request that names no identity, which never reaches Auth0", async () => {
    const person = await signedIn();
    for (let i = 0; i < 6; i += 1) expect(redirectOf(await person.unlink("not-an-identity")).params["unlink"]).toBe("invalid_identity");

    expect(redirectOf(await person.unlink("github|1000001")).params["unlink"]).toBe("identity_not_found");
  });
});
