/**
 * What linking and Settings cost in calls to the tenant (issue #5), counted
 * exactly: Management API calls from the local tenant's own request log, and
 * the app's OIDC calls (token endpoint, JWKS, discovery) from msw's
 * `request:start` events. Only the requests the app makes count: the
 * browser's visits to the tenant's login pages are left out.
 * Settings is read as the page reads it: loadLinkedAccounts with the app's
 * own services and the mode's token (the session's own, or the machine token).
 */
import type { ManagementResult, ManagementUser } from "@/lib/management/types";
import { loadLinkedAccounts } from "@/lib/settings/load-linked-accounts";
import { ACCOUNTS, MODE, OWNER_ID, type Person, useLocalTenant } from "../support/app";
import { identitiesOf, redirectOf, sessionOf, settingsRead as readAsSettings, useApp } from "../support/linking";
import { captureLogs } from "../support/logs";

const { server, tenant } = useLocalTenant();
const running = useApp();
captureLogs();

const IDENTITIES_CALL = { method: "POST", path: `/api/v2/users/${OWNER_ID}/identities`, status: 201 };
const READ_CALL = { method: "GET", path: `/api/v2/users/${OWNER_ID}`, status: 200 };

/** In server-side mode the first Management API call of the process also asks for the machine token (then cached). */
const MACHINE_TOKEN = MODE === "server_side" ? ["POST /oauth/token"] : [];

/** The tenant endpoints the app itself calls (the browser's are /authorize, /u/…). */
const APP_CALLED = /^\/(oauth\/token|\.well-known\/|api\/v2\/|userinfo)/;

let appCalls: string[] = [];
beforeAll(() => {
  server.events.on("request:start", ({ request }) => {
    const url = new URL(request.url);
    if (APP_CALLED.test(url.pathname)) appCalls.push(`${request.method} ${url.pathname}`);
  });
});

/** A signed-in owner, with the call counts reset afterwards. */
async function signedInOwner(): Promise<Person> {
  const person = running.person();
  await person.signIn();
  resetCounts();
  return person;
}

function resetCounts(): void {
  appCalls = [];
  tenant().requestLog.length = 0;
}

function managementCalls(): { method: string; path: string; status: number }[] {
  return tenant().requestLog.map(({ method, path, status }) => ({ method, path, status }));
}

function settingsRead(person: Person): Promise<ManagementResult<ManagementUser>> {
  return readAsSettings(running, person);
}

function identityIds(result: ManagementResult<ManagementUser>): string[] | undefined {
  return result.ok ? result.value.identities.map((identity) => `${identity.provider}|${identity.user_id}`) : undefined;
}

