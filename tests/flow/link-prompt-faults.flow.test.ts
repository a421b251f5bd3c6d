/**
 * The link at sign-in when Auth0 misbehaves, through the real proxy, routes
 * and SDK with msw serving the local tenant and its fault API: at the
 * look-up after a sign-in, at the link call after "Link accounts", at the
 * second login's code exchange and keys, and at "Keep separate". Every
 * attempt ends on a page that says what happened and offers a way on; the
 * person is never left signed in as a user that no longer exists; the link
 * call is sent once, and when its outcome is unknown the existing account is
 * read instead of asking again.
 */
import { http, HttpResponse } from "msw";
import { ACCOUNTS, APP, OWNER_ID, type Person, useLocalTenant } from "../support/app";
import { FAULT_TEST_ENV, LINK_CALL, READ_CALL, managementCalls, stopwatch } from "../support/faults";
import { identityIdsOf, noticeFor, redirectOf, sessionOf, transactionCookieNames, useApp } from "../support/linking";
import { captureLogs } from "../support/logs";
import { answerPrompt, locationOf, NEW_GITHUB, NEW_GITHUB_SIGN_IN, openPromptPage, PROMPT_ENV, PROMPT_PAGE, signInAgainSilently, signInAndLand } from "../support/prompt";
import { openSettings } from "../support/settings-page";

const { server, tenant } = useLocalTenant();
const running = useApp({ ...PROMPT_ENV, ...FAULT_TEST_ENV });
const logs = captureLogs();

/** `GET /api/v2/users/github|1000003`: the new sign-in read (the look-up's first step, and "Keep separate"'s). */
const READ_NEW_CALL = { method: "GET", path: `/api/v2/users/${NEW_GITHUB}` } as const;
/** `GET /api/v2/users-by-email`: the look-up's second step. */
const BY_EMAIL_CALL = { method: "GET", path: "/api/v2/users-by-email" } as const;
/** `PATCH /api/v2/users/github|1000003`: "Keep separate" remembered. */
const PATCH_NEW_CALL = { method: "PATCH", path: `/api/v2/users/${NEW_GITHUB}` } as const;

const BUTTONS = ["Link accounts", "Keep separate"];
const NOT_ANSWERING = "The sign-in service did not answer, so nothing was changed. Please try again in a few minutes.";

// Whatever happened, an operator can tell how each attempt ended, and no token reaches the log.
afterEach(() => {
  for (const line of logs.events("link.prompt_finished")) expect(line).toEqual(expect.objectContaining({ outcome: expect.any(String) }));
  expect(logs.text()).not.toMatch(/eyJ/);
});

/** The tenant's token endpoint answers `answer` to the machine client's requests (client credentials) only; the sign-ins' code exchanges go through. */
function machineTokenAnswers(answer: () => Response): void {
  server.use(
    http.post(`${tenant().baseUrl}/oauth/token`, async ({ request }) => {
      const grant = new URLSearchParams(await request.clone().text()).get("grant_type");
      return grant === "client_credentials" ? answer() : undefined;
    }),
  );
}

/** Every request the app sent to the tenant during the test, as msw saw it (answered by the tenant or by a test's own handler). */
const sent: { method: string; path: string }[] = [];
beforeEach(() => {
  sent.length = 0;
  server.events.on("request:start", ({ request }) => {
    sent.push({ method: request.method, path: decodeURIComponent(new URL(request.url).pathname) });
  });
});
afterEach(() => server.events.removeAllListeners());

/** The requests sent to `call`'s method and path. */
function callsTo(call: { method: string; path: string }): { method: string; path: string }[] {
  return sent.filter((entry) => entry.path === call.path && entry.method === call.method);
}

