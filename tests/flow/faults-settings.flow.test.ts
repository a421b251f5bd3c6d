/**
 * Settings' read of the signed-in user (`GET /api/v2/users/{id}`, as the page
 * loads it: the app's own services and the mode's token) when Auth0
 * misbehaves. A read is retried up to twice after a refused connection, a
 * 5xx, an unreadable body, a deadline (once) or a 429 with a short wait; what
 * is left is the sentence the page shows. Faults come from the local tenant's
 * fault API; every call is counted from its request log.
 */
import { readErrorMessage } from "@/lib/management/messages";
import type { ManagementResult, ManagementUser } from "@/lib/management/types";
import { OWNER_ID, useLocalTenant } from "../support/app";
import { DEADLINE_MS, FAULT_TEST_ENV, READ_CALL, managementCalls, stopwatch } from "../support/faults";
import { settingsRead as readAsSettings, useApp } from "../support/linking";
import { captureLogs } from "../support/logs";

const { tenant } = useLocalTenant();
const running = useApp(FAULT_TEST_ENV);
const logs = captureLogs();

const NOT_ANSWERING = "The sign-in service is not answering right now. Please try again in a few minutes.";

/** Signs the owner in and reads them as the Settings page does. */
async function settingsRead(inject: () => void): Promise<ManagementResult<ManagementUser>> {
  const person = running.person();
  await person.signIn();
  tenant().requestLog.length = 0;
  inject();
  return readAsSettings(running, person);
}

function expectOwner(result: ManagementResult<ManagementUser>): void {
  expect(result.ok).toBe(true);
  expect(result.ok ? result.value.user_id : undefined).toBe(OWNER_ID);
}

function sentenceOf(result: ManagementResult<ManagementUser>): string | undefined {
  return result.ok ? undefined : readErrorMessage(result.error);
}

describe("Settings reads the linked accounts even when the tenant fails for a moment", () => {
  it("after a 503", async () => {
    const result = await settingsRead(() => tenant().faults.inject({ method: "GET", path: READ_CALL.path, kind: "status", status: 503 }));

    expectOwner(result);
    expect(managementCalls(tenant())).toEqual([
      { ...READ_CALL, status: 503, fault: "status" },
      { ...READ_CALL, status: 200 },
    ]);
    expect(logs.events("management_api.retry")).toEqual([expect.objectContaining({ operation: "get_user", attempt: 2, status: 503 })]);
    expect(logs.text()).not.toMatch(/eyJ/);
  });

  it("after two refused connections", async () => {
    const result = await settingsRead(() => tenant().faults.inject({ method: "GET", path: READ_CALL.path, kind: "reset", times: 2 }));

    expectOwner(result);
    expect(managementCalls(tenant())).toEqual([
      { ...READ_CALL, status: 0, fault: "reset" },
      { ...READ_CALL, status: 0, fault: "reset" },
      { ...READ_CALL, status: 200 },
    ]);
  });

  it("after one deadline", async () => {
    const elapsed = stopwatch();
    const result = await settingsRead(() => tenant().faults.inject({ method: "GET", path: READ_CALL.path, kind: "timeout" }));

    expectOwner(result);
    expect(elapsed()).toBeGreaterThanOrEqual(DEADLINE_MS - 50);
    expect(managementCalls(tenant())).toEqual([
      { ...READ_CALL, status: 0, fault: "timeout" },
      { ...READ_CALL, status: 200 },
    ]);
  });

  it("after a body that is not JSON", async () => {
    const result = await settingsRead(() => tenant().faults.inject({ method: "GET", path: READ_CALL.path, kind: "malformed_json" }));

    expectOwner(result);
    expect(managementCalls(tenant())).toEqual([
      { ...READ_CALL, status: 200, fault: "malformed_json" },
      { ...READ_CALL, status: 200 },
    ]);
  });

  it("after waiting the second a 429's Retry-After asks for", async () => {
    const elapsed = stopwatch();
    const result = await settingsRead(() => tenant().faults.inject({ method: "GET", path: READ_CALL.path, kind: "rate_limit", retryAfterSeconds: 1 }));

    expectOwner(result);
    expect(elapsed()).toBeGreaterThanOrEqual(950);
    expect(managementCalls(tenant())).toEqual([
      { ...READ_CALL, status: 429, fault: "rate_limit" },
      { ...READ_CALL, status: 200 },
    ]);
  });

  it("after waiting until X-RateLimit-Reset when a 429 carries nothing else", async () => {
    const result = await settingsRead(() => tenant().faults.inject({ method: "GET", path: READ_CALL.path, kind: "rate_limit", resetAfterSeconds: 1 }));

    expectOwner(result);
    expect(managementCalls(tenant())).toEqual([
      { ...READ_CALL, status: 429, fault: "rate_limit" },
      { ...READ_CALL, status: 200 },
    ]);
  });
});