describe("calls to the tenant", () => {
  it("a successful link costs one code exchange and one link call, plus the JWKS once", async () => {
    const person = await signedInOwner();

    expect(redirectOf(await person.link("github", ACCOUNTS.ownerGithub)).params.link).toBe("linked");

    expect(managementCalls()).toEqual([IDENTITIES_CALL]);
    expect(appCalls.filter((call) => !call.includes("jwks"))).toEqual(["POST /oauth/token", ...MACHINE_TOKEN, `POST /api/v2/users/${encodeURIComponent(OWNER_ID)}/identities`]);
    expect(appCalls.filter((call) => call.includes("jwks"))).toHaveLength(1);
  });

  it("fetches the JWKS once for two links in the same process", async () => {
    const person = await signedInOwner();
    await person.link("github", ACCOUNTS.ownerGithub);
    await person.link("google-oauth2", ACCOUNTS.ownerGoogle);

    expect(appCalls.filter((call) => call.includes("jwks"))).toHaveLength(1);
    // Two code exchanges; in server-side mode one machine token serves both links.
    expect(appCalls.filter((call) => call === "POST /oauth/token")).toHaveLength(2 + MACHINE_TOKEN.length);
    expect(managementCalls()).toEqual([IDENTITIES_CALL, IDENTITIES_CALL]);
  });

  it("a Settings view costs one read, and a second view within the cache lifetime none", async () => {
    const person = await signedInOwner();

    const first = await settingsRead(person);
    expect(identityIds(first)).toEqual([OWNER_ID]);
    expect(managementCalls()).toEqual([READ_CALL]);
    expect(appCalls).toEqual([...MACHINE_TOKEN, `GET /api/v2/users/${encodeURIComponent(OWNER_ID)}`]);

    resetCounts();
    const second = await settingsRead(person);
    expect(second).toEqual(first);
    expect(managementCalls()).toEqual([]);
    expect(appCalls).toEqual([]);
  });

  it("Settings views that miss the cache at the same moment make one read between them", async () => {
    const person = await signedInOwner();

    const views = await Promise.all([settingsRead(person), settingsRead(person), settingsRead(person)]);

    expect(views.map(identityIds)).toEqual([[OWNER_ID], [OWNER_ID], [OWNER_ID]]);
    expect(managementCalls()).toEqual([READ_CALL]);
  });

  it("a view that waited on another's failed read reads with its own token", async () => {
    const person = await signedInOwner();
    const { management, userCache, logger, managementAccess } = running.services();
    const session = await sessionOf(running, person.app);
    const view = (token: string) => loadLinkedAccounts({ management, userCache, logger, access: managementAccess, accessToken: async () => token }, OWNER_ID);

    // The first view's token is no longer accepted (say, the tab held an old session); the second's is.
    const [stale, fresh] = await Promise.all([view("not-a-valid-token"), view(session?.tokenSet.accessToken ?? "")]);

    expect(identityIds(fresh)).toEqual([OWNER_ID]);
    if (MODE === "link_with") {
      expect(stale).toMatchObject({ ok: false });
      expect(managementCalls()).toEqual([{ ...READ_CALL, status: 401 }, READ_CALL]);
    } else {
      // Server-side mode reads with the machine token whoever asks: one read serves both.
      expect(identityIds(stale)).toEqual([OWNER_ID]);
      expect(managementCalls()).toEqual([READ_CALL]);
    }
  });

  it("after a link, the next Settings view lists the new account without reading the user", async () => {
    const person = await signedInOwner();
    await settingsRead(person);
    await person.link("github", ACCOUNTS.ownerGithub);
    resetCounts();

    const after = await settingsRead(person);

    expect(identityIds(after)).toEqual([OWNER_ID, "github|1000001"]);
    expect(after.ok ? after.value.identities : undefined).toEqual(identitiesOf(tenant(), OWNER_ID));
    expect(managementCalls()).toEqual([]);
    expect(appCalls).toEqual([]);
  });

  it("after an unlink, the next Settings view no longer lists it without reading the user", async () => {
    const person = await signedInOwner();
    await person.link("github", ACCOUNTS.ownerGithub);
    await settingsRead(person);
    resetCounts();

    expect(redirectOf(await person.unlink("github|1000001")).params.unlink).toBe("unlinked");
    expect(managementCalls()).toEqual([{ method: "DELETE", path: `/api/v2/users/${OWNER_ID}/identities/github/1000001`, status: 200 }]);
    resetCounts();

    const after = await settingsRead(person);

    expect(identityIds(after)).toEqual([OWNER_ID]);
    expect(managementCalls()).toEqual([]);
  });

  it("reads the user again when a link's outcome was unknown", async () => {
    const person = await signedInOwner();
    await settingsRead(person);
    tenant().faults.inject({ method: "POST", path: /\/identities$/, kind: "lose_response" });
    await person.link("github", ACCOUNTS.ownerGithub);
    resetCounts();

    const after = await settingsRead(person);

    expect(identityIds(after)).toEqual([OWNER_ID, "github|1000001"]);
    expect(managementCalls()).toEqual([READ_CALL]);
  });
});