describe("when the look-up after the sign-in fails, the sign-in goes straight on without the prompt", () => {
  const cases: [string, () => void, { step?: string; code?: string; status?: number; reason?: string; wait_ms?: number }][] = [
    ["reading the new sign-in answers 503", () => tenant().faults.inject({ ...READ_NEW_CALL, kind: "status", status: 503, times: 3 }), { step: "read_user", code: "tenant_unavailable", status: 503 }],
    ["reading the new sign-in answers 429", () => tenant().faults.inject({ ...READ_NEW_CALL, kind: "rate_limit", retryAfterSeconds: 30 }), { step: "read_user", code: "rate_limited", status: 429 }],
    // Two deadlines (1 s each here, the read tried twice) are more than the sign-in waits for the look-up (2 s).
    ["reading the new sign-in times out", () => tenant().faults.inject({ ...READ_NEW_CALL, kind: "timeout", times: 2 }), { reason: "lookup_slow", wait_ms: 2000 }],
    ["users-by-email answers 503", () => tenant().faults.inject({ ...BY_EMAIL_CALL, kind: "status", status: 503, times: 3 }), { step: "users_by_email", code: "tenant_unavailable", status: 503 }],
    ["users-by-email answers 429", () => tenant().faults.inject({ ...BY_EMAIL_CALL, kind: "rate_limit", retryAfterSeconds: 30 }), { step: "users_by_email", code: "rate_limited", status: 429 }],
    ["users-by-email times out", () => tenant().faults.inject({ ...BY_EMAIL_CALL, kind: "timeout", times: 2 }), { reason: "lookup_slow", wait_ms: 2000 }],
    [
      "the machine token endpoint answers 503",
      () => machineTokenAnswers(() => HttpResponse.json({ error: "temporarily_unavailable", error_description: "down" }, { status: 503 })),
      { step: "read_user", code: "tenant_unavailable", status: 503 },
    ],
    ["the machine token endpoint cannot be reached", () => machineTokenAnswers(() => HttpResponse.error()), { step: "read_user", code: "tenant_unavailable" }],
  ];

  it.each(cases)("lands on Settings signed in as the new GitHub sign-in when %s, and logs why the prompt was skipped", async (_name, fault, skipped) => {
    fault();
    const person = running.person();

    const elapsed = stopwatch();
    const landed = await signInAndLand(running, person, NEW_GITHUB_SIGN_IN);

    expect(landed.toString()).toBe(`${APP}/settings`);
    // The look-up's wait (2 s) at most, never a hang.
    expect(elapsed()).toBeLessThan(2000 + 1500);
    expect((await sessionOf(running, person.app))?.user.sub).toBe(NEW_GITHUB);
    expect(person.app.get("__link_prompt")).toBeUndefined();
    expect(logs.events("link.prompt_shown")).toEqual([]);
    expect(logs.events("link.prompt_skipped")).toEqual([expect.objectContaining({ level: "warn", sub: NEW_GITHUB, reason: "lookup_failed", ...skipped })]);
    // Nothing else broke: Settings opens with no alert, and nothing was changed at the tenant.
    expect((await openSettings(running, person, landed)).alert).toBeNull();
    expect(tenant().getUser(NEW_GITHUB)?.app_metadata).toEqual({});
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
    expect(tenant().requestLog.filter((entry) => entry.method !== "GET")).toEqual([]);
  });

  it("shows the prompt at the next sign-in, once the tenant answers again", async () => {
    tenant().faults.inject({ ...BY_EMAIL_CALL, kind: "status", status: 503, times: 3 });
    expect((await signInAndLand(running, running.person(), NEW_GITHUB_SIGN_IN)).toString()).toBe(`${APP}/settings`);

    const again = running.person();
    const landed = await signInAndLand(running, again, NEW_GITHUB_SIGN_IN);

    expect(landed.toString()).toBe(PROMPT_PAGE);
    expect(await openPromptPage(running, again, landed)).toEqual({ alert: null, buttons: BUTTONS, continueTo: null });
  });
});

