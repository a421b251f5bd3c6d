/**
 * Linking when Auth0 misbehaves at the link call itself: it hangs, drops the
 * connection, answers 5xx or 429, sends an unreadable 201, or links and then
 * loses its 201. The faults come from the local tenant's own fault API. The
 * link POST is sent exactly once in every case; when its outcome is unknown,
 * the app reads the user and tells the person what actually happened.
 */
import { ACCOUNTS, APP, OWNER_ID, Person, useLocalTenant } from "../support/app";
import { DEADLINE_MS, FAULT_TEST_ENV, LINK_CALL, READ_CALL, managementCalls, stopwatch } from "../support/faults";
import { identityIdsOf, noticeFor, redirectOf, transactionCookieNames, useApp, type Redirect } from "../support/linking";
import { captureLogs } from "../support/logs";

const { tenant } = useLocalTenant();
const running = useApp(FAULT_TEST_ENV);
const logs = captureLogs();

const GITHUB = "github|1000001";
const NOT_ANSWERING = "The sign-in service is not answering right now, so nothing was changed. Please try again in a few minutes.";

/** Signs the owner in, and stops at the moment before the callback: the second sign-in is done at the tenant. */
async function ownerBackFromGithub(): Promise<{ person: Person; back: URL }> {
  const person = running.person();
  await person.signIn();
  const start = await person.startLink("github");
  const back = await person.signInAtTenant(start.headers.get("location") ?? "", ACCOUNTS.ownerGithub);
  tenant().requestLog.length = 0;
  return { person, back };
}

function expectLinked(person: Person, result: Redirect): void {
  expect(result.target).toBe(`${APP}/settings`);
  expect(result.params).toEqual({ link: "linked", identity: GITHUB });
  expect(transactionCookieNames(person.app)).toEqual([]);
  expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, GITHUB]);
  expect(noticeFor(result, tenant(), OWNER_ID)).toEqual({
    about: "link",
    kind: "status",
    text: "Linked your GitHub account owner.github@example.com. You can now sign in with it.",
  });
}

function expectNotAnswering(person: Person, result: Redirect): void {
  expect(result.target).toBe(`${APP}/settings`);
  expect(result.params).toEqual({ link: "tenant_unavailable" });
  expect(transactionCookieNames(person.app)).toEqual([]);
  expect(noticeFor(result, tenant(), OWNER_ID)).toEqual({ about: "link", kind: "alert", text: NOT_ANSWERING });
}

describe("when the tenant links but its answer is lost (outcome unknown)", () => {
  it("shows GitHub as linked when the tenant linked it and the 201 never arrived", async () => {
    const { person, back } = await ownerBackFromGithub();
    tenant().faults.inject({ method: "POST", path: /\/identities$/, kind: "lose_response" });

    const result = redirectOf(await person.openCallback(back));

    expectLinked(person, result);
    expect(managementCalls(tenant())).toEqual([
      { ...LINK_CALL, status: 201, fault: "lose_response" },
      { ...READ_CALL, status: 200 },
    ]);
    expect(logs.events("link.outcome_recovered")).toEqual([expect.objectContaining({ sub: OWNER_ID, secondary: GITHUB, link_error: "tenant_unavailable" })]);
    expect(logs.events("link.finished")).toEqual([expect.objectContaining({ level: "info", outcome: "linked", secondary: GITHUB, outcome_unknown: "tenant_unavailable" })]);
    expect(logs.text()).not.toMatch(/eyJ/);
  });

  it("shows GitHub as linked when the tenant's 201 arrived with a body that is not JSON", async () => {
    const { person, back } = await ownerBackFromGithub();
    tenant().faults.inject({ method: "POST", path: /\/identities$/, kind: "malformed_json" });

    const result = redirectOf(await person.openCallback(back));

    expectLinked(person, result);
    expect(managementCalls(tenant())).toEqual([
      { ...LINK_CALL, status: 201, fault: "malformed_json" },
      { ...READ_CALL, status: 200 },
    ]);
    expect(logs.events("link.finished")).toEqual([expect.objectContaining({ outcome: "linked", outcome_unknown: "malformed_response" })]);
  });

  it("says it could not confirm the link when the 201 was lost and reading the user fails too (the tenant did link)", async () => {
    const { person, back } = await ownerBackFromGithub();
    tenant().faults.inject({ method: "POST", path: /\/identities$/, kind: "lose_response" });
    tenant().faults.inject({ method: "GET", path: READ_CALL.path, kind: "status", status: 503, times: 3 });

    const result = redirectOf(await person.openCallback(back));

    // Neither "linked" nor "nothing was changed": both could be false.
    expect(result.params).toEqual({ link: "unconfirmed", identity: GITHUB });
    expect(transactionCookieNames(person.app)).toEqual([]);
    expect(noticeFor(result, tenant(), OWNER_ID)).toEqual({
      about: "link",
      kind: "alert",
      text: "The sign-in service stopped answering while linking, so we could not confirm whether your GitHub account owner.github@example.com was linked. Reload this page in a moment to see your linked accounts.",
    });
    // The tenant did link: the next visit to Settings will list it.
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, GITHUB]);
    expect(managementCalls(tenant())).toEqual([
      { ...LINK_CALL, status: 201, fault: "lose_response" },
      { ...READ_CALL, status: 503, fault: "status" },
      { ...READ_CALL, status: 503, fault: "status" },
      { ...READ_CALL, status: 503, fault: "status" },
    ]);
    expect(logs.events("linking.reconcile_read_failed")).toEqual([expect.objectContaining({ sub: OWNER_ID, code: "tenant_unavailable", status: 503 })]);
    expect(logs.events("link.outcome_recovered")).toEqual([]);
    expect(logs.events("link.finished")).toEqual([expect.objectContaining({ level: "warn", outcome: "unconfirmed", outcome_unknown: "tenant_unavailable" })]);
  });
});

