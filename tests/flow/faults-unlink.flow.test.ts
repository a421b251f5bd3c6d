/**
 * Unlinking when Auth0 misbehaves: the DELETE is retried (at most twice, after
 * a refused connection, a 5xx, a deadline once, or a 429 with a short wait),
 * and when its outcome stays unknown the app reads the user and says what
 * happened. Faults come from the local tenant's own fault API; every call is
 * counted from the tenant's request log.
 */
import { ACCOUNTS, OWNER_ID, Person, useLocalTenant } from "../support/app";
import { DEADLINE_MS, FAULT_TEST_ENV, READ_CALL, UNLINK_GITHUB_CALL, managementCalls, stopwatch } from "../support/faults";
import { identityIdsOf, noticeFor, redirectOf, useApp, type Redirect } from "../support/linking";
import { captureLogs } from "../support/logs";
import { openSettings } from "../support/settings-page";

const { tenant } = useLocalTenant();
const running = useApp(FAULT_TEST_ENV);
const logs = captureLogs();

const GITHUB = "github|1000001";
const DELETE_PATH = /\/identities\/github\//;
const NOT_ANSWERING = "The sign-in service is not answering right now, so nothing was changed. Please try again in a few minutes.";

async function ownerWithGithubLinked(): Promise<Person> {
  const person = running.person();
  await person.signIn();
  const linked = redirectOf(await person.link("github", ACCOUNTS.ownerGithub));
  expect(linked.params["link"]).toBe("linked");
  tenant().requestLog.length = 0;
  return person;
}

async function expectUnlinked(person: Person, result: Redirect): Promise<void> {
  expect(result.params).toEqual({ unlink: "unlinked", identity: GITHUB });
  expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
  expect(identityIdsOf(tenant(), GITHUB)).toEqual([GITHUB]);
  // Settings, opened where the redirect leads in the person's browser (with the unlink route's proof);
  // its own read of the user is not among the unlink's calls the tests count.
  const calls = tenant().requestLog.length;
  expect(await openSettings(running, person, result)).toEqual({ status: "Unlinked your GitHub account. You can no longer sign in with it.", alert: null });
  tenant().requestLog.length = calls;
}

function expectStillLinked(result: Redirect, params: Record<string, string>, text: string): void {
  expect(result.params).toEqual(params);
  expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, GITHUB]);
  expect(noticeFor(result, tenant(), OWNER_ID)).toEqual({ about: "unlink", kind: "alert", text });
}

describe("unlinking when the tenant fails for a moment", () => {
  it("unlinks GitHub when the first attempt answers 503: the DELETE is tried again", async () => {
    const person = await ownerWithGithubLinked();
    tenant().faults.inject({ method: "DELETE", path: DELETE_PATH, kind: "status", status: 503 });

    const result = redirectOf(await person.unlink(GITHUB));

    await expectUnlinked(person, result);
    expect(managementCalls(tenant())).toEqual([
      { ...UNLINK_GITHUB_CALL, status: 503, fault: "status" },
      { ...UNLINK_GITHUB_CALL, status: 200 },
    ]);
    expect(logs.events("management_api.retry")).toEqual([
      expect.objectContaining({ level: "warn", operation: "unlink_identity", attempt: 2, status: 503, code: "tenant_unavailable" }),
    ]);
    expect(logs.text()).not.toMatch(/eyJ/);
  });

  it("unlinks GitHub when the first connection is refused", async () => {
    const person = await ownerWithGithubLinked();
    tenant().faults.inject({ method: "DELETE", path: DELETE_PATH, kind: "reset" });

    const result = redirectOf(await person.unlink(GITHUB));

    await expectUnlinked(person, result);
    expect(managementCalls(tenant())).toEqual([
      { ...UNLINK_GITHUB_CALL, status: 0, fault: "reset" },
      { ...UNLINK_GITHUB_CALL, status: 200 },
    ]);
  });

  it("unlinks GitHub after waiting the second a 429's Retry-After asks for", async () => {
    const person = await ownerWithGithubLinked();
    tenant().faults.inject({ method: "DELETE", path: DELETE_PATH, kind: "rate_limit", retryAfterSeconds: 1 });

    const elapsed = stopwatch();
    const result = redirectOf(await person.unlink(GITHUB));

    expect(elapsed()).toBeGreaterThanOrEqual(950);
    await expectUnlinked(person, result);
    expect(managementCalls(tenant())).toEqual([
      { ...UNLINK_GITHUB_CALL, status: 429, fault: "rate_limit" },
      { ...UNLINK_GITHUB_CALL, status: 200 },
    ]);
    expect(logs.events("management_api.retry")).toEqual([expect.objectContaining({ attempt: 2, status: 429, delay_ms: 1000 })]);
  });

  it("unlinks GitHub after waiting until X-RateLimit-Reset when a 429 carries nothing else", async () => {
    const person = await ownerWithGithubLinked();
    tenant().faults.inject({ method: "DELETE", path: DELETE_PATH, kind: "rate_limit", resetAfterSeconds: 1 });

    const result = redirectOf(await person.unlink(GITHUB));

    await expectUnlinked(person, result);
    expect(managementCalls(tenant())).toEqual([
      { ...UNLINK_GITHUB_CALL, status: 429, fault: "rate_limit" },
      { ...UNLINK_GITHUB_CALL, status: 200 },
    ]);
    const [retry] = logs.events("management_api.retry");
    expect(retry?.["delay_ms"]).toBeGreaterThan(0);
    expect(retry?.["delay_ms"]).toBeLessThanOrEqual(2000);
  });
});