/** Signs in with the new GitHub sign-in, presses "Link accounts" and signs in at the tenant as `account`: the moment before the callback. */
async function backFromSecondSignIn(account: { email: string; connection: string } = ACCOUNTS.owner): Promise<{ person: Person; back: URL }> {
  const person = running.person();
  expect((await signInAndLand(running, person, NEW_GITHUB_SIGN_IN)).toString()).toBe(PROMPT_PAGE);
  const start = await answerPrompt(running, person, "link");
  const back = await person.signInAtTenant(locationOf(start).toString(), account);
  tenant().requestLog.length = 0;
  return { person, back };
}

/** Nothing was linked and the person is still signed in as the new sign-in, which still exists, with the offer still standing. */
async function expectNothingLinked(person: Person): Promise<void> {
  expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
  expect(identityIdsOf(tenant(), NEW_GITHUB)).toEqual([NEW_GITHUB]);
  expect((await sessionOf(running, person.app))?.user.sub).toBe(NEW_GITHUB);
  expect(transactionCookieNames(person.app)).toEqual([]);
}

/** The link call was sent exactly once. */
function expectOneLinkCall(): void {
  expect(callsTo(LINK_CALL)).toEqual([LINK_CALL]);
}

/** An Auth0-shaped Management API error for the link call, once. */
function linkCallAnswers(status: number, error: string, message: string): void {
  server.use(http.post(`${tenant().baseUrl}/api/v2/users/:id/identities`, () => HttpResponse.json({ statusCode: status, error, message }, { status }), { once: true }));
}

describe('when the link call after "Link accounts" is refused', () => {
  it("says there were too many attempts and how long to wait when Auth0 answers 429 with Retry-After, and offers the buttons again", async () => {
    const { person, back } = await backFromSecondSignIn();
    tenant().faults.inject({ ...LINK_CALL, kind: "rate_limit", retryAfterSeconds: 7 });

    const done = await person.openCallback(back);

    expect(locationOf(done).toString()).toBe(`${PROMPT_PAGE}?prompt=rate_limited&retry=7`);
    await expectNothingLinked(person);
    // A 429 says nothing was done: no read to reconcile, and no second try.
    expect(managementCalls(tenant())).toEqual([{ ...LINK_CALL, status: 429, fault: "rate_limit" }]);
    expect(await openPromptPage(running, person, locationOf(done))).toEqual({
      alert: "There were too many attempts, so nothing was changed. Please try again in 7 seconds.",
      buttons: BUTTONS,
      continueTo: null,
    });
    expect(logs.events("link.prompt_finished")).toEqual([expect.objectContaining({ level: "warn", outcome: "rate_limited", sub: NEW_GITHUB, existing: OWNER_ID })]);
  });

  it("says the new sign-in already belongs to another account when Auth0 answers 409", async () => {
    const { person, back } = await backFromSecondSignIn();
    linkCallAnswers(409, "Conflict", "Specified identity already exists.");

    const done = await person.openCallback(back);

    expect(locationOf(done).toString()).toBe(`${PROMPT_PAGE}?prompt=identity_in_use`);
    await expectNothingLinked(person);
    expectOneLinkCall();
    expect(await openPromptPage(running, person, locationOf(done))).toEqual({
      alert: "This sign-in already belongs to another account, so nothing was linked.",
      buttons: BUTTONS,
      continueTo: null,
    });
    expect(logs.events("link.prompt_finished")).toEqual([expect.objectContaining({ outcome: "identity_in_use" })]);
  });

  it.each([
    [400, "Bad Request", "Provided secondary account not found."],
    [403, "Forbidden", "Insufficient scope, expected any of: update:users"],
  ])("says Auth0 refused and nothing was changed when it answers %i, without repeating the link", async (status, error, message) => {
    const { person, back } = await backFromSecondSignIn();
    linkCallAnswers(status, error, message);

    const done = await person.openCallback(back);

    expect(locationOf(done).toString()).toBe(`${PROMPT_PAGE}?prompt=refused`);
    await expectNothingLinked(person);
    expectOneLinkCall();
    // A refusal says nothing was done: no read.
    expect(callsTo(READ_CALL)).toEqual([]);
    expect((await openPromptPage(running, person, locationOf(done))).alert).toBe(
      "The sign-in service refused to link these accounts, so nothing was changed. Please try again later; if it keeps happening, contact this app's support.",
    );
    expect(logs.events("link.prompt_finished")).toEqual([expect.objectContaining({ outcome: "auth0_refused" })]);
    // Auth0's words are for the operator's log (management_api.refused), never the page.
    expect(logs.events("management_api.refused")).toEqual([expect.objectContaining({ operation: "link_identity", status, upstream_message: message })]);
  });
});

