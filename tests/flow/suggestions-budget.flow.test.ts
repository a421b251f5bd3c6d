/**
 * The limits that keep suggested accounts from spending the tenant's quota or
 * holding up Settings, with the app's suggestion code composed as
 * lib/setup/services.ts composes it (real Management API client, real machine token
 * from the local tenant) but with a small budget and a short wait to see them.
 */
import { LOCAL_M2M_CLIENT } from "@/lib/local-tenant";
import { createManagementClient } from "@/lib/management/client";
import { createMachineTokenSource } from "@/lib/management/machine-token";
import type { ManagementUser } from "@/lib/management/types";
import { createAccountSuggestions, type AccountSuggestions } from "@/lib/settings/suggest-accounts";
import { createSuggestionCache, type SuggestionCache } from "@/lib/settings/suggestion-cache";
import { OWNER_ID, useLocalTenant } from "../support/app";
import { recordingLogger, type RecordingLogger } from "../support/recording-logger";

const TENANT = "http://localhost:4010";
const AUDIENCE = `${TENANT}/api/v2/`;
const SUGGESTED = "github|1000003";

const { tenant } = useLocalTenant();

interface Setup {
  readonly suggestions: AccountSuggestions;
  readonly cache: SuggestionCache;
  readonly logger: RecordingLogger;
}

function setup(options: { lookupsPerMinute?: number; lookupsPerUserPerMinute?: number; waitMs?: number; timeoutMs?: number; trustedConnections?: string[] } = {}): Setup {
  const logger = recordingLogger();
  // The app's own budget (lib/setup/services.ts) unless the test asks for a smaller one.
  const cache = createSuggestionCache({ lookupsPerMinute: options.lookupsPerMinute ?? 30, lookupsPerUserPerMinute: options.lookupsPerUserPerMinute ?? 3 });
  const suggestions = createAccountSuggestions({
    management: createManagementClient({ baseUrl: AUDIENCE, logger, timeoutMs: options.timeoutMs ?? 5000 }),
    machineToken: createMachineTokenSource({ tenantOrigin: TENANT, clientId: LOCAL_M2M_CLIENT.clientId, clientSecret: LOCAL_M2M_CLIENT.clientSecret, audience: AUDIENCE, logger }),
    cache,
    connections: ["github", "google-oauth2"],
    logger,
    ...(options.waitMs === undefined ? {} : { waitMs: options.waitMs }),
    ...(options.trustedConnections === undefined ? {} : { trustedConnections: options.trustedConnections }),
  });
  return { suggestions, cache, logger };
}

/** The user as Settings reads them. */
function userAsRead(id: string): ManagementUser {
  const user = tenant().getUser(id);
  if (!user) throw new Error(`no user ${id}`);
  return user;
}

function usersByEmailCalls(): number {
  return tenant().requestLog.filter((entry) => entry.path === "/api/v2/users-by-email").length;
}

test("once the process's look-ups for the minute are spent, Settings shows no suggestions and asks the tenant nothing", async () => {
  // The intruder has a same-email account too, so a look-up would find one.
  tenant().createUser({ connection: "github", email: "intruder@example.com", emailVerified: true });
  const { suggestions, logger } = setup({ lookupsPerMinute: 1 });

  expect((await suggestions.forUser(userAsRead(OWNER_ID))).map((account) => account.userId)).toEqual([SUGGESTED]);
  expect(await suggestions.forUser(userAsRead("auth0|65a000000000000000000003"))).toEqual([]);

  expect(usersByEmailCalls()).toBe(1);
  expect(logger.events("suggestions.lookup_skipped")).toEqual([{ sub: "auth0|65a000000000000000000003", reason: "process_budget_spent" }]);
});

