/**
 * The link at sign-in at its limits, through the real proxy, routes and SDK
 * with msw serving the local tenant: an offer or a second sign-in that
 * outlived its 600 s, the app's own throttle on "Link accounts", another
 * person's offer planted in a browser, and "Link accounts" with the metadata
 * merge on. Each ends on a page that says what happened, with nothing half-done.
 */
import { ACCOUNTS, APP, OWNER_ID, type Person, useLocalTenant } from "../support/app";
import { useSharedClock } from "../support/clock";
import { LINK_CALL, READ_CALL, managementCalls } from "../support/faults";
import { identityIdsOf, putCookie, redirectOf, sessionOf, transactionCookieNames, useApp, type RunningApp } from "../support/linking";
import { captureLogs } from "../support/logs";
import { PATCH_CALL, mergeEnv, metadataOn, useRecoveryDirectory } from "../support/metadata";
import { answerPrompt, locationOf, NEW_GITHUB, NEW_GITHUB_SIGN_IN, openPromptPage, PROMPT_ENV, PROMPT_PAGE, signInAgainSilently, signInAndLand } from "../support/prompt";

// Before the tenant and the app: they read the shared clock.
const clock = useSharedClock();
const { server, tenant } = useLocalTenant();
const logs = captureLogs();

const INTRUDER_ID = "auth0|65a000000000000000000003";
/** The transaction's and the prompt cookie's lifetime, in ms (600 s). */
const LIFETIME_MS = 600_000;
const EXPIRED = "This offer expired or was already used, so nothing was linked. Sign in again to see it once more.";

/** Every request the app sent to the tenant during the test, as msw saw it. */
const sent: string[] = [];
beforeEach(() => {
  sent.length = 0;
  server.events.on("request:start", ({ request }) => {
    sent.push(`${request.method} ${decodeURIComponent(new URL(request.url).pathname)}`);
  });
});
afterEach(() => server.events.removeAllListeners());

afterEach(() => {
  for (const line of logs.events("link.prompt_finished")) expect(line).toEqual(expect.objectContaining({ outcome: expect.any(String) }));
  expect(logs.text()).not.toMatch(/eyJ/);
});

/** Signs in with the new GitHub sign-in and lands on the prompt. */
async function onThePrompt(running: RunningApp): Promise<Person> {
  const person = running.person();
  expect((await signInAndLand(running, person, NEW_GITHUB_SIGN_IN)).toString()).toBe(PROMPT_PAGE);
  return person;
}

describe("with the app as the quick start runs it", () => {
  const running = useApp(PROMPT_ENV);

  it("says the offer expired when the sign-in as the existing account comes back after more than 600 s, and links nothing", async () => {
    const person = await onThePrompt(running);
    const start = await answerPrompt(running, person, "link");
    const back = await person.signInAtTenant(locationOf(start).toString(), ACCOUNTS.owner);
    clock.passMs(LIFETIME_MS + 1000);
    sent.length = 0;

    const done = await person.openCallback(back);

    expect(locationOf(done).toString()).toBe(`${PROMPT_PAGE}?prompt=expired`);
    // Refused before the code exchange: nothing reached the tenant.
    expect(sent).toEqual([]);
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
    expect(identityIdsOf(tenant(), NEW_GITHUB)).toEqual([NEW_GITHUB]);
    expect((await sessionOf(running, person.app))?.user.sub).toBe(NEW_GITHUB);
    expect(transactionCookieNames(person.app)).toEqual([]);
    // The offer is as old: the page says so and offers the way on.
    expect(await openPromptPage(running, person, locationOf(done))).toEqual({ alert: EXPIRED, buttons: [], continueTo: "/" });
    expect(logs.events("link.prompt_finished")).toEqual([expect.objectContaining({ level: "warn", outcome: "transaction_expired", sub: NEW_GITHUB, existing: OWNER_ID })]);
  });

  it.each(["link", "keep"])("says the offer expired when its button (%s) is pressed more than 600 s after it was made, and sends nothing to the tenant", async (intent) => {
    const person = await onThePrompt(running);
    clock.passMs(LIFETIME_MS + 1000);
    sent.length = 0;

    const answer = await answerPrompt(running, person, intent);

    expect(locationOf(answer).toString()).toBe(`${PROMPT_PAGE}?prompt=expired`);
    expect(sent).toEqual([]);
    expect(transactionCookieNames(person.app)).toEqual([]);
    expect(tenant().getUser(NEW_GITHUB)?.app_metadata).toEqual({});
    expect((await sessionOf(running, person.app))?.user.sub).toBe(NEW_GITHUB);
    expect(await openPromptPage(running, person, locationOf(answer))).toEqual({ alert: EXPIRED, buttons: [], continueTo: "/" });
    expect(logs.events("link.prompt_finished")).toEqual([expect.objectContaining({ outcome: "expired", sub: NEW_GITHUB, intent })]);
  });

  it("still takes the offer's buttons just before 600 s", async () => {
    const person = await onThePrompt(running);
    clock.passMs(LIFETIME_MS - 1000);

    const kept = await answerPrompt(running, person, "keep");

    expect(locationOf(kept).toString()).toBe(`${APP}/settings`);
    expect(tenant().getUser(NEW_GITHUB)?.app_metadata).toEqual({ account_linking: { kept_separate: [OWNER_ID] } });
  });

  it("does not act on another person's offer planted in a browser: the page shows nothing to link, and both buttons change nothing", async () => {
    const other = await onThePrompt(running);
    const victim = running.person();
    expect((await signInAndLand(running, victim, ACCOUNTS.intruder)).toString()).toBe(`${APP}/settings`);
    putCookie(victim.app, "__link_prompt", other.app.get("__link_prompt") ?? "");
    sent.length = 0;

    expect(await openPromptPage(running, victim, new URL(PROMPT_PAGE))).toEqual({ alert: null, buttons: [], continueTo: "/" });
    const kept = await answerPrompt(running, victim, "keep");
    const linked = await answerPrompt(running, victim, "link");

    expect(locationOf(kept).toString()).toBe(`${PROMPT_PAGE}?prompt=expired`);
    expect(locationOf(linked).toString()).toBe(`${PROMPT_PAGE}?prompt=expired`);
    expect(sent).toEqual([]);
    expect(transactionCookieNames(victim.app)).toEqual([]);
    expect(tenant().getUser(NEW_GITHUB)?.app_metadata).toEqual({});
    expect(tenant().getUser(INTRUDER_ID)?.app_metadata).toEqual({});
    expect((await sessionOf(running, victim.app))?.user.sub).toBe(INTRUDER_ID);
  });
});