describe("when the link call fails before the tenant changes anything", () => {
  it("says the sign-in service is not answering when the connection is refused, and GitHub stays a separate account", async () => {
    const { person, back } = await ownerBackFromGithub();
    tenant().faults.inject({ method: "POST", path: /\/identities$/, kind: "reset" });

    const result = redirectOf(await person.openCallback(back));

    expectNotAnswering(person, result);
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
    expect(identityIdsOf(tenant(), GITHUB)).toEqual([GITHUB]);
    expect(managementCalls(tenant())).toEqual([
      { ...LINK_CALL, status: 0, fault: "reset" },
      { ...READ_CALL, status: 200 },
    ]);
    expect(logs.events("link.finished")).toEqual([expect.objectContaining({ outcome: "tenant_unavailable", outcome_unknown: "tenant_unavailable" })]);
  });

  it("says the sign-in service is not answering after a 503, without sending the link again", async () => {
    const { person, back } = await ownerBackFromGithub();
    tenant().faults.inject({ method: "POST", path: /\/identities$/, kind: "status", status: 503, times: 3 });

    const result = redirectOf(await person.openCallback(back));

    expectNotAnswering(person, result);
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
    expect(managementCalls(tenant())).toEqual([
      { ...LINK_CALL, status: 503, fault: "status" },
      { ...READ_CALL, status: 200 },
    ]);
    expect(logs.events("management_api.retry")).toEqual([]);
  });

  it("gives up at the deadline when the tenant does not answer, and says it is not answering", async () => {
    const { person, back } = await ownerBackFromGithub();
    tenant().faults.inject({ method: "POST", path: /\/identities$/, kind: "timeout" });

    const elapsed = stopwatch();
    const result = redirectOf(await person.openCallback(back));

    expect(elapsed()).toBeGreaterThanOrEqual(DEADLINE_MS - 50);
    expect(elapsed()).toBeLessThan(DEADLINE_MS + 3000);
    expectNotAnswering(person, result);
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
    expect(managementCalls(tenant())).toEqual([
      { ...LINK_CALL, status: 0, fault: "timeout" },
      { ...READ_CALL, status: 200 },
    ]);
    const [unreachable, ...more] = logs.events("management_api.unreachable");
    expect(more).toEqual([]);
    expect(unreachable).toMatchObject({ operation: "link_identity", code: "timeout" });
    expect(unreachable?.["elapsed_ms"]).toBeGreaterThanOrEqual(DEADLINE_MS - 50);
    expect(logs.events("link.finished")).toEqual([expect.objectContaining({ outcome: "tenant_unavailable", outcome_unknown: "timeout" })]);
  });
});

describe("when the tenant's rate limit refuses the link", () => {
  it("says to try again in 1 second when the 429 asks for 1 second, and neither waits nor retries the link", async () => {
    const { person, back } = await ownerBackFromGithub();
    tenant().faults.inject({ method: "POST", path: /\/identities$/, kind: "rate_limit", retryAfterSeconds: 1 });

    const result = redirectOf(await person.openCallback(back));

    expect(result.params).toEqual({ link: "rate_limited", retry: "1" });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
    // A 429 says nothing was done: no read to reconcile.
    expect(managementCalls(tenant())).toEqual([{ ...LINK_CALL, status: 429, fault: "rate_limit" }]);
    expect(noticeFor(result, tenant(), OWNER_ID)?.text).toBe("Too many attempts right now, so nothing was linked. Please try again in 1 second.");
  });

  it("says how many seconds to wait when the 429 carries only X-RateLimit-Reset", async () => {
    const { person, back } = await ownerBackFromGithub();
    tenant().faults.inject({ method: "POST", path: /\/identities$/, kind: "rate_limit", resetAfterSeconds: 40 });

    const result = redirectOf(await person.openCallback(back));

    expect(result.params["link"]).toBe("rate_limited");
    const retry = Number(result.params["retry"]);
    expect(retry).toBeGreaterThanOrEqual(40);
    expect(retry).toBeLessThanOrEqual(41);
    expect(managementCalls(tenant())).toEqual([{ ...LINK_CALL, status: 429, fault: "rate_limit" }]);
    expect(noticeFor(result, tenant(), OWNER_ID)?.text).toBe(`Too many attempts right now, so nothing was linked. Please try again in ${retry} seconds.`);
  });
});