test("one person reloading Settings after their suggestions were forgotten, again and again, cannot keep another person from seeing theirs", async () => {
  tenant().createUser({ connection: "github", email: "intruder@example.com", emailVerified: true });
  const { suggestions, cache, logger } = setup({ lookupsPerMinute: 5 });

  // Each link or unlink forgets the person's suggestions; the next view looks again, up to their share.
  for (let view = 0; view < 10; view += 1) {
    await suggestions.forUser(userAsRead(OWNER_ID));
    cache.delete(OWNER_ID);
  }

  expect(usersByEmailCalls()).toBe(3);
  expect(logger.events("suggestions.lookup_skipped")).toHaveLength(7);
  expect(logger.events("suggestions.lookup_skipped")).toEqual(Array(7).fill({ sub: OWNER_ID, reason: "user_share_spent" }));
  const intruder = await suggestions.forUser(userAsRead("auth0|65a000000000000000000003"));
  expect(intruder.map((account) => account.email)).toEqual(["intruder@example.com"]);
});

test("a slow look-up does not hold Settings: it shows nothing now, and the suggestions on the next view without asking again", async () => {
  const { suggestions, cache, logger } = setup({ waitMs: 100, timeoutMs: 1000 });
  tenant().faults.inject({ method: "GET", path: "/api/v2/users-by-email", kind: "timeout" });

  expect(await suggestions.forUser(userAsRead(OWNER_ID))).toEqual([]);
  expect(logger.events("suggestions.lookup_slow")).toEqual([{ sub: OWNER_ID, wait_ms: 100 }]);

  // The look-up goes on in the background (its retry succeeds) and fills the cache.
  await cache.shared(OWNER_ID, async () => []);
  const calls = usersByEmailCalls();
  expect((await suggestions.forUser(userAsRead(OWNER_ID))).map((account) => account.userId)).toEqual([SUGGESTED]);
  expect(usersByEmailCalls()).toBe(calls);
});

test("suggests nothing, and calls nothing, without a machine token source", async () => {
  const logger = recordingLogger();
  const suggestions = createAccountSuggestions({
    management: createManagementClient({ baseUrl: AUDIENCE, logger }),
    machineToken: null,
    cache: createSuggestionCache(),
    connections: ["github"],
    logger,
  });

  expect(await suggestions.forUser(userAsRead(OWNER_ID))).toEqual([]);
  expect(tenant().requestLog).toEqual([]);
});

test("suggests only accounts on the connections the app offers", async () => {
  tenant().createUser({ connection: "google-oauth2", email: "intruder@example.com", emailVerified: true });
  const primary = userAsRead("auth0|65a000000000000000000003");
  const { suggestions } = setup();
  const onlyGithub = createAccountSuggestions({
    management: createManagementClient({ baseUrl: AUDIENCE, logger: recordingLogger() }),
    machineToken: createMachineTokenSource({ tenantOrigin: TENANT, clientId: LOCAL_M2M_CLIENT.clientId, clientSecret: LOCAL_M2M_CLIENT.clientSecret, audience: AUDIENCE, logger: recordingLogger() }),
    cache: createSuggestionCache(),
    connections: ["github"],
    logger: recordingLogger(),
  });

  expect((await suggestions.forUser(primary)).map((account) => account.connection)).toEqual(["google-oauth2"]);
  expect(await onlyGithub.forUser(primary)).toEqual([]);
});

describe("whose verified email Settings trusts", () => {
  it("suggests nothing, and asks the tenant nothing, to a person signed in with GitHub, whose verified email the app does not take GitHub's word for", async () => {
    // Same email, verified, on a connection the app offers: only the primary's own connection is not trusted.
    tenant().createUser({ connection: "google-oauth2", email: "owner.github@example.com", emailVerified: true });
    const { suggestions } = setup();

    expect(await suggestions.forUser(userAsRead("github|1000001"))).toEqual([]);
    expect(tenant().requestLog).toEqual([]);
  });

  it("suggests that person's Google account once the app lists GitHub among the connections it trusts", async () => {
    tenant().createUser({ connection: "google-oauth2", email: "owner.github@example.com", emailVerified: true });
    const { suggestions } = setup({ trustedConnections: ["github"] });

    expect((await suggestions.forUser(userAsRead("github|1000001"))).map((account) => account.connection)).toEqual(["google-oauth2"]);
  });

  it("still suggests the owner's GitHub account: the owner signs in with email and password, a connection Auth0 verifies emails on", async () => {
    const { suggestions } = setup();

    expect((await suggestions.forUser(userAsRead(OWNER_ID))).map((account) => account.userId)).toEqual([SUGGESTED]);
  });
});