describe("with LINK_THROTTLE_PER_MINUTE=1", () => {
  const running = useApp({ ...PROMPT_ENV, LINK_THROTTLE_PER_MINUTE: "1" });

  it('says there were too many attempts and how long to wait at the second "Link accounts" within a minute, sending nothing to the tenant', async () => {
    const person = await onThePrompt(running);
    const first = await answerPrompt(running, person, "link");
    expect(locationOf(first).origin).toBe(tenant().baseUrl);
    const started = transactionCookieNames(person.app);
    sent.length = 0;

    const second = await answerPrompt(running, person, "link");

    const result = redirectOf(second);
    expect(result.target).toBe(PROMPT_PAGE);
    expect(result.params).toEqual({ prompt: "rate_limited", retry: expect.stringMatching(/^\d+$/) });
    const retry = Number(result.params["retry"]);
    expect(retry).toBeGreaterThanOrEqual(55);
    expect(retry).toBeLessThanOrEqual(60);
    expect(sent).toEqual([]);
    expect(transactionCookieNames(person.app)).toEqual(started);
    expect(await openPromptPage(running, person, result.url)).toEqual({
      alert: `There were too many attempts, so nothing was changed. Please try again in ${retry} seconds.`,
      buttons: ["Link accounts", "Keep separate"],
      continueTo: null,
    });
    expect(logs.events("link.prompt_finished")).toEqual([expect.objectContaining({ level: "warn", outcome: "throttled", sub: NEW_GITHUB, existing: OWNER_ID })]);

    // The first attempt, already counted, can still be finished.
    const back = await person.signInAtTenant(locationOf(first).toString(), ACCOUNTS.owner);
    expect(locationOf(await person.openCallback(back)).pathname).toBe("/auth/login");
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, NEW_GITHUB]);
  });
});

describe("with LINK_MERGE_METADATA=true", () => {
  const recovery = useRecoveryDirectory();
  const running = useApp({ ...PROMPT_ENV, ...mergeEnv(recovery.path) });

  it('keeps the new sign-in\'s settings on the existing account after "Link accounts", the existing account\'s own values winning', async () => {
    tenant().updateUser(NEW_GITHUB, { user_metadata: { theme: "light", language: "fr" }, app_metadata: { plan: "pro", roles: ["editor"] } });
    tenant().updateUser(OWNER_ID, { user_metadata: { theme: "dark" }, app_metadata: { plan: "free" } });
    const before = metadataOn(tenant(), OWNER_ID);
    const person = await onThePrompt(running);
    const start = await answerPrompt(running, person, "link");
    const back = await person.signInAtTenant(locationOf(start).toString(), ACCOUNTS.owner);
    tenant().requestLog.length = 0;

    const done = await person.openCallback(back);

    const login = locationOf(done);
    expect(login.searchParams.get("returnTo")).toBe(`/settings?link=linked&identity=${encodeURIComponent(NEW_GITHUB)}`);
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, NEW_GITHUB]);
    expect(metadataOn(tenant(), OWNER_ID)).toEqual({
      user_metadata: { ...before?.user_metadata, theme: "dark", language: "fr" },
      app_metadata: { ...before?.app_metadata, plan: "free", roles: ["editor"] },
    });
    expect(managementCalls(tenant())).toEqual([
      { method: "GET", path: `/api/v2/users/${NEW_GITHUB}`, status: 200 },
      { ...READ_CALL, status: 200 },
      { ...LINK_CALL, status: 201 },
      { ...PATCH_CALL, status: 200 },
    ]);
    expect(recovery.files()).toEqual([]);
    expect(logs.events("metadata.merged")).toEqual([expect.objectContaining({ sub: OWNER_ID, secondary: NEW_GITHUB })]);
    expect(logs.text()).not.toContain("editor");

    const landed = await signInAgainSilently(running, person, login);
    expect(redirectOf(landed)).toMatchObject({ target: `${APP}/settings`, params: { link: "linked", identity: NEW_GITHUB } });
    expect((await sessionOf(running, person.app))?.user.sub).toBe(OWNER_ID);
  });
});