describe("unlinking when the tenant keeps failing", () => {
  it("says the sign-in service is not answering after three 503s, and GitHub stays linked", async () => {
    const person = await ownerWithGithubLinked();
    tenant().faults.inject({ method: "DELETE", path: DELETE_PATH, kind: "status", status: 503, times: 3 });

    const result = redirectOf(await person.unlink(GITHUB));

    expectStillLinked(result, { unlink: "tenant_unavailable" }, NOT_ANSWERING);
    expect(managementCalls(tenant())).toEqual([
      { ...UNLINK_GITHUB_CALL, status: 503, fault: "status" },
      { ...UNLINK_GITHUB_CALL, status: 503, fault: "status" },
      { ...UNLINK_GITHUB_CALL, status: 503, fault: "status" },
      // Did any of them unlink? The user's identities say no.
      { ...READ_CALL, status: 200 },
    ]);
    expect(logs.events("management_api.gave_up")).toEqual([expect.objectContaining({ operation: "unlink_identity", attempts: 3, reason: "attempts_used" })]);
    expect(logs.events("unlink.finished")).toEqual([expect.objectContaining({ level: "warn", outcome: "tenant_unavailable", sub: OWNER_ID })]);
  });

  it("gives up after two deadlines when the tenant does not answer, and GitHub stays linked", async () => {
    const person = await ownerWithGithubLinked();
    tenant().faults.inject({ method: "DELETE", path: DELETE_PATH, kind: "timeout", times: 3 });

    const elapsed = stopwatch();
    const result = redirectOf(await person.unlink(GITHUB));

    expect(elapsed()).toBeGreaterThanOrEqual(2 * DEADLINE_MS - 50);
    expect(elapsed()).toBeLessThan(2 * DEADLINE_MS + 3000);
    expectStillLinked(result, { unlink: "tenant_unavailable" }, NOT_ANSWERING);
    expect(managementCalls(tenant())).toEqual([
      { ...UNLINK_GITHUB_CALL, status: 0, fault: "timeout" },
      { ...UNLINK_GITHUB_CALL, status: 0, fault: "timeout" },
      { ...READ_CALL, status: 200 },
    ]);
    expect(tenant().faults.pending()).toEqual([expect.objectContaining({ kind: "timeout", timesLeft: 1 })]);
  });

  it("says to try again in 30 seconds when a 429 asks for 30 seconds, without waiting", async () => {
    const person = await ownerWithGithubLinked();
    tenant().faults.inject({ method: "DELETE", path: DELETE_PATH, kind: "rate_limit", retryAfterSeconds: 30 });

    const elapsed = stopwatch();
    const result = redirectOf(await person.unlink(GITHUB));

    expect(elapsed()).toBeLessThan(1000);
    expectStillLinked(result, { unlink: "rate_limited", retry: "30" }, "Too many attempts right now, so nothing was unlinked. Please try again in 30 seconds.");
    expect(managementCalls(tenant())).toEqual([{ ...UNLINK_GITHUB_CALL, status: 429, fault: "rate_limit" }]);
  });

  it("says how long to wait when a long 429 carries only X-RateLimit-Reset", async () => {
    const person = await ownerWithGithubLinked();
    tenant().faults.inject({ method: "DELETE", path: DELETE_PATH, kind: "rate_limit", resetAfterSeconds: 30 });

    const result = redirectOf(await person.unlink(GITHUB));

    expect(result.params["unlink"]).toBe("rate_limited");
    const retry = Number(result.params["retry"]);
    expect(retry).toBeGreaterThanOrEqual(30);
    expect(retry).toBeLessThanOrEqual(31);
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, GITHUB]);
    expect(managementCalls(tenant())).toEqual([{ ...UNLINK_GITHUB_CALL, status: 429, fault: "rate_limit" }]);
  });
});