describe('when the link call after "Link accounts" gets no usable answer and the tenant did not link', () => {
  it.each([
    ["a 503", { kind: "status", status: 503 } as const, "tenant_unavailable"],
    ["no answer before the deadline", { kind: "timeout" } as const, "timeout"],
    ["a dropped connection", { kind: "reset" } as const, "tenant_unavailable"],
  ])("reads the existing account once, sees nothing linked, and says nothing was changed after %s", async (_name, fault, unknown) => {
    const { person, back } = await backFromSecondSignIn();
    tenant().faults.inject({ ...LINK_CALL, ...fault, times: 3 });

    const done = await person.openCallback(back);

    expect(locationOf(done).toString()).toBe(`${PROMPT_PAGE}?prompt=unavailable`);
    await expectNothingLinked(person);
    expect(managementCalls(tenant())).toEqual([
      { ...LINK_CALL, status: fault.kind === "status" ? 503 : 0, fault: fault.kind },
      { ...READ_CALL, status: 200 },
    ]);
    expect(await openPromptPage(running, person, locationOf(done))).toEqual({ alert: NOT_ANSWERING, buttons: BUTTONS, continueTo: null });
    expect(logs.events("link.prompt_finished")).toEqual([expect.objectContaining({ level: "warn", outcome: "tenant_unavailable", outcome_unknown: unknown })]);
    expect(logs.events("link.outcome_recovered")).toEqual([]);
  });
});