describe("Settings says why it cannot list the linked accounts when the tenant keeps failing", () => {
  it("says the sign-in service is not answering after three 503s", async () => {
    const result = await settingsRead(() => tenant().faults.inject({ method: "GET", path: READ_CALL.path, kind: "status", status: 502, times: 5 }));

    expect(result).toMatchObject({ ok: false, error: { code: "tenant_unavailable", status: 502 } });
    expect(sentenceOf(result)).toBe(NOT_ANSWERING);
    expect(managementCalls(tenant())).toHaveLength(3);
    expect(logs.events("management_api.gave_up")).toEqual([expect.objectContaining({ operation: "get_user", attempts: 3, reason: "attempts_used" })]);
  });

  it("says the sign-in service is not answering after two deadlines, without a third", async () => {
    const elapsed = stopwatch();
    const result = await settingsRead(() => tenant().faults.inject({ method: "GET", path: READ_CALL.path, kind: "timeout", times: 3 }));

    expect(result).toMatchObject({ ok: false, error: { code: "timeout" } });
    expect(sentenceOf(result)).toBe(NOT_ANSWERING);
    expect(elapsed()).toBeGreaterThanOrEqual(2 * DEADLINE_MS - 50);
    expect(elapsed()).toBeLessThan(2 * DEADLINE_MS + 3000);
    expect(managementCalls(tenant())).toEqual([
      { ...READ_CALL, status: 0, fault: "timeout" },
      { ...READ_CALL, status: 0, fault: "timeout" },
    ]);
  });

  it("says the sign-in service is not answering after three bodies that are not JSON", async () => {
    const result = await settingsRead(() => tenant().faults.inject({ method: "GET", path: READ_CALL.path, kind: "malformed_json", times: 3 }));

    expect(result).toMatchObject({ ok: false, error: { code: "malformed_response", status: 200 } });
    expect(sentenceOf(result)).toBe(NOT_ANSWERING);
    expect(managementCalls(tenant())).toHaveLength(3);
  });

  it("says to try again in 30 seconds when a 429 asks for 30 seconds, without waiting", async () => {
    const elapsed = stopwatch();
    const result = await settingsRead(() => tenant().faults.inject({ method: "GET", path: READ_CALL.path, kind: "rate_limit", retryAfterSeconds: 30 }));

    expect(result).toMatchObject({ ok: false, error: { code: "rate_limited", retryAfterSeconds: 30 } });
    expect(sentenceOf(result)).toBe("Too many requests right now. Please try again in 30 seconds.");
    expect(managementCalls(tenant())).toEqual([{ ...READ_CALL, status: 429, fault: "rate_limit" }]);
    expect(elapsed()).toBeLessThan(2000);
  });

  it("says how long to wait when a long 429 carries only X-RateLimit-Reset", async () => {
    const result = await settingsRead(() => tenant().faults.inject({ method: "GET", path: READ_CALL.path, kind: "rate_limit", resetAfterSeconds: 45 }));

    expect(result.ok).toBe(false);
    const seconds = result.ok ? 0 : (result.error.retryAfterSeconds ?? 0);
    expect(seconds).toBeGreaterThanOrEqual(45);
    expect(seconds).toBeLessThanOrEqual(46);
    expect(sentenceOf(result)).toBe(`Too many requests right now. Please try again in ${seconds} seconds.`);
    expect(managementCalls(tenant())).toHaveLength(1);
  });
});