describe("unlinking when the tenant unlinks but its answer is lost", () => {
  it("says GitHub is unlinked when the 200 arrived with a body that is not JSON (not retried)", async () => {
    const person = await ownerWithGithubLinked();
    tenant().faults.inject({ method: "DELETE", path: DELETE_PATH, kind: "malformed_json" });

    const result = redirectOf(await person.unlink(GITHUB));

    await expectUnlinked(person, result);
    expect(managementCalls(tenant())).toEqual([
      { ...UNLINK_GITHUB_CALL, status: 200, fault: "malformed_json" },
      { ...READ_CALL, status: 200 },
    ]);
    expect(logs.events("unlink.outcome_recovered")).toEqual([expect.objectContaining({ identity: GITHUB, unlink_error: "malformed_response" })]);
  });

  it("says GitHub is unlinked when the 200 was lost and the retry answered 404", async () => {
    const person = await ownerWithGithubLinked();
    tenant().faults.inject({ method: "DELETE", path: DELETE_PATH, kind: "lose_response" });

    const result = redirectOf(await person.unlink(GITHUB));

    await expectUnlinked(person, result);
    expect(managementCalls(tenant())).toEqual([
      { ...UNLINK_GITHUB_CALL, status: 200, fault: "lose_response" },
      { ...UNLINK_GITHUB_CALL, status: 404 },
      { ...READ_CALL, status: 200 },
    ]);
    expect(logs.events("unlink.outcome_recovered")).toEqual([expect.objectContaining({ identity: GITHUB, unlink_error: "not_found", status: 404 })]);
    expect(logs.events("unlink.finished")).toEqual([expect.objectContaining({ level: "info", outcome: "unlinked", identity: GITHUB })]);
  });

  it("says it could not confirm the unlink when the 200 was lost and reading the user fails too (the tenant did unlink)", async () => {
    const person = await ownerWithGithubLinked();
    tenant().faults.inject({ method: "DELETE", path: DELETE_PATH, kind: "lose_response", times: 3 });
    tenant().faults.inject({ method: "GET", path: READ_CALL.path, kind: "status", status: 503, times: 3 });

    const result = redirectOf(await person.unlink(GITHUB));

    // Neither "unlinked" nor "nothing was changed": both could be false.
    expect(result.params).toEqual({ unlink: "unconfirmed", identity: GITHUB });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
    expect(noticeFor(result, tenant(), OWNER_ID)).toEqual({
      about: "unlink",
      kind: "alert",
      text: "The sign-in service stopped answering while unlinking, so we could not confirm whether it was unlinked. Reload this page in a moment to see your linked accounts.",
    });
    expect(logs.events("unlink.finished")).toEqual([expect.objectContaining({ level: "warn", outcome: "unconfirmed", identity: GITHUB })]);
  });
});