describe('when the tenant links after "Link accounts" but its answer is lost', () => {
  it.each([
    ["the 201 never arrives", "lose_response", "tenant_unavailable"],
    ["the 201's body is not JSON", "malformed_json", "malformed_response"],
  ] as const)("signs the person in again as the existing account and lands on Settings with the link when %s", async (_name, kind, unknown) => {
    const { person, back } = await backFromSecondSignIn();
    tenant().faults.inject({ ...LINK_CALL, kind });

    const done = await person.openCallback(back);

    const login = locationOf(done);
    expect(login.pathname).toBe("/auth/login");
    expect(login.searchParams.get("returnTo")).toBe(`/settings?link=linked&identity=${encodeURIComponent(NEW_GITHUB)}`);
    // The new sign-in's user is gone, and so is the session that named it.
    expect(tenant().getUser(NEW_GITHUB)).toBeUndefined();
    expect(await sessionOf(running, person.app)).toBeNull();
    expect(person.app.get("__link_prompt")).toBeUndefined();
    expect(transactionCookieNames(person.app)).toEqual([]);
    expect(managementCalls(tenant())).toEqual([
      { ...LINK_CALL, status: 201, fault: kind },
      { ...READ_CALL, status: 200 },
    ]);

    const landed = await signInAgainSilently(running, person, login);
    expect(redirectOf(landed)).toMatchObject({ target: `${APP}/settings`, params: { link: "linked", identity: NEW_GITHUB } });
    expect((await sessionOf(running, person.app))?.user.sub).toBe(OWNER_ID);
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, NEW_GITHUB]);
    expect(noticeFor(landed, tenant(), OWNER_ID)).toEqual({ about: "link", kind: "status", text: expect.stringContaining("GitHub") });
    expect(logs.events("link.outcome_recovered")).toEqual([expect.objectContaining({ sub: OWNER_ID, secondary: NEW_GITHUB })]);
    expect(logs.events("link.prompt_finished")).toEqual([expect.objectContaining({ level: "info", outcome: "linked", outcome_unknown: unknown })]);
  });

  it("ends the session and signs the person in again as the existing account, saying the link could not be confirmed, when reading it fails too", async () => {
    const { person, back } = await backFromSecondSignIn();
    tenant().faults.inject({ ...LINK_CALL, kind: "lose_response" });
    tenant().faults.inject({ ...READ_CALL, kind: "status", status: 503, times: 3 });

    const done = await person.openCallback(back);

    const login = locationOf(done);
    expect(login.pathname).toBe("/auth/login");
    expect(login.searchParams.get("returnTo")).toBe(`/settings?link=unconfirmed&identity=${encodeURIComponent(NEW_GITHUB)}`);
    expect(done.headers.getSetCookie().some((cookie) => /^__session=;/.test(cookie))).toBe(true);
    expect(await sessionOf(running, person.app)).toBeNull();
    expect(person.app.get("__link_prompt")).toBeUndefined();
    expect(transactionCookieNames(person.app)).toEqual([]);
    // The link call once, then three reads (reads are retried): never a second link.
    expect(managementCalls(tenant())).toEqual([
      { ...LINK_CALL, status: 201, fault: "lose_response" },
      { ...READ_CALL, status: 503, fault: "status" },
      { ...READ_CALL, status: 503, fault: "status" },
      { ...READ_CALL, status: 503, fault: "status" },
    ]);
    expect(logs.events("link.prompt_finished")).toEqual([expect.objectContaining({ level: "warn", outcome: "unconfirmed", outcome_unknown: "tenant_unavailable" })]);

    // The existing account certainly exists: the sign-in lands there, and Settings says what is known.
    const landed = await signInAgainSilently(running, person, login);
    expect(redirectOf(landed)).toMatchObject({ target: `${APP}/settings`, params: { link: "unconfirmed", identity: NEW_GITHUB } });
    expect((await sessionOf(running, person.app))?.user.sub).toBe(OWNER_ID);
    expect(noticeFor(landed, tenant(), OWNER_ID)).toEqual({ about: "link", kind: "alert", text: expect.stringContaining("could not confirm") });
  });
});

describe("when the second sign-in cannot be completed", () => {
  it("says the sign-in service did not answer when the code exchange answers 503, and sends no link", async () => {
    const { person, back } = await backFromSecondSignIn();
    tenant().faults.inject({ method: "POST", path: "/oauth/token", kind: "status", status: 503 });

    const done = await person.openCallback(back);

    expect(locationOf(done).toString()).toBe(`${PROMPT_PAGE}?prompt=unavailable`);
    await expectNothingLinked(person);
    expect(managementCalls(tenant())).toEqual([]);
    expect(await openPromptPage(running, person, locationOf(done))).toEqual({ alert: NOT_ANSWERING, buttons: BUTTONS, continueTo: null });
    expect(logs.events("link.prompt_finished")).toEqual([expect.objectContaining({ outcome: "tenant_unavailable" })]);
  });

  it("says the sign-in service did not answer when the token endpoint cannot be reached", async () => {
    const { person, back } = await backFromSecondSignIn();
    tenant().faults.inject({ method: "POST", path: "/oauth/token", kind: "reset" });

    const done = await person.openCallback(back);

    expect(locationOf(done).toString()).toBe(`${PROMPT_PAGE}?prompt=unavailable`);
    await expectNothingLinked(person);
    expect(managementCalls(tenant())).toEqual([]);
  });

  it("says the sign-in could not be completed when the tenant refuses the code", async () => {
    const { person, back } = await backFromSecondSignIn();
    server.use(http.post(`${tenant().baseUrl}/oauth/token`, () => HttpResponse.json({ error: "invalid_grant", error_description: "Invalid authorization code" }, { status: 400 }), { once: true }));

    const done = await person.openCallback(back);

    expect(locationOf(done).toString()).toBe(`${PROMPT_PAGE}?prompt=sign_in_failed`);
    await expectNothingLinked(person);
    expect(managementCalls(tenant())).toEqual([]);
    expect(await openPromptPage(running, person, locationOf(done))).toEqual({
      alert: "The sign-in could not be completed or verified, so nothing was linked. Please try again.",
      buttons: BUTTONS,
      continueTo: null,
    });
    expect(logs.events("link.prompt_finished")).toEqual([expect.objectContaining({ outcome: "verification_failed" })]);
  });

  it("says the sign-in service did not answer, not that the sign-in was forged, when the tenant's keys cannot be fetched", async () => {
    const { person, back } = await backFromSecondSignIn();
    tenant().faults.inject({ method: "GET", path: "/.well-known/jwks.json", kind: "status", status: 503, times: 5 });

    const done = await person.openCallback(back);

    expect(locationOf(done).toString()).toBe(`${PROMPT_PAGE}?prompt=unavailable`);
    await expectNothingLinked(person);
    expect(managementCalls(tenant())).toEqual([]);
    expect(logs.events("link.id_token_refused")).toEqual([expect.objectContaining({ problem: "keys_unavailable" })]);
    expect(logs.events("link.prompt_finished")).toEqual([expect.objectContaining({ outcome: "tenant_unavailable" })]);
  });
});

describe('when "Keep separate" cannot be saved', () => {
  const cases: [string, () => void, Record<string, string>, { method: string; path: string }[]][] = [
    ["reading the new sign-in answers 503", () => tenant().faults.inject({ ...READ_NEW_CALL, kind: "status", status: 503, times: 3 }), {}, [READ_NEW_CALL, READ_NEW_CALL, READ_NEW_CALL]],
    ["reading the new sign-in answers 429", () => tenant().faults.inject({ ...READ_NEW_CALL, kind: "rate_limit", retryAfterSeconds: 30 }), { retry: "30" }, [READ_NEW_CALL]],
    ["the PATCH answers 503", () => tenant().faults.inject({ ...PATCH_NEW_CALL, kind: "status", status: 503, times: 3 }), {}, [READ_NEW_CALL, PATCH_NEW_CALL, PATCH_NEW_CALL, PATCH_NEW_CALL]],
    ["the PATCH answers 429", () => tenant().faults.inject({ ...PATCH_NEW_CALL, kind: "rate_limit", retryAfterSeconds: 30 }), { retry: "30" }, [READ_NEW_CALL, PATCH_NEW_CALL]],
  ];

  it.each(cases)("says the choice was not saved when %s, remembers nothing, and asks again at the next sign-in", async (_name, fault, retry, calls) => {
    const person = running.person();
    await signInAndLand(running, person, NEW_GITHUB_SIGN_IN);
    tenant().requestLog.length = 0;
    fault();

    const kept = await answerPrompt(running, person, "keep");

    expect(redirectOf(kept)).toMatchObject({ target: PROMPT_PAGE, params: { prompt: "not_saved", ...retry } });
    expect(tenant().requestLog.map(({ method, path }) => ({ method, path }))).toEqual(calls);
    expect(tenant().getUser(NEW_GITHUB)?.app_metadata).toEqual({});
    expect((await sessionOf(running, person.app))?.user.sub).toBe(NEW_GITHUB);
    expect(await openPromptPage(running, person, locationOf(kept))).toEqual({
      alert: `Your choice could not be saved, so we may ask again next time. ${retry["retry"] ? "Please try again in 30 seconds." : "Please wait a moment and try again."}`,
      buttons: BUTTONS,
      continueTo: null,
    });
    expect(logs.events("link.prompt_finished")).toEqual([expect.objectContaining({ level: "warn", outcome: "not_saved", sub: NEW_GITHUB, existing: OWNER_ID })]);

    // Another device: the prompt shows again.
    expect((await signInAndLand(running, running.person(), NEW_GITHUB_SIGN_IN)).toString()).toBe(PROMPT_PAGE);
  });
});
